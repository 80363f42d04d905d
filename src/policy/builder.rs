//! Building a policy from typed values, and the classifications the
//! contract forbids.

use crate::attribution::Attribution;
use crate::clinic::Clinic;
use enumset::EnumSet;

use super::Policy;
use crate::error::{Error, Invalid, Reclassification};
use crate::json;
use crate::rules::{contraindications, Fact, Group, RuleIndex};
use crate::units::{AgeYears, Weeks};
use crate::vocabulary::{Condition, FindingGroup};

/// Builds a [`Policy`] from typed values; see [`Policy::builder`].
///
/// # Example
///
/// ```
/// use prolo_triage::{Condition, Policy};
/// let strict = Policy::builder("strict", "1")
///     .min_age_years(21)
///     .treatable_conditions([Condition::PlantarFasciitis])
///     .build()?;
/// assert_ne!(strict.fingerprint(), Policy::default().fingerprint());
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct PolicyBuilder {
    pub(super) name: String,
    pub(super) version: String,
    pub(super) min_age_years: Option<i64>,
    pub(super) min_symptom_weeks: Option<i64>,
    pub(super) min_conservative_care_weeks: Option<i64>,
    pub(super) treatable: Option<EnumSet<Condition>>,
    pub(super) classification: Vec<(Fact, Group)>,
    pub(super) clinic: Clinic,
    pub(super) attribution: Attribution,
}

impl PolicyBuilder {
    pub(super) fn new(name: String, version: String) -> PolicyBuilder {
        PolicyBuilder {
            name,
            version,
            min_age_years: None,
            min_symptom_weeks: None,
            min_conservative_care_weeks: None,
            treatable: None,
            classification: Vec::new(),
            clinic: Clinic::default(),
            attribution: Attribution::default(),
        }
    }

