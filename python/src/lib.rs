//! Python bindings for prolo-triage: the extension module `prolo_triage`.
//!
//! A thin layer by design. Every presentation goes through the library's
//! own JSON entry point ([`prolo_triage::Presentation::from_json`]), so a
//! Python caller gets exactly the validation, the 64 KiB limit and the
//! field paths that every other host gets; a dict is first written as
//! compact JSON by Python's `json` module. Results are converted straight
//! from the Rust types into Python objects (`pythonize`), with no JSON text
//! in between.
//!
//! Batches: `assess_many` assesses a list on every core without the GIL;
//! `assess_arrow` reads an Arrow array (JSON strings, or a struct column)
//! through the Arrow C data interface (`pyo3-arrow`) and returns a pyarrow
//! table with one row per input row, errors as data.
//!
//! The Python API is described, with types, in `prolo_triage.pyi` beside
//! this crate; the tests in `tests/` hold it to that description.

#![forbid(unsafe_code)]

mod arrow;
mod fhir;
mod interview;
mod parallel;

use std::sync::OnceLock;

use prolo_triage::{
    Allergy, Condition, ConservativeCare, Error, Finding, MedicationClass, Sex, Side, Verdict,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pyo3::PyTypeInfo;

pyo3::create_exception!(
    prolo_triage,
    InvalidPresentation,
    PyValueError,
    "A presentation refused by the library.\n\n\
     `path` names the field (`findings.fevr`, `conditions[1]`, or `document`\n\
     for the whole input) and `kind` says what is wrong (`unknown_name`,\n\
     `out_of_range`, `too_large`...), as in the wire format's table of\n\
     refused input. `str(error)` is the library's message."
);

pyo3::create_exception!(
    prolo_triage,
    InvalidPolicy,
    PyValueError,
    "A policy refused by the library, with `path` and `kind` as for\n\
     `InvalidPresentation` (for example `classification.fever`,\n\
     `reclassification`)."
);

/// Turns a library error into the Python exception `E`, carrying the
/// error's field path and kind as attributes.
fn refused<E: PyTypeInfo>(py: Python<'_>, error: &Error) -> PyErr {
    refused_at::<E>(py, error.to_string(), error.path(), error.kind().into())
}

/// The Python exception `E` with `message`, and `path` and `kind` as
/// attributes (for either library's error).
fn refused_at<E: PyTypeInfo>(py: Python<'_>, message: String, path: &str, kind: &str) -> PyErr {
    let err = PyErr::new::<E, _>(message);
    let value = err.value(py);
    let attributes = value
        .setattr("path", path)
        .and_then(|()| value.setattr("kind", kind));
    match attributes {
        Ok(()) => err,
        Err(failure) => failure,
    }
}

/// Python's `json.dumps`, looked up once.
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// Python's `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The JSON text of a document given as a `str` or a `dict`. `what` names
/// the argument in the `TypeError` for anything else.
///
/// A dict is written compactly, so the 64 KiB limit applies to about the
/// same text a host in another language would send. Values `json` cannot
/// write (a `set`, a `datetime`) raise its `TypeError`; `NaN` is written
/// as `NaN`, which the library then refuses as malformed JSON.
fn document_text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return text.extract();
    }
    if value.is_instance_of::<PyDict>() {
        let py = value.py();
        let dumps = JSON_DUMPS.import(py, "json", "dumps")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("separators", (",", ":"))?;
        kwargs.set_item("ensure_ascii", false)?;
        return dumps.call((value,), Some(&kwargs))?.extract();
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a dict or a JSON str, not {}",
        value.get_type().name()?
    )))
}

/// The library's default policy, built once.
fn default_policy() -> &'static prolo_triage::Policy {
    static DEFAULT: OnceLock<prolo_triage::Policy> = OnceLock::new();
    DEFAULT.get_or_init(prolo_triage::Policy::default)
}

