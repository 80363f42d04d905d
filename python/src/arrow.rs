//! `assess_arrow`: a column of presentations in, a table of results out,
//! through the Arrow C data interface (`pyo3-arrow`), one row per row and
//! errors as data.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::PyTable;

use crate::{parallel, policy_arg};

/// One row's answer.
enum Row {
    Screened {
        verdict: &'static str,
        summary: String,
        blocking: Vec<&'static str>,
    },
    Failed {
        kind: String,
        path: String,
        message: String,
    },
}

fn screen(text: Option<&str>, policy: &prolo_triage::Policy) -> Row {
    let Some(text) = text else {
        return Row::Failed {
            kind: "null".into(),
            path: "document".into(),
            message: "document: null, expected a presentation".into(),
        };
    };
    match prolo_triage::Presentation::from_json(text) {
        Ok(p) => {
            let a = prolo_triage::assess(&p, policy);
            Row::Screened {
                verdict: a.verdict.as_str(),
                blocking: a.blocking_questions().map(|q| q.finding.as_str()).collect(),
                summary: a.summary,
            }
        }
        Err(e) => Row::Failed {
            kind: e.kind().to_string(),
            path: e.path().to_owned(),
            message: e.to_string(),
        },
    }
}

/// The rows of one chunk as JSON text: strings as they are, structs
/// written as JSON objects (null fields left out, so they read as unknown).
fn borrowed<'a>(rows: impl Iterator<Item = Option<&'a str>>) -> Vec<Option<Cow<'a, str>>> {
    rows.map(|t| t.map(Cow::Borrowed)).collect()
}

fn texts(array: &ArrayRef) -> PyResult<Vec<Option<Cow<'_, str>>>> {
    match array.data_type() {
        DataType::Utf8 => Ok(borrowed(array.as_string::<i32>().iter())),
        DataType::LargeUtf8 => Ok(borrowed(array.as_string::<i64>().iter())),
        DataType::Utf8View => Ok(borrowed(array.as_string_view().iter())),
        DataType::Struct(_) => {
            let rows: &StructArray = array.as_struct();
            let batch = RecordBatch::from(rows.clone());
            let mut writer = arrow_json::LineDelimitedWriter::new(Vec::new());
            writer
                .write(&batch)
                .and_then(|()| writer.finish())
                .map_err(|e| PyTypeError::new_err(format!("cannot read the struct column: {e}")))?;
            let json = writer.into_inner();
            let lines = json
                .split(|b| *b == b'\n')
                .map(|l| String::from_utf8_lossy(l).into_owned());
            Ok(lines
                .zip(0..rows.len())
                .map(|(line, i)| (!rows.is_null(i)).then_some(Cow::Owned(line)))
                .collect())
        }
        other => Err(PyTypeError::new_err(format!(
            "assess_arrow takes strings (JSON presentations) or a struct column, not {other}"
        ))),
    }
}

fn table(rows: &[Row]) -> PyResult<RecordBatch> {
    let mut verdict = StringBuilder::new();
    let mut summary = StringBuilder::new();
    let mut blocking = ListBuilder::new(StringBuilder::new());
    let mut error_kind = StringBuilder::new();
    let mut error_path = StringBuilder::new();
    let mut error_message = StringBuilder::new();
    for row in rows {
        match row {
            Row::Screened {
                verdict: v,
                summary: s,
                blocking: b,
            } => {
                verdict.append_value(v);
                summary.append_value(s);
                for finding in b {
                    blocking.values().append_value(finding);
                }
                blocking.append(true);
                error_kind.append_null();
                error_path.append_null();
                error_message.append_null();
            }
            Row::Failed {
                kind,
                path,
                message,
            } => {
                verdict.append_null();
                summary.append_null();
                blocking.append(false);
                error_kind.append_value(kind);
                error_path.append_value(path);
                error_message.append_value(message);
            }
        }
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("verdict", Arc::new(verdict.finish())),
        ("summary", Arc::new(summary.finish())),
        ("blocking", Arc::new(blocking.finish())),
        ("error_kind", Arc::new(error_kind.finish())),
        ("error_path", Arc::new(error_path.finish())),
        ("error_message", Arc::new(error_message.finish())),
    ];
    let schema = Schema::new(
        columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect::<Vec<_>>(),
    );
    RecordBatch::try_new(
        Arc::new(schema),
        columns.into_iter().map(|(_, array)| array).collect(),
    )
    .map_err(|e| PyTypeError::new_err(e.to_string()))
}

/// Assesses a column of presentations: a pyarrow `Array` or
/// `ChunkedArray` of JSON strings, or of structs with the wire format's
/// fields (a `Table` or `RecordBatch` reads as such a column). Returns a
/// `pyarrow.Table` with one row per input row: `verdict`, `summary`,
/// `blocking` (list of findings), and `error_kind`, `error_path`,
/// `error_message` (null unless the row was refused). One bad row is a row
/// with an error, never an exception. Runs on `jobs` threads (default:
/// every core) without the GIL.
#[pyfunction]
#[pyo3(signature = (presentations, policy = None, *, jobs = None))]
pub(crate) fn assess_arrow<'py>(
    py: Python<'py>,
    presentations: AnyArray,
    policy: Option<&Bound<'py, PyAny>>,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let policy = policy_arg(py, policy)?;
    let policy: &prolo_triage::Policy = &policy;
    let jobs = parallel::jobs(jobs)?;
    let chunked = presentations.into_chunked_array()?;
    let mut batches = Vec::with_capacity(chunked.chunks().len());
    for chunk in chunked.chunks() {
        let batch = py.detach(|| -> PyResult<RecordBatch> {
            let texts = texts(chunk)?;
            let rows = parallel::map(&texts, jobs, |t| screen(t.as_deref(), policy))?;
            table(&rows)
        })?;
        batches.push(batch);
    }
    let schema = match batches.first() {
        Some(batch) => batch.schema(),
        None => table(&[])?.schema(),
    };
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}