    /// Minimum age in years (0–130).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Policy};
    /// let policy = Policy::builder("clinic", "2")
    ///     .min_age_years(21)
    ///     .build()?;
    /// assert_eq!(policy.min_age_years(), 21);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn min_age_years(mut self, years: u32) -> Self {
        self.min_age_years = Some(i64::from(years));
        self
    }

    /// Minimum weeks of symptoms (0–5200).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Policy};
    /// let policy = Policy::builder("clinic", "2")
    ///     .min_symptom_weeks(12)
    ///     .build()?;
    /// assert_eq!(policy.min_symptom_weeks(), 12);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn min_symptom_weeks(mut self, weeks: u32) -> Self {
        self.min_symptom_weeks = Some(i64::from(weeks));
        self
    }

    /// Minimum weeks of conservative care (0–5200).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Policy};
    /// let policy = Policy::builder("clinic", "2")
    ///     .min_conservative_care_weeks(8)
    ///     .build()?;
    /// assert_eq!(policy.min_conservative_care_weeks(), 8);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn min_conservative_care_weeks(mut self, weeks: u32) -> Self {
        self.min_conservative_care_weeks = Some(i64::from(weeks));
        self
    }

    /// The conditions treated (at least one; never `other`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Policy};
    /// let policy = Policy::builder("clinic", "2")
    ///     .treatable_conditions([Condition::PlantarFasciitis, Condition::AchillesTendinopathy])
    ///     .build()?;
    /// assert_eq!(policy.treatable_conditions().len(), 2);
    /// assert!(Policy::builder("c", "1").treatable_conditions([]).build().is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn treatable_conditions(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.treatable = Some(conditions.into_iter().collect());
        self
    }

    /// Makes a precaution `Group::Absolute` (or leaves it
    /// `Group::Relative`); absolute contraindications stay absolute and red
    /// flags stay `Group::RedFlag`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, Group, MedicationClass, Policy};
    /// let policy = Policy::builder("clinic", "2")
    ///     .classify(Fact::Medication(MedicationClass::Anticoagulant), Group::Absolute)
    ///     .build()?;
    /// let rule = prolo_triage::rules::RULES.iter().find(|r| r.id == "precaution.anticoagulant").unwrap();
    /// assert_eq!(policy.group_of(rule), Group::Absolute);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn classify(mut self, fact: Fact, group: Group) -> Self {
        self.classification.push((fact, group));
        self
    }

    /// The clinic's details for patient texts (checked when the [`Clinic`]
    /// was made); they do not change the fingerprint.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, Policy};
    /// let clinic = Clinic::default().with_name("Riverside Podiatry")?;
    /// let policy = Policy::builder("clinic", "2").clinic(clinic).build()?;
    /// assert_eq!(policy.clinic().name(), Some("Riverside Podiatry"));
    /// assert_eq!(policy.fingerprint(), Policy::default().fingerprint());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn clinic(mut self, clinic: Clinic) -> Self {
        self.clinic = clinic;
        self
    }

    /// The clinic's own source attributes (checked when the
    /// [`Attribution`] was made); they do not change the fingerprint.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Attribution, Policy};
    /// let attribution = Attribution::default().with_developer("Riverside Podiatry")?;
    /// let policy = Policy::builder("clinic", "2").attribution(attribution).build()?;
    /// assert_eq!(policy.attribution().developer(), Some("Riverside Podiatry"));
    /// assert_eq!(policy.fingerprint(), Policy::default().fingerprint());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn attribution(mut self, attribution: Attribution) -> Self {
        self.attribution = attribution;
        self
    }

    /// Checks and returns the policy.
    ///
    /// # Errors
    ///
    /// See [`Policy::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Policy;
    /// let policy = Policy::builder("clinic", "2").build()?;
    /// assert_eq!((policy.name(), policy.version()), ("clinic", "2"));
    /// assert!(policy.fingerprint().starts_with("sha256:"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn build(self) -> Result<Policy, Error> {
        let defaults = Policy::default();
        let threshold = |path: &str, value: Option<i64>, max: u16, default: u16| {
            value.map_or(Ok(default), |v| json::in_range(path, v, 0, max))
        };
        let label = |path: &str, value: String| -> Result<String, Error> {
            let ok = !value.trim().is_empty()
                && value.chars().count() <= 100
                && !value.chars().any(char::is_control);
            if ok {
                Ok(value)
            } else {
                Err(Error::Invalid {
                    path: path.into(),
                    cause: Invalid::Label,
                })
            }
        };
        let treatable = self.treatable.unwrap_or(defaults.treatable);
        if treatable.contains(Condition::Other) {
            return Err(Error::Invalid {
                path: "treatable_conditions".into(),
                cause: Invalid::OtherTreatable,
            });
        }
        if treatable.is_empty() {
            return Err(Error::Invalid {
                path: "treatable_conditions".into(),
                cause: Invalid::NoTreatableCondition,
            });
        }
        let mut absolute = defaults.absolute;
        for (fact, group) in self.classification {
            check_classification(fact, group)?;
            absolute.set(fact, group == Group::Absolute);
        }
        Ok(Policy {
            name: label("name", self.name)?,
            version: label("version", self.version)?,
            min_age_years: threshold(
                "min_age_years",
                self.min_age_years,
                AgeYears::MAX,
                defaults.min_age_years,
            )?,
            min_symptom_weeks: threshold(
                "min_symptom_weeks",
                self.min_symptom_weeks,
                Weeks::MAX,
                defaults.min_symptom_weeks,
            )?,
            min_conservative_care_weeks: threshold(
                "min_conservative_care_weeks",
                self.min_conservative_care_weeks,
                Weeks::MAX,
                defaults.min_conservative_care_weeks,
            )?,
            treatable,
            absolute,
            fingerprint: String::new(),
            rules: RuleIndex::default(),
            clinic: self.clinic,
            attribution: self.attribution,
        }
        .stamped())
    }
}

/// Refuses the moves the contract forbids.
fn check_classification(fact: Fact, group: Group) -> Result<(), Error> {
    let path = json::join("classification", &fact.to_string());
    let refuse = |cause: Reclassification| {
        Err(Error::Reclassification {
            path: path.clone(),
            cause,
        })
    };
    let red_flag = matches!(
        fact,
        Fact::Finding(f) if matches!(f.group(), FindingGroup::RedFlag | FindingGroup::OttawaComponent)
    );
    if red_flag {
        return if group == Group::RedFlag {
            Ok(())
        } else {
            refuse(Reclassification::RedFlagDowngraded { to: group })
        };
    }
    let Some((_, default)) = contraindications().find(|(f, _)| *f == fact) else {
        return refuse(Reclassification::NotAContraindication);
    };
    match (default, group) {
        (Group::Absolute, Group::Relative) => refuse(Reclassification::AbsoluteDowngraded),
        (_, Group::Absolute | Group::Relative) => Ok(()),
        (_, other) => refuse(Reclassification::NotAContraindicationGroup { to: other }),
    }
}
