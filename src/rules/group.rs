//! The verdict ladder's rungs.

use crate::vocabulary::{vocabulary, Verdict};

vocabulary! {
/// A rung of the verdict ladder, in the order rules are applied: the first
/// group with a present rule decides.
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, Verdict};
/// assert_eq!(Group::RedFlag.verdict(), Verdict::ReferUrgently);
/// assert_eq!(Group::all().len(), 5);
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Group {
    /// Red flags: refer urgently.
    RedFlag,
    /// Absolute contraindications.
    Absolute,
    /// Suitability: an adult with a treatable condition.
    Suitability,
    /// Timing: chronic symptoms after conservative care.
    Timing,
    /// Relative contraindications (precautions).
    Relative,
}
}

impl Group {
    /// The verdict this group gives when one of its rules is present.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Group, Verdict};
    /// assert_eq!(Group::Timing.verdict(), Verdict::NotYet);
    /// ```
    #[must_use]
    pub fn verdict(self) -> Verdict {
        match self {
            Group::RedFlag => Verdict::ReferUrgently,
            Group::Absolute => Verdict::Contraindicated,
            Group::Suitability => Verdict::NotSuitable,
            Group::Timing => Verdict::NotYet,
            Group::Relative => Verdict::DiscussWithPrecautions,
        }
    }
}

/// A value per ladder group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PerGroup<T> {
    pub(crate) red_flag: T,
    pub(crate) absolute: T,
    pub(crate) suitability: T,
    pub(crate) timing: T,
    pub(crate) relative: T,
}

impl<T: Copy> PerGroup<T> {
    /// The same value for every group.
    pub(crate) fn splat(value: T) -> PerGroup<T> {
        PerGroup {
            red_flag: value,
            absolute: value,
            suitability: value,
            timing: value,
            relative: value,
        }
    }

    pub(crate) fn get(&self, group: Group) -> T {
        match group {
            Group::RedFlag => self.red_flag,
            Group::Absolute => self.absolute,
            Group::Suitability => self.suitability,
            Group::Timing => self.timing,
            Group::Relative => self.relative,
        }
    }

    pub(crate) fn get_mut(&mut self, group: Group) -> &mut T {
        match group {
            Group::RedFlag => &mut self.red_flag,
            Group::Absolute => &mut self.absolute,
            Group::Suitability => &mut self.suitability,
            Group::Timing => &mut self.timing,
            Group::Relative => &mut self.relative,
        }
    }

    pub(crate) fn map<U>(&self, mut f: impl FnMut(Group, T) -> U) -> PerGroup<U> {
        PerGroup {
            red_flag: f(Group::RedFlag, self.red_flag),
            absolute: f(Group::Absolute, self.absolute),
            suitability: f(Group::Suitability, self.suitability),
            timing: f(Group::Timing, self.timing),
            relative: f(Group::Relative, self.relative),
        }
    }
}
