//! The one error type of the crate: why an input was refused as a whole.
//!
//! A refused input is the exception. Inside an accepted Bundle, a resource
//! that cannot be read (a wrong type in a field we need, an unknown code, a
//! stale date) is not an error: it is listed in [`Mapped::unused`] and the
//! facts it would have settled stay unknown.
//!
//! [`Mapped::unused`]: crate::Mapped::unused

/// Why a Bundle, a prefetch object, a code table or a date was refused.
///
/// Messages are lowercase without a trailing period and start with the
/// path they are about (`document`, `entry`, `codes[3].means`, `as_of`), so
/// they compose: `invalid bundle: document: expected a Bundle, found a
/// Patient resource`.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{map_bundle, Error, MappingOptions};
///
/// let options = MappingOptions::new("2026-11-26".parse()?);
/// let err = map_bundle(r#"{"resourceType": "Patient"}"#, &options).unwrap_err();
/// assert!(matches!(err, Error::NotABundle { .. }));
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
        let errors = [
            Error::TooLarge { size: 9, limit: 8 },
            Error::Syntax { detail: "x".into() },
            Error::NotABundle {
                found: "Patient".into(),
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
                path: "codes[0]".into(),
                problem: "x".into(),
            },
        ];
        for e in errors {
            let m = e.to_string();
            assert!(!m.ends_with('.'), "{m}");
            assert!(m.chars().next().is_some_and(|c| !c.is_uppercase()), "{m}");
        }
    }
}
