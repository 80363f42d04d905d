//! From a presentation to the intake QuestionnaireResponse a patient app
//! downloads.

use prolo_triage::{Presentation, Subject, Truth};
use serde_json::{json, Value};

use super::items::{Item, INTAKE_ANSWERS, LOCATIONS};
use super::questionnaire::{
    coding, not_sure, sex_display, GENDER_SYSTEM, INTAKE_QUESTIONNAIRE_URL, SYMPTOM_SYSTEM,
};

fn yes_no(truth: Truth) -> Option<Value> {
    INTAKE_ANSWERS
        .iter()
        .find(|(_, _, _, t)| *t == truth)
        .map(|(system, code, display, _)| coding(system, code, display))
}

/// The answers of one item for the presentation; empty when it leaves the
/// item unanswered.
fn answers(item: Item, p: &Presentation) -> Vec<Value> {
    let known = |truth: Truth| match truth {
        Truth::Unknown => Vec::new(),
        truth => yes_no(truth).into_iter().collect(),
    };
    match item {
        Item::Finding(f) => known(p.finding(f)),
        Item::Symptom(s) => known(p.symptom(s)),
        // A class of a known list: an unknown class of an open list is a
        // "Not sure" (the list was asked); an unknown list is unanswered.
        Item::Medication(m) => match p.medications() {
            Some(list) => yes_no(list.truth(m)).into_iter().collect(),
            None => Vec::new(),
        },
        Item::Allergy(a) => match p.allergies() {
            Some(list) => yes_no(list.truth(a)).into_iter().collect(),
            None => Vec::new(),
        },
        Item::WhereItHurts => places(p),
        Item::Weeks(Subject::SymptomWeeks) => integer(p.symptom_weeks().map(|w| w.get())),
        Item::Weeks(_) => integer(p.conservative_care_weeks().map(|w| w.get())),
        Item::Age => integer(p.age_years().map(|a| a.get())),
        Item::Sex => p
            .sex()
            .map(|s| coding(GENDER_SYSTEM, s.as_str(), &sex_display(s)))
            .into_iter()
            .collect(),
    }
}

/// The map: the places present, and "Not sure" when some place is
/// unknown; unanswered when no place is present (a map with nothing
/// tapped says nothing).
fn places(p: &Presentation) -> Vec<Value> {
    let mut chosen: Vec<Value> = LOCATIONS
        .iter()
        .filter(|s| p.symptom(**s) == Truth::Present)
        .filter_map(|s| {
            Some(coding(
                SYMPTOM_SYSTEM,
                s.as_str(),
                s.patient_label()?.as_str(),
            ))
        })
        .collect();
    if chosen.is_empty() {
        return chosen;
    }
    if LOCATIONS.iter().any(|s| p.symptom(*s) == Truth::Unknown) {
        chosen.push(not_sure());
    }
    chosen
}

fn integer(value: Option<u16>) -> Vec<Value> {
    value
        .map(|v| json!({"valueInteger": v}))
        .into_iter()
        .collect()
}

/// The intake QuestionnaireResponse (FHIR R4 JSON, `status` completed,
/// pretty-printed, ending in a newline) that states what the presentation
/// holds of the facts a patient answers: the inverse of
/// [`intake_presentation`](crate::intake_presentation) for a patient app's
/// download.
///
/// - present → Yes, absent → No; an unknown fact is left unanswered
///   (unanswered reads back as unknown), except a class of a known
///   medication or allergy list, which is "Not sure" so the list stays
///   known as asked.
/// - `where_it_hurts`: the places present, with "Not sure" when another
///   place is unknown; unanswered when no place is present (so "no place
///   hurts" does not survive the round trip).
/// - Clinician-only facts, `conditions`, `side`, `pain_score` and
///   `conservative_care` are not items: they are left out. No `authored`
///   time (the crate has no clock): the app adds it.
///
/// Reading the response back gives the presentation again for the facts a
/// patient answers, except that a `both` fact's No reads back unknown, an
/// open list naming every class reads back closed, and a map with no
/// place present reads back unknown.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Presentation, Symptom, Truth};
/// use prolo_triage_fhir::{intake_presentation, intake_response};
/// let p = Presentation::builder()
///     .finding(Finding::Fever, Truth::Absent)
///     .symptom(Symptom::FirstStepPain, Truth::Present)
///     .age_years(52)
///     .build()?;
/// let response = intake_response(&p);
/// assert!(response.contains("\"status\": \"completed\""));
/// assert_eq!(intake_presentation(&response).unwrap(), p);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[must_use]
pub fn intake_response(presentation: &Presentation) -> String {
    let item: Vec<Value> = Item::all()
        .into_iter()
        .filter_map(|item| {
            let answer = answers(item, presentation);
            (!answer.is_empty()).then(|| json!({"linkId": item.link_id(), "answer": answer}))
        })
        .collect();
    let response = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{INTAKE_QUESTIONNAIRE_URL}|{}", env!("CARGO_PKG_VERSION")),
        "status": "completed",
        "item": item,
    });
    // Strings and numbers only: serialization cannot fail.
    let mut json = serde_json::to_string_pretty(&response).unwrap_or_default();
    json.push('\n');
    json
}
