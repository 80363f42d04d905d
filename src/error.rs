//! The one error type of the crate.

use serde::Serialize;
use strum::{Display, EnumIter, IntoStaticStr};

use crate::rules::Group;

/// Why a presentation or a policy was refused.
///
/// Every variant names the field it is about as a path (`age_years`,
/// `findings.fevr`, `conditions[1]`, or `document` for the whole input) and
/// says what was expected. Messages are lowercase and have no trailing
/// period, so they compose: `invalid presentation: findings.fevr: unknown
/// finding ...`.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess_json, Error, ErrorKind, Policy};
///
/// let err = assess_json(r#"{"findings": {"fevr": "present"}}"#, &Policy::default())
///     .unwrap_err();
/// assert_eq!(err.path(), "findings.fevr");
/// assert_eq!(err.kind(), ErrorKind::UnknownName);
/// assert!(err.to_string().starts_with("findings.fevr: unknown finding `fevr`"));
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
    /// The text is not JSON (or not UTF-8 JSON without a byte-order mark).
    #[error("{path}: malformed JSON: {detail}")]
    Syntax {
        /// Where parsing stopped, as far as it is known.
        path: String,
        /// What the parser saw, with line and column.
        detail: String,
    },
    /// A field the format does not have.
    #[error("{path}: unknown field, expected one of {expected}")]
    UnknownField {
        /// Path of the unknown field.
        path: String,
        /// The fields allowed there.
        expected: String,
    },
    /// A name outside a closed vocabulary (condition, finding, medication,
    /// allergy, care, sex, side, truth value...).
    #[error("{path}: unknown {vocabulary} `{value}`, expected one of {expected}")]
    UnknownName {
        /// Path of the value.
        path: String,
        /// Which vocabulary the name should come from.
        vocabulary: &'static str,
        /// The name given (shortened when very long).
        value: String,
        /// The names allowed.
        expected: String,
    },
    /// The same entry twice in a list.
    #[error("{path}: duplicate entry `{value}`")]
    DuplicateEntry {
        /// Path of the second occurrence.
        path: String,
        /// The repeated entry.
        value: String,
    },
    /// The same key twice in one JSON object.
    #[error("{path}: duplicate key")]
    DuplicateKey {
        /// Path of the repeated key.
        path: String,
    },
    /// A number outside its range.
    #[error("{path}: {value} is out of range, expected {expected}")]
    OutOfRange {
        /// Path of the number.
        path: String,
        /// The value given.
        value: String,
        /// The range allowed.
        expected: String,
    },
    /// A value of the wrong JSON type (a string for a number, a float for
    /// an integer, an array for an object...).
    #[error("{path}: wrong type, expected {expected}")]
    WrongType {
        /// Path of the value.
        path: String,
        /// What the field holds.
        expected: String,
    },
    /// Values that are each valid but contradict one another, such as
    /// `symptom_weeks` smaller than `conservative_care_weeks`.
    #[error("{path}: {cause}")]
    Inconsistent {
        /// Path of the field found inconsistent.
        path: String,
        /// The contradiction.
        cause: Inconsistency,
    },
    /// A policy that tries to move a finding where it may not go (a red flag
    /// made anything but a red flag, a supporting finding made a
    /// contraindication).
    #[error("{path}: {cause}")]
    Reclassification {
        /// Path of the classification entry.
        path: String,
        /// Why it is refused.
        cause: Reclassification,
    },
    /// A value of the right type that is not acceptable for another reason
    /// (an empty policy name, for example).
    #[error("{path}: {cause}")]
    Invalid {
        /// Path of the value.
        path: String,
        /// What is wrong and what was expected.
        cause: Invalid,
    },
}

/// Why two values of a presentation contradict one another.
///
/// # Example
///
/// ```
/// use prolo_triage::{Error, Inconsistency, Presentation};
/// let err = Presentation::from_json(r#"{"symptom_weeks": 4, "conservative_care_weeks": 6}"#)
///     .unwrap_err();
/// assert!(matches!(
///     err,
///     Error::Inconsistent {
///         cause: Inconsistency::SymptomsShorterThanCare { symptom_weeks: 4, conservative_care_weeks: 6 },
///         ..
///     }
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Inconsistency {
    /// Symptoms recorded as shorter than the conservative care given for
    /// them.
    #[error("{symptom_weeks} weeks of symptoms is less than the {conservative_care_weeks} weeks of conservative_care_weeks; expected symptom_weeks >= conservative_care_weeks")]
    SymptomsShorterThanCare {
        /// The symptom weeks recorded.
        symptom_weeks: u16,
        /// The conservative care weeks recorded.
        conservative_care_weeks: u16,
    },
    /// Pregnancy recorded present with sex `male`.
    #[error("present contradicts sex `male`; record sex `other` or correct the finding")]
    PregnancyWithSexMale,
}

