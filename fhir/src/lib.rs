//! # prolo-triage-fhir
//!
//! FHIR R4 input for [`prolo_triage`]: map one patient's record — a
//! searchset or collection Bundle, or a CDS Hooks `prefetch` object — to a
//! [`Presentation`](prolo_triage::Presentation), with the provenance of
//! every fact and a list of what was seen but not used.
//!
//! Clinic software holds patients as FHIR resources. The hard part of the
//! mapping is not the JSON but the difference between *unknown* and
//! *absent*, and this crate keeps it (`docs/clinic-integration.md` §2):
//!
//! - **A missing resource never makes a finding absent.** No Condition for
//!   diabetes leaves diabetes unknown. A finding becomes absent only from
//!   an explicit statement: a `refuted` Condition, an Observation below its
//!   threshold inside its recency window, or a "No" in the screening
//!   [QuestionnaireResponse](screening_questionnaire).
//! - Only active clinical statuses count; `entered-in-error` counts for
//!   nothing; a present finding wins over an absent one.
//! - A medication or allergy list is closed (every class not found absent)
//!   only when the clinic declares it complete and every entry is
//!   classified. Otherwise a class found makes an open list (found present,
//!   the rest unknown), and with nothing found the list stays unknown —
//!   never "none".
//! - Pure: no I/O, no clock (the caller passes the [`AsOf`] moment), no
//!   `unsafe`, no panic on any input.
//!
//! ## From a Bundle to an assessment
//!
//! ```
//! use prolo_triage::{assess, Finding, Policy, Truth, Verdict};
//! use prolo_triage_fhir::{map_bundle, Field, MappingOptions};
//!
//! let bundle = r#"{
//!   "resourceType": "Bundle", "type": "searchset",
//!   "entry": [
//!     {"resource": {"resourceType": "Patient", "id": "p1", "gender": "female",
//!                   "birthDate": "1980-03-14"}},
//!     {"resource": {"resourceType": "Observation", "id": "temp", "status": "final",
//!                   "subject": {"reference": "Patient/p1"},
//!                   "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
//!                   "effectiveDateTime": "2026-11-26T08:10:00Z",
//!                   "valueQuantity": {"value": 39.1, "unit": "°C",
//!                                     "system": "http://unitsofmeasure.org", "code": "Cel"}}}
//!   ]
//! }"#;
//! let options = MappingOptions::new("2026-11-26".parse()?);
//! let mapped = map_bundle(bundle, &options)?;
//!
//! let p = mapped.presentation();
//! assert_eq!(p.age_years().map(|a| a.get()), Some(46));
//! assert_eq!(p.finding(Finding::Fever), Truth::Present);
//! assert_eq!(p.finding(Finding::Diabetes), Truth::Unknown); // no resource: unknown
//! assert_eq!(p.medications(), None);                        // not declared complete
//!
//! // Every fact says where it came from.
//! let fever = mapped.provenance_of(Field::Finding(Finding::Fever)).next().unwrap();
//! assert_eq!(fever.resource.as_ref().unwrap().to_string(), "Observation/temp");
//! assert_eq!(fever.seen, "39.1 Cel at 2026-11-26T08:10:00Z");
//!
//! let assessment = assess(p, &Policy::default());
//! assert_eq!(assessment.verdict, Verdict::ReferUrgently);
//! # Ok::<(), prolo_triage_fhir::Error>(())
//! ```
//!
//! The same from a CDS Hooks request's `prefetch` with [`map_prefetch`]:
//! each key holds a resource, a Bundle, `null` (no data) or an
//! OperationOutcome (the client could not fetch it; lists declared complete
//! are then not trusted).
//!
//! ## What the mapping reads
//!
//! | resource | read | into |
//! | --- | --- | --- |
//! | Patient | `birthDate`, `gender` | `age_years` as of the date, `sex` |
//! | Condition | `code`, `clinicalStatus`, `verificationStatus`, `onset[x]` | `conditions`, findings (present, or absent when refuted), `symptom_weeks` from the earliest onset |
//! | Observation | LOINC body temperature, platelet count and haemoglobin, `status`, `effective[x]`, `valueQuantity` (UCUM code) | `fever` (≥ 38 °C), `low_platelets` (< 100×10⁹/L), `anaemia` (< 10 g/dL), inside their [`RecencyWindows`] |
//! | MedicationStatement, MedicationRequest | `medication[x]` (references resolved in `contained` or the input), `status`, dosage for aspirin | `medications` by ATC class or listed RxNorm code; aspirin by its daily dose |
//! | AllergyIntolerance | `code`, statuses; "no known allergy" | `allergies` |
//! | QuestionnaireResponse | answers to the [screening questionnaire](screening_questionnaire) | findings, `symptom_weeks`, `conservative_care_weeks` |
//! | QuestionnaireResponse | answers to the [patient intake questionnaire](patient_intake_questionnaire) | findings (a `both` fact's No stays unknown), symptoms, the durations, age and sex when the Patient does not say, classes answered Yes; `answered_by` the patient |
//!
//! The patient intake also stands alone: [`intake_presentation`] reads
//! its QuestionnaireResponse into a presentation, [`intake_response`]
//! writes one for a presentation.
//!
//! Codes come from [`CodeTables`]: data, with sourced defaults labelled
//! verified or secondary, extensible with a clinic's codes from JSON.
//! Everything else in the input is listed in [`Mapped::unused`] with a
//! reason, so an integrator can see why a fact stayed unknown.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )
)]

