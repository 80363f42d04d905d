//! The interview, for Python: the core's `Interview` with an audience,
//! holding its starting presentation, policy and the answers given, which
//! it replays (so that a changed answer recomputes what follows).

use prolo_triage::{Answer, Audience, Presentation, Subject};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::{document_text, policy_arg, refused, to_python, InvalidPresentation};

/// An interview in progress: `Interview(presentation=None, policy=None, *,
/// audience="clinician")`. With `audience="patient"` it is the patient's
/// intake (docs/decision-model.md §10): only what a patient can answer, in
/// plain words — the warning signs first, where it hurts, the symptoms that
/// best separate the candidates, then what the verdict needs.
#[pyclass(name = "Interview", module = "prolo_triage")]
pub(crate) struct PyInterview {
    start: Presentation,
    policy: prolo_triage::Policy,
    audience: Audience,
    answers: Vec<(Subject, Answer)>,
}

impl PyInterview {
    fn core(&self) -> prolo_triage::Interview<'_> {
        // Every answer kept was taken once already, in this order: the
        // replay cannot fail, and the start alone is its only fallback.
        prolo_triage::Interview::replay(self.start, &self.policy, self.audience, &self.answers)
            .unwrap_or_else(|_| {
                prolo_triage::Interview::with_audience(self.start, &self.policy, self.audience)
            })
    }
}

/// The text form of an answer: `True`/`False`, a str, an int, or a list
/// of names (a list, or the places of `where_it_hurts`).
fn answer_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(b) = value.extract::<bool>() {
        return Ok(if b { "yes" } else { "no" }.into());
    }
    if let Ok(n) = value.extract::<i64>() {
        return Ok(n.to_string());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return text.extract();
    }
    if let Ok(list) = value.cast::<PyList>() {
        let names: Vec<String> = list.extract()?;
        return Ok(if names.is_empty() {
            "none".into()
        } else {
            names.join(",")
        });
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "an answer is True/False, \"yes\"/\"no\"/\"unknown\", an int, or a list of names",
    ))
}

#[pymethods]
impl PyInterview {
    #[new]
    #[pyo3(signature = (presentation = None, policy = None, *, audience = "clinician"))]
    fn new(
        py: Python<'_>,
        presentation: Option<&Bound<'_, PyAny>>,
        policy: Option<&Bound<'_, PyAny>>,
        audience: &str,
    ) -> PyResult<Self> {
        let start = match presentation {
            Some(p) if !p.is_none() => {
                let text = document_text(p, "presentation")?;
                Presentation::from_json(&text)
                    .map_err(|e| refused::<InvalidPresentation>(py, &e))?
            }
            _ => Presentation::default(),
        };
        let audience = audience.parse().map_err(|_| {
            PyValueError::new_err(format!(
                "audience must be \"patient\" or \"clinician\", not {audience:?}"
            ))
        })?;
        Ok(PyInterview {
            start,
            policy: policy_arg(py, policy)?.into_owned(),
            audience,
            answers: Vec::new(),
        })
    }

    /// The next step (a dict: `subject`, `stage`, `kind`, `text`, `hint`,
    /// `who`, `blocking`, and `places` for the map or `choices` for a
    /// list), or `None` when nothing is left or a red flag stopped it.
    fn next_step<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.core()
            .next_step()
            .map(|step| to_python(py, &step))
            .transpose()
    }

    /// The next blocking question of the verdict (a dict with `who`), or
    /// `None`.
    fn next_question<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.core()
            .next_question()
            .map(|q| to_python(py, &q))
            .transpose()
    }

    /// Records an answer about `subject` (a wire name: `fever`,
    /// `age_years`, `symptoms.first_step_pain`, `where_it_hurts`...):
    /// `True`/`False` or "yes"/"no"/"unknown" ("not sure"), an int, or a
    /// list of names. Raises `InvalidPresentation` naming the subject when
    /// the answer does not fit.
    fn answer(&mut self, py: Python<'_>, subject: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let parsed: Subject = subject.parse().map_err(|_| {
            crate::refused_at::<InvalidPresentation>(
                py,
                format!("subject: `{subject}` is not a finding or a field a question asks about"),
                "subject",
                "unknown_name",
            )
        })?;
        let answer = Answer::parse(parsed, &answer_text(value)?)
            .map_err(|e| refused::<InvalidPresentation>(py, &e))?;
        self.core()
            .answer(parsed, answer.clone())
            .map_err(|e| refused::<InvalidPresentation>(py, &e))?;
        self.answers.push((parsed, answer));
        Ok(())
    }

    /// What the patient must do now when an answer revealed a red flag
    /// (plan items in a patient's words); empty otherwise.
    fn safety_net<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.core().safety_net())
    }

    /// What the clinician will still check, in a patient's words (the end
    /// of a patient's intake; never the verdict).
    fn closing(&self) -> Vec<String> {
        self.core()
            .still_to_check()
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect()
    }

    /// The presentation as completed so far (a dict, with `answered_by`).
    fn presentation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.core().presentation())
    }

    /// The assessment of the presentation as completed so far (a dict).
    fn assessment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.core().assessment())
    }
}
