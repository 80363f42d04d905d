//! Medication classes and allergies: the list-valued facts of the
//! presentation.

use crate::vocabulary::vocabulary;

vocabulary! {
/// A medication class (classes, not brands; `decision-model.md` §4).
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
}

vocabulary! {
/// An allergy that matters for the injectate (`decision-model.md` §1).
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
}
