//! Feedback on cards (`POST /cds-services/{id}/feedback`): checked,
//! logged as one structured line per card, and kept in a bounded store
//! for export (`GET /v1/feedback`, JSON Lines or CSV), for the feedback
//! loop ONC's HTI-1 rule asks of a decision support intervention: the
//! intervention, the action taken, the feedback given, the user, the date
//! and the location.
//!
//! CDS Hooks feedback names only the card; the user and the location are
//! those the hook request that issued the card gave (`context.userId`,
//! `context.encounterId`, `fhirServer`), remembered per card in the same
//! store. Both are bounded ([`MAX_FEEDBACK_RECORDS`], [`MAX_ISSUED_CARDS`]):
//! the oldest goes first, and the export says how many were dropped. The
//! store is in memory: a restart empties it, so an operator exports on a
//! schedule (cds-service/README.md, "Feedback export").

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ApiError;

/// The most feedback records kept; the oldest is dropped for a new one.
pub const MAX_FEEDBACK_RECORDS: usize = 10_000;

/// The most issued cards remembered (for the user and location of their
/// feedback); the oldest is forgotten for a new one.
pub const MAX_ISSUED_CARDS: usize = 10_000;

/// The most characters of a hook context value or a comment kept.
pub const MAX_FEEDBACK_FIELD_CHARS: usize = 500;

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

/// What the hook request that issued a card said of its user and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issued {
    /// `context.userId` (a FHIR reference such as `Practitioner/123`).
    pub user: Option<String>,
    /// `context.encounterId`.
    pub encounter: Option<String>,
    /// `fhirServer`.
    pub fhir_server: Option<String>,
}

impl Issued {
    /// The user and place of a hook request's context.
    #[must_use]
    pub fn of_request(
        context: &serde_json::Map<String, Value>,
        fhir_server: Option<&str>,
    ) -> Issued {
        let text = |key: &str| context.get(key).and_then(Value::as_str).map(bounded);
        Issued {
            user: text("userId"),
            encounter: text("encounterId"),
            fhir_server: fhir_server.map(bounded),
        }
    }
}

fn bounded(text: &str) -> String {
    text.chars().take(MAX_FEEDBACK_FIELD_CHARS).collect()
}

/// One exported feedback record: one card's outcome, with the user and
/// place its hook request named. The field order is the CSV's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The intervention: the CDS service's id.
    pub intervention: String,
    /// The card's uuid.
    pub card: String,
    /// `accepted` or `overridden`.
    pub outcome: &'static str,
    /// The override reason's code, as the request gave it.
    pub override_reason_code: Option<String>,
    /// The override reason's system.
    pub override_reason_system: Option<String>,
    /// The override reason's display.
    pub override_reason_display: Option<String>,
    /// What the clinician wrote (may name the patient: the export is
    /// authenticated, never logged).
    pub user_comment: Option<String>,
    /// How many suggestions were accepted.
    pub accepted_suggestions: usize,
    /// The user (`context.userId` of the issuing hook request), when the
    /// card is remembered.
    pub user: Option<String>,
    /// The encounter (`context.encounterId`), the location the hook gave.
    pub encounter: Option<String>,
    /// The EHR's FHIR server (`fhirServer`).
    pub fhir_server: Option<String>,
    /// When, as the feedback gave it (`outcomeTimestamp`).
    pub outcome_timestamp: String,
    /// When the service received it (UTC, RFC 3339).
    pub received_at: String,
}

/// The CSV header, the fields of [`Record`] in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "intervention",
    "card",
    "outcome",
    "override_reason_code",
    "override_reason_system",
    "override_reason_display",
    "user_comment",
    "accepted_suggestions",
    "user",
    "encounter",
    "fhir_server",
    "outcome_timestamp",
    "received_at",
];

#[derive(Debug, Default)]
struct Inner {
    issued: VecDeque<(String, Issued)>,
    records: VecDeque<Record>,
    dropped: u64,
}

/// The bounded feedback store, shared by the service's handlers.
#[derive(Debug, Default)]
pub struct Store {
    inner: Mutex<Inner>,
}

/// A copy of the store's records, oldest first, and how many were dropped
/// to keep it bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The records, oldest first.
    pub records: Vec<Record>,
    /// Records dropped since the service started.
    pub dropped: u64,
}

impl Store {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A handler that panicked while holding the lock left whole
        // records: the data is still consistent.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Remembers an issued card's user and place.
    pub fn issued(&self, card: &str, issued: Issued) {
        let mut inner = self.lock();
        if inner.issued.len() >= MAX_ISSUED_CARDS {
            inner.issued.pop_front();
        }
        inner.issued.push_back((card.to_owned(), issued));
    }

