//! Code tables: which FHIR codes mean which fact of a presentation.
//!
//! The tables are data. The defaults hold only codes with a source, each
//! labelled as in `docs/clinic-integration.md` §3: **verified** (seen in the HL7
//! R4 example resources, or the ICD-10-CM files checked for
//! `docs/decision-model.md` §2) or **secondary** (seen in third-party code or
//! terminology publications). A clinic adds its own codes, labelled
//! **local**, from JSON:
//!
//! ```json
//! {"codes": [
//!   {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1364430",
//!    "means": "medications.anticoagulant", "source": "local",
//!    "citation": "pharmacy formulary 2026-11: apixaban 5 mg tablet"}
//! ]}
//! ```
//!
//! `means` names a part of the presentation the way the wire format does:
//! `conditions.<condition>`, `findings.<finding>`,
//! `medications.<class>`, `allergies.<allergy>`, plus
//! `observations.body_temperature`, `observations.platelet_count` and
//! `observations.haemoglobin` (read against the thresholds),
//! `medications.aspirin_by_dose` (low-dose aspirin at ≤ 100 mg/day, else
//! antiplatelet and NSAID; both unknown without a readable dose),
//! `medications.unrelated` and
//! `allergies.unrelated` (a drug or allergy known to be in no tracked
//! class, so a complete list can still say "none"), and
//! `allergies.none_known` (a "no known allergy" statement). `match` is
//! `exact` (the default) or `prefix`, for the hierarchical ATC and
//! ICD-10-CM: a code matches its longest matching entry.

use std::borrow::Cow;
use std::fmt;

use prolo_triage::json::JsonError;
use prolo_triage::{Allergy, Condition, Finding, MedicationClass};
use serde::{Deserialize, Serialize};

use crate::error::{echo, Error};

mod defaults;

/// Code system URIs (`docs/clinic-integration.md` §3).
pub mod system {
    /// LOINC.
    pub const LOINC: &str = "http://loinc.org";
    /// SNOMED CT.
    pub const SNOMED: &str = "http://snomed.info/sct";
    /// RxNorm.
    pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /// WHO ATC.
    pub const ATC: &str = "http://www.whocc.no/atc";
    /// ICD-10-CM.
    pub const ICD10CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
    /// UCUM, for the units of a quantity.
    pub const UCUM: &str = "http://unitsofmeasure.org";
}

/// Code tables larger than this are refused before parsing (1 MiB).
pub const MAX_CODE_TABLE_BYTES: usize = 1024 * 1024;

/// How far a code's meaning is established (`docs/clinic-integration.md` §3).
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{CodeSource, CodeTables};
/// let tables = CodeTables::default();
/// assert!(tables.entries().iter().any(|e| e.source() == CodeSource::Verified));
/// assert!(tables.entries().iter().all(|e| e.source() != CodeSource::Local));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeSource {
    /// Seen with this meaning in HL7's own R4 example resources, or in the
    /// ICD-10-CM files checked for the decision model.
    Verified,
    /// Seen in third-party code or terminology publications only.
    Secondary,
    /// Added by the clinic.
    Local,
}

impl CodeSource {
    /// The wire name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CodeSource::Verified => "verified",
            CodeSource::Secondary => "secondary",
            CodeSource::Local => "local",
        }
    }
}

/// How an entry's code is compared with a record's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The codes are equal.
    #[default]
    Exact,
    /// The record's code starts with the entry's (ATC and ICD-10-CM only).
    Prefix,
}

/// A measurement read against a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Measurement {
    /// Body temperature: ≥ 38 °C is `fever`.
    BodyTemperature,
    /// Platelet count: < 100×10⁹/L is `low_platelets`.
    PlateletCount,
    /// Haemoglobin: < 10 g/dL (100 g/L) is `anaemia`.
    Haemoglobin,
}