mod bulk;
mod codes;
mod error;
mod input;
mod intake;
mod map;
mod mapped;
mod options;
mod questionnaire;
mod raw;
#[cfg(feature = "schema")]
pub mod schema;
mod time;

pub use bulk::{
    map_patient, patient_of, BulkLine, LineError, BULK_RESOURCE_TYPES, MAX_PATIENT_BYTES,
    MAX_RESOURCE_BYTES,
};
pub use codes::{
    system, CodeEntry, CodeSource, CodeTables, Match, Meaning, Measurement, MAX_CODE_TABLE_BYTES,
};
pub use error::{Error, ErrorKind};
pub use input::MAX_INPUT_BYTES;
pub use intake::{
    intake_presentation, intake_presentation_value, intake_response, patient_intake_questionnaire,
    IntakeError, INTAKE_ANSWERS, INTAKE_QUESTIONNAIRE_URL, LOCATIONS, SEX_LINK_ID, SYMPTOM_SYSTEM,
    WHERE_IT_HURTS_LINK_ID,
};
pub use mapped::{Field, Mapped, Provenance, ResourceRef, Rule, Unused, UnusedReason, LIST};
pub use options::{MappingOptions, RecencyWindows};
pub use questionnaire::{screening_questionnaire, ANSWERS, SCREENING_QUESTIONNAIRE_URL};
pub use time::{AsOf, Date, Window};

/// Maps a FHIR R4 `searchset` or `collection` Bundle holding one patient's
/// record.
///
/// # Errors
///
/// Only for the document as a whole: [`Error::TooLarge`] (over
/// [`MAX_INPUT_BYTES`]), [`Error::Syntax`], [`Error::NotABundle`],
/// [`Error::UnsupportedBundleType`], [`Error::Malformed`] (`entry` not a
/// list) and [`Error::SeveralPatients`]. A resource that cannot be read is
/// not an error: it is listed in [`Mapped::unused`].
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_bundle, MappingOptions, UnusedReason};
/// let bundle = r#"{"resourceType": "Bundle", "type": "collection", "entry": [
///     {"resource": {"resourceType": "Condition", "id": "c1",
///       "clinicalStatus": {"coding": [{"code": "active"}]},
///       "code": {"coding": [{"system": "http://snomed.info/sct", "code": "39065001"}]}}}]}"#;
/// let mapped = map_bundle(bundle, &MappingOptions::new("2026-11-26".parse()?))?;
/// assert_eq!(mapped.presentation().conditions(), None); // still unknown
/// assert_eq!(mapped.unused()[0].reason, UnusedReason::UnmappedCode);
/// assert_eq!(mapped.unused()[0].detail, "SNOMED 39065001");
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
pub fn map_bundle(bundle_json: &str, options: &MappingOptions) -> Result<Mapped, Error> {
    map::map(input::read_bundle(bundle_json)?, options)
}

/// Maps a CDS Hooks `prefetch` object: each key holds a resource, a
/// Bundle, `null` (no data) or an OperationOutcome (could not fetch).
///
/// # Errors
///
/// [`Error::TooLarge`], [`Error::Syntax`], [`Error::Malformed`] when the
/// document is not an object, and [`Error::SeveralPatients`].
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_prefetch, MappingOptions, UnusedReason};
/// let prefetch = r#"{
///   "patient": {"resourceType": "Patient", "id": "p1", "birthDate": "1990-01-01"},
///   "medications": {"resourceType": "OperationOutcome",
///                   "issue": [{"severity": "error", "code": "timeout"}]},
///   "observations": null
/// }"#;
/// // The clinic vouches for its medication list, but the fetch failed:
/// let options = MappingOptions::new("2026-11-26".parse()?).medication_list_complete(true);
/// let mapped = map_prefetch(prefetch, &options)?;
/// assert_eq!(mapped.presentation().age_years().map(|a| a.get()), Some(36));
/// assert_eq!(mapped.presentation().medications(), None); // not "none"
/// assert_eq!(mapped.unused()[0].reason, UnusedReason::FetchFailed);
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
pub fn map_prefetch(prefetch_json: &str, options: &MappingOptions) -> Result<Mapped, Error> {
    map::map(input::read_prefetch(prefetch_json)?, options)
}

/// Maps a `prefetch` object already parsed, as a service holding the whole
/// CDS Hooks request as JSON has it: the same as [`map_prefetch`] without
/// reading the text again. The document-level checks of
/// [`map_prefetch`] (size, syntax, an object) are the caller's parse.
///
/// # Errors
///
/// [`Error::SeveralPatients`].
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_prefetch_value, MappingOptions};
/// let prefetch = serde_json::json!({
///   "patient": {"resourceType": "Patient", "id": "p1", "birthDate": "1990-01-01"}
/// });
/// let serde_json::Value::Object(prefetch) = prefetch else { unreachable!() };
/// let mapped = map_prefetch_value(prefetch, &MappingOptions::new("2026-11-26".parse()?))?;
/// assert_eq!(mapped.presentation().age_years().map(|a| a.get()), Some(36));
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
pub fn map_prefetch_value(
    prefetch: serde_json::Map<String, serde_json::Value>,
    options: &MappingOptions,
) -> Result<Mapped, Error> {
    map::map(input::read_prefetch_object(prefetch), options)
}

/// The README's examples, run as doc tests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
