//! Errors as HTTP answers: a status and one JSON object naming what was
//! wrong, never a bare 500 for anything a client sent. The CDS Hooks routes
//! answer `{"error": {...}}` as they always have; the REST routes answer the
//! same error as `application/problem+json` (RFC 9457, [`Problem`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why a request was not answered with cards.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON.
    #[error("the body is not valid JSON: {detail}")]
    Syntax {
        /// serde_json's message, with line and column.
        detail: String,
    },
    /// A field is missing, of the wrong type, or has a value we refuse.
    #[error("{path}: {message}")]
    Invalid {
        /// Where, as a dotted path (`context.patientId`).
        path: String,
        /// What was expected.
        message: String,
    },
    /// The core refused the document: its error, whose
    /// [`path`](prolo_triage::Error::path) and typed
    /// [`kind`](prolo_triage::Error::kind) the answer names.
    #[error("{0}")]
    Input(prolo_triage::Error),
    /// The FHIR mapping refused the record (or its as-of date): its error,
    /// whose [`path`](prolo_triage_fhir::Error::path) and typed
    /// [`kind`](prolo_triage_fhir::Error::kind) the answer names.
    #[error("{0}")]
    Fhir(prolo_triage_fhir::Error),
    /// None of the media types the client accepts can be written.
    #[error("not acceptable: {0}")]
    NotAcceptable(String),
    /// The body is larger than the configured limit.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The data the service needs could not be had (CDS Hooks: 412).
    #[error("{0}")]
    PreconditionFailed(String),
    /// The bearer token is missing or not acceptable.
    #[error("{0}")]
    Unauthorized(String),
    /// The request took longer than the configured time.
    #[error("no answer within {millis} ms")]
    Timeout {
        /// The limit in milliseconds.
        millis: u64,
    },
    /// No such endpoint.
    #[error("no such endpoint: {0}")]
    NotFound(String),
    /// The endpoint exists, not with this method.
    #[error("method not allowed: {0}")]
    MethodNotAllowed(String),
    /// A bug or an unexpected failure on our side.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A short, stable name for the kind of error.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Syntax { .. } => "syntax",
            ApiError::Invalid { .. } => "invalid",
            ApiError::Input(_) | ApiError::Fhir(_) => "input",
            ApiError::NotAcceptable(_) => "not_acceptable",
            ApiError::TooLarge { .. } => "too_large",
            ApiError::PreconditionFailed(_) => "precondition_failed",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Timeout { .. } => "timeout",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Syntax { .. } | ApiError::Invalid { .. } => StatusCode::BAD_REQUEST,
            ApiError::Input(e) => match e.kind() {
                prolo_triage::ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::BAD_REQUEST,
            },
            ApiError::Fhir(e) => match e.kind() {
                prolo_triage_fhir::ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                // A mapping that cannot form a presentation is our bug,
                // not the client's input; it still answered 400 before
                // statuses came from kinds, and still does.
                _ => StatusCode::BAD_REQUEST,
            },
            ApiError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The field the error is about, if it names one (`document` for the
    /// body as a whole).
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            ApiError::Invalid { path, .. } => Some(path.as_str()),
            ApiError::Input(e) => Some(e.path()),
            ApiError::Fhir(e) => Some(e.path()),
            ApiError::Syntax { .. } | ApiError::TooLarge { .. } => Some("document"),
            _ => None,
        }
    }

    /// The kind a problem document names: the library's own kind for a
    /// document it refused (`unknown_name`, `not_a_bundle`), else
    /// [`ApiError::kind`].
    #[must_use]
    pub fn detail_kind(&self) -> &'static str {
        match self {
            ApiError::Input(e) => e.kind().into(),
            ApiError::Fhir(e) => e.kind().into(),
            other => other.kind(),
        }
    }

    /// A field error.
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    status: u16,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = Body {
            error: Detail {
                status: status.as_u16(),
                kind: self.kind(),
                path: self.path(),
                message: self.to_string(),
            },
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        with_headers(status, text, "application/json")
    }
}

