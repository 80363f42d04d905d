//! FHIR Bulk Data input: one patient's resources gathered from the NDJSON
//! files of an export (`Patient.ndjson`, `Observation.ndjson`, …).
//!
//! A bulk export holds one file per resource type, one resource per line,
//! in no particular order. Screening it takes two steps, both pure here:
//!
//! 1. [`patient_of`] reads one line just far enough to say which patient it
//!    is about (the Patient's own `id`, or the `subject` / `patient`
//!    reference of any other resource), so a caller can group lines by
//!    patient without keeping them: an index of where each line is.
//! 2. [`map_patient`] maps one patient's lines, each labelled with its file
//!    and line number, as [`map_bundle`](crate::map_bundle) maps a Bundle:
//!    the same rules, provenance and unused list, with locations such as
//!    `Observation.ndjson:17`.
//!
//! The I/O (reading the files, the index, reading one patient's lines
//! back) is the caller's; the `bulk-fhir` example does it with an index of
//! byte offsets and shows the memory it takes.
//!
//! # Example
//!
//! ```
//! use prolo_triage::Finding;
//! use prolo_triage_fhir::{map_patient, patient_of, BulkLine, Field, MappingOptions};
//!
//! let patient = r#"{"resourceType": "Patient", "id": "p1", "birthDate": "1980-03-14"}"#;
//! let temperature = r#"{"resourceType": "Observation", "id": "t1", "status": "final",
//!   "subject": {"reference": "Patient/p1"},
//!   "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
//!   "effectiveDateTime": "2026-11-26T08:10:00Z",
//!   "valueQuantity": {"value": 39.1, "system": "http://unitsofmeasure.org", "code": "Cel"}}"#;
//! assert_eq!(patient_of(patient)?, "p1");
//! assert_eq!(patient_of(temperature)?, "p1");
//!
//! let lines = [
//!     BulkLine { file: "Patient.ndjson", line: 1, json: patient },
//!     BulkLine { file: "Observation.ndjson", line: 7, json: temperature },
//! ];
//! let mapped = map_patient(lines, &MappingOptions::new("2026-11-26".parse()?))?;
//! assert_eq!(mapped.presentation().age_years().map(|a| a.get()), Some(46));
//! let fever = mapped.provenance_of(Field::Finding(Finding::Fever)).next().unwrap();
//! assert_eq!(fever.resource.as_ref().unwrap().location, "Observation.ndjson:7");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Deserialize;
use serde_json::Value;

use crate::error::{echo, Error};
use crate::input::{Input, Item, MAX_INPUT_BYTES};
use crate::mapped::{Mapped, Unused, UnusedReason};
use crate::options::MappingOptions;

/// The resource types of an export that the mapping reads, in the order a
/// caller should read their files (`Patient.ndjson` first, so patients
/// keep the export's order). Any of the files may be missing.
pub const BULK_RESOURCE_TYPES: [&str; 7] = [
    "Patient",
    "Condition",
    "Observation",
    "MedicationRequest",
    "MedicationStatement",
    "AllergyIntolerance",
    "QuestionnaireResponse",
];

/// One line of an export longer than this (1 MiB) is refused: no single
/// resource the mapping reads comes near it.
pub const MAX_RESOURCE_BYTES: usize = 1024 * 1024;

/// One patient's lines together may hold at most this many bytes (16 MiB,
/// the limit of a Bundle, [`MAX_INPUT_BYTES`]): tens of thousands of
/// observations. A caller should check the sum before reading the lines
/// back; [`map_patient`] refuses more with [`Error::TooLarge`].
pub const MAX_PATIENT_BYTES: usize = MAX_INPUT_BYTES;

/// Why one line of an export cannot be grouped with a patient.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{patient_of, LineError};
/// let err = patient_of(r#"{"resourceType": "Observation", "id": "o1"}"#).unwrap_err();
/// assert_eq!(err, LineError::NoSubject { resource_type: "Observation".into() });
/// assert_eq!(err.kind(), "no_subject");
/// assert_eq!(err.to_string(), "Observation without a subject or patient reference");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line is longer than [`MAX_RESOURCE_BYTES`]; it was not parsed.
    #[error("{size} bytes is over the limit of {limit} bytes for one resource")]
    TooLarge {
        /// The line's length in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The line is not a JSON object.
    #[error("malformed JSON: {detail}")]
    Syntax {
        /// What the parser said.
        detail: String,
    },
    /// A JSON object without a string `resourceType`.
    #[error("not a FHIR resource: no resourceType")]
    NotAResource,
    /// A Patient without a string `id`: nothing can refer to it.
    #[error("Patient without an id")]
    PatientWithoutId,
    /// A resource with neither a `subject` nor a `patient` reference.
    #[error("{resource_type} without a subject or patient reference")]
    NoSubject {
        /// The resource's type.
        resource_type: String,
    },
    /// The subject or patient reference does not name a Patient by id
    /// (`Patient/123`, possibly absolute or with `_history`).
    #[error("{resource_type}: subject {reference} is not a Patient reference")]
    NotAPatient {
        /// The resource's type.
        resource_type: String,
        /// The reference, shortened and made printable.
        reference: String,
    },
}

