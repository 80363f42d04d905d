//! Policy: the thresholds and classifications a clinic decides with
//! (`decision-model.md` §7).

use std::fmt::Write as _;

use enumset::EnumSet;
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use crate::compiled::CompiledRules;
use crate::condition::Condition;
use crate::error::Error;
use crate::finding::{Finding, FindingGroup};
use crate::medication::{Allergy, MedicationClass};
use crate::rules::{Fact, Formula, Group, Rule, RULES};
use crate::units::{AgeYears, Weeks};
use crate::wire::{self, Entries};

/// The thresholds and classifications that decide, with literature
/// defaults: adults (18+), symptoms for 12 weeks, 6 weeks of conservative
/// care, the eight conditions of the source document, and the absolute
/// contraindications of `clinical-knowledge.md` §2.
///
/// A clinic can raise or lower thresholds, treat fewer conditions, and make
/// precautions absolute (some clinics refuse anyone on anticoagulants).
/// Red flags and absolute contraindications can never be downgraded. Every
/// assessment carries the policy's name, version and fingerprint, a SHA-256
/// of its canonical form, for audit.
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, Policy};
///
/// let strict = Policy::from_json(r#"{
///     "name": "Riverside podiatry",
///     "version": "2026-11",
///     "classification": {"medications.anticoagulant": "absolute"}
/// }"#)?;
/// assert_eq!(strict.min_age_years(), 18); // unchanged default
/// assert_ne!(strict.fingerprint(), Policy::default().fingerprint());
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    name: String,
    version: String,
    min_age_years: u16,
    min_symptom_weeks: u16,
    min_conservative_care_weeks: u16,
    treatable: EnumSet<Condition>,
    absolute: Absolute,
    fingerprint: String,
    /// The rule table under this classification (derived, so not part of
    /// the fingerprint or the JSON).
    compiled: CompiledRules,
}

/// The contraindications treated as absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Absolute {
    findings: EnumSet<Finding>,
    medications: EnumSet<MedicationClass>,
    allergies: EnumSet<Allergy>,
}

impl Absolute {
    fn contains(&self, fact: Fact) -> bool {
        match fact {
            Fact::Finding(f) => self.findings.contains(f),
            Fact::Medication(m) => self.medications.contains(m),
            Fact::Allergy(a) => self.allergies.contains(a),
            _ => false,
        }
    }

    fn set(&mut self, fact: Fact, absolute: bool) {
        match fact {
            Fact::Finding(f) if absolute => self.findings.insert(f),
            Fact::Finding(f) => self.findings.remove(f),
            Fact::Medication(m) if absolute => self.medications.insert(m),
            Fact::Medication(m) => self.medications.remove(m),
            Fact::Allergy(a) if absolute => self.allergies.insert(a),
            Fact::Allergy(a) => self.allergies.remove(a),
            _ => false,
        };
    }
}

/// The single-fact contraindication rules, with their default group.
fn contraindications() -> impl Iterator<Item = (Fact, Group)> {
    RULES
        .iter()
        .filter_map(|rule| match (rule.group, rule.formula) {
            (group @ (Group::Absolute | Group::Relative), Formula::Fact(fact)) => {
                Some((fact, group))
            }
            _ => None,
        })
}

/// The facts a policy may classify.
fn contraindication_facts() -> impl Iterator<Item = Fact> {
    contraindications().map(|(fact, _)| fact)
}

/// The name of the built-in policy.
///
/// # Example
///
/// ```
/// use prolo_triage::{Policy, DEFAULT_POLICY_NAME};
/// assert_eq!(Policy::default().name(), DEFAULT_POLICY_NAME);
/// ```
pub const DEFAULT_POLICY_NAME: &str = "literature-defaults";

impl Default for Policy {
    fn default() -> Policy {
        let absolute = Absolute {
            findings: Finding::all()
                .iter()
                .copied()
                .filter(|f| f.group() == FindingGroup::Absolute)
                .collect(),
            ..Absolute::default()
        };
        Policy {
            name: DEFAULT_POLICY_NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            min_age_years: 18,
            min_symptom_weeks: 12,
            min_conservative_care_weeks: 6,
            treatable: Condition::all()
                .iter()
                .copied()
                .filter(|c| c.is_listed_as_treatable())
                .collect(),
            absolute,
            fingerprint: String::new(),
            compiled: CompiledRules::default(),
        }
        .stamped()
    }
}