/// What a code means for the presentation.
///
/// # Example
///
/// ```
/// use prolo_triage::{Condition, Finding};
/// use prolo_triage_fhir::Meaning;
/// let m: Meaning = "conditions.plantar_fasciitis".parse()?;
/// assert_eq!(m, Meaning::Condition(Condition::PlantarFasciitis));
/// assert_eq!(Meaning::Finding(Finding::Diabetes).to_string(), "findings.diabetes");
/// assert!("findings.diabetus".parse::<Meaning>().is_err());
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Meaning {
    /// A foot condition (a diagnosis).
    Condition(Condition),
    /// A finding, present when the record asserts it.
    Finding(Finding),
    /// A measurement read against its threshold.
    Observation(Measurement),
    /// A drug of this class.
    Medication(MedicationClass),
    /// Aspirin (ATC B01AC06, RxNorm 1191) by its daily dose: low-dose at
    /// ≤ 100 mg/day, else antiplatelet and NSAID; both of those unknown
    /// without a readable dose.
    AspirinByDose,
    /// A drug in none of the tracked classes.
    UnrelatedMedication,
    /// An allergy that matters for the injectate.
    Allergy(Allergy),
    /// An allergy to something else.
    UnrelatedAllergy,
    /// "No known allergy".
    NoKnownAllergy,
}

impl Meaning {
    /// The category of the meaning, for checks that must not mix them.
    fn category(self) -> &'static str {
        match self {
            Meaning::Condition(_) => "conditions",
            Meaning::Finding(_) => "findings",
            Meaning::Observation(_) => "observations",
            Meaning::Medication(_) | Meaning::AspirinByDose | Meaning::UnrelatedMedication => {
                "medications"
            }
            Meaning::Allergy(_) | Meaning::UnrelatedAllergy | Meaning::NoKnownAllergy => {
                "allergies"
            }
        }
    }

    /// True for the meanings that say "nothing tracked" and so cannot
    /// share a code with a tracked one.
    fn is_nothing_tracked(self) -> bool {
        matches!(
            self,
            Meaning::UnrelatedMedication | Meaning::UnrelatedAllergy | Meaning::NoKnownAllergy
        )
    }
}

impl fmt::Display for Meaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Meaning::Condition(c) => write!(f, "conditions.{}", c.as_str()),
            Meaning::Finding(x) => write!(f, "findings.{}", x.as_str()),
            Meaning::Observation(Measurement::BodyTemperature) => {
                f.write_str("observations.body_temperature")
            }
            Meaning::Observation(Measurement::PlateletCount) => {
                f.write_str("observations.platelet_count")
            }
            Meaning::Observation(Measurement::Haemoglobin) => {
                f.write_str("observations.haemoglobin")
            }
            Meaning::Medication(m) => write!(f, "medications.{}", m.as_str()),
            Meaning::AspirinByDose => f.write_str("medications.aspirin_by_dose"),
            Meaning::UnrelatedMedication => f.write_str("medications.unrelated"),
            Meaning::Allergy(a) => write!(f, "allergies.{}", a.as_str()),
            Meaning::UnrelatedAllergy => f.write_str("allergies.unrelated"),
            Meaning::NoKnownAllergy => f.write_str("allergies.none_known"),
        }
    }
}

impl std::str::FromStr for Meaning {
    type Err = Error;

    fn from_str(s: &str) -> Result<Meaning, Error> {
        let unknown = || Error::InvalidCodeTable {
            path: "means".into(),
            problem: format!(
                "unknown meaning `{}`, expected conditions.<condition>, findings.<finding>, \
                 observations.body_temperature, observations.platelet_count, \
                 observations.haemoglobin, \
                 medications.<class>, medications.aspirin_by_dose, medications.unrelated, \
                 allergies.<allergy>, allergies.unrelated or allergies.none_known",
                echo(s)
            ),
        };
        let (category, name) = s.split_once('.').ok_or_else(unknown)?;
        let meaning = match (category, name) {
            ("conditions", n) => n.parse().ok().map(Meaning::Condition),
            ("findings", n) => n.parse().ok().map(Meaning::Finding),
            ("observations", "body_temperature") => {
                Some(Meaning::Observation(Measurement::BodyTemperature))
            }
            ("observations", "platelet_count") => {
                Some(Meaning::Observation(Measurement::PlateletCount))
            }
            ("observations", "haemoglobin") => Some(Meaning::Observation(Measurement::Haemoglobin)),
            ("medications", "aspirin_by_dose") => Some(Meaning::AspirinByDose),
            ("medications", "unrelated") => Some(Meaning::UnrelatedMedication),
            ("medications", n) => n.parse().ok().map(Meaning::Medication),
            ("allergies", "unrelated") => Some(Meaning::UnrelatedAllergy),
            ("allergies", "none_known") => Some(Meaning::NoKnownAllergy),
            ("allergies", n) => n.parse().ok().map(Meaning::Allergy),
            _ => None,
        };
        meaning.ok_or_else(unknown)
    }
}