fn with_headers(status: StatusCode, text: String, media_type: &'static str) -> Response {
    let mut response = (status, text).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
    }
    response
}

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error as an RFC 9457 problem document, the answer of the REST
/// routes: `type` (a URN per kind), `title`, `status`, `detail`, and the
/// extension members `kind` and `path` (the field that was wrong).
///
/// ```json
/// {"type": "urn:prolo-triage:problem:unknown_name", "title": "The document was refused",
///  "status": 400, "detail": "findings.fevr: unknown finding `fevr`, expected one of …",
///  "kind": "unknown_name", "path": "findings.fevr"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = Problem)]
pub struct Problem {
    /// A URN naming the kind of problem: `urn:prolo-triage:problem:<kind>`.
    #[serde(rename = "type")]
    pub type_: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What was wrong with this request.
    pub detail: String,
    /// The kind, as in `type` without its prefix.
    pub kind: String,
    /// The field that was wrong, as a dotted path (`findings.fevr`), or
    /// `document` for the body as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl From<&ApiError> for Problem {
    fn from(e: &ApiError) -> Problem {
        let kind = e.detail_kind().to_owned();
        Problem {
            type_: format!("urn:prolo-triage:problem:{kind}"),
            title: title(e).to_owned(),
            status: e.status().as_u16(),
            detail: e.to_string(),
            kind,
            path: e.path().map(str::to_owned),
        }
    }
}

fn title(e: &ApiError) -> &'static str {
    match e {
        ApiError::Syntax { .. } => "The body is not valid JSON",
        ApiError::Invalid { .. } => "A field is not acceptable",
        ApiError::Input(_) | ApiError::Fhir(_) => "The document was refused",
        ApiError::NotAcceptable(_) => "No acceptable media type",
        ApiError::TooLarge { .. } => "The body is too large",
        ApiError::PreconditionFailed(_) => "The data needed could not be had",
        ApiError::Unauthorized(_) => "Not authenticated",
        ApiError::Timeout { .. } => "No answer in time",
        ApiError::NotFound(_) => "No such endpoint",
        ApiError::MethodNotAllowed(_) => "Method not allowed",
        ApiError::Internal(_) => "Internal error",
    }
}

impl ApiError {
    /// This error as a problem document (`application/problem+json`).
    #[must_use]
    pub fn into_problem_response(self) -> Response {
        let problem = Problem::from(&self);
        let text = serde_json::to_string(&problem).unwrap_or_default();
        with_headers(self.status(), text, PROBLEM_JSON)
    }

    /// This error in the form the route at `path` answers with: a problem
    /// document under the REST API (`/v1/…`, `/openapi.json`), the CDS
    /// Hooks error object elsewhere.
    #[must_use]
    pub fn into_response_for(self, path: &str) -> Response {
        if is_rest_path(path) {
            self.into_problem_response()
        } else {
            self.into_response()
        }
    }
}

/// Whether a request path belongs to the REST API (problem documents).
#[must_use]
pub fn is_rest_path(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/") || path == "/openapi.json"
}

impl From<prolo_triage::Error> for ApiError {
    fn from(e: prolo_triage::Error) -> ApiError {
        ApiError::Input(e)
    }
}

impl From<prolo_triage_fhir::Error> for ApiError {
    fn from(e: prolo_triage_fhir::Error) -> ApiError {
        ApiError::Fhir(e)
    }
}

