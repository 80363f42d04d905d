//! The seven verdicts and their families (`docs/decision-model.md` §5).

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use crate::vocabulary::vocabulary;

vocabulary! {
/// The answer to "should prolotherapy be discussed for this foot problem
/// now?". Six verdicts are determinate, ranked worst (0) to best (5);
/// `needs_information` answers when missing facts leave the family open.
///
/// # Example
///
/// ```
/// use prolo_triage::{Family, Verdict};
/// assert_eq!(Verdict::NotYet.family(), Some(Family::No));
/// assert_eq!(Verdict::NeedsInformation.family(), None);
/// assert!(Verdict::ReferUrgently.rank() < Verdict::Discuss.rank());
/// assert_eq!(Verdict::DiscussWithPrecautions.as_str(), "discuss_with_precautions");
/// ```
pub enum Verdict {
    /// A red flag is present: refer urgently, never inject.
    ReferUrgently,
    /// An absolute contraindication is present.
    Contraindicated,
    /// No treatable condition, or below the minimum age.
    NotSuitable,
    /// Symptoms or conservative care too short so far.
    NotYet,
    /// Discuss, with the relative contraindications settled first.
    DiscussWithPrecautions,
    /// Discuss prolotherapy.
    Discuss,
    /// Missing facts leave the family open: answer the blocking questions.
    NeedsInformation,
}
}

/// The three families of determinate verdicts.
///
/// # Example
///
/// ```
/// use prolo_triage::{Family, Verdict};
/// assert_eq!(Verdict::Discuss.family(), Some(Family::Yes));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Family {
    /// Refer urgently.
    Urgent,
    /// Not prolotherapy, or not now.
    No,
    /// Prolotherapy may be discussed.
    Yes,
}

impl Verdict {
    /// The rank from worst (0, `refer_urgently`) to best (5, `discuss`);
    /// `needs_information` is not ranked.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Verdict;
    /// assert_eq!(Verdict::Discuss.rank(), Some(5));
    /// assert_eq!(Verdict::NeedsInformation.rank(), None);
    /// ```
    #[must_use]
    pub fn rank(self) -> Option<u8> {
        Some(match self {
            Verdict::ReferUrgently => 0,
            Verdict::Contraindicated => 1,
            Verdict::NotSuitable => 2,
            Verdict::NotYet => 3,
            Verdict::DiscussWithPrecautions => 4,
            Verdict::Discuss => 5,
            Verdict::NeedsInformation => return None,
        })
    }

    /// The family of a determinate verdict.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Family, Verdict};
    /// assert_eq!(Verdict::Contraindicated.family(), Some(Family::No));
    /// ```
    #[must_use]
    pub fn family(self) -> Option<Family> {
        match self {
            Verdict::ReferUrgently => Some(Family::Urgent),
            Verdict::Contraindicated | Verdict::NotSuitable | Verdict::NotYet => Some(Family::No),
            Verdict::DiscussWithPrecautions | Verdict::Discuss => Some(Family::Yes),
            Verdict::NeedsInformation => None,
        }
    }

    /// How the verdict reads at the head of a report.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Verdict;
    /// assert_eq!(Verdict::NotYet.headline(), "Not yet");
    /// ```
    #[must_use]
    pub fn headline(self) -> &'static str {
        match self {
            Verdict::ReferUrgently => "Refer urgently",
            Verdict::Contraindicated => "Contraindicated",
            Verdict::NotSuitable => "Not suitable",
            Verdict::NotYet => "Not yet",
            Verdict::DiscussWithPrecautions => "Discuss with precautions",
            Verdict::Discuss => "Discuss prolotherapy",
            Verdict::NeedsInformation => "Needs information",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn ranks_follow_declaration_order() {
        let ranks: Vec<_> = Verdict::iter().filter_map(Verdict::rank).collect();
        assert_eq!(ranks, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn headlines_are_distinct_capitalised_words() {
        let headlines: std::collections::BTreeSet<_> =
            Verdict::iter().map(Verdict::headline).collect();
        assert_eq!(headlines.len(), Verdict::iter().count());
        for headline in headlines {
            assert!(
                headline.chars().next().is_some_and(char::is_uppercase),
                "{headline:?}"
            );
        }
    }

    #[test]
    fn families_are_contiguous_in_rank() {
        let families: Vec<_> = Verdict::iter().filter_map(Verdict::family).collect();
        let mut sorted = families.clone();
        sorted.sort();
        assert_eq!(families, sorted);
    }
}
