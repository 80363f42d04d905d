//! The one error type of the crate: why an input was refused as a whole.
//!
//! A refused input is the exception. Inside an accepted Bundle, a resource
//! that cannot be read (a wrong type in a field we need, an unknown code, a
//! stale date) is not an error: it is listed in [`Mapped::unused`] and the
//! facts it would have settled stay unknown.
//!
//! [`Mapped::unused`]: crate::Mapped::unused

use serde::Serialize;
use strum::{Display, EnumIter, IntoStaticStr};

/// Why a Bundle, a prefetch object, a code table or a date was refused.
///
/// Like the core's [`prolo_triage::Error`], every error names the field it
/// is about ([`Error::path`]: `document`, `entry`, `codes[3].means`,
/// `as_of`) and has a kind to branch on ([`Error::kind`]). Messages are
/// lowercase without a trailing period and start with that path, so they
/// compose: `invalid bundle: document: expected a Bundle, found a Patient
/// resource`.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_bundle, Error, ErrorKind, MappingOptions};
///
/// let options = MappingOptions::new("2026-11-26".parse()?);
/// let err = map_bundle(r#"{"resourceType": "Patient"}"#, &options).unwrap_err();
/// assert!(matches!(err, Error::NotABundle { .. }));
/// assert_eq!(err.path(), "document");
/// assert_eq!(err.kind(), ErrorKind::NotABundle);
/// assert_eq!(err.to_string(), "document: expected a Bundle, found a Patient resource");
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document is larger than the limit; it was not parsed.
    #[error("document: {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the document in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The text is not JSON.
    #[error("document: malformed JSON: {detail}")]
    Syntax {
        /// What the parser saw, with line and column.
        detail: String,
    },
    /// The document is not a FHIR Bundle (for [`map_bundle`](crate::map_bundle)).
    #[error("document: expected a Bundle, found {found}")]
    NotABundle {
        /// What was found: `a Patient resource`, `an array`…
        found: String,
    },
    /// A Bundle of a type the mapping does not read.
    #[error("document: Bundle.type is `{found}`, expected searchset or collection")]
    UnsupportedBundleType {
        /// The `type` found (empty when missing).
        found: String,
    },
    /// A part of the Bundle or prefetch object that must have a shape
    /// does not (`entry` not a list, a prefetch that is not an object).
    #[error("{path}: expected {expected}")]
    Malformed {
        /// Where the problem is.
        path: String,
        /// What was expected there.
        expected: &'static str,
    },
    /// The input holds more than one patient: a mapping is for one
    /// patient's record only.
    #[error("document: more than one patient ({patients}); map one patient's record at a time")]
    SeveralPatients {
        /// The patients found, comma separated.
        patients: String,
    },
    /// A date (the as-of date, or a date in a code table) is not a valid
    /// FHIR date.
    #[error("{path}: `{value}` is not a valid date, expected {expected}")]
    InvalidDate {
        /// Which date.
        path: String,
        /// The text given (shortened when very long).
        value: String,
        /// The expected form.
        expected: &'static str,
    },
    /// A code table was refused.
    #[error("{path}: {problem}")]
    InvalidCodeTable {
        /// Path of the entry or field, e.g. `codes[3].means`.
        path: String,
        /// What is wrong and what was expected.
        problem: String,
    },
    /// The facts found could not form a presentation. The mapping resolves
    /// every conflict it knows of, so this is a bug report, not an input
    /// problem.
    #[error("presentation: {0}")]
    Presentation(#[from] prolo_triage::Error),
}

/// The kind of an [`Error`], for callers that branch on it (an HTTP
/// status, an exception attribute) and for the wire: its snake_case name
/// (`not_a_bundle`, `invalid_code_table`) is what the service, the
/// WebAssembly package and Python report as the error's `kind`.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{Error, ErrorKind};
/// let e = Error::Malformed { path: "entry".into(), expected: "a list of entries" };
/// assert_eq!(e.kind(), ErrorKind::Malformed);
/// assert_eq!(ErrorKind::InvalidCodeTable.to_string(), "invalid_code_table");
/// let name: &'static str = ErrorKind::NotABundle.into();
/// assert_eq!(name, "not_a_bundle");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, IntoStaticStr, EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::TooLarge`].
    TooLarge,
    /// See [`Error::Syntax`].
    Syntax,
    /// See [`Error::NotABundle`].
    NotABundle,
    /// See [`Error::UnsupportedBundleType`].
    UnsupportedBundleType,
    /// See [`Error::Malformed`].
    Malformed,
    /// See [`Error::SeveralPatients`].
    SeveralPatients,
    /// See [`Error::InvalidDate`].
    InvalidDate,
    /// See [`Error::InvalidCodeTable`].
    InvalidCodeTable,
    /// See [`Error::Presentation`].
    Presentation,
}

/// The path of errors about the document as a whole.
const DOCUMENT: &str = "document";

/// The path of [`Error::Presentation`], as its message starts.
const PRESENTATION: &str = "presentation";

