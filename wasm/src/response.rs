//! A QuestionnaireResponse to the screening Questionnaire holding what a
//! presentation knows, so that `fhir`'s mapping reads the same facts back.
//!
//! The items, groups, answer codings and `enableWhen` conditions are read
//! from the Questionnaire the `fhir` crate generates, never restated here.

use prolo_triage::{Finding, Presentation, Truth};
use prolo_triage_fhir::{screening_questionnaire, ANSWERS, SCREENING_QUESTIONNAIRE_URL};
use serde_json::{json, Value};

use crate::calls::Failure;

/// The value at a path of object keys; `null` when absent (as indexing a
/// `Value` gives, without the indexing the lints forbid).
fn at<'a>(value: &'a Value, path: &[&str]) -> &'a Value {
    static NULL: Value = Value::Null;
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .unwrap_or(&NULL)
}

/// The answer coding the Questionnaire offers for `truth` (Yes, No, or
/// Don't know).
fn coding(item: &Value, truth: Truth) -> Option<Value> {
    let (system, code, _, _) = ANSWERS.iter().find(|(_, _, _, t)| *t == truth)?;
    item.get("answerOption")?
        .as_array()?
        .iter()
        .filter_map(|option| option.get("valueCoding"))
        .find(|c| at(c, &["system"]) == *system && at(c, &["code"]) == *code)
        .cloned()
}

/// What the presentation says for an item: a coding for a finding, an
/// integer for a duration, nothing when unknown.
fn answer_value(presentation: &Presentation, item: &Value) -> Option<Value> {
    let link_id = item.get("linkId")?.as_str()?;
    match item.get("type")?.as_str()? {
        "choice" => {
            let finding: Finding = link_id.parse().ok()?;
            match presentation.finding(finding) {
                Truth::Unknown => None,
                truth => coding(item, truth).map(|c| json!({"valueCoding": c})),
            }
        }
        "integer" => {
            let weeks = match link_id {
                "symptom_weeks" => presentation.symptom_weeks(),
                "conservative_care_weeks" => presentation.conservative_care_weeks(),
                _ => None,
            }?;
            Some(json!({"valueInteger": weeks.get()}))
        }
        _ => None,
    }
}

/// True when the item's `enableWhen` conditions (`=` on a coding, joined
/// by `enableBehavior`) hold for the answers given so far.
fn enabled(item: &Value, answers: &[(String, Value)]) -> bool {
    let Some(conditions) = item.get("enableWhen").and_then(Value::as_array) else {
        return true;
    };
    let holds = |c: &Value| {
        answers.iter().any(|(link_id, answer)| {
            at(c, &["question"]) == link_id.as_str()
                && at(c, &["operator"]) == "="
                && at(answer, &["valueCoding", "code"]) == at(c, &["answerCoding", "code"])
        })
    };
    match item.get("enableBehavior").and_then(Value::as_str) {
        Some("all") => conditions.iter().all(holds),
        _ => conditions.iter().any(holds),
    }
}

/// `authored` checked as a FHIR dateTime (as the mapping reads `as_of`),
/// the error naming `authored`.
fn check_authored(authored: &str) -> Result<(), Failure> {
    authored
        .parse::<prolo_triage_fhir::AsOf>()
        .map(|_| ())
        .map_err(|e| {
            Failure::new(
                "authored",
                e.kind().into(),
                e.to_string().replacen("as_of", "authored", 1),
            )
        })
}

