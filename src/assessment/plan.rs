//! The plan for a patient in the yes family, section by section.

use serde::{Deserialize, Serialize};

use super::Note;
use crate::audience::PatientText;
use crate::knowledge::Source;
use crate::vocabulary::Condition;

/// One line of the plan, in plain words a patient can read.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/01-runner-heel-pain-discuss.json"))?;
/// let plan = assess(&p, &Policy::default()).plan.unwrap();
/// assert!(plan.procedure.iter().any(|i| i.text.contains("heat pack")));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanItem {
    /// The line, for the patient.
    pub text: PatientText,
    /// Its source: the seed section, or a trial for the course.
    pub source: Source,
}

/// The plan, section by section (`docs/decision-model.md` §6; yes family only).
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/01-runner-heel-pain-discuss.json"))?;
/// let plan = assess(&p, &Policy::default()).plan.unwrap();
/// // NSAIDs are listed: stop them 2-3 days before.
/// assert!(plan.preparation.iter().any(|i| i.text.contains("2 to 3 days")));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// The conditions the plan is for: those recorded that the policy
    /// treats.
    pub conditions: Vec<Condition>,
    /// Whether the injections are given without a local anaesthetic (a
    /// recorded allergy).
    pub anaesthetic_free: bool,
    /// Before the day.
    pub preparation: Vec<PlanItem>,
    /// On the day.
    pub procedure: Vec<PlanItem>,
    /// The number and spacing of sessions.
    pub course: Vec<PlanItem>,
    /// After each session.
    pub aftercare: Vec<PlanItem>,
    /// What to expect, and when to call the clinic.
    pub side_effects: Vec<PlanItem>,
    /// What the clinician reads beside the plan and the patient does not
    /// (e.g. how published advice on stopping anti-inflammatories varies).
    #[serde(default)]
    pub clinician_notes: Vec<Note>,
}