impl Error {
    /// The path of the field the error is about, as its message starts:
    /// `document` for the input as a whole, `entry`, `codes[3].means`,
    /// `as_of`, or `presentation` for [`Error::Presentation`] (whose
    /// source names the core's field).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{CodeTables, ErrorKind};
    /// let table = r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1",
    ///     "means": "findings.diabetus", "source": "local"}]}"#;
    /// let err = CodeTables::default().extended_from_json(table).unwrap_err();
    /// assert_eq!(err.path(), "codes[0].means");
    /// assert_eq!(err.kind(), ErrorKind::InvalidCodeTable);
    /// assert!(err.to_string().starts_with("codes[0].means: "));
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Error::TooLarge { .. }
            | Error::Syntax { .. }
            | Error::NotABundle { .. }
            | Error::UnsupportedBundleType { .. }
            | Error::SeveralPatients { .. } => DOCUMENT,
            Error::Malformed { path, .. }
            | Error::InvalidDate { path, .. }
            | Error::InvalidCodeTable { path, .. } => path,
            Error::Presentation(_) => PRESENTATION,
        }
    }

    /// The kind of error, without its details.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{AsOf, ErrorKind};
    /// let err = "26 November".parse::<AsOf>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidDate);
    /// assert_eq!(err.path(), "as_of");
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Syntax { .. } => ErrorKind::Syntax,
            Error::NotABundle { .. } => ErrorKind::NotABundle,
            Error::UnsupportedBundleType { .. } => ErrorKind::UnsupportedBundleType,
            Error::Malformed { .. } => ErrorKind::Malformed,
            Error::SeveralPatients { .. } => ErrorKind::SeveralPatients,
            Error::InvalidDate { .. } => ErrorKind::InvalidDate,
            Error::InvalidCodeTable { .. } => ErrorKind::InvalidCodeTable,
            Error::Presentation(_) => ErrorKind::Presentation,
        }
    }
}

/// At most this many characters of a value are echoed in an error.
const ECHO_CHARS: usize = 40;

/// A value for an error message, shortened when very long (the core's
/// echo, with this crate's shorter limit).
pub(crate) fn echo(value: &str) -> String {
    prolo_triage::json::echo_at_most(value, ECHO_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_shortens_long_values() {
        assert_eq!(echo("abc"), "abc");
        let long = "x".repeat(100);
        assert_eq!(echo(&long).chars().count(), ECHO_CHARS + 1);
    }

    #[test]
    fn messages_are_lowercase_without_trailing_period() {
        for e in one_of_each() {
            let m = e.to_string();
            assert!(!m.ends_with('.'), "{m}");
            assert!(m.chars().next().is_some_and(|c| !c.is_uppercase()), "{m}");
        }
    }

    /// One of each variant, with a path that is not `document` where the
    /// variant has one.
    fn one_of_each() -> Vec<Error> {
        vec![
            Error::TooLarge { size: 9, limit: 8 },
            Error::Syntax { detail: "x".into() },
            Error::NotABundle {
                found: "a Patient resource".into(),
            },
            Error::UnsupportedBundleType {
                found: "batch".into(),
            },
            Error::Malformed {
                path: "entry".into(),
                expected: "a list",
            },
            Error::SeveralPatients {
                patients: "Patient/a, Patient/b".into(),
            },
            Error::InvalidDate {
                path: "as_of".into(),
                value: "x".into(),
                expected: "YYYY-MM-DD",
            },
            Error::InvalidCodeTable {
                path: "codes[3].means".into(),
                problem: "x".into(),
            },
            Error::Presentation(prolo_triage::Error::DuplicateKey {
                path: "findings.fever".into(),
            }),
        ]
    }

    #[test]
    fn every_message_starts_with_its_path() {
        for e in one_of_each() {
            let m = e.to_string();
            assert!(m.starts_with(&format!("{}: ", e.path())), "{m}");
        }
    }

    #[test]
    fn paths_name_the_field_not_the_document() {
        let errors = one_of_each();
        let by_kind = |kind: ErrorKind| {
            errors
                .iter()
                .find(|e| e.kind() == kind)
                .map(Error::path)
                .unwrap()
        };
        assert_eq!(by_kind(ErrorKind::Malformed), "entry");
        assert_eq!(by_kind(ErrorKind::InvalidDate), "as_of");
        assert_eq!(by_kind(ErrorKind::InvalidCodeTable), "codes[3].means");
        assert_eq!(by_kind(ErrorKind::Presentation), "presentation");
        assert_eq!(by_kind(ErrorKind::NotABundle), "document");
    }

    #[test]
    fn every_kind_has_a_variant_and_a_snake_case_name() {
        use strum::IntoEnumIterator;
        let kinds: Vec<ErrorKind> = one_of_each().iter().map(Error::kind).collect();
        for kind in ErrorKind::iter() {
            assert!(kinds.contains(&kind), "{kind:?} has no variant here");
            let name: &'static str = kind.into();
            assert_eq!(name, kind.to_string());
            assert_eq!(serde_json::to_value(kind).unwrap(), name);
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
        assert_eq!(
            ErrorKind::iter().map(<&str>::from).collect::<Vec<_>>(),
            [
                "too_large",
                "syntax",
                "not_a_bundle",
                "unsupported_bundle_type",
                "malformed",
                "several_patients",
                "invalid_date",
                "invalid_code_table",
                "presentation",
            ]
        );
    }
}