impl LineError {
    /// A stable name for the kind of error: `too_large`, `syntax`,
    /// `not_a_resource`, `patient_without_id`, `no_subject` or
    /// `not_a_patient`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::patient_of;
    /// assert_eq!(patient_of("not json").unwrap_err().kind(), "syntax");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            LineError::TooLarge { .. } => "too_large",
            LineError::Syntax { .. } => "syntax",
            LineError::NotAResource => "not_a_resource",
            LineError::PatientWithoutId => "patient_without_id",
            LineError::NoSubject { .. } => "no_subject",
            LineError::NotAPatient { .. } => "not_a_patient",
        }
    }
}

/// The few fields that say whom a resource is about; serde skips the rest
/// without building it.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "resourceType")]
    resource_type: Option<Value>,
    id: Option<Value>,
    subject: Option<Value>,
    patient: Option<Value>,
}

/// The id of the patient one line of an export is about: a Patient's own
/// `id`, or the Patient that another resource's `subject` (or, for
/// AllergyIntolerance, `patient`) refers to.
///
/// # Errors
///
/// A [`LineError`] saying why the line cannot be grouped: over
/// [`MAX_RESOURCE_BYTES`], not JSON, not a resource, a Patient without an
/// id, no subject, or a subject that is not a Patient.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{patient_of, LineError};
/// let condition = r#"{"resourceType": "Condition",
///                     "subject": {"reference": "https://ehr.example/fhir/Patient/p7/_history/2"}}"#;
/// assert_eq!(patient_of(condition)?, "p7");
/// let group = r#"{"resourceType": "Condition", "subject": {"reference": "Group/g1"}}"#;
/// assert!(matches!(patient_of(group), Err(LineError::NotAPatient { .. })));
/// # Ok::<(), LineError>(())
/// ```
pub fn patient_of(line: &str) -> Result<String, LineError> {
    if line.len() > MAX_RESOURCE_BYTES {
        return Err(LineError::TooLarge {
            size: line.len(),
            limit: MAX_RESOURCE_BYTES,
        });
    }
    let head: Head = serde_json::from_str(line).map_err(|e| LineError::Syntax {
        detail: e.to_string(),
    })?;
    let Some(Value::String(resource_type)) = head.resource_type else {
        return Err(LineError::NotAResource);
    };
    if resource_type == "Patient" {
        return match head.id {
            Some(Value::String(id)) if !id.is_empty() => Ok(id),
            _ => Err(LineError::PatientWithoutId),
        };
    }
    let reference = [head.subject, head.patient]
        .into_iter()
        .flatten()
        .find_map(|r| match r.get("reference") {
            Some(Value::String(text)) => Some(text.clone()),
            _ => None,
        });
    let Some(reference) = reference else {
        return Err(LineError::NoSubject { resource_type });
    };
    patient_id(&reference).ok_or_else(|| LineError::NotAPatient {
        resource_type,
        reference: echo(&reference),
    })
}

/// `Patient/<id>` at the end of a reference (relative or absolute, an
/// `_history` version dropped), as the mapping compares references.
fn patient_id(reference: &str) -> Option<String> {
    let reference = reference
        .split_once("/_history/")
        .map_or(reference, |(r, _)| r);
    let mut parts = reference.rsplit('/');
    match (parts.next(), parts.next()) {
        (Some(id), Some("Patient")) if !id.is_empty() => Some(id.to_owned()),
        _ => None,
    }
}

/// One line of an export: the file it came from, its line number (from 1)
/// and its text.
#[derive(Debug, Clone, Copy)]
pub struct BulkLine<'a> {
    /// The file's name, e.g. `Observation.ndjson`.
    pub file: &'a str,
    /// The line number in that file, from 1.
    pub line: u64,
    /// The resource as JSON text.
    pub json: &'a str,
}

