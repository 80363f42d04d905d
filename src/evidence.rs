//! How good the evidence is, per condition (clinical-knowledge §4).

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::knowledge::{self as k, Source};
use crate::presentation::Presentation;
use crate::vocabulary::vocabulary;

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

impl EvidenceLevel {
    /// The grade for a condition; `None` for `other`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, EvidenceLevel};
    /// assert!(EvidenceLevel::of(Condition::PlantarFasciitis).is_some());
    /// assert_eq!(EvidenceLevel::of(Condition::Other), None);
    /// ```
    #[must_use]
    pub fn of(condition: Condition) -> Option<EvidenceLevel> {
        evidence_of(condition).map(|(level, _)| level)
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

fn evidence_of(condition: Condition) -> Option<(EvidenceLevel, Source)> {
    use Condition::*;
    use EvidenceLevel::*;
    Some(match condition {
        PlantarFasciitis | HeelPain => (Moderate, k::EVIDENCE_HEEL),
        AchillesTendinopathy => (LowToModerate, k::EVIDENCE_ACHILLES),
        MortonsNeuroma => (VeryLow, k::EVIDENCE_MORTON),
        BunionPain => (VeryLow, k::EVIDENCE_BUNION),
        Osteoarthritis => (VeryLow, k::EVIDENCE_OA),
        Tendinitis => (VeryLow, k::EVIDENCE_TENDINITIS),
        FallenArch => (NoneFound, k::EVIDENCE_FALLEN_ARCH),
        Other => return None,
    })
}

/// The evidence for each recorded condition, then the overall reviews.
pub(crate) fn evidence(presentation: &Presentation) -> Vec<Evidence> {
    let conditions = presentation.conditions().unwrap_or_default();
    let mut out = Vec::with_capacity(conditions.len().saturating_add(2));
    out.extend(conditions.iter().filter_map(|c| {
        evidence_of(c).map(|(level, source)| Evidence {
            condition: Some(c),
            level,
            source,
        })
    }));
    for source in [k::EVIDENCE_REVIEW_SANDERSON, k::EVIDENCE_REVIEW_REEVES] {
        out.push(Evidence {
            condition: None,
            level: EvidenceLevel::Review,
            source,
        });
    }
    out
}