/// Reads a policy from its JSON text, or raises `InvalidPolicy`.
fn policy_from_text(py: Python<'_>, text: &str) -> PyResult<prolo_triage::Policy> {
    prolo_triage::Policy::from_json(text).map_err(|error| refused::<InvalidPolicy>(py, &error))
}

/// The thresholds and classifications a clinic decides with.
///
/// `Policy()` is the literature default; `Policy.from_json` and
/// `Policy.from_dict` read a clinic's own. Immutable, hashable and
/// picklable (so it can be shipped to Spark executors).
#[pyclass(name = "Policy", module = "prolo_triage", frozen, eq, hash)]
#[derive(PartialEq)]
struct PyPolicy {
    inner: prolo_triage::Policy,
}

/// Consistent with `PartialEq`: equal policies have equal names, versions
/// and fingerprints (the fingerprint covers everything else).
impl std::hash::Hash for PyPolicy {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.inner.name().hash(state);
        self.inner.version().hash(state);
        self.inner.fingerprint().hash(state);
    }
}

#[pymethods]
impl PyPolicy {
    /// The literature-default policy.
    #[new]
    fn new() -> Self {
        PyPolicy {
            inner: default_policy().clone(),
        }
    }

    /// Reads a policy from JSON text (the wire format's policy section).
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(PyPolicy {
            inner: policy_from_text(py, text)?,
        })
    }

    /// Reads a policy from a dict with the wire format's fields.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, mapping: &Bound<'_, PyDict>) -> PyResult<Self> {
        let text = document_text(mapping.as_any(), "policy")?;
        Ok(PyPolicy {
            inner: policy_from_text(mapping.py(), &text)?,
        })
    }

    /// The policy's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The policy's version.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// `sha256:` and the SHA-256 of the thresholds and classifications.
    #[getter]
    fn fingerprint(&self) -> &str {
        self.inner.fingerprint()
    }

    /// The policy as JSON that `Policy.from_json` reads back to an equal
    /// policy, every contraindication's class spelled out.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The policy as a dict, the same fields as `to_json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let loads = JSON_LOADS.import(py, "json", "loads")?;
        loads.call1((self.inner.to_json(),))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own quoting, so the repr reads as Python.
        let quoted = |text: &str| PyString::new(py, text).repr()?.extract::<String>();
        Ok(format!(
            "Policy(name={}, version={}, fingerprint={})",
            quoted(self.inner.name())?,
            quoted(self.inner.version())?,
            quoted(self.inner.fingerprint())?
        ))
    }

    /// Pickles as `Policy.from_json(self.to_json())`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_json = py.get_type::<PyPolicy>().getattr("from_json")?;
        let state = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [from_json, state.into_any()])
    }
}

/// The policy argument of every function, `None` (the literature
/// default), a `Policy`, a dict or a JSON str, borrowed where it can be.
type PolicyArg<'a> = std::borrow::Cow<'a, prolo_triage::Policy>;

fn policy_arg<'a>(py: Python<'_>, given: Option<&'a Bound<'_, PyAny>>) -> PyResult<PolicyArg<'a>> {
    match given {
        None => Ok(std::borrow::Cow::Borrowed(default_policy())),
        Some(given) if given.is_none() => Ok(std::borrow::Cow::Borrowed(default_policy())),
        Some(given) => match given.cast::<PyPolicy>() {
            Ok(object) => Ok(std::borrow::Cow::Borrowed(&object.get().inner)),
            Err(_) => Ok(std::borrow::Cow::Owned(policy_from_text(
                py,
                &document_text(given, "policy")?,
            )?)),
        },
    }
}