/// Maps one patient's resources, read from the lines of an export, as
/// [`map_bundle`](crate::map_bundle) maps a Bundle. Each resource's
/// location is `file:line` (`Condition.ndjson:12`), in provenance and in
/// the unused list. Lines are read in the order given; a line that is not
/// a resource is listed as unused (`malformed`), never an error.
///
/// # Errors
///
/// [`Error::TooLarge`] when the lines together hold more than
/// [`MAX_PATIENT_BYTES`], and [`Error::SeveralPatients`] when they name
/// two different patients (lines grouped by [`patient_of`] never do).
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_patient, BulkLine, MappingOptions, UnusedReason};
/// let lines = [BulkLine { file: "Condition.ndjson", line: 3, json: "[1, 2]" }];
/// let mapped = map_patient(lines, &MappingOptions::new("2026-11-26".parse()?))?;
/// assert_eq!(mapped.unused()[0].reason, UnusedReason::Malformed);
/// assert_eq!(mapped.unused()[0].detail, "Condition.ndjson:3 is not a FHIR resource");
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
pub fn map_patient<'a>(
    lines: impl IntoIterator<Item = BulkLine<'a>>,
    options: &MappingOptions,
) -> Result<Mapped, Error> {
    let mut input = Input::default();
    let mut size = 0usize;
    for BulkLine { file, line, json } in lines {
        size = size.saturating_add(json.len());
        if size > MAX_PATIENT_BYTES {
            return Err(Error::TooLarge {
                size,
                limit: MAX_PATIENT_BYTES,
            });
        }
        let location = format!("{}:{line}", echo(file));
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(resource))
                if resource.get("resourceType").is_some_and(Value::is_string) =>
            {
                input.items.push(Item {
                    location,
                    full_url: None,
                    resource,
                });
            }
            _ => input.notes.push(Unused {
                resource: None,
                reason: UnusedReason::Malformed,
                detail: format!("{location} is not a FHIR resource"),
            }),
        }
    }
    crate::map::map(input, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patient_ids_from_every_kind_of_reference() {
        assert_eq!(
            patient_of(r#"{"resourceType": "Patient", "id": "a"}"#),
            Ok("a".into())
        );
        for reference in [
            "Patient/a",
            "http://x/fhir/Patient/a",
            "Patient/a/_history/3",
        ] {
            let line = format!(
                r#"{{"resourceType": "AllergyIntolerance", "patient": {{"reference": "{reference}"}}}}"#
            );
            assert_eq!(patient_of(&line), Ok("a".into()), "{reference}");
        }
    }

    #[test]
    fn lines_that_cannot_be_grouped() {
        let kind = |line: &str| patient_of(line).unwrap_err().kind();
        assert_eq!(kind("{"), "syntax");
        assert_eq!(kind("[]"), "syntax");
        assert_eq!(kind(r#"{"id": "x"}"#), "not_a_resource");
        assert_eq!(kind(r#"{"resourceType": 3}"#), "not_a_resource");
        assert_eq!(kind(r#"{"resourceType": "Patient"}"#), "patient_without_id");
        assert_eq!(
            kind(r#"{"resourceType": "Patient", "id": ""}"#),
            "patient_without_id"
        );
        assert_eq!(kind(r#"{"resourceType": "Condition"}"#), "no_subject");
        assert_eq!(
            kind(r#"{"resourceType": "Condition", "subject": "Patient/a"}"#),
            "no_subject"
        );
        for reference in ["Group/g", "Patient/", "a", "urn:uuid:1", "#p"] {
            let line = format!(
                r#"{{"resourceType": "Condition", "subject": {{"reference": "{reference}"}}}}"#
            );
            assert_eq!(kind(&line), "not_a_patient", "{reference}");
        }
        let huge = format!(
            r#"{{"resourceType": "Patient", "id": "{}"}}"#,
            "a".repeat(MAX_RESOURCE_BYTES)
        );
        assert_eq!(kind(&huge), "too_large");
    }

    #[test]
    fn a_patient_over_the_limit_is_refused_before_parsing() {
        let big = "x".repeat(MAX_PATIENT_BYTES / 2 + 1);
        let lines = [0, 1].map(|line| BulkLine {
            file: "Observation.ndjson",
            line,
            json: &big,
        });
        let options = MappingOptions::new("2026-11-26".parse().unwrap());
        assert!(matches!(
            map_patient(lines, &options),
            Err(Error::TooLarge { .. })
        ));
    }
}
