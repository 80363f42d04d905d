//! Why an intake QuestionnaireResponse was refused.

/// Why an intake QuestionnaireResponse could not be read: every variant
/// about an item names its `linkId` ([`IntakeError::link_id`]) and what was
/// expected. Messages are lowercase without a trailing period.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{intake_presentation, IntakeError, INTAKE_QUESTIONNAIRE_URL};
/// let response = format!(r#"{{"resourceType": "QuestionnaireResponse",
///   "questionnaire": "{INTAKE_QUESTIONNAIRE_URL}", "status": "completed",
///   "item": [{{"linkId": "fever", "answer": [{{"valueString": "maybe"}}]}}]}}"#);
/// let err = intake_presentation(&response).unwrap_err();
/// assert_eq!(err.link_id(), Some("fever"));
/// assert_eq!(err.to_string(), "fever: expected a coding Y, N or asked-unknown (Yes, No, Not sure), found another kind of answer");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IntakeError {
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
    /// The document is not a QuestionnaireResponse.
    #[error("resourceType: expected QuestionnaireResponse, found {found}")]
    NotAResponse {
        /// What was found (`Patient`, `no resourceType`).
        found: String,
    },
    /// The response answers another questionnaire.
    #[error("questionnaire: expected the intake questionnaire, found `{found}`")]
    OtherQuestionnaire {
        /// The `questionnaire` found (shortened when very long).
        found: String,
    },
    /// The response was entered in error: it says nothing.
    #[error("status: entered-in-error, the answers do not count")]
    EnteredInError,
    /// A part of the response has the wrong shape (an item that is not an
    /// object, a linkId that is not a string).
    #[error("document: expected a QuestionnaireResponse: {detail}")]
    Malformed {
        /// What the reader saw.
        detail: String,
    },
    /// An item the intake does not have (an examination fact is never an
    /// item).
    #[error("{link_id}: not an item of the intake questionnaire")]
    UnknownItem {
        /// The linkId (shortened when very long).
        link_id: String,
    },
    /// The same item answered twice.
    #[error("{link_id}: answered more than once")]
    DuplicateItem {
        /// The linkId.
        link_id: String,
    },
    /// An item that takes one answer has several.
    #[error("{link_id}: expected one answer, found {found}")]
    SeveralAnswers {
        /// The linkId.
        link_id: String,
        /// How many answers were found.
        found: usize,
    },
    /// An answer that is not one the item offers.
    #[error("{link_id}: expected {expected}, found {found}")]
    UnexpectedAnswer {
        /// The linkId.
        link_id: String,
        /// What the item takes.
        expected: &'static str,
        /// What was found (shortened when very long).
        found: String,
    },
    /// A number outside the item's range.
    #[error("{link_id}: expected 0 to {max}, found {value}")]
    OutOfRange {
        /// The linkId.
        link_id: String,
        /// The number found.
        value: i64,
        /// The largest allowed.
        max: u16,
    },
    /// The answers do not form a presentation (the core's check, such as
    /// more weeks of treatment than of pain).
    #[error("presentation: {0}")]
    Presentation(#[from] prolo_triage::Error),
}

impl IntakeError {
    /// The linkId of the item the error is about, if it is about one.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::IntakeError;
    /// let e = IntakeError::DuplicateItem { link_id: "fever".into() };
    /// assert_eq!(e.link_id(), Some("fever"));
    /// assert_eq!(IntakeError::EnteredInError.link_id(), None);
    /// ```
    #[must_use]
    pub fn link_id(&self) -> Option<&str> {
        match self {
            IntakeError::UnknownItem { link_id }
            | IntakeError::DuplicateItem { link_id }
            | IntakeError::SeveralAnswers { link_id, .. }
            | IntakeError::UnexpectedAnswer { link_id, .. }
            | IntakeError::OutOfRange { link_id, .. } => Some(link_id),
            _ => None,
        }
    }
}
