//! Errors as HTTP answers: a status and one JSON object naming what was
//! wrong, never a bare 500 for anything a client sent.

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
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
        let path = match &self {
            ApiError::Invalid { path, .. } => Some(path.as_str()),
            ApiError::Syntax { .. } | ApiError::TooLarge { .. } => Some("document"),
            _ => None,
        };
        let body = Body {
            error: Detail {
                status: status.as_u16(),
                kind: self.kind(),
                path,
                message: self.to_string(),
            },
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        let mut response = (status, text).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        response
    }
}

/// A body that could not be read as `T`: the syntax error, or the field
/// that was wrong, by its dotted path.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::Syntax {
                detail: inner.to_string(),
            }
        } else {
            let message = strip_position(&inner.to_string());
            // "missing field `x`": the path is the field's, not its parent's.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.strip_suffix('`'));
            let path = match (path.as_str(), missing) {
                (".", Some(field)) => field.to_owned(),
                (_, Some(field)) => format!("{path}.{field}"),
                (".", None) => "document".to_owned(),
                (_, None) => path,
            };
            ApiError::invalid(path, message)
        }
    })?;
    de.end().map_err(|e| ApiError::Syntax {
        detail: e.to_string(),
    })?;
    Ok(value)
}

/// serde's messages end in " at line L column C", which a path says better.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
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
}
