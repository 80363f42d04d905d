//! The policy file: reading it (through a raw struct with errors that name
//! the field) and writing it back.

use serde::{Deserialize, Deserializer, Serialize};

use super::{contraindication_facts, Policy, PolicyBuilder};
use crate::attribution::{self, Attribution, RawAttribution};
use crate::clinic::{self, Clinic, RawClinic};
use crate::error::Error;
use crate::json::{self, Entries};
use crate::rules::{Fact, Group};
use crate::vocabulary::Condition;

impl Policy {
    /// Reads a policy from JSON: `name` and `version` are required; the
    /// thresholds, `treatable_conditions` and `classification` (fact name →
    /// `absolute`, `relative` or, for red flags only, `red_flag`) are
    /// optional and default to the literature values. The optional
    /// `clinic` object holds the clinic's details for patient texts (see
    /// [`Clinic`]; outside the fingerprint), the optional `attribution`
    /// object the clinic's own source attributes (see [`Attribution`];
    /// outside the fingerprint).
    ///
    /// # Errors
    ///
    /// Malformed or oversize JSON, an unknown field or name, a duplicate
    /// key or entry, a threshold out of range, an empty or `other`-only
    /// condition list, an empty name, and any reclassification the
    /// contract forbids (a red flag made anything but a red flag, a
    /// non-contraindication classified), an unknown field or a bad detail
    /// in `clinic` (`clinic.phone`) or `attribution`
    /// (`attribution.release_date`): each names its field.
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
        let raw: RawPolicy<'_> = json::parse(input, expected)?;
        raw.into_builder()?.build()
    }

    /// Writes the policy as JSON that [`Policy::from_json`] reads back to an
    /// equal policy, with every contraindication's class spelled out and
    /// the clinic's details when any is set.
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
            #[serde(skip_serializing_if = "Clinic::is_empty")]
            clinic: &'a Clinic,
            #[serde(skip_serializing_if = "Attribution::is_empty")]
            attribution: &'a Attribution,
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
            clinic: &self.clinic,
            attribution: &self.attribution,
        };
        // Plain strings, numbers and maps with string keys always serialize.
        serde_json::to_string_pretty(&wire).unwrap_or_default()
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
    clinic: Option<RawClinic>,
    attribution: Option<RawAttribution>,
}

#[derive(Debug)]
struct RawPolicy<'a>(RawPolicyFields<'a>);

impl<'de> Deserialize<'de> for RawPolicy<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::object(deserializer, "a JSON object (a policy)").map(RawPolicy)
    }
}

impl RawPolicy<'_> {
    fn into_builder(self) -> Result<PolicyBuilder, Error> {
        let raw = self.0;
        let treatable = raw
            .treatable_conditions
            .map(|c| json::name_set("treatable_conditions", &c, "condition", Condition::all()))
            .transpose()?;
        let mut classification = Vec::new();
        let mut seen = Vec::new();
        for (key, value) in raw.classification.unwrap_or_default().0 {
            let (key, value) = (key.as_str(), value.as_str());
            let path = json::join("classification", &json::echo(key));
            let fact: Fact = key.parse().map_err(|_| Error::UnknownName {
                path: path.clone(),
                vocabulary: "fact",
                value: json::echo(key),
                expected: contraindication_facts()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            if seen.contains(&fact) {
                return Err(Error::DuplicateKey { path });
            }
            seen.push(fact);
            let group = json::name(
                &path,
                value,
                "group",
                &[Group::RedFlag, Group::Absolute, Group::Relative],
            )?;
            classification.push((fact, group));
        }
        let clinic = raw.clinic.map(RawClinic::validate).transpose()?;
        let attribution = raw.attribution.map(RawAttribution::validate).transpose()?;
        Ok(PolicyBuilder {
            name: raw.name,
            version: raw.version,
            min_age_years: raw.min_age_years,
            min_symptom_weeks: raw.min_symptom_weeks,
            min_conservative_care_weeks: raw.min_conservative_care_weeks,
            treatable,
            classification,
            clinic: clinic.unwrap_or_default(),
            attribution: attribution.unwrap_or_default(),
        })
    }
}

/// What each field of a policy file holds, for error messages.
fn expected(path: &str) -> Option<&'static str> {
    Some(match json::field_of(path) {
        ("document", _) => "a JSON object (a policy)",
        ("name" | "version", _) => "a string",
        ("min_age_years", _) => "an integer from 0 to 130",
        ("min_symptom_weeks" | "min_conservative_care_weeks", _) => "an integer from 0 to 5200",
        ("treatable_conditions", false) => "a list of condition names",
        ("treatable_conditions", true) => "a condition name",
        ("classification", false) => "an object of fact names to absolute or relative",
        ("classification", true) => "one of absolute, relative",
        ("clinic", _) => return clinic::expected(path),
        ("attribution", _) => return attribution::expected(path),
        _ => return None,
    })
}
