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

/// What the plan's preparation says about medicines
/// (`docs/clinical-knowledge.md` §2), as facts a reader can match: the
/// words are in the preparation.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/02-ankle-instability-apixaban.json"))?;
/// let plan = assess(&p, &Policy::default()).plan.unwrap();
/// // A blood thinner: the preparation says not to stop it.
/// assert!(plan.medicines.keep_prescribed);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MedicineAdvice {
    /// Anti-inflammatory painkillers are to be stopped 2 to 3 days before
    /// (the seed), named so that aspirin for the heart is not read into it.
    pub stop_anti_inflammatories: bool,
    /// Aspirin for the heart is to be kept: it is recorded, or the
    /// medicine list cannot rule it out.
    pub keep_aspirin: bool,
    /// A prescribed medicine is never the patient's to stop or change on
    /// their own (the do-not-stop line; said once).
    pub keep_prescribed: bool,
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
    /// What the preparation says about the patient's medicines.
    pub medicines: MedicineAdvice,
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