impl Policy {
    /// The policy's name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Policy::default().name(), "literature-defaults");
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The policy's version, as the clinic labels it (the crate version
    /// for the default).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!prolo_triage::Policy::default().version().is_empty());
    /// ```
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// `sha256:` and the hex SHA-256 of the canonical form: the thresholds,
    /// treatable conditions and absolute contraindications, not the name.
    /// Two policies that decide alike share a fingerprint.
    ///
    /// # Example
    ///
    /// ```
    /// let fp = prolo_triage::Policy::default().fingerprint().to_string();
    /// assert!(fp.starts_with("sha256:") && fp.len() == 7 + 64);
    /// ```
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Minimum age in years (default 18).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Policy::default().min_age_years(), 18);
    /// ```
    #[must_use]
    pub fn min_age_years(&self) -> u16 {
        self.min_age_years
    }

    /// Minimum duration of symptoms in weeks (default 12).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Policy::default().min_symptom_weeks(), 12);
    /// ```
    #[must_use]
    pub fn min_symptom_weeks(&self) -> u16 {
        self.min_symptom_weeks
    }

    /// Minimum weeks of conservative care (default 6).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Policy::default().min_conservative_care_weeks(), 6);
    /// ```
    #[must_use]
    pub fn min_conservative_care_weeks(&self) -> u16 {
        self.min_conservative_care_weeks
    }

    /// The conditions the policy treats (default: the eight of the source
    /// document).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Policy};
    /// assert!(Policy::default().treatable_conditions().contains(Condition::HeelPain));
    /// ```
    #[must_use]
    pub fn treatable_conditions(&self) -> EnumSet<Condition> {
        self.treatable
    }

    /// The group a rule falls in under this policy: its own, except that a
    /// precaution may be made absolute.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Group, Policy, RULES};
    /// let rule = RULES.iter().find(|r| r.id == "precaution.anticoagulant").unwrap();
    /// assert_eq!(Policy::default().group_of(rule), Group::Relative);
    /// ```
    #[must_use]
    pub fn group_of(&self, rule: &Rule) -> Group {
        match (rule.group, rule.formula) {
            (Group::Absolute | Group::Relative, Formula::Fact(fact)) => {
                if self.absolute.contains(fact) {
                    Group::Absolute
                } else {
                    Group::Relative
                }
            }
            (group, _) => group,
        }
    }

    /// The rule table compiled under this policy's classification.
    pub(crate) fn compiled(&self) -> &CompiledRules {
        &self.compiled
    }

    /// Starts a policy from the literature defaults under a new name and
    /// version.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, Group, MedicationClass, Policy};
    /// let p = Policy::builder("Riverside podiatry", "3")
    ///     .min_age_years(21)
    ///     .classify(Fact::Medication(MedicationClass::Anticoagulant), Group::Absolute)
    ///     .build()?;
    /// assert_eq!(p.min_age_years(), 21);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn builder(name: impl Into<String>, version: impl Into<String>) -> PolicyBuilder {
        PolicyBuilder {
            name: name.into(),
            version: version.into(),
            min_age_years: None,
            min_symptom_weeks: None,
            min_conservative_care_weeks: None,
            treatable: None,
            classification: Vec::new(),
        }
    }

    /// Reads a policy from JSON: `name` and `version` are required; the
    /// thresholds, `treatable_conditions` and `classification` (fact name →
    /// `absolute`, `relative` or, for red flags only, `red_flag`) are
    /// optional and default to the literature values.
    ///
    /// # Errors
    ///
    /// Malformed or oversize JSON, an unknown field or name, a duplicate
    /// key or entry, a threshold out of range, an empty or `other`-only
    /// condition list, an empty name, and any reclassification the
    /// contract forbids (a red flag made anything but a red flag, a
    /// non-contraindication classified): each names its field.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ErrorKind, Policy};
    /// let err = Policy::from_json(r#"{"name": "x", "version": "1", "classification": {"fever": "relative"}}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Reclassification);
    /// assert_eq!(err.path(), "classification.fever");
    /// ```
    pub fn from_json(input: &str) -> Result<Policy, Error> {
        let raw: RawPolicy<'_> = wire::parse(input, expected)?;
        raw.into_builder()?.build()
    }

    /// Writes the policy as JSON that [`Policy::from_json`] reads back to an
    /// equal policy, with every contraindication's class spelled out.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Policy;
    /// let p = Policy::default();
    /// assert_eq!(Policy::from_json(&p.to_json()), Ok(p));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Wire<'a> {
            name: &'a str,
            version: &'a str,
            min_age_years: u16,
            min_symptom_weeks: u16,
            min_conservative_care_weeks: u16,
            treatable_conditions: Vec<&'static str>,
            classification: serde_json::Map<String, serde_json::Value>,
        }
        let classification = contraindication_facts()
            .map(|fact| {
                let group = if self.absolute.contains(fact) {
                    Group::Absolute
                } else {
                    Group::Relative
                };
                (fact.to_string(), serde_json::Value::from(group.as_str()))
            })
            .collect();
        let wire = Wire {
            name: &self.name,
            version: &self.version,
            min_age_years: self.min_age_years,
            min_symptom_weeks: self.min_symptom_weeks,
            min_conservative_care_weeks: self.min_conservative_care_weeks,
            treatable_conditions: self.treatable.iter().map(Condition::as_str).collect(),
            classification,
        };
        // Plain strings, numbers and maps with string keys always serialize.
        serde_json::to_string_pretty(&wire).unwrap_or_default()
    }

    /// The canonical form the fingerprint is taken of: the deciding values
    /// in a fixed order, without name or version.
    fn canonical(&self) -> String {
        let mut out = String::from("prolo-triage-policy/1");
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            ";min_age_years={};min_symptom_weeks={};min_conservative_care_weeks={};treatable=",
            self.min_age_years, self.min_symptom_weeks, self.min_conservative_care_weeks
        );
        let treatable: Vec<&str> = self.treatable.iter().map(Condition::as_str).collect();
        out.push_str(&treatable.join(","));
        out.push_str(";absolute=");
        let absolute: Vec<String> = contraindication_facts()
            .filter(|f| self.absolute.contains(*f))
            .map(|f| f.to_string())
            .collect();
        out.push_str(&absolute.join(","));
        out
    }

    fn stamped(mut self) -> Policy {
        let digest = Sha256::digest(self.canonical().as_bytes());
        let mut fingerprint = String::with_capacity(7 + 64);
        fingerprint.push_str("sha256:");
        for byte in digest {
            let _ = write!(fingerprint, "{byte:02x}");
        }
        self.fingerprint = fingerprint;
        self.compiled = CompiledRules::new(|rule| self.group_of(rule));
        self
    }
}

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
    name: String,
    version: String,
    min_age_years: Option<i64>,
    min_symptom_weeks: Option<i64>,
    min_conservative_care_weeks: Option<i64>,
    treatable: Option<EnumSet<Condition>>,
    classification: Vec<(Fact, Group)>,
}