/// A Rust value as Python objects (dicts, lists, str, int, bool, None),
/// converted directly from its `Serialize` form.
fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// Assesses one presentation under a policy and returns the assessment as a
/// dict in the wire format.
///
/// `presentation` is a dict or a JSON str; `policy` is `None` (the
/// literature default), a `Policy`, a dict or a JSON str. Raises
/// `InvalidPresentation` or `InvalidPolicy` naming the field.
#[pyfunction]
#[pyo3(signature = (presentation, policy = None))]
fn assess<'py>(
    presentation: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = presentation.py();
    let text = document_text(presentation, "presentation")?;
    let policy = policy_arg(py, policy)?;
    let policy: &prolo_triage::Policy = &policy;
    // The assessment is pure Rust: let other Python threads run meanwhile.
    let assessment = py
        .detach(|| {
            prolo_triage::Presentation::from_json(&text).map(|p| prolo_triage::assess(&p, policy))
        })
        .map_err(|error| refused::<InvalidPresentation>(py, &error))?;
    to_python(py, &assessment)
}

/// Rows taken from the iterable at a time: Python objects are read and
/// written with the GIL, the rows of a block assessed without it.
const BLOCK_ROWS: usize = 8192;

/// Assesses every presentation of an iterable, in order, on `jobs` threads
/// (default: every core) without the GIL.
///
/// `errors="raise"` (the default) raises `InvalidPresentation` for the
/// first invalid row, with its `index`; `errors="return"` puts a dict
/// `{"index", "kind", "path", "message"}` in that row's place instead.
#[pyfunction]
#[pyo3(signature = (presentations, policy = None, *, errors = "raise", jobs = None))]
fn assess_many<'py>(
    presentations: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
    errors: &str,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let py = presentations.py();
    let raise = match errors {
        "raise" => true,
        "return" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"return\", not {other:?}"
            )))
        }
    };
    let policy = policy_arg(py, policy)?;
    let policy: &prolo_triage::Policy = &policy;
    let jobs = parallel::jobs(jobs)?;
    let out = PyList::empty(py);
    let mut texts: Vec<String> = Vec::with_capacity(BLOCK_ROWS);
    let mut iter = presentations.try_iter()?;
    let mut index = 0usize;
    loop {
        texts.clear();
        for item in iter.by_ref().take(BLOCK_ROWS) {
            texts.push(document_text(&item?, "presentation")?);
        }
        if texts.is_empty() {
            break;
        }
        let results = py.detach(|| {
            parallel::map(&texts, jobs, |text| {
                prolo_triage::Presentation::from_json(text)
                    .map(|p| prolo_triage::assess(&p, policy))
            })
        })?;
        for result in results {
            match result {
                Ok(assessment) => out.append(to_python(py, &assessment)?)?,
                Err(error) if raise => {
                    let err = refused::<InvalidPresentation>(py, &error);
                    err.value(py).setattr("index", index)?;
                    return Err(err);
                }
                Err(error) => {
                    let row = PyDict::new(py);
                    row.set_item("index", index)?;
                    row.set_item("kind", error.kind().to_string())?;
                    row.set_item("path", error.path())?;
                    row.set_item("message", error.to_string())?;
                    out.append(row)?;
                }
            }
            index = index.saturating_add(1);
        }
    }
    Ok(out)
}

/// The verdict alone (`prolo_triage::decide`): no explanations, several
/// times faster than `assess`.
#[pyfunction]
#[pyo3(signature = (presentation, policy = None))]
fn decide(
    presentation: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<&'static str> {
    let py = presentation.py();
    let text = document_text(presentation, "presentation")?;
    let policy = policy_arg(py, policy)?;
    let policy: &prolo_triage::Policy = &policy;
    py.detach(|| {
        prolo_triage::Presentation::from_json(&text).map(|p| prolo_triage::decide(&p, policy))
    })
    .map(Verdict::as_str)
    .map_err(|error| refused::<InvalidPresentation>(py, &error))
}

/// The date of issue of a handout: a `YYYY-MM-DD` str or a
/// `datetime.date` (read through its `isoformat()`); a bad one raises
/// `ValueError` with `path` `date` and `kind` `invalid`.
fn issue_date(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<prolo_triage::Date>> {
    let Some(date) = date.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    let text: String = if let Ok(text) = date.cast::<PyString>() {
        text.extract()?
    } else if date.hasattr("isoformat")? {
        date.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "date must be a YYYY-MM-DD str or a datetime.date, not {}",
            date.get_type().name()?
        )));
    };
    text.parse::<prolo_triage::Date>()
        .map(Some)
        .map_err(|error| refused::<PyValueError>(date.py(), &error))
}

