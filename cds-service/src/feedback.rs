//! Feedback on cards (`POST /cds-services/{id}/feedback`): checked, then
//! logged as one structured line per card, for whoever audits how the
//! advice was used.

use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;

/// The feedback document.
#[derive(Debug, Deserialize)]
pub struct Feedback {
    /// One entry per card.
    pub feedback: Vec<Entry>,
}

/// Feedback on one card.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The card's uuid.
    pub card: String,
    /// `accepted` or `overridden`.
    pub outcome: Outcome,
    /// The suggestions accepted.
    #[serde(default)]
    pub accepted_suggestions: Vec<AcceptedSuggestion>,
    /// Why the card was overridden.
    #[serde(default)]
    pub override_reason: Option<OverrideReason>,
    /// When (a FHIR instant).
    pub outcome_timestamp: String,
}

/// What the clinician did with the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Accepted.
    Accepted,
    /// Overridden.
    Overridden,
}

impl Outcome {
    /// The wire name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Overridden => "overridden",
        }
    }
}

/// An accepted suggestion.
#[derive(Debug, Deserialize)]
pub struct AcceptedSuggestion {
    /// The suggestion's uuid.
    pub id: String,
}

/// An override reason.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverrideReason {
    /// The coding chosen from the card's `overrideReasons`.
    #[serde(default)]
    pub reason: Option<Value>,
    /// What the clinician wrote.
    #[serde(default)]
    pub user_comment: Option<String>,
}

/// Checks feedback, naming the first wrong field.
///
/// # Errors
///
/// [`ApiError::Invalid`] with the field's path.
pub fn check(feedback: &Feedback) -> Result<(), ApiError> {
    if feedback.feedback.is_empty() {
        return Err(ApiError::invalid("feedback", "expected at least one entry"));
    }
    for (i, entry) in feedback.feedback.iter().enumerate() {
        let at = |field: &str| format!("feedback[{i}].{field}");
        if uuid::Uuid::parse_str(&entry.card).is_err() {
            return Err(ApiError::invalid(at("card"), "expected the card's uuid"));
        }
        if !is_instant(&entry.outcome_timestamp) {
            return Err(ApiError::invalid(
                at("outcomeTimestamp"),
                "expected a FHIR instant (YYYY-MM-DDThh:mm:ss(Z|+hh:mm))",
            ));
        }
        if entry.outcome == Outcome::Accepted && entry.override_reason.is_some() {
            return Err(ApiError::invalid(
                at("overrideReason"),
                "only for an overridden card",
            ));
        }
        if entry.outcome == Outcome::Overridden && !entry.accepted_suggestions.is_empty() {
            return Err(ApiError::invalid(
                at("acceptedSuggestions"),
                "only for an accepted card",
            ));
        }
        if let Some(reason) = entry
            .override_reason
            .as_ref()
            .and_then(|r| r.reason.as_ref())
        {
            let code = reason.get("code").and_then(Value::as_str);
            if !reason.is_object() || code.is_none_or(str::is_empty) {
                return Err(ApiError::invalid(
                    at("overrideReason.reason"),
                    "expected a Coding with a code",
                ));
            }
        }
    }
    Ok(())
}

fn is_instant(text: &str) -> bool {
    text.contains('T') && text.parse::<prolo_triage_fhir::AsOf>().is_ok()
}

/// Logs each entry as one structured line.
pub fn log(service: &str, feedback: &Feedback) {
    for entry in &feedback.feedback {
        let reason = entry
            .override_reason
            .as_ref()
            .and_then(|r| r.reason.as_ref())
            .and_then(|c| c.get("code"))
            .and_then(Value::as_str)
            .unwrap_or("");
        // A clinician's comment may name the patient: its length is logged,
        // never its text.
        let comment_chars = entry
            .override_reason
            .as_ref()
            .and_then(|r| r.user_comment.as_deref())
            .map_or(0, |c| c.chars().count());
        tracing::info!(
            target: "prolo_triage_cds::feedback",
            service,
            card = %entry.card,
            outcome = entry.outcome.as_str(),
            override_reason = reason,
            user_comment_chars = comment_chars,
            accepted_suggestions = entry.accepted_suggestions.len(),
            outcome_timestamp = %entry.outcome_timestamp,
            "card feedback"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::from_json;

    fn path_of(body: &str) -> String {
        let parsed = from_json::<Feedback>(body.as_bytes()).and_then(|f| check(&f).map(|()| f));
        match parsed {
            Err(ApiError::Invalid { path, .. }) => path,
            other => panic!("{other:?}"),
        }
    }

    const CARD: &str = "ec5c4d5a-9a6c-4d5b-8f0e-1d8f64b5c2a1";

    #[test]
    fn good_feedback_passes() {
        let body = format!(
            r#"{{"feedback": [{{"card": "{CARD}", "outcome": "overridden",
                "overrideReason": {{"reason": {{"code": "patient-declines", "system": "urn:x"}}, "userComment": "later"}},
                "outcomeTimestamp": "2026-11-26T10:00:00Z"}},
              {{"card": "{CARD}", "outcome": "accepted", "outcomeTimestamp": "2026-11-26T10:00:00+01:00"}}]}}"#
        );
        let f: Feedback = from_json(body.as_bytes()).unwrap();
        check(&f).unwrap();
        log("prolo-triage", &f);
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(path_of(r#"{"feedback": []}"#), "feedback");
        assert_eq!(
            path_of(
                r#"{"feedback": [{"card": "x", "outcome": "accepted", "outcomeTimestamp": "2026-11-26T10:00:00Z"}]}"#
            ),
            "feedback[0].card"
        );
        assert_eq!(
            path_of(&format!(
                r#"{{"feedback": [{{"card": "{CARD}", "outcome": "liked", "outcomeTimestamp": "2026-11-26T10:00:00Z"}}]}}"#
            )),
            "feedback[0].outcome"
        );
        assert_eq!(
            path_of(&format!(
                r#"{{"feedback": [{{"card": "{CARD}", "outcome": "accepted", "outcomeTimestamp": "2026-11-26"}}]}}"#
            )),
            "feedback[0].outcomeTimestamp"
        );
        assert_eq!(
            path_of(&format!(
                r#"{{"feedback": [{{"card": "{CARD}", "outcome": "accepted", "outcomeTimestamp": "2026-11-26T10:00:00Z", "overrideReason": {{}}}}]}}"#
            )),
            "feedback[0].overrideReason"
        );
        assert_eq!(
            path_of(&format!(
                r#"{{"feedback": [{{"card": "{CARD}", "outcome": "overridden", "outcomeTimestamp": "2026-11-26T10:00:00Z", "overrideReason": {{"reason": {{"display": "x"}}}}}}]}}"#
            )),
            "feedback[0].overrideReason.reason"
        );
    }
}
