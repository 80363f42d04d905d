//! Three-valued truth: a fact is present, absent, or not known.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// The value of a clinical fact: `present`, `absent` or `unknown`.
///
/// Unknown is a first-class value, not a missing `bool`: the engine reasons
/// over it with Kleene's strong three-valued logic, where *unknown* means
/// "could be either". The order `Absent < Unknown < Present` makes
/// [`Truth::and`] the minimum and [`Truth::or`] the maximum.
///
/// # Example
///
/// ```
/// use prolo_triage::Truth;
///
/// // Kleene logic: one known-true disjunct settles an `or`…
/// assert_eq!(Truth::Present.or(Truth::Unknown), Truth::Present);
/// // …but an `and` with an unknown stays unknown.
/// assert_eq!(Truth::Present.and(Truth::Unknown), Truth::Unknown);
/// assert_eq!(!Truth::Unknown, Truth::Unknown);
/// assert_eq!("absent".parse::<Truth>(), Ok(Truth::Absent));
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
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Truth {
    /// The fact is known not to hold.
    Absent,
    /// The fact has not been established either way.
    #[default]
    Unknown,
    /// The fact is known to hold.
    Present,
}

impl Truth {
    /// Kleene conjunction: absent if either is absent, present if both are
    /// present, unknown otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert_eq!(Truth::Absent.and(Truth::Unknown), Truth::Absent);
    /// assert_eq!(Truth::Present.and(Truth::Present), Truth::Present);
    /// ```
    #[must_use]
    pub const fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Absent, _) | (_, Truth::Absent) => Truth::Absent,
            (Truth::Present, Truth::Present) => Truth::Present,
            _ => Truth::Unknown,
        }
    }

    /// Kleene disjunction: present if either is present, absent if both are
    /// absent, unknown otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert_eq!(Truth::Absent.or(Truth::Unknown), Truth::Unknown);
    /// assert_eq!(Truth::Unknown.or(Truth::Present), Truth::Present);
    /// ```
    #[must_use]
    pub const fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Present, _) | (_, Truth::Present) => Truth::Present,
            (Truth::Absent, Truth::Absent) => Truth::Absent,
            _ => Truth::Unknown,
        }
    }

    /// Kleene negation: swaps present and absent, keeps unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert_eq!(Truth::Present.not(), Truth::Absent);
    /// assert_eq!(Truth::Unknown.not(), Truth::Unknown);
    /// ```
    #[must_use]
    #[allow(clippy::should_implement_trait)] // `Not` is implemented too; this one is `const`.
    pub const fn not(self) -> Truth {
        match self {
            Truth::Present => Truth::Absent,
            Truth::Absent => Truth::Present,
            Truth::Unknown => Truth::Unknown,
        }
    }

    /// Converts a known boolean.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert_eq!(Truth::from_bool(true), Truth::Present);
    /// ```
    #[must_use]
    pub const fn from_bool(value: bool) -> Truth {
        if value {
            Truth::Present
        } else {
            Truth::Absent
        }
    }

    /// True when the value is settled (present or absent).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert!(Truth::Absent.is_known());
    /// assert!(!Truth::Unknown.is_known());
    /// ```
    #[must_use]
    pub const fn is_known(self) -> bool {
        !matches!(self, Truth::Unknown)
    }

    /// The three-valued comparison `value < threshold`, where an unknown
    /// value is unknown against any threshold it could fall on either side
    /// of. Nothing is below a threshold of zero, so that case is absent.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Truth;
    /// assert_eq!(Truth::below(Some(14), 18), Truth::Present);
    /// assert_eq!(Truth::below(Some(18), 18), Truth::Absent);
    /// assert_eq!(Truth::below(None, 18), Truth::Unknown);
    /// assert_eq!(Truth::below(None, 0), Truth::Absent);
    /// ```
    #[must_use]
    pub const fn below(value: Option<u16>, threshold: u16) -> Truth {
        match value {
            Some(v) => Truth::from_bool(v < threshold),
            None if threshold == 0 => Truth::Absent,
            None => Truth::Unknown,
        }
    }
}

impl std::ops::Not for Truth {
    type Output = Truth;
    fn not(self) -> Truth {
        Truth::not(self)
    }
}

impl std::ops::BitAnd for Truth {
    type Output = Truth;
    fn bitand(self, rhs: Truth) -> Truth {
        self.and(rhs)
    }
}

impl std::ops::BitOr for Truth {
    type Output = Truth;
    fn bitor(self, rhs: Truth) -> Truth {
        self.or(rhs)
    }
}

impl From<bool> for Truth {
    fn from(value: bool) -> Truth {
        Truth::from_bool(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Truth::{self, Absent as F, Present as T, Unknown as U};
    use strum::IntoEnumIterator;

    #[test]
    fn a_bool_is_a_known_truth() {
        assert_eq!(Truth::from(true), T);
        assert_eq!(Truth::from(false), F);
    }

    #[test]
    fn only_unknown_is_not_known() {
        assert!(F.is_known());
        assert!(T.is_known());
        assert!(!U.is_known());
    }

    #[test]
    fn and_truth_table() {
        let table = [
            (T, T, T),
            (T, U, U),
            (T, F, F),
            (U, T, U),
            (U, U, U),
            (U, F, F),
            (F, T, F),
            (F, U, F),
            (F, F, F),
        ];
        for (a, b, want) in table {
            assert_eq!(a.and(b), want, "{a} and {b}");
            assert_eq!(a & b, want, "{a} & {b}");
        }
    }

    #[test]
    fn or_truth_table() {
        let table = [
            (T, T, T),
            (T, U, T),
            (T, F, T),
            (U, T, T),
            (U, U, U),
            (U, F, U),
            (F, T, T),
            (F, U, U),
            (F, F, F),
        ];
        for (a, b, want) in table {
            assert_eq!(a.or(b), want, "{a} or {b}");
            assert_eq!(a | b, want, "{a} | {b}");
        }
    }

    #[test]
    fn not_truth_table() {
        assert_eq!(!T, F);
        assert_eq!(!F, T);
        assert_eq!(!U, U);
    }

    #[test]
    fn de_morgan_holds_in_kleene_logic() {
        for a in Truth::iter() {
            for b in Truth::iter() {
                assert_eq!(!(a & b), !a | !b);
                assert_eq!(!(a | b), !a & !b);
            }
        }
    }

    #[test]
    fn order_makes_and_min_and_or_max() {
        for a in Truth::iter() {
            for b in Truth::iter() {
                assert_eq!(a & b, a.min(b));
                assert_eq!(a | b, a.max(b));
            }
        }
    }

    #[test]
    fn below_threshold() {
        assert_eq!(Truth::below(Some(0), 1), T);
        assert_eq!(Truth::below(Some(1), 1), F);
        assert_eq!(Truth::below(Some(0), 0), F);
        assert_eq!(Truth::below(None, 1), U);
        assert_eq!(Truth::below(None, 0), F);
    }

    #[test]
    fn wire_names() {
        for t in Truth::iter() {
            let json = serde_json::to_string(&t).unwrap_or_default();
            assert_eq!(json, format!("\"{t}\""));
        }
    }
}
