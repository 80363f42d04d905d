//! The evidence for each recorded condition, then the overall reviews.

use crate::assessment::{Evidence, EvidenceLevel};
use crate::engine::Evaluation;
use crate::knowledge::{self as k, Source};
use crate::vocabulary::Condition;

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
pub(crate) fn evidence(ev: &Evaluation<'_>) -> Vec<Evidence> {
    let conditions = ev.conditions().unwrap_or_default();
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
