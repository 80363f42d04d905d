//! From a presentation to the intake QuestionnaireResponse a patient app
//! downloads.

use prolo_triage::{Presentation, Reporter, Subject, Truth};
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
    let by_patient = item
        .facts()
        .iter()
        .any(|f| p.answered_by(*f) == Some(Reporter::Patient));
    // An unknown fact the patient answered was a Not sure (or a `both`
    // fact's No): Not sure says so; any other unknown is unanswered.
    let known = |truth: Truth| match truth {
        Truth::Unknown if !by_patient => Vec::new(),
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
        Item::WhereItHurts => places(p, by_patient),
        Item::Weeks(Subject::SymptomWeeks) => integer(p.symptom_weeks().map(|w| w.get())),
        Item::Weeks(_) => integer(p.conservative_care_weeks().map(|w| w.get())),
        Item::Age => integer(p.age_years().map(|a| a.get())),
        Item::Sex => match p.sex() {
            Some(s) => vec![coding(GENDER_SYSTEM, s.as_str(), &sex_display(s))],
            None if by_patient => vec![not_sure()],
            None => Vec::new(),
        },
    }
}

/// The map: the places present, and "Not sure" when some place is
/// unknown; with no place present, "Not sure" alone when the patient
/// answered the map, else unanswered (a map with nothing tapped says
/// nothing).
fn places(p: &Presentation, by_patient: bool) -> Vec<Value> {
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
        if by_patient && LOCATIONS.iter().any(|s| p.symptom(*s) == Truth::Unknown) {
            chosen.push(not_sure());
        }
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
/// - present → Yes, absent → No; an unknown fact is "Not sure" when the
///   presentation says the patient answered it (`answered_by` patient: a
///   Not sure, or a `both` fact's No), and a class of a known medication
///   or allergy list is "Not sure" too (the list stays known as asked);
///   any other unknown fact is left unanswered (it reads back unknown).
/// - A fact `answered_by` the clinician is written like any other: the
///   response states the presentation; reading it back records the
///   patient as the one who answered.
/// - `where_it_hurts`: the places present, with "Not sure" when another
///   place is unknown; with no place present, "Not sure" when the patient
///   answered the map, else unanswered (so "no place hurts" does not
///   survive the round trip).
/// - Clinician-only facts, `conditions`, `side`, `pain_score` and
///   `conservative_care` are not items: they are left out. No `authored`
///   time (the crate has no clock): the app adds it.
///
/// Reading the response back gives the presentation again for the facts a
/// patient answers (with `answered_by` patient on each answered one),
/// except that a `both` fact's No reads back unknown, an open list naming
/// every class reads back closed, a map with absent places beside unknown
/// ones reads back unknown, and an unknown number is unanswered.
///
/// # Example
///
/// ```
/// use prolo_triage::{FactName, Finding, Presentation, Reporter, Symptom, Truth};
/// use prolo_triage_fhir::{intake_presentation, intake_response};
/// let p = Presentation::builder()
///     .finding(Finding::Fever, Truth::Absent)
///     .symptom(Symptom::FirstStepPain, Truth::Present)
///     .age_years(52)
///     .build()?;
/// let response = intake_response(&p);
/// assert!(response.contains("\"status\": \"completed\""));
/// let back = intake_presentation(&response).unwrap();
/// assert_eq!(back.finding(Finding::Fever), Truth::Absent);
/// assert_eq!(back.symptom(Symptom::FirstStepPain), Truth::Present);
/// assert_eq!(back.age_years(), p.age_years());
/// // Read back, each answer is the patient's.
/// assert_eq!(back.answered_by(FactName::Finding(Finding::Fever)), Some(Reporter::Patient));
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