impl PolicyBuilder {
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
    /// let rule = prolo_triage::RULES.iter().find(|r| r.id == "precaution.anticoagulant").unwrap();
    /// assert_eq!(policy.group_of(rule), Group::Absolute);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn classify(mut self, fact: Fact, group: Group) -> Self {
        self.classification.push((fact, group));
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
            value.map_or(Ok(default), |v| wire::in_range(path, v, 0, max))
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
                    problem: "expected 1 to 100 printable characters".into(),
                })
            }
        };
        let treatable = self.treatable.unwrap_or(defaults.treatable);
        if treatable.contains(Condition::Other) {
            return Err(Error::Invalid {
                path: "treatable_conditions".into(),
                problem: "`other` is never treatable; list conditions from the source document"
                    .into(),
            });
        }
        if treatable.is_empty() {
            return Err(Error::Invalid {
                path: "treatable_conditions".into(),
                problem: "expected at least one condition".into(),
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
            min_age_years: threshold("min_age_years", self.min_age_years, AgeYears::MAX, 18)?,
            min_symptom_weeks: threshold(
                "min_symptom_weeks",
                self.min_symptom_weeks,
                Weeks::MAX,
                12,
            )?,
            min_conservative_care_weeks: threshold(
                "min_conservative_care_weeks",
                self.min_conservative_care_weeks,
                Weeks::MAX,
                6,
            )?,
            treatable,
            absolute,
            fingerprint: String::new(),
            compiled: CompiledRules::default(),
        }
        .stamped())
    }
}