/// One row of a code table: a code in a system, what it means, and where
/// that meaning comes from.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{system, CodeSource, CodeTables};
/// let tables = CodeTables::default();
/// let warfarin = tables.lookup(system::RXNORM, "114194");
/// assert_eq!(warfarin.len(), 1);
/// assert_eq!(warfarin[0].means().to_string(), "medications.anticoagulant");
/// assert_eq!(warfarin[0].source(), CodeSource::Verified);
/// assert!(warfarin[0].citation().contains("MedicationRequest-medrx0331"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    system: Cow<'static, str>,
    code: Cow<'static, str>,
    matching: Match,
    means: Meaning,
    source: CodeSource,
    citation: Cow<'static, str>,
}

impl CodeEntry {
    /// The code system URI.
    #[must_use]
    pub fn system(&self) -> &str {
        &self.system
    }

    /// The code (or code prefix).
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// How the code is compared.
    #[must_use]
    pub fn matching(&self) -> Match {
        self.matching
    }

    /// What the code means.
    #[must_use]
    pub fn means(&self) -> Meaning {
        self.means
    }

    /// How far the meaning is established.
    #[must_use]
    pub fn source(&self) -> CodeSource {
        self.source
    }

    /// Where the meaning comes from.
    #[must_use]
    pub fn citation(&self) -> &str {
        &self.citation
    }

    fn matches(&self, system: &str, code: &str) -> bool {
        self.system == system
            && match self.matching {
                Match::Exact => self.code == code,
                Match::Prefix => code.starts_with(self.code.as_ref()),
            }
    }
}

/// The code tables a mapping reads: [`CodeTables::default`] holds the
/// sourced defaults; [`CodeTables::from_json`] reads a whole table and
/// [`CodeTables::extended_from_json`] adds a clinic's codes to the
/// defaults.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{system, CodeSource, CodeTables};
///
/// let local = r#"{"codes": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
///     "code": "1364430", "means": "medications.anticoagulant", "source": "local",
///     "citation": "formulary: apixaban"}]}"#;
/// let tables = CodeTables::default().extended_from_json(local)?;
/// assert_eq!(tables.lookup(system::RXNORM, "1364430")[0].source(), CodeSource::Local);
///
/// // Invalid tables are errors that name the entry.
/// let bad = r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1",
///     "means": "findings.diabetus", "source": "local"}]}"#;
/// let err = CodeTables::from_json(bad).unwrap_err();
/// assert!(err.to_string().starts_with("codes[0].means: unknown meaning `findings.diabetus`"));
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeTables {
    entries: Vec<CodeEntry>,
}

impl CodeTables {
    /// A table with no codes: nothing maps.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::CodeTables;
    /// assert!(CodeTables::empty().entries().is_empty());
    /// ```
    #[must_use]
    pub fn empty() -> CodeTables {
        CodeTables {
            entries: Vec::new(),
        }
    }

