//! Patient wording of the facts the rules read: plain words for a finding
//! (`Finding::patient_label`), a medicine, an allergy or a threshold, and
//! the line that keeps a patient from stopping a prescribed medicine
//! (clinical-knowledge §2, "Prescribed medicines [I]"). Both the builders
//! in `explain` and the handout read it; it imports only vocabularies.

use crate::audience::PatientText;
use crate::rules::Fact;
use crate::vocabulary::{Allergy, MedicationClass};

/// The line beside every mention of a prescribed medicine, and beside the
/// anti-inflammatory line (clinical-knowledge §2).
pub(crate) const DO_NOT_STOP: PatientText = PatientText::from_static(
    "Do not stop or change any medicine a doctor has prescribed for you on your own: only on the advice of the doctor who prescribes it.",
);

/// Plain words for a medication class, never the class name.
pub(crate) const fn medication(m: MedicationClass) -> &'static str {
    match m {
        MedicationClass::Nsaid => "anti-inflammatory medicines",
        MedicationClass::Anticoagulant => "a blood thinner",
        MedicationClass::Antiplatelet => "a medicine that affects blood clotting",
        MedicationClass::LowDoseAspirin => "aspirin for the heart",
        MedicationClass::SystemicCorticosteroid => "a steroid medicine",
        MedicationClass::Immunosuppressant => "a medicine that weakens the immune system",
    }
}

/// Whether a doctor prescribes the class, so that the patient must hear
/// not to stop it alone (anti-inflammatory medicines may be bought, and
/// carry the line anyway beside the stop line).
pub(crate) const fn is_prescribed(m: MedicationClass) -> bool {
    !matches!(m, MedicationClass::Nsaid)
}

/// Plain words for an allergy.
pub(crate) const fn allergy(a: Allergy) -> &'static str {
    match a {
        Allergy::LocalAnaesthetic => "an allergy to local anaesthetic",
        Allergy::Dextrose => "an allergy to dextrose (sugar water)",
        Allergy::Corn => "a corn allergy",
    }
}

/// Plain words for any fact a rule reads.
pub(crate) fn fact(f: Fact) -> PatientText {
    PatientText::from_static(match f {
        Fact::Finding(finding) => return finding.patient_label(),
        Fact::Medication(m) => medication(m),
        Fact::Allergy(a) => allergy(a),
        Fact::Condition(c) => c.label(),
        Fact::AgeBelowMinimum => "your age",
        Fact::NoTreatableCondition => "the kind of foot problem you have",
        Fact::SymptomsBelowMinimum => "how long you have had the problem",
        Fact::CareBelowMinimum => "how long the first treatments have been tried",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::Finding;

    #[test]
    fn patient_words_never_carry_the_class_name() {
        for &m in MedicationClass::all() {
            let words = medication(m).to_lowercase();
            assert!(!words.contains(&m.label().to_lowercase()), "{m}");
            assert!(!words.contains(m.as_str()), "{m}");
        }
    }

    #[test]
    fn every_finding_has_plain_words_unlike_its_jargon() {
        for &f in Finding::all() {
            let words = f.patient_label();
            assert!(!words.is_empty(), "{f}");
            for jargon in [
                "DVT",
                "malleolus",
                "metatarsal",
                "navicular",
                "ischaemia",
                "neuropathy",
                "malignancy",
                "systemic",
                "immunosuppression",
                "rupture",
                "(possible",
            ] {
                assert!(!words.contains(jargon), "{f}: {jargon} in {words}");
            }
        }
        assert_eq!(
            Finding::CalfSwelling.patient_label(),
            "a possible blood clot in the calf"
        );
    }
}
