//! What the verdict was decided on, typed for the readers of an
//! assessment (the handout, the card): they never recover a value from
//! another section's sentence.

use serde::{Deserialize, Serialize};

use crate::policy::{
    Policy, LITERATURE_MIN_AGE_YEARS, LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS,
    LITERATURE_MIN_SYMPTOM_WEEKS,
};
use crate::vocabulary::Condition;

/// The values of the presentation the verdict read: the conditions and
/// the patient's numbers (`null` when the record does not say).
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Condition, Policy, Presentation};
/// let p = Presentation::from_json(r#"{"age_years": 14, "conditions": ["heel_pain"]}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.basis.age_years, Some(14));
/// assert_eq!(a.basis.conditions, Some(vec![Condition::HeelPain]));
/// assert_eq!(a.basis.symptom_weeks, None);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Basis {
    /// The recorded conditions, in vocabulary order; `null` when unknown.
    pub conditions: Option<Vec<Condition>>,
    /// Age in years; `null` when unknown.
    pub age_years: Option<u16>,
    /// How long the symptoms have lasted, in weeks; `null` when unknown.
    pub symptom_weeks: Option<u16>,
    /// How long conservative care has been tried, in weeks; `null` when
    /// unknown.
    pub conservative_care_weeks: Option<u16>,
}

/// The literature's minimums (`docs/clinical-knowledge.md` §3): every
/// trial found enrolled adults with symptoms of 3 months or more, after
/// about 6 weeks of guideline care.
///
/// # Example
///
/// ```
/// use prolo_triage::{Policy, Thresholds};
/// assert_eq!(Thresholds::from(&Policy::default()), Thresholds::LITERATURE);
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Thresholds {
    /// Minimum age in years.
    pub min_age_years: u16,
    /// Minimum duration of symptoms, in weeks.
    pub min_symptom_weeks: u16,
    /// Minimum conservative care, in weeks.
    pub min_conservative_care_weeks: u16,
}

impl Thresholds {
    /// The literature's values: 18 years, 12 weeks, 6 weeks.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Thresholds;
    /// assert_eq!(Thresholds::LITERATURE.min_age_years, 18);
    /// ```
    pub const LITERATURE: Thresholds = Thresholds {
        min_age_years: LITERATURE_MIN_AGE_YEARS,
        min_symptom_weeks: LITERATURE_MIN_SYMPTOM_WEEKS,
        min_conservative_care_weeks: LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS,
    };
}

impl Basis {
    /// True when the patient is younger than every trial's participants
    /// (the literature's 18), whatever the policy allows.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Basis;
    /// let mut b = Basis::default();
    /// assert!(!b.younger_than_the_trials());
    /// b.age_years = Some(14);
    /// assert!(b.younger_than_the_trials());
    /// ```
    #[must_use]
    pub fn younger_than_the_trials(&self) -> bool {
        self.age_years
            .is_some_and(|a| a < Thresholds::LITERATURE.min_age_years)
    }

    /// True when the symptoms are shorter than the trials' 3 months,
    /// whatever the policy allows.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Basis;
    /// let mut b = Basis::default();
    /// b.symptom_weeks = Some(6);
    /// assert!(b.shorter_than_the_trials());
    /// ```
    #[must_use]
    pub fn shorter_than_the_trials(&self) -> bool {
        self.symptom_weeks
            .is_some_and(|w| w < Thresholds::LITERATURE.min_symptom_weeks)
    }

    /// True when a recorded condition is one of those `of`.
    #[must_use]
    pub(crate) fn has_any(&self, of: &[Condition]) -> bool {
        self.conditions
            .as_ref()
            .is_some_and(|cs| cs.iter().any(|c| of.contains(c)))
    }
}

impl From<&Policy> for Thresholds {
    fn from(policy: &Policy) -> Thresholds {
        Thresholds {
            min_age_years: policy.min_age_years(),
            min_symptom_weeks: policy.min_symptom_weeks(),
            min_conservative_care_weeks: policy.min_conservative_care_weeks(),
        }
    }
}