    /// Reads a whole table (replacing the defaults).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] over [`MAX_CODE_TABLE_BYTES`], [`Error::Syntax`]
    /// for malformed JSON, and [`Error::InvalidCodeTable`] naming the entry
    /// for an unknown field, a missing field, an unknown meaning or source,
    /// a prefix outside ATC and ICD-10-CM, a verified or secondary code
    /// without a citation, an empty or blank code, or a duplicate entry.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::CodeTables;
    /// let json = CodeTables::default().to_json();
    /// assert_eq!(CodeTables::from_json(&json)?, CodeTables::default());
    /// # Ok::<(), prolo_triage_fhir::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<CodeTables, Error> {
        CodeTables::empty().extended_from_json(json)
    }

    /// Adds the entries of a table in JSON to these.
    ///
    /// # Errors
    ///
    /// As [`CodeTables::from_json`]; an entry equal to one already held is
    /// a duplicate.
    pub fn extended_from_json(mut self, json: &str) -> Result<CodeTables, Error> {
        if json.len() > MAX_CODE_TABLE_BYTES {
            return Err(Error::TooLarge {
                size: json.len(),
                limit: MAX_CODE_TABLE_BYTES,
            });
        }
        let raw: RawTable = prolo_triage::json::read(json.as_bytes()).map_err(|e| match e {
            JsonError::Data { path, message } => Error::InvalidCodeTable {
                path,
                problem: message,
            },
            other => Error::Syntax {
                detail: match other {
                    JsonError::Syntax { detail } => detail,
                    data => data.to_string(),
                },
            },
        })?;
        for (i, entry) in raw.codes.into_iter().enumerate() {
            let path = format!("codes[{i}]");
            let entry = entry.validate(&path)?;
            self.push(entry, &path)?;
        }
        Ok(self)
    }

    /// Adds one entry, refusing a duplicate or a code that would mean
    /// "nothing tracked" and something tracked at once.
    fn push(&mut self, entry: CodeEntry, path: &str) -> Result<(), Error> {
        let same_code = |e: &&CodeEntry| {
            e.system == entry.system && e.code == entry.code && e.matching == entry.matching
        };
        for other in self.entries.iter().filter(same_code) {
            if other.means == entry.means {
                return Err(Error::InvalidCodeTable {
                    path: path.into(),
                    problem: format!(
                        "duplicate entry: {} {} already means {}",
                        entry.system, entry.code, entry.means
                    ),
                });
            }
            let clash = other.means.category() == entry.means.category()
                && (other.means.is_nothing_tracked() || entry.means.is_nothing_tracked());
            if clash {
                return Err(Error::InvalidCodeTable {
                    path: path.into(),
                    problem: format!(
                        "{} {} cannot mean both {} and {}",
                        entry.system, entry.code, other.means, entry.means
                    ),
                });
            }
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Every entry, defaults first, in the order added.
    #[must_use]
    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// The entries a record's code matches: every entry with the longest
    /// matching code (an exact `B01AC06` wins over the prefix `B01AC`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{system, CodeTables};
    /// let t = CodeTables::default();
    /// assert_eq!(t.lookup(system::ATC, "B01AA03")[0].means().to_string(), "medications.anticoagulant");
    /// assert_eq!(t.lookup(system::ATC, "B01AC06")[0].means().to_string(), "medications.aspirin_by_dose");
    /// assert_eq!(t.lookup(system::ATC, "B01AC04")[0].means().to_string(), "medications.antiplatelet");
    /// assert!(t.lookup(system::ATC, "M01AE01").is_empty()); // unverified: not in the defaults
    /// ```
    #[must_use]
    pub fn lookup(&self, system: &str, code: &str) -> Vec<&CodeEntry> {
        let matching: Vec<&CodeEntry> = self
            .entries
            .iter()
            .filter(|e| e.matches(system, code))
            .collect();
        let longest = matching.iter().map(|e| e.code.len()).max().unwrap_or(0);
        matching
            .into_iter()
            .filter(|e| e.code.len() == longest)
            .collect()
    }

    /// The table as JSON, in the format [`CodeTables::from_json`] reads
    /// (pretty-printed, one entry per line group).
    #[must_use]
    pub fn to_json(&self) -> String {
        let codes: Vec<RawEntry> = self
            .entries
            .iter()
            .map(|e| RawEntry {
                system: e.system.to_string(),
                code: e.code.to_string(),
                matching: (e.matching == Match::Prefix).then_some(Match::Prefix),
                means: e.means.to_string(),
                source: e.source,
                citation: Some(e.citation.to_string()).filter(|c| !c.is_empty()),
            })
            .collect();
        // Strings and enums only: serialization cannot fail.
        let mut json = serde_json::to_string_pretty(&RawTable { codes }).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// The code table as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    codes: Vec<RawEntry>,
}

/// One entry as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    system: String,
    code: String,
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    matching: Option<Match>,
    means: String,
    source: CodeSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    citation: Option<String>,
}

impl RawEntry {
    fn validate(self, path: &str) -> Result<CodeEntry, Error> {
        let invalid = |field: &str, problem: String| Error::InvalidCodeTable {
            path: format!("{path}.{field}"),
            problem,
        };
        let uri_like = self.system.contains(':') && !self.system.contains(char::is_whitespace);
        if !uri_like {
            return Err(invalid(
                "system",
                format!("`{}` is not an absolute URI", echo(&self.system)),
            ));
        }
        if self.code.is_empty() || self.code.contains(char::is_whitespace) {
            return Err(invalid(
                "code",
                format!("`{}` is empty or holds whitespace", echo(&self.code)),
            ));
        }
        let matching = self.matching.unwrap_or_default();
        if matching == Match::Prefix && !HIERARCHICAL.contains(&self.system.as_str()) {
            return Err(invalid(
                "match",
                format!(
                    "prefix matching is only meaningful for the hierarchical ATC ({}) and ICD-10-CM ({})",
                    system::ATC,
                    system::ICD10CM
                ),
            ));
        }
        let means = self.means.parse::<Meaning>().map_err(|e| match e {
            Error::InvalidCodeTable { problem, .. } => invalid("means", problem),
            other => other,
        })?;
        let citation = self.citation.unwrap_or_default();
        if self.source != CodeSource::Local && citation.trim().is_empty() {
            return Err(invalid(
                "citation",
                format!(
                    "a {} code needs a citation naming its source",
                    self.source.as_str()
                ),
            ));
        }
        Ok(CodeEntry {
            system: Cow::Owned(self.system),
            code: Cow::Owned(self.code),
            matching,
            means,
            source: self.source,
            citation: Cow::Owned(citation),
        })
    }
}

/// Code systems whose codes nest by prefix.
const HIERARCHICAL: [&str; 2] = [system::ATC, system::ICD10CM];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_json() {
        let json = CodeTables::default().to_json();
        assert_eq!(CodeTables::from_json(&json).unwrap(), CodeTables::default());
    }

    #[test]
    fn every_meaning_round_trips() {
        let mut meanings: Vec<Meaning> = Vec::new();
        meanings.extend(Condition::all().iter().map(|c| Meaning::Condition(*c)));
        meanings.extend(Finding::all().iter().map(|f| Meaning::Finding(*f)));
        meanings.extend(
            MedicationClass::all()
                .iter()
                .map(|m| Meaning::Medication(*m)),
        );
        meanings.extend(Allergy::all().iter().map(|a| Meaning::Allergy(*a)));
        meanings.extend([
            Meaning::Observation(Measurement::BodyTemperature),
            Meaning::Observation(Measurement::PlateletCount),
            Meaning::Observation(Measurement::Haemoglobin),
            Meaning::AspirinByDose,
            Meaning::UnrelatedMedication,
            Meaning::UnrelatedAllergy,
            Meaning::NoKnownAllergy,
        ]);
        for m in meanings {
            assert_eq!(m.to_string().parse::<Meaning>().unwrap(), m);
        }
    }

    #[test]
    fn invalid_tables_name_the_entry() {
        let cases = [
            (
                r#"{"codes": [{"system": "x", "code": "1", "means": "findings.fever", "source": "local"}]}"#,
                "codes[0].system",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": " ", "means": "findings.fever", "source": "local"}]}"#,
                "codes[0].code",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "match": "prefix", "means": "findings.fever", "source": "local"}]}"#,
                "codes[0].match",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "means": "findings.fever", "source": "secondary"}]}"#,
                "codes[0].citation",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "means": "findings.fever", "source": "sourced"}]}"#,
                "codes[0].source",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "means": "findings.fever", "source": "local", "colour": 1}]}"#,
                "codes[0].colour",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "source": "local"}]}"#,
                // A missing field is named by its own path.
                "codes[0].means",
            ),
            (r#"{"codez": []}"#, "codez"),
            (r#"{}"#, "codes"),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "means": "findings.fever", "source": "local"},
                           {"system": "http://snomed.info/sct", "code": "1", "means": "findings.fever", "source": "local"}]}"#,
                "codes[1]",
            ),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1", "means": "allergies.none_known", "source": "local"},
                           {"system": "http://snomed.info/sct", "code": "1", "means": "allergies.corn", "source": "local"}]}"#,
                "codes[1]",
            ),
        ];
        for (json, path) in cases {
            match CodeTables::from_json(json) {
                Err(Error::InvalidCodeTable { path: p, .. }) => assert_eq!(p, path, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(matches!(
            CodeTables::from_json("{"),
            Err(Error::Syntax { .. })
        ));
        assert!(matches!(
            CodeTables::from_json(r#"{"codes": []} x"#),
            Err(Error::Syntax { .. })
        ));
    }

    #[test]
    fn a_code_may_carry_two_tracked_meanings() {
        let json = r#"{"codes": [
            {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "9", "means": "medications.nsaid", "source": "local"},
            {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "9", "means": "medications.antiplatelet", "source": "local"}]}"#;
        let t = CodeTables::from_json(json).unwrap();
        assert_eq!(t.lookup(system::RXNORM, "9").len(), 2);
    }
}