/// A body that could not be read as `T`: the syntax error, or the field
/// that was wrong, by its dotted path — the core's one JSON reader
/// (`prolo_triage::json::read`), so every member names fields alike.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    use prolo_triage::json::JsonError;
    prolo_triage::json::read(bytes).map_err(|e| match e {
        JsonError::Syntax { detail } => ApiError::Syntax { detail },
        JsonError::Data { path, message } => ApiError::Invalid { path, message },
        other => ApiError::invalid(other.path().to_owned(), other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[test]
    fn names_the_field_that_was_wrong() {
        let e = from_json::<Outer>(br#"{"inner": {"count": "x"}}"#).unwrap_err();
        assert_eq!(e.kind(), "invalid");
        match e {
            ApiError::Invalid { path, message } => {
                assert_eq!(path, "inner.count");
                assert!(message.starts_with("invalid type: string"), "{message}");
                assert!(!message.contains("line"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named_too() {
        let e = from_json::<Outer>(br#"{"inner": {}}"#).unwrap_err();
        assert_eq!(
            e,
            ApiError::invalid("inner.count", "missing field `count`".to_owned())
        );
        let e = from_json::<Outer>(br#"{}"#).unwrap_err();
        assert_eq!(
            e,
            ApiError::invalid("inner", "missing field `inner`".to_owned())
        );
    }

    #[test]
    fn syntax_and_trailing_bytes_are_syntax_errors() {
        assert_eq!(from_json::<Outer>(b"{").unwrap_err().kind(), "syntax");
        assert_eq!(
            from_json::<Outer>(br#"{"inner": {"count": 1}} x"#)
                .unwrap_err()
                .kind(),
            "syntax"
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(ApiError::TooLarge { limit: 1 }.status().as_u16(), 413);
        assert_eq!(
            ApiError::PreconditionFailed("x".into()).status().as_u16(),
            412
        );
        assert_eq!(ApiError::Unauthorized("x".into()).status().as_u16(), 401);
        assert_eq!(ApiError::invalid("a", "b").status().as_u16(), 400);
    }

    #[test]
    fn statuses_come_from_the_libraries_typed_kinds() {
        let core = |e| ApiError::from(e).status().as_u16();
        assert_eq!(
            core(prolo_triage::Error::TooLarge { size: 9, limit: 8 }),
            413
        );
        assert_eq!(
            core(prolo_triage::Error::DuplicateKey {
                path: "findings.fever".into()
            }),
            400
        );
        let fhir = |e| ApiError::from(e).status().as_u16();
        assert_eq!(
            fhir(prolo_triage_fhir::Error::TooLarge { size: 9, limit: 8 }),
            413
        );
        assert_eq!(
            fhir(prolo_triage_fhir::Error::Syntax { detail: "x".into() }),
            400
        );
    }

    /// A FHIR refusal's problem document names the mapping's own field
    /// and kind: a bad code table names its entry, not `presentation`.
    #[test]
    fn fhir_problems_name_the_mappings_field_and_kind() {
        let table = r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1",
            "means": "findings.diabetus", "source": "local"}]}"#;
        let e = prolo_triage_fhir::CodeTables::default()
            .extended_from_json(table)
            .unwrap_err();
        let message = e.to_string();
        let problem = Problem::from(&ApiError::from(e));
        assert_eq!(problem.path.as_deref(), Some("codes[0].means"));
        assert_eq!(problem.kind, "invalid_code_table");
        assert_eq!(problem.type_, "urn:prolo-triage:problem:invalid_code_table");
        assert_eq!(problem.status, 400);
        assert_eq!(problem.detail, message);

        let e = prolo_triage_fhir::Error::Malformed {
            path: "entry".into(),
            expected: "a list of entries",
        };
        let problem = Problem::from(&ApiError::from(e));
        assert_eq!(problem.path.as_deref(), Some("entry"));
        assert_eq!(problem.kind, "malformed");

        let e = prolo_triage_fhir::Error::Presentation(prolo_triage::Error::DuplicateKey {
            path: "findings.fever".into(),
        });
        let problem = Problem::from(&ApiError::from(e));
        assert_eq!(
            (problem.path.as_deref(), problem.kind.as_str()),
            (Some("presentation"), "presentation")
        );
        assert_eq!(
            problem.detail,
            "presentation: findings.fever: duplicate key"
        );
    }

    /// The CDS Hooks error object keeps its coarse `input` kind for both
    /// libraries, and names their field.
    #[test]
    fn hook_errors_keep_the_input_kind() {
        let e = ApiError::from(prolo_triage_fhir::Error::NotABundle {
            found: "an array".into(),
        });
        assert_eq!(e.kind(), "input");
        assert_eq!(e.detail_kind(), "not_a_bundle");
        assert_eq!(e.path(), Some("document"));
        let e = ApiError::from(prolo_triage::Error::DuplicateKey {
            path: "findings.fever".into(),
        });
        assert_eq!(e.kind(), "input");
        assert_eq!(e.detail_kind(), "duplicate_key");
        assert_eq!(e.path(), Some("findings.fever"));
    }
}
