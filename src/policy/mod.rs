//! Policy: the thresholds and classifications a clinic decides with
//! (`docs/decision-model.md` §7).

mod builder;
mod file;

use crate::attribution::Attribution;
use crate::clinic::Clinic;
use std::fmt::Write as _;

use enumset::EnumSet;
use sha2::{Digest, Sha256};

use crate::rules::{contraindications, Fact, Formula, Group, Rule, RuleIndex};
use crate::vocabulary::{Allergy, Condition, Finding, MedicationClass};

pub use builder::PolicyBuilder;

/// The thresholds and classifications that decide, with literature
/// defaults: adults (18+), symptoms for 12 weeks, 6 weeks of conservative
/// care, the eight conditions of the source document, and the absolute
/// contraindications of `docs/clinical-knowledge.md` §2.
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
    /// The rule table indexed under this classification (derived, so not
    /// part of the fingerprint or the JSON).
    rules: RuleIndex,
    /// The clinic's details for patient texts: outside the fingerprint,
    /// never read by the rules.
    clinic: Clinic,
    /// The clinic's own source attributes (developer, funding, dates):
    /// outside the fingerprint, never read by the rules.
    attribution: Attribution,
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

/// The facts a policy may classify.
pub(crate) fn contraindication_facts() -> impl Iterator<Item = Fact> {
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

/// The literature thresholds (docs/clinical-knowledge.md §3): adults only, symptoms
/// of 3 months or more, conservative care first.
pub(crate) const LITERATURE_MIN_AGE_YEARS: u16 = 18;
pub(crate) const LITERATURE_MIN_SYMPTOM_WEEKS: u16 = 12;
pub(crate) const LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS: u16 = 6;

impl Default for Policy {
    fn default() -> Policy {
        // The absolute contraindications of the table's own groups.
        let mut absolute = Absolute::default();
        for (fact, group) in contraindications() {
            absolute.set(fact, group == Group::Absolute);
        }
        Policy {
            name: DEFAULT_POLICY_NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            min_age_years: LITERATURE_MIN_AGE_YEARS,
            min_symptom_weeks: LITERATURE_MIN_SYMPTOM_WEEKS,
            min_conservative_care_weeks: LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS,
            treatable: Condition::all()
                .iter()
                .copied()
                .filter(|c| c.is_listed_as_treatable())
                .collect(),
            absolute,
            fingerprint: String::new(),
            rules: RuleIndex::default(),
            clinic: Clinic::default(),
            attribution: Attribution::default(),
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

    /// The clinic's details, printed on what patients read; never part of
    /// a decision or of the fingerprint.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Policy::default().clinic().name(), None);
    /// ```
    #[must_use]
    pub fn clinic(&self) -> &Clinic {
        &self.clinic
    }

    /// The clinic's own source attributes for the policy (developer,
    /// funding, release and revision dates), completing the library's in
    /// [`SourceAttributes`](crate::SourceAttributes); never part of a
    /// decision or of the fingerprint.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(prolo_triage::Policy::default().attribution().is_empty());
    /// ```
    #[must_use]
    pub fn attribution(&self) -> &Attribution {
        &self.attribution
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
    /// use prolo_triage::{Group, Policy};
    /// use prolo_triage::rules::RULES;
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

    /// The rule table indexed under this policy's classification.
    pub(crate) fn rules(&self) -> &RuleIndex {
        &self.rules
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
        PolicyBuilder::new(name.into(), version.into())
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
        self.rules = RuleIndex::new(|rule| self.group_of(rule));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::rules::RuleId;

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
        let rule = Some(RuleId::Anticoagulant.rule());
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
    fn the_clinic_is_read_written_back_and_outside_the_fingerprint() {
        let with = Policy::from_json(
            r#"{"name": "Riverside", "version": "3", "min_age_years": 21,
                "clinic": {"name": "Riverside Podiatry", "phone": "01632 960 123", "out_of_hours": "NHS 111",
                           "urgent_care": "Riverside urgent treatment centre", "emergency_number": "999"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let without =
            Policy::from_json(r#"{"name": "Riverside", "version": "3", "min_age_years": 21}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(with.clinic().phone(), Some("01632 960 123"));
        assert_eq!(with.clinic().emergency_number(), Some("999"));
        assert_eq!(without.clinic(), &Clinic::default());
        assert_eq!(with.fingerprint(), without.fingerprint());
        assert_eq!(with.canonical(), without.canonical());
        assert_ne!(with, without);
        assert_eq!(Policy::from_json(&with.to_json()), Ok(with.clone()));
        assert!(with.to_json().contains(r#""emergency_number": "999""#));
        assert!(!without.to_json().contains("clinic"));
        let built = Policy::builder("Riverside", "3")
            .min_age_years(21)
            .clinic(with.clinic().clone())
            .build();
        assert_eq!(built, Ok(with));
    }

    #[test]
    fn the_attribution_is_read_written_back_and_outside_the_fingerprint() {
        let with = Policy::from_json(
            r#"{"name": "Riverside", "version": "3",
                "attribution": {"developer": "Riverside Podiatry", "funding": "Self-funded",
                                "release_date": "2026-12-01", "revision_date": "2026-12-07"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let without = Policy::from_json(r#"{"name": "Riverside", "version": "3"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(with.attribution().developer(), Some("Riverside Podiatry"));
        assert_eq!(
            with.attribution().revision_date(),
            crate::date::Date::new(2026, 12, 7)
        );
        assert!(without.attribution().is_empty());
        assert_eq!(with.fingerprint(), without.fingerprint());
        assert_ne!(with, without);
        assert_eq!(Policy::from_json(&with.to_json()), Ok(with.clone()));
        assert!(with.to_json().contains(r#""release_date": "2026-12-01""#));
        assert!(!without.to_json().contains("attribution"));
        let built = Policy::builder("Riverside", "3")
            .attribution(with.attribution().clone())
            .build();
        assert_eq!(built, Ok(with));
        let bad = [
            (
                r#"{"release_date": "2026-13-01"}"#,
                "attribution.release_date",
            ),
            (r#"{"sponsor": "x"}"#, "attribution.sponsor"),
            (r#""Riverside""#, "attribution"),
        ];
        for (attribution, path) in bad {
            let input = format!(r#"{{"name": "a", "version": "1", "attribution": {attribution}}}"#);
            match Policy::from_json(&input) {
                Ok(p) => panic!("accepted {input}: {p:?}"),
                Err(e) => assert_eq!(e.path(), path, "{input}"),
            }
        }
    }

    #[test]
    fn bad_clinic_details_name_their_field() {
        use ErrorKind::*;
        let cases = [
            (
                r#"{"name": "a", "version": "1", "clinic": {"phone": ""}}"#,
                Invalid,
                "clinic.phone",
            ),
            (
                r#"{"name": "a", "version": "1", "clinic": {"fax": "1"}}"#,
                UnknownField,
                "clinic.fax",
            ),
            (
                r#"{"name": "a", "version": "1", "clinic": {"name": 1}}"#,
                WrongType,
                "clinic.name",
            ),
            (
                r#"{"name": "a", "version": "1", "clinic": "Riverside"}"#,
                WrongType,
                "clinic",
            ),
            (
                r#"{"name": "a", "version": "1", "clinic": {"urgent_care": "a", "urgent_care": "b"}}"#,
                DuplicateKey,
                "clinic.urgent_care",
            ),
            (
                r#"{"name": "a", "version": "1", "clinic": {}, "clinic": {}}"#,
                DuplicateKey,
                "clinic",
            ),
        ];
        for (input, kind, path) in cases {
            assert_eq!(err(input), (kind, path.to_string()), "{input}");
        }
        let message = Policy::from_json(r#"{"name": "a", "version": "1", "clinic": {"phone": 1}}"#)
            .map_err(|e| e.to_string());
        assert_eq!(
            message,
            Err("clinic.phone: wrong type, expected a string of 1 to 100 printable characters, or null".into())
        );
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
