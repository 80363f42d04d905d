//! `map_bundle` and `map_prefetch`: FHIR R4 records mapped by the
//! `prolo-triage-fhir` crate, results as Python objects.

use prolo_triage_fhir::{AsOf, MappingOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{document_text, to_python};

pyo3::create_exception!(
    prolo_triage,
    InvalidRecord,
    PyValueError,
    "A FHIR record (Bundle or prefetch) or an as-of date refused as a whole:\n\
     not JSON, not a Bundle of a readable type, over 16 MiB, or about more\n\
     than one patient. A resource that cannot be read inside an accepted\n\
     record is not an error: it is listed in the result's `unused`.\n\n\
     `path` names the field (`document` for the whole record, `entry`,\n\
     `as_of`) and `kind` says what is wrong (`not_a_bundle`, `syntax`,\n\
     `invalid_date`...), as the FHIR mapping's error names them.\n\
     `str(error)` is the mapping's message."
);

/// The mapping's error as [`InvalidRecord`], with its `path` and `kind`.
fn refused(py: Python<'_>, error: &prolo_triage_fhir::Error) -> PyErr {
    crate::refused_at::<InvalidRecord>(py, error.to_string(), error.path(), error.kind().into())
}

fn options(
    py: Python<'_>,
    as_of: &str,
    medications_complete: bool,
    allergies_complete: bool,
) -> PyResult<MappingOptions> {
    let as_of: AsOf = as_of
        .parse()
        .map_err(|e: prolo_triage_fhir::Error| refused(py, &e))?;
    Ok(MappingOptions::new(as_of)
        .medication_list_complete(medications_complete)
        .allergy_list_complete(allergies_complete))
}

fn mapped<'py>(
    record: &Bound<'py, PyAny>,
    as_of: &str,
    medications_complete: bool,
    allergies_complete: bool,
    map: fn(&str, &MappingOptions) -> Result<prolo_triage_fhir::Mapped, prolo_triage_fhir::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = record.py();
    let text = document_text(record, "record")?;
    let options = options(py, as_of, medications_complete, allergies_complete)?;
    let mapped = py
        .detach(|| map(&text, &options))
        .map_err(|e| refused(py, &e))?;
    to_python(py, &mapped)
}

/// Maps a FHIR R4 searchset or collection Bundle (a dict or JSON str) as of
/// a date: `{"as_of", "presentation", "provenance", "unused"}`; the
/// presentation can go straight to `assess`.
#[pyfunction]
#[pyo3(signature = (bundle, as_of, *, medications_complete = false, allergies_complete = false))]
pub(crate) fn map_bundle<'py>(
    bundle: &Bound<'py, PyAny>,
    as_of: &str,
    medications_complete: bool,
    allergies_complete: bool,
) -> PyResult<Bound<'py, PyAny>> {
    mapped(
        bundle,
        as_of,
        medications_complete,
        allergies_complete,
        prolo_triage_fhir::map_bundle,
    )
}

/// Maps a CDS Hooks `prefetch` object (a dict or JSON str) as of a date,
/// as `map_bundle` does.
#[pyfunction]
#[pyo3(signature = (prefetch, as_of, *, medications_complete = false, allergies_complete = false))]
pub(crate) fn map_prefetch<'py>(
    prefetch: &Bound<'py, PyAny>,
    as_of: &str,
    medications_complete: bool,
    allergies_complete: bool,
) -> PyResult<Bound<'py, PyAny>> {
    mapped(
        prefetch,
        as_of,
        medications_complete,
        allergies_complete,
        prolo_triage_fhir::map_prefetch,
    )
}