    /// Keeps the records of a checked feedback document.
    pub fn record(&self, service: &str, feedback: &Feedback, received_at: &str) {
        let mut inner = self.lock();
        for entry in &feedback.feedback {
            let issued = inner
                .issued
                .iter()
                .rev()
                .find(|(card, _)| *card == entry.card)
                .map(|(_, i)| i.clone())
                .unwrap_or_default();
            let reason = entry.override_reason.as_ref();
            let coding = |key: &str| {
                reason
                    .and_then(|r| r.reason.as_ref())
                    .and_then(|c| c.get(key))
                    .and_then(Value::as_str)
                    .map(bounded)
            };
            let record = Record {
                intervention: service.to_owned(),
                card: entry.card.clone(),
                outcome: entry.outcome.as_str(),
                override_reason_code: coding("code"),
                override_reason_system: coding("system"),
                override_reason_display: coding("display"),
                user_comment: reason.and_then(|r| r.user_comment.as_deref()).map(bounded),
                accepted_suggestions: entry.accepted_suggestions.len(),
                user: issued.user,
                encounter: issued.encounter,
                fhir_server: issued.fhir_server,
                outcome_timestamp: bounded(&entry.outcome_timestamp),
                received_at: received_at.to_owned(),
            };
            if inner.records.len() >= MAX_FEEDBACK_RECORDS {
                inner.records.pop_front();
                inner.dropped = inner.dropped.saturating_add(1);
            }
            inner.records.push_back(record);
        }
    }

    /// A copy of the records.
    #[must_use]
    pub fn export(&self) -> Export {
        let inner = self.lock();
        Export {
            records: inner.records.iter().cloned().collect(),
            dropped: inner.dropped,
        }
    }
}

impl Export {
    /// The records as JSON Lines, one object per line.
    #[must_use]
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for record in &self.records {
            if let Ok(line) = serde_json::to_string(record) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// The records as CSV (RFC 4180, a header row of [`CSV_COLUMNS`]).
    ///
    /// # Errors
    ///
    /// When the CSV writer fails (it writes to memory: never in practice).
    pub fn to_csv(&self) -> Result<String, ApiError> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let internal = |e: csv::Error| ApiError::Internal(e.to_string());
        writer.write_record(CSV_COLUMNS).map_err(internal)?;
        for r in &self.records {
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            writer
                .write_record([
                    r.intervention.clone(),
                    r.card.clone(),
                    r.outcome.to_owned(),
                    opt(&r.override_reason_code),
                    opt(&r.override_reason_system),
                    opt(&r.override_reason_display),
                    opt(&r.user_comment),
                    r.accepted_suggestions.to_string(),
                    opt(&r.user),
                    opt(&r.encounter),
                    opt(&r.fhir_server),
                    r.outcome_timestamp.clone(),
                    r.received_at.clone(),
                ])
                .map_err(internal)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
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

    #[test]
    fn the_store_keeps_user_and_place_and_stays_bounded() {
        let store = Store::default();
        let context: serde_json::Map<String, Value> = serde_json::from_str(
            r#"{"userId": "Practitioner/7", "patientId": "p1", "encounterId": "e9"}"#,
        )
        .unwrap();
        store.issued(
            CARD,
            Issued::of_request(&context, Some("https://ehr.example/fhir")),
        );
        let body = format!(
            r#"{{"feedback": [{{"card": "{CARD}", "outcome": "overridden",
                "overrideReason": {{"reason": {{"code": "patient-declines", "system": "urn:x", "display": "Declines, \"later\""}}, "userComment": "a, b"}},
                "outcomeTimestamp": "2026-11-26T10:00:00Z"}}]}}"#
        );
        let f: Feedback = from_json(body.as_bytes()).unwrap();
        store.record("prolo-triage", &f, "2026-11-26T10:00:01Z");
        let export = store.export();
        assert_eq!(export.records.len(), 1);
        let r = &export.records[0];
        assert_eq!(r.user.as_deref(), Some("Practitioner/7"));
        assert_eq!(r.encounter.as_deref(), Some("e9"));
        assert_eq!(r.override_reason_code.as_deref(), Some("patient-declines"));
        let csv = export.to_csv().unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(CSV_COLUMNS.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(format!(r#"prolo-triage,{CARD},overridden,patient-declines,urn:x,"Declines, ""later""","a, b",0,Practitioner/7,e9,https://ehr.example/fhir,2026-11-26T10:00:00Z,2026-11-26T10:00:01Z"#).as_str())
        );
        let line: Value = serde_json::from_str(export.to_json_lines().trim_end()).unwrap();
        assert_eq!(line["user"], "Practitioner/7");
        assert_eq!(line["outcome"], "overridden");

        for _ in 0..MAX_FEEDBACK_RECORDS {
            store.record("prolo-triage", &f, "2026-11-26T10:00:02Z");
        }
        let export = store.export();
        assert_eq!(
            (export.records.len(), export.dropped),
            (MAX_FEEDBACK_RECORDS, 1)
        );
        for i in 0..=MAX_ISSUED_CARDS {
            store.issued(&format!("c{i}"), Issued::default());
        }
        assert_eq!(store.lock().issued.len(), MAX_ISSUED_CARDS);
    }
}
