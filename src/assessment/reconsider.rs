//! What would have to change for the verdict to reach the yes family.

use serde::{Deserialize, Serialize};

use crate::audience::{ClinicianText, PatientText};
use crate::knowledge::Source;
use crate::rules::{Fact, RuleId};
use crate::vocabulary::Resolution;

/// A change that would lift one obstacle, in a form a program can apply.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Change, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/05-too-early-infection-unknown.json"))?;
/// let a = assess(&p, &Policy::default());
/// assert!(matches!(a.reconsider_when[0].change, Change::Wait { weeks: 7, .. }));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// Time must pass with conservative care going on: after `weeks` more
    /// weeks the durations reach these values (`null` when unknown now).
    Wait {
        /// Weeks from now.
        weeks: u16,
        /// Symptom weeks then.
        symptom_weeks: Option<u16>,
        /// Conservative care weeks then.
        conservative_care_weeks: Option<u16>,
    },
    /// The patient must reach the policy's minimum age.
    AgeYears {
        /// The minimum age.
        at_least: u16,
    },
    /// A condition treated under the policy must be diagnosed.
    TreatableCondition,
    /// The contraindication must no longer apply.
    Resolve {
        /// The fact that must become absent.
        fact: Fact,
        /// Whether that can be expected.
        resolution: Resolution,
    },
}

/// One thing that would have to change.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/05-too-early-infection-unknown.json"))?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.reconsider_when[0].text, "After 7 more weeks: symptoms will have lasted 12 weeks and conservative care 8 weeks.");
/// // The patient's form, which the handout prints.
/// assert_eq!(
///     a.reconsider_when[0].patient_text,
///     "Your clinician can look at this again in 7 more weeks. Until then, keep up the exercises, shoe inserts or other care you were given."
/// );
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reconsider {
    /// The rules that this change lifts, by their stable ids.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub rules: Vec<RuleId>,
    /// The change, for programs.
    pub change: Change,
    /// The change, for clinicians.
    pub text: ClinicianText,
    /// The change, for the patient: never that a medicine must be "no
    /// longer taken" or a condition "no longer apply"; for a prescribed
    /// medicine, not to stop or change it alone (docs/clinical-knowledge.md §2).
    #[serde(default)]
    pub patient_text: PatientText,
    /// Where the threshold or judgement comes from.
    pub source: Source,
}