/// The patient leaflet for a presentation's assessment, in plain language:
/// HTML, or Markdown with `markdown=True`. The clinic's details come from
/// the policy's `clinic` object; `date` is the date of issue (no clock is
/// read: without it the handout leaves a blank).
#[pyfunction]
#[pyo3(signature = (presentation, policy = None, *, markdown = false, date = None))]
fn handout(
    presentation: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    markdown: bool,
    date: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let py = presentation.py();
    let text = document_text(presentation, "presentation")?;
    let policy = policy_arg(py, policy)?;
    let policy: &prolo_triage::Policy = &policy;
    let date = issue_date(date)?;
    py.detach(|| {
        prolo_triage::Presentation::from_json(&text).map(|p| {
            let assessment = prolo_triage::assess(&p, policy);
            let leaflet = prolo_triage::Handout::issued(&assessment, policy.clinic(), date);
            if markdown {
                leaflet.to_markdown()
            } else {
                leaflet.to_html()
            }
        })
    })
    .map_err(|error| refused::<InvalidPresentation>(py, &error))
}

/// Adds a vocabulary to the module as a list of wire names.
fn add_vocabulary<T: Copy>(
    module: &Bound<'_, PyModule>,
    name: &str,
    all: &[T],
    wire_name: fn(T) -> &'static str,
) -> PyResult<()> {
    let names = PyList::new(module.py(), all.iter().map(|value| wire_name(*value)))?;
    module.add(name, names)
}

/// Decision support for clinic software: should prolotherapy be discussed
/// for this foot problem now, and why? Python bindings of the Rust library
/// prolo-triage.
#[pymodule]
#[pyo3(name = "prolo_triage")]
fn prolo_triage_module(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(assess, module)?)?;
    module.add_function(wrap_pyfunction!(assess_many, module)?)?;
    module.add_function(wrap_pyfunction!(decide, module)?)?;
    module.add_function(wrap_pyfunction!(handout, module)?)?;
    module.add_function(wrap_pyfunction!(arrow::assess_arrow, module)?)?;
    module.add_function(wrap_pyfunction!(fhir::map_bundle, module)?)?;
    module.add_function(wrap_pyfunction!(fhir::map_prefetch, module)?)?;
    module.add("InvalidRecord", py.get_type::<fhir::InvalidRecord>())?;
    module.add_class::<PyPolicy>()?;
    module.add_class::<interview::PyInterview>()?;
    module.add("InvalidPresentation", py.get_type::<InvalidPresentation>())?;
    module.add("InvalidPolicy", py.get_type::<InvalidPolicy>())?;
    module.add("MAX_DOCUMENT_BYTES", prolo_triage::MAX_DOCUMENT_BYTES)?;
    add_vocabulary(module, "CONDITIONS", Condition::all(), Condition::as_str)?;
    add_vocabulary(module, "FINDINGS", Finding::all(), Finding::as_str)?;
    add_vocabulary(
        module,
        "MEDICATIONS",
        MedicationClass::all(),
        MedicationClass::as_str,
    )?;
    add_vocabulary(module, "ALLERGIES", Allergy::all(), Allergy::as_str)?;
    add_vocabulary(
        module,
        "CONSERVATIVE_CARE",
        ConservativeCare::all(),
        ConservativeCare::as_str,
    )?;
    add_vocabulary(module, "SEXES", Sex::all(), Sex::as_str)?;
    add_vocabulary(module, "SIDES", Side::all(), Side::as_str)?;
    add_vocabulary(module, "VERDICTS", Verdict::all(), Verdict::as_str)?;
    Ok(())
}
