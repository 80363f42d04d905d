//! The line that keeps a patient from stopping a prescribed medicine
//! (docs/clinical-knowledge.md §2, "Prescribed medicines [I]"). Each fact's own
//! patient words live with the fact (`Fact::patient_label`). Both the
//! builders in `explain` and the handout read it.

use crate::audience::PatientText;

/// The line beside every mention of a prescribed medicine, and beside the
/// anti-inflammatory line (docs/clinical-knowledge.md §2).
pub(crate) const DO_NOT_STOP: PatientText = PatientText::from_static(
    "Do not stop or change any medicine a doctor has prescribed for you on your own: only on the advice of the doctor who prescribes it.",
);

#[cfg(test)]
mod tests {
    use crate::vocabulary::{Finding, MedicationClass};

    #[test]
    fn patient_words_never_carry_the_class_name() {
        for &m in MedicationClass::all() {
            let words = m.patient_label().to_lowercase();
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