/// Refuses the moves the contract forbids.
fn check_classification(fact: Fact, group: Group) -> Result<(), Error> {
    let path = wire::join("classification", &fact.to_string());
    let refuse = |problem: String| {
        Err(Error::Reclassification {
            path: path.clone(),
            problem,
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
            refuse(format!("a red flag can never be downgraded (to {group})"))
        };
    }
    let Some((_, default)) = contraindications().find(|(f, _)| *f == fact) else {
        return refuse("not a contraindication: only contraindications can be classified".into());
    };
    match (default, group) {
        (Group::Absolute, Group::Relative) => refuse(
            "an absolute contraindication can never be downgraded; only precautions can be made absolute"
                .into(),
        ),
        (_, Group::Absolute | Group::Relative) => Ok(()),
        (_, other) => refuse(format!(
            "a contraindication is absolute or relative, not {other}"
        )),
    }
}

/// The policy file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyFields<'a> {
    name: String,
    version: String,
    min_age_years: Option<i64>,
    min_symptom_weeks: Option<i64>,
    min_conservative_care_weeks: Option<i64>,
    treatable_conditions: Option<Vec<String>>,
    #[serde(borrow)]
    classification: Option<Entries<'a>>,
}

#[derive(Debug)]
struct RawPolicy<'a>(RawPolicyFields<'a>);

impl<'de> Deserialize<'de> for RawPolicy<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        wire::object(deserializer, "a JSON object (a policy)").map(RawPolicy)
    }
}

impl RawPolicy<'_> {
    fn into_builder(self) -> Result<PolicyBuilder, Error> {
        let raw = self.0;
        let treatable = raw
            .treatable_conditions
            .map(|c| wire::name_set("treatable_conditions", &c, "condition", Condition::all()))
            .transpose()?;
        let mut classification = Vec::new();
        let mut seen = Vec::new();
        for (key, value) in raw.classification.unwrap_or_default().0 {
            let (key, value) = (key.as_str(), value.as_str());
            let path = wire::join("classification", &wire::echo(key));
            let fact: Fact = key.parse().map_err(|_| Error::UnknownName {
                path: path.clone(),
                vocabulary: "fact",
                value: wire::echo(key),
                expected: contraindication_facts()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            if seen.contains(&fact) {
                return Err(Error::DuplicateKey { path });
            }
            seen.push(fact);
            let group = wire::name(
                &path,
                value,
                "group",
                &[Group::RedFlag, Group::Absolute, Group::Relative],
            )?;
            classification.push((fact, group));
        }
        Ok(PolicyBuilder {
            name: raw.name,
            version: raw.version,
            min_age_years: raw.min_age_years,
            min_symptom_weeks: raw.min_symptom_weeks,
            min_conservative_care_weeks: raw.min_conservative_care_weeks,
            treatable,
            classification,
        })
    }
}

/// What each field of a policy file holds, for error messages.
fn expected(path: &str) -> Option<&'static str> {
    Some(match wire::field_of(path) {
        ("document", _) => "a JSON object (a policy)",
        ("name" | "version", _) => "a string",
        ("min_age_years", _) => "an integer from 0 to 130",
        ("min_symptom_weeks" | "min_conservative_care_weeks", _) => "an integer from 0 to 5200",
        ("treatable_conditions", false) => "a list of condition names",
        ("treatable_conditions", true) => "a condition name",
        ("classification", false) => "an object of fact names to absolute or relative",
        ("classification", true) => "one of absolute, relative",
        _ => return None,
    })
}

/// The name, version and fingerprint of the policy an assessment was made
/// under.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// let a = assess(&Presentation::default(), &Policy::default());
/// assert_eq!(a.policy.name, "literature-defaults");
/// assert_eq!(a.policy.fingerprint, Policy::default().fingerprint());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyStamp {
    /// The policy's name.
    pub name: String,
    /// The policy's version.
    pub version: String,
    /// The policy's fingerprint ([`Policy::fingerprint`]).
    pub fingerprint: String,
}

