//! Who can answer a fact (`docs/decision-model.md` §10): the patient, a
//! clinician, or both in the sense that a patient's yes counts and only a
//! clinician rules it out.

use super::vocabulary;

vocabulary! {
/// Who can answer a fact.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Who};
/// assert_eq!(Finding::Fever.who(), Who::Patient);
/// assert_eq!(Finding::IschaemiaSigns.who(), Who::Both);
/// assert_eq!(Finding::BoneTendernessNavicular.who(), Who::Clinician);
/// assert!(Who::Both.asks_patient() && !Who::Clinician.asks_patient());
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Who {
    /// The patient: a yes and a no both count.
    Patient,
    /// Only an examination or a record settles it; never asked of a
    /// patient.
    Clinician,
    /// A patient's yes makes it present; only a clinician rules it out (a
    /// patient's no leaves it unknown).
    Both,
}
}

vocabulary! {
/// Who an [`Interview`](crate::Interview) asks (`docs/decision-model.md`
/// §10): the clinician (every question, blocking first) or the patient
/// (only what a patient can answer).
///
/// # Example
///
/// ```
/// use prolo_triage::Audience;
/// assert_eq!("patient".parse(), Ok(Audience::Patient));
/// assert_eq!(Audience::default(), Audience::Clinician);
/// ```
#[derive(Default)]
#[non_exhaustive]
pub enum Audience {
    /// The clinician: every question, blocking first (the default).
    #[default]
    Clinician,
    /// The patient: only `patient` and `both` facts, in plain words.
    Patient,
}
}

vocabulary! {
/// Who answered a fact (`answered_by`, `docs/decision-model.md` §10):
/// recorded by the intake and the clinician app, shown beside the fact,
/// never read by the rules.
///
/// # Example
///
/// ```
/// use prolo_triage::Reporter;
/// assert_eq!("patient".parse(), Ok(Reporter::Patient));
/// assert_eq!(Reporter::Clinician.as_str(), "clinician");
/// ```
#[non_exhaustive]
pub enum Reporter {
    /// The patient reported it (the intake).
    Patient,
    /// The clinician recorded it (an examination or the record).
    Clinician,
}
}

impl Reporter {
    /// Who answers in an interview for `audience`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Audience, Reporter};
    /// assert_eq!(Reporter::of(Audience::Patient), Reporter::Patient);
    /// ```
    #[must_use]
    pub const fn of(audience: Audience) -> Reporter {
        match audience {
            Audience::Patient => Reporter::Patient,
            Audience::Clinician => Reporter::Clinician,
        }
    }

    /// Words shown beside a fact for the clinician, e.g. "reported by the
    /// patient".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Reporter;
    /// assert_eq!(Reporter::Patient.label(), "reported by the patient");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Reporter::Patient => "reported by the patient",
            Reporter::Clinician => "recorded by the clinician",
        }
    }
}

impl Who {
    /// True when a patient is asked the fact (`patient` or `both`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Who;
    /// assert!(Who::Patient.asks_patient());
    /// ```
    #[must_use]
    pub const fn asks_patient(self) -> bool {
        matches!(self, Who::Patient | Who::Both)
    }
}