/// Why a policy's classification of a fact is refused
/// (`docs/decision-model.md` §7).
///
/// # Example
///
/// ```
/// use prolo_triage::{Error, Group, Policy, Reclassification};
/// let err = Policy::from_json(r#"{"name": "x", "version": "1", "classification": {"fever": "relative"}}"#)
///     .unwrap_err();
/// assert!(matches!(
///     err,
///     Error::Reclassification { cause: Reclassification::RedFlagDowngraded { to: Group::Relative }, .. }
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reclassification {
    /// A red flag (or an Ottawa component) moved out of the red flags.
    #[error("a red flag can never be downgraded (to {to})")]
    RedFlagDowngraded {
        /// The group asked for.
        to: Group,
    },
    /// A fact no contraindication rule reads.
    #[error("not a contraindication: only contraindications can be classified")]
    NotAContraindication,
    /// An absolute contraindication made relative.
    #[error("an absolute contraindication can never be downgraded; only precautions can be made absolute")]
    AbsoluteDowngraded,
    /// A contraindication put in a group other than absolute or relative.
    #[error("a contraindication is absolute or relative, not {to}")]
    NotAContraindicationGroup {
        /// The group asked for.
        to: Group,
    },
}

/// Why a value of the right type is not acceptable.
///
/// # Example
///
/// ```
/// use prolo_triage::{Error, Invalid, Policy};
/// let err = Policy::builder("", "1").build().unwrap_err();
/// assert_eq!(err, Error::Invalid { path: "name".into(), cause: Invalid::Label });
/// assert_eq!(err.to_string(), "name: expected 1 to 100 printable characters");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Invalid {
    /// A required field is missing.
    #[error("required field is missing")]
    MissingField,
    /// A policy name or version, or one of the clinic's details, that is
    /// empty, too long or not printable.
    #[error("expected 1 to 100 printable characters")]
    Label,
    /// `other` among a policy's treatable conditions.
    #[error("`other` is never treatable; list conditions from the source document")]
    OtherTreatable,
    /// A policy that treats no condition.
    #[error("expected at least one condition")]
    NoTreatableCondition,
    /// Interview text that is not an answer to the question.
    #[error("`{value}` is not an answer: expected {expected}")]
    NotAnAnswer {
        /// The text given (shortened when long).
        value: String,
        /// What an answer looks like.
        expected: &'static str,
    },
    /// An interview list answer with no name in it.
    #[error("expected one or more names, none, or unknown")]
    NoNames,
    /// An answer of the wrong kind for the subject (a number for a finding).
    #[error("expected {expected}")]
    AnswerDoesNotFit {
        /// What an answer to the subject looks like.
        expected: String,
    },
    /// Text that is not a calendar date written `YYYY-MM-DD`, or a day
    /// that does not exist.
    #[error("`{value}` is not a date: expected YYYY-MM-DD, a day that exists in years 1 to 9999")]
    NotADate {
        /// The text given (shortened when long).
        value: String,
    },
    /// Any other problem the JSON reader reports, in its words.
    #[error("{0}")]
    Other(String),
}

/// The kind of an [`Error`], for callers that branch on it (an FFI error
/// code, an HTTP status).
///
/// # Example
///
/// ```
/// use prolo_triage::{Error, ErrorKind};
/// let e = Error::DuplicateKey { path: "findings.fever".into() };
/// assert_eq!(e.kind(), ErrorKind::DuplicateKey);
/// assert_eq!(ErrorKind::DuplicateKey.to_string(), "duplicate_key");
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
    /// See [`Error::UnknownField`].
    UnknownField,
    /// See [`Error::UnknownName`].
    UnknownName,
    /// See [`Error::DuplicateEntry`].
    DuplicateEntry,
    /// See [`Error::DuplicateKey`].
    DuplicateKey,
    /// See [`Error::OutOfRange`].
    OutOfRange,
    /// See [`Error::WrongType`].
    WrongType,
    /// See [`Error::Inconsistent`].
    Inconsistent,
    /// See [`Error::Reclassification`].
    Reclassification,
    /// See [`Error::Invalid`].
    Invalid,
}

/// The path used for errors about the document as a whole.
pub(crate) const DOCUMENT: &str = "document";

impl Error {
    /// The path of the field the error is about (`document` for the whole
    /// input).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// let err = serde_json::from_str::<Presentation>(r#"{"age_years": 200}"#).unwrap_err();
    /// assert!(err.to_string().contains("age_years"));
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Error::TooLarge { .. } => DOCUMENT,
            Error::Syntax { path, .. }
            | Error::UnknownField { path, .. }
            | Error::UnknownName { path, .. }
            | Error::DuplicateEntry { path, .. }
            | Error::DuplicateKey { path }
            | Error::OutOfRange { path, .. }
            | Error::WrongType { path, .. }
            | Error::Inconsistent { path, .. }
            | Error::Reclassification { path, .. }
            | Error::Invalid { path, .. } => path,
        }
    }

    /// The kind of error, without its details.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Error, ErrorKind};
    /// let e = Error::TooLarge { size: 70_000, limit: 65_536 };
    /// assert_eq!(e.kind(), ErrorKind::TooLarge);
    /// assert_eq!(e.path(), "document");
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Syntax { .. } => ErrorKind::Syntax,
            Error::UnknownField { .. } => ErrorKind::UnknownField,
            Error::UnknownName { .. } => ErrorKind::UnknownName,
            Error::DuplicateEntry { .. } => ErrorKind::DuplicateEntry,
            Error::DuplicateKey { .. } => ErrorKind::DuplicateKey,
            Error::OutOfRange { .. } => ErrorKind::OutOfRange,
            Error::WrongType { .. } => ErrorKind::WrongType,
            Error::Inconsistent { .. } => ErrorKind::Inconsistent,
            Error::Reclassification { .. } => ErrorKind::Reclassification,
            Error::Invalid { .. } => ErrorKind::Invalid,
        }
    }
}
