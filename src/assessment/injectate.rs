//! Each injectate's standing for the patient, with its notes.

use serde::{Deserialize, Serialize};

use crate::audience::ClinicianText;
use crate::knowledge::Source;
use crate::rules::NoteId;
use crate::vocabulary::{Injectate, Suitability};

/// A note behind an injectate's suitability.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Injectate, Policy, Presentation};
/// let a = assess(&Presentation::default(), &Policy::default());
/// let dextrose = a.injectates.iter().find(|i| i.injectate == Injectate::Dextrose).unwrap();
/// assert!(dextrose.notes.iter().all(|n| !n.source.citation.is_empty()));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Note {
    /// What the note is about: a rule of
    /// [`INJECTATE_RULES`](crate::rules::INJECTATE_RULES), the injectate's
    /// description (`<injectate>.about`), saline shown as suitable
    /// (`saline.comparison`), or the advice on anti-inflammatory medicines
    /// in [`Plan::clinician_notes`](crate::Plan::clinician_notes)
    /// (`plan.nsaid_advice`). Serialized as its stable id.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rule: NoteId,
    /// Clinician-facing text.
    pub text: ClinicianText,
    /// Where it comes from.
    pub source: Source,
}

/// One injectate's standing for the patient.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Injectate, Policy, Presentation, Suitability};
/// let p = Presentation::from_json(r#"{"allergies": ["corn"]}"#)?;
/// let a = assess(&p, &Policy::default());
/// let dextrose = a.injectates.iter().find(|i| i.injectate == Injectate::Dextrose).unwrap();
/// assert_eq!(dextrose.suitability, Suitability::Avoid);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InjectateAdvice {
    /// The injectate.
    pub injectate: Injectate,
    /// Its standing: the worst of its rules that hold, `caution` for one
    /// that may hold.
    pub suitability: Suitability,
    /// What it is, then why it stands where it does.
    pub notes: Vec<Note>,
}
