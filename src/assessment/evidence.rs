//! The evidence for prolotherapy in each recorded condition.

use serde::{Deserialize, Serialize};

use crate::knowledge::Source;
use crate::vocabulary::{vocabulary, Condition};

vocabulary! {
/// The strength of the evidence for prolotherapy in a condition, as the
/// knowledge file grades it.
///
/// # Example
///
/// ```
/// use prolo_triage::{Condition, EvidenceLevel};
/// assert_eq!(EvidenceLevel::of(Condition::PlantarFasciitis), Some(EvidenceLevel::Moderate));
/// assert_eq!(EvidenceLevel::of(Condition::Other), None);
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum EvidenceLevel {
    /// Moderate: small randomised trials.
    Moderate,
    /// Low to moderate.
    LowToModerate,
    /// Very low: case series, extrapolation or another injectate.
    VeryLow,
    /// No trial found.
    NoneFound,
    /// The overall reviews, which grade no single condition.
    Review,
}
}

/// The evidence for one condition, or (with `condition` null) an overall
/// review.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Condition, EvidenceLevel, Policy, Presentation};
/// let p = Presentation::from_json(r#"{"conditions": ["mortons_neuroma"]}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.evidence[0].condition, Some(Condition::MortonsNeuroma));
/// assert_eq!(a.evidence[0].level, EvidenceLevel::VeryLow);
/// // The overall reviews always follow.
/// assert!(a.evidence.iter().any(|e| e.condition.is_none()));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The condition, or `None` for an overall review.
    pub condition: Option<Condition>,
    /// The grade.
    pub level: EvidenceLevel,
    /// The studies the grade rests on.
    pub source: Source,
}
