//! Medication classes and allergies: the list-valued facts of the
//! presentation.

use crate::audience::PatientText;
use crate::vocabulary::vocabulary;

vocabulary! {
/// A medication class (classes, not brands; `docs/decision-model.md` §4).
///
/// # Example
///
/// ```
/// use prolo_triage::MedicationClass;
/// assert!(MedicationClass::Anticoagulant.is_precaution());
/// // NSAIDs change the preparation, not the verdict; low-dose aspirin
/// // changes nothing.
/// assert!(!MedicationClass::Nsaid.is_precaution());
/// assert!(!MedicationClass::LowDoseAspirin.is_precaution());
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum MedicationClass {
    /// Non-steroidal anti-inflammatory drugs.
    Nsaid,
    /// Warfarin, DOACs, heparins.
    Anticoagulant,
    /// Antiplatelet drugs other than low-dose aspirin.
    Antiplatelet,
    /// Low-dose aspirin: acceptable, changes nothing.
    LowDoseAspirin,
    /// Systemic corticosteroids.
    SystemicCorticosteroid,
    /// Immunosuppressants.
    Immunosuppressant,
}
}

impl MedicationClass {
    /// A short clinician-facing name.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert_eq!(MedicationClass::Nsaid.label(), "NSAID");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            MedicationClass::Nsaid => "NSAID",
            MedicationClass::Anticoagulant => "anticoagulant",
            MedicationClass::Antiplatelet => "antiplatelet drug",
            MedicationClass::LowDoseAspirin => "low-dose aspirin",
            MedicationClass::SystemicCorticosteroid => "systemic corticosteroid",
            MedicationClass::Immunosuppressant => "immunosuppressant",
        }
    }

    /// The fact's path in the wire format, `medications.<class>`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert_eq!(MedicationClass::Nsaid.path(), "medications.nsaid");
    /// ```
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            MedicationClass::Nsaid => "medications.nsaid",
            MedicationClass::Anticoagulant => "medications.anticoagulant",
            MedicationClass::Antiplatelet => "medications.antiplatelet",
            MedicationClass::LowDoseAspirin => "medications.low_dose_aspirin",
            MedicationClass::SystemicCorticosteroid => "medications.systemic_corticosteroid",
            MedicationClass::Immunosuppressant => "medications.immunosuppressant",
        }
    }

    /// The question a clinician asks about this one class, for an open
    /// list (the classes as `docs/decision-model.md` §4 defines them).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert!(MedicationClass::Anticoagulant.question().contains("warfarin"));
    /// ```
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            MedicationClass::Nsaid => {
                "Does the patient take an NSAID (a non-steroidal anti-inflammatory drug)?"
            }
            MedicationClass::Anticoagulant => {
                "Does the patient take an anticoagulant (warfarin, a DOAC or a heparin)?"
            }
            MedicationClass::Antiplatelet => {
                "Does the patient take an antiplatelet drug other than low-dose aspirin?"
            }
            MedicationClass::LowDoseAspirin => "Does the patient take low-dose aspirin?",
            MedicationClass::SystemicCorticosteroid => {
                "Does the patient take a systemic corticosteroid?"
            }
            MedicationClass::Immunosuppressant => "Does the patient take an immunosuppressant?",
        }
    }

    /// Plain words for a patient, never the class name (a blood thinner,
    /// not "anticoagulant").
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert_eq!(MedicationClass::Anticoagulant.patient_label(), "a blood thinner");
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> &'static str {
        match self {
            MedicationClass::Nsaid => "anti-inflammatory medicines",
            MedicationClass::Anticoagulant => "a blood thinner",
            MedicationClass::Antiplatelet => {
                "a medicine such as clopidogrel that stops blood cells sticking together (not low-dose aspirin)"
            }
            MedicationClass::LowDoseAspirin => "aspirin for the heart",
            MedicationClass::SystemicCorticosteroid => "a steroid medicine",
            MedicationClass::Immunosuppressant => "a medicine that weakens the immune system",
        }
    }

    /// The question a patient is asked about this one class: the patient
    /// knows what they take (`who` is `patient` for every class).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert_eq!(MedicationClass::Anticoagulant.patient_question(), "Do you take a blood thinner?");
    /// ```
    #[must_use]
    pub fn patient_question(self) -> PatientText {
        PatientText::from_static(match self {
            MedicationClass::Nsaid => "Do you take anti-inflammatory medicines, such as ibuprofen, naproxen or diclofenac?",
            MedicationClass::Anticoagulant => "Do you take a blood thinner?",
            MedicationClass::Antiplatelet => {
                "Do you take a medicine that affects blood clotting, such as clopidogrel (not aspirin for the heart)?"
            }
            MedicationClass::LowDoseAspirin => "Do you take aspirin for the heart?",
            MedicationClass::SystemicCorticosteroid => "Do you take a steroid medicine, as tablets or injections?",
            MedicationClass::Immunosuppressant => "Do you take a medicine that weakens the immune system?",
        })
    }

    /// Whether a doctor prescribes the class, so that the patient must hear
    /// not to stop it alone (anti-inflammatory medicines may be bought, and
    /// carry the line anyway beside the stop line).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert!(MedicationClass::Anticoagulant.is_prescribed());
    /// assert!(!MedicationClass::Nsaid.is_prescribed());
    /// ```
    #[must_use]
    pub const fn is_prescribed(self) -> bool {
        !matches!(self, MedicationClass::Nsaid)
    }
}