/// The screening QuestionnaireResponse for a presentation: every known
/// finding answered Yes or No, the two durations as integers, unknown
/// facts left unanswered. An item disabled by its `enableWhen` is not
/// answered (the Ottawa examination after `recent_injury` No); when such
/// an item is known but its controlling question is not, that question is
/// answered "Don't know", which keeps it unknown and enables the item.
/// No subject and no identifier: the caller adds them if it has them.
///
/// # Errors
///
/// A [`Failure`] when `authored` is not a FHIR dateTime the mapping reads.
pub fn screening_response(presentation: &Presentation, authored: &str) -> Result<String, Failure> {
    check_authored(authored)?;
    let questionnaire: Value =
        serde_json::from_str(&screening_questionnaire()).unwrap_or(Value::Null);
    let version = at(&questionnaire, &["version"])
        .as_str()
        .unwrap_or_default();
    let groups = at(&questionnaire, &["item"])
        .as_array()
        .cloned()
        .unwrap_or_default();
    let items = || {
        groups
            .iter()
            .flat_map(|g| at(g, &["item"]).as_array().into_iter().flatten())
    };

    // First pass: the answers as known.
    let mut answers: Vec<(String, Value)> = items()
        .filter_map(|item| {
            let link_id = at(item, &["linkId"]).as_str()?.to_owned();
            Some((link_id, answer_value(presentation, item)?))
        })
        .collect();
    // A known item whose controlling question is unanswered: answer that
    // question "Don't know".
    for item in items() {
        let known = answers
            .iter()
            .any(|(l, _)| at(item, &["linkId"]) == l.as_str());
        let conditions = at(item, &["enableWhen"]).as_array().into_iter().flatten();
        for c in conditions {
            let Some(question) = at(c, &["question"]).as_str() else {
                continue;
            };
            let answered = answers.iter().any(|(l, _)| l == question);
            let controlling = items().find(|i| at(i, &["linkId"]) == question);
            let enables_on_unknown = ANSWERS.iter().any(|(_, code, _, t)| {
                *t == Truth::Unknown && at(c, &["answerCoding", "code"]) == *code
            });
            if known && !answered && enables_on_unknown {
                if let Some(coding) = controlling.and_then(|i| coding(i, Truth::Unknown)) {
                    answers.push((question.to_owned(), json!({"valueCoding": coding})));
                }
            }
        }
    }

    let response_items: Vec<Value> = groups
        .iter()
        .filter_map(|group| {
            let children: Vec<Value> = at(group, &["item"])
                .as_array()?
                .iter()
                .filter(|item| enabled(item, &answers))
                .filter_map(|item| {
                    let link_id = at(item, &["linkId"]).as_str()?;
                    let (_, answer) = answers.iter().find(|(l, _)| l == link_id)?;
                    Some(json!({"linkId": link_id, "text": at(item, &["text"]), "answer": [answer]}))
                })
                .collect();
            (!children.is_empty()).then(
                || json!({"linkId": at(group, &["linkId"]), "text": at(group, &["text"]), "item": children}),
            )
        })
        .collect();
    Ok(serde_json::to_string_pretty(&json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{SCREENING_QUESTIONNAIRE_URL}|{version}"),
        "status": "completed",
        "authored": authored,
        "item": response_items,
    }))
    .unwrap_or_default())
}

/// A QuestionnaireResponse to the patient intake Questionnaire holding
/// what the presentation knows (`fhir::intake_response`), with `authored`
/// set (a FHIR dateTime: the library has no clock).
pub fn intake_response(presentation: &Presentation, authored: &str) -> Result<String, Failure> {
    check_authored(authored)?;
    let mut response: Value =
        serde_json::from_str(&prolo_triage_fhir::intake_response(presentation))
            .unwrap_or(Value::Null);
    if let Some(object) = response.as_object_mut() {
        object.insert("authored".into(), Value::String(authored.into()));
    }
    Ok(response.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use prolo_triage_fhir::{map_bundle, MappingOptions};

    fn round_trip(p: &Presentation) -> Presentation {
        let authored = "2026-11-26T08:40:00Z";
        let qr: Value = serde_json::from_str(&screening_response(p, authored).unwrap()).unwrap();
        let bundle = json!({"resourceType": "Bundle", "type": "collection",
                            "entry": [{"resource": qr}]});
        let mapped = map_bundle(
            &bundle.to_string(),
            &MappingOptions::new(authored.parse().unwrap()),
        )
        .unwrap();
        // Nothing is left unread but a "Don't know".
        assert!(
            mapped
                .unused()
                .iter()
                .all(|u| u.reason == prolo_triage_fhir::UnusedReason::AnsweredUnknown),
            "{:?}",
            mapped.unused()
        );
        *mapped.presentation()
    }

    /// What a screening response can hold: the findings (without the
    /// Ottawa examination after no injury) and the two durations.
    fn screened(p: &Presentation) -> Presentation {
        let mut b = Presentation::builder();
        let no_injury = p.finding(Finding::RecentInjury) == Truth::Absent;
        for (f, t) in p.findings() {
            let disabled = no_injury
                && f.group() == prolo_triage::FindingGroup::OttawaComponent
                && f != Finding::RecentInjury;
            if !disabled {
                b = b.finding(f, t);
            }
        }
        if let Some(w) = p.symptom_weeks() {
            b = b.symptom_weeks(w.get().into());
        }
        if let Some(w) = p.conservative_care_weeks() {
            b = b.conservative_care_weeks(w.get().into());
        }
        b.build().unwrap()
    }

    #[test]
    fn every_worked_case_round_trips_through_the_fhir_mapping() {
        for path in std::fs::read_dir("../examples/data").unwrap() {
            let path = path.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.starts_with("bad-") {
                continue;
            }
            let p = Presentation::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(round_trip(&p), screened(&p), "{name}");
        }
    }

    #[test]
    fn an_examination_finding_with_the_injury_unknown_answers_it_dont_know() {
        let p = Presentation::builder()
            .finding(Finding::BoneTendernessLateralMalleolus, Truth::Absent)
            .build()
            .unwrap();
        let qr = screening_response(&p, "2026-11-26").unwrap();
        assert!(qr.contains("asked-unknown"));
        assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn a_bad_authored_time_names_the_field() {
        let f = screening_response(&Presentation::default(), "yesterday").unwrap_err();
        assert_eq!(
            (f.path.as_str(), f.kind.as_str()),
            ("authored", "invalid_date")
        );
    }
}