impl From<&Policy> for PolicyStamp {
    fn from(policy: &Policy) -> PolicyStamp {
        PolicyStamp {
            name: policy.name.clone(),
            version: policy.version.clone(),
            fingerprint: policy.fingerprint.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn err(input: &str) -> (ErrorKind, String) {
        match Policy::from_json(input) {
            Ok(p) => panic!("accepted {input}: {p:?}"),
            Err(e) => (e.kind(), e.path().to_string()),
        }
    }

    #[test]
    fn default_matches_the_literature() {
        let p = Policy::default();
        assert_eq!(
            (
                p.min_age_years(),
                p.min_symptom_weeks(),
                p.min_conservative_care_weeks()
            ),
            (18, 12, 6)
        );
        assert_eq!(p.treatable_conditions().len(), 8);
        let absolute: Vec<String> = contraindication_facts()
            .filter(|f| p.absolute.contains(*f))
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            absolute,
            [
                "skin_infection_at_site",
                "systemic_infection",
                "bleeding_disorder",
                "malignancy_at_site",
                "acute_inflammatory_arthritis"
            ]
        );
    }

    #[test]
    fn minimal_policy_is_the_default_under_a_new_name() {
        let p = Policy::from_json(r#"{"name": "clinic", "version": "1"}"#);
        let p = p.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.fingerprint(), Policy::default().fingerprint());
        assert_eq!(p.name(), "clinic");
    }

    #[test]
    fn promotion_moves_the_rule_and_changes_the_fingerprint() {
        let p = Policy::from_json(
            r#"{"name": "c", "version": "1", "classification": {"medications.anticoagulant": "absolute", "diabetes": "relative"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let rule = RULES.iter().find(|r| r.id == "precaution.anticoagulant");
        assert_eq!(rule.map(|r| p.group_of(r)), Some(Group::Absolute));
        assert_ne!(p.fingerprint(), Policy::default().fingerprint());
    }

    #[test]
    fn fingerprint_is_stable() {
        // A change here changes every audit trail: only on purpose.
        assert_eq!(
            Policy::default().canonical(),
            "prolo-triage-policy/1;min_age_years=18;min_symptom_weeks=12;min_conservative_care_weeks=6;treatable=plantar_fasciitis,heel_pain,achilles_tendinopathy,tendinitis,mortons_neuroma,bunion_pain,osteoarthritis,fallen_arch;absolute=skin_infection_at_site,systemic_infection,bleeding_disorder,malignancy_at_site,acute_inflammatory_arthritis"
        );
    }

    #[test]
    fn bad_policies_name_their_field() {
        use ErrorKind::*;
        let cases = [
            (r#"{"version": "1"}"#, Invalid, "name"),
            (r#"{"name": "", "version": "1"}"#, Invalid, "name"),
            (
                r#"{"name": "a", "version": "1", "min_age_years": 131}"#,
                OutOfRange,
                "min_age_years",
            ),
            (
                r#"{"name": "a", "version": "1", "min_symptom_weeks": -1}"#,
                OutOfRange,
                "min_symptom_weeks",
            ),
            (
                r#"{"name": "a", "version": "1", "min_conservative_care_weeks": 1.5}"#,
                WrongType,
                "min_conservative_care_weeks",
            ),
            (
                r#"{"name": "a", "version": "1", "treatable_conditions": []}"#,
                Invalid,
                "treatable_conditions",
            ),
            (
                r#"{"name": "a", "version": "1", "treatable_conditions": ["other"]}"#,
                Invalid,
                "treatable_conditions",
            ),
            (
                r#"{"name": "a", "version": "1", "treatable_conditions": ["heel_pain", "heel_pain"]}"#,
                DuplicateEntry,
                "treatable_conditions[1]",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"fever": "absolute"}}"#,
                Reclassification,
                "classification.fever",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"recent_injury": "relative"}}"#,
                Reclassification,
                "classification.recent_injury",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"diabetes": "red_flag"}}"#,
                Reclassification,
                "classification.diabetes",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"skin_infection_at_site": "relative"}}"#,
                Reclassification,
                "classification.skin_infection_at_site",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"ligament_laxity": "relative"}}"#,
                Reclassification,
                "classification.ligament_laxity",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"medications.nsaid": "absolute"}}"#,
                Reclassification,
                "classification.medications.nsaid",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"age_years": "absolute"}}"#,
                Reclassification,
                "classification.age_years",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"diabetis": "absolute"}}"#,
                UnknownName,
                "classification.diabetis",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"diabetes": "sometimes"}}"#,
                UnknownName,
                "classification.diabetes",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"diabetes": "absolute", "diabetes": "relative"}}"#,
                DuplicateKey,
                "classification.diabetes",
            ),
            (
                r#"{"name": "a", "version": "1", "thresholds": {}}"#,
                UnknownField,
                "thresholds",
            ),
        ];
        for (input, kind, path) in cases {
            assert_eq!(err(input), (kind, path.to_string()), "{input}");
        }
    }

    #[test]
    fn the_last_classification_of_a_fact_wins_in_the_builder() {
        for (fact, group) in [
            (Fact::Finding(Finding::Diabetes), Group::Absolute),
            (
                Fact::Medication(MedicationClass::Antiplatelet),
                Group::Absolute,
            ),
            (Fact::Allergy(Allergy::Corn), Group::Absolute),
        ] {
            let p = Policy::builder("a", "1")
                .classify(fact, group)
                .classify(fact, Group::Relative)
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p.fingerprint(), Policy::default().fingerprint(), "{fact}");
            let q = Policy::builder("a", "1").classify(fact, group).build();
            assert_ne!(
                q.map(|q| q.fingerprint().to_string()).ok().as_deref(),
                Some(Policy::default().fingerprint()),
                "{fact}"
            );
        }
    }

    #[test]
    fn name_and_version_are_kept_and_json_round_trips() {
        assert_eq!(Policy::default().version(), env!("CARGO_PKG_VERSION"));
        let p = Policy::from_json(
            r#"{"name": "Riverside", "version": "2026-11", "min_age_years": 21, "treatable_conditions": ["heel_pain"], "classification": {"diabetes": "absolute"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.name(), p.version()), ("Riverside", "2026-11"));
        assert_eq!(Policy::from_json(&p.to_json()), Ok(p));
    }

    #[test]
    fn wrong_types_say_what_each_policy_field_holds() {
        let cases = [
            (r#"[]"#, "a JSON object (a policy)"),
            (r#"{"name": 1, "version": "1"}"#, "a string"),
            (
                r#"{"name": "a", "version": "1", "min_age_years": "18"}"#,
                "an integer from 0 to 130",
            ),
            (
                r#"{"name": "a", "version": "1", "min_symptom_weeks": true}"#,
                "an integer from 0 to 5200",
            ),
            (
                r#"{"name": "a", "version": "1", "treatable_conditions": "heel_pain"}"#,
                "a list of condition names",
            ),
            (
                r#"{"name": "a", "version": "1", "treatable_conditions": [1]}"#,
                "a condition name",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": []}"#,
                "an object of fact names to absolute or relative",
            ),
            (
                r#"{"name": "a", "version": "1", "classification": {"diabetes": 1}}"#,
                "one of absolute, relative",
            ),
        ];
        for (input, expected) in cases {
            let message = Policy::from_json(input).map_err(|e| e.to_string()).err();
            assert!(
                message
                    .as_deref()
                    .is_some_and(|m| m.ends_with(&format!("expected {expected}"))),
                "{input}: {message:?}"
            );
        }
    }

    #[test]
    fn findings_prefix_names_the_same_fact() {
        let e = Policy::from_json(
            r#"{"name": "a", "version": "1", "classification": {"findings.fever": "relative"}}"#,
        );
        assert_eq!(e.map_err(|e| e.kind()), Err(ErrorKind::Reclassification));
    }

    #[test]
    fn red_flag_may_stay_a_red_flag() {
        let p = Policy::from_json(
            r#"{"name": "a", "version": "1", "classification": {"fever": "red_flag"}}"#,
        );
        assert!(p.is_ok());
    }
}