vocabulary! {
/// An allergy that matters for the injectate (`docs/decision-model.md` §1).
///
/// # Example
///
/// ```
/// use prolo_triage::Allergy;
/// // Dextrose is made from corn.
/// assert_eq!("corn".parse::<Allergy>(), Ok(Allergy::Corn));
/// assert_eq!(Allergy::all().len(), 3);
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Allergy {
    /// Allergy to local anaesthetic.
    LocalAnaesthetic,
    /// Allergy to dextrose.
    Dextrose,
    /// Allergy to corn (dextrose is made from corn).
    Corn,
}
}

impl Allergy {
    /// A short clinician-facing name.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Allergy;
    /// assert_eq!(Allergy::Corn.label(), "corn allergy");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Allergy::LocalAnaesthetic => "local anaesthetic allergy",
            Allergy::Dextrose => "dextrose allergy",
            Allergy::Corn => "corn allergy",
        }
    }

    /// The fact's path in the wire format, `allergies.<allergy>`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Allergy;
    /// assert_eq!(Allergy::Corn.path(), "allergies.corn");
    /// ```
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Allergy::LocalAnaesthetic => "allergies.local_anaesthetic",
            Allergy::Dextrose => "allergies.dextrose",
            Allergy::Corn => "allergies.corn",
        }
    }

    /// The question a clinician asks about this one allergy, for an open
    /// list.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Allergy;
    /// assert!(Allergy::Corn.question().contains("corn"));
    /// ```
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            Allergy::LocalAnaesthetic => "Is the patient allergic to local anaesthetic?",
            Allergy::Dextrose => "Is the patient allergic to dextrose?",
            Allergy::Corn => "Is the patient allergic to corn (dextrose is made from corn)?",
        }
    }

    /// Plain words for a patient.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Allergy;
    /// assert_eq!(Allergy::Corn.patient_label(), "a corn allergy");
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> &'static str {
        match self {
            Allergy::LocalAnaesthetic => "an allergy to numbing medicine",
            Allergy::Dextrose => "an allergy to dextrose (sugar water)",
            Allergy::Corn => "a corn allergy",
        }
    }

    /// The question a patient is asked about this one allergy.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Allergy;
    /// assert_eq!(Allergy::Corn.patient_question(), "Are you allergic to corn?");
    /// ```
    #[must_use]
    pub fn patient_question(self) -> PatientText {
        PatientText::from_static(match self {
            Allergy::LocalAnaesthetic => {
                "Are you allergic to numbing medicine (local anaesthetic)?"
            }
            Allergy::Dextrose => "Are you allergic to dextrose (a kind of sugar)?",
            Allergy::Corn => "Are you allergic to corn?",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn serde_and_strum_agree_on_wire_names() {
        for m in MedicationClass::iter() {
            let json = serde_json::to_string(&m).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        for a in Allergy::iter() {
            let json = serde_json::to_string(&a).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
        }
    }

    #[test]
    fn paths_are_the_list_and_the_wire_name() {
        for m in MedicationClass::iter() {
            assert_eq!(m.path(), format!("medications.{m}"));
            assert!(m.question().ends_with('?'), "{m}");
        }
        for a in Allergy::iter() {
            assert_eq!(a.path(), format!("allergies.{a}"));
            assert!(a.question().ends_with('?'), "{a}");
        }
    }
}
