//! From an intake QuestionnaireResponse back to a presentation.

use prolo_triage::{
    AgeYears, Allergy, ClassList, MedicationClass, Presentation, Reporter, Sex, Subject, Symptom,
    Truth, Weeks,
};
use serde_json::Value;

use super::error::IntakeError;
use super::items::{recorded, Item, LOCATIONS};
use super::questionnaire::{GENDER_SYSTEM, INTAKE_QUESTIONNAIRE_URL, SYMPTOM_SYSTEM};
use crate::error::echo;
use crate::input::MAX_INPUT_BYTES;
use crate::questionnaire::{answer_truth, ANSWERS};
use crate::raw;

const YES_NO: &str = "a coding Y, N or asked-unknown (Yes, No, Not sure)";
const PLACE: &str = "a coding of a place of the foot (pain_under_heel…) or asked-unknown";
const SEX: &str = "a coding female, male, other or asked-unknown";
const INTEGER: &str = "a valueInteger";

/// The answers of one intake response, item by item, as the patient gave
/// them (a `both` fact's "no" is still a no here; [`recorded`] reads it).
#[derive(Debug, Default)]
pub(crate) struct Answers {
    /// Each yes/no item answered: the item, the patient's answer, and the
    /// answer as shown (its display or code).
    pub yes_no: Vec<(Item, Truth, String)>,
    /// The places chosen on the map, and whether "Not sure" was.
    pub places: Option<(Vec<Symptom>, bool)>,
    /// `symptom_weeks`.
    pub symptom_weeks: Option<u16>,
    /// `conservative_care_weeks`.
    pub care_weeks: Option<u16>,
    /// `age_years`.
    pub age: Option<u16>,
    /// `sex`: `Some(None)` when answered "Not sure".
    pub sex: Option<Option<Sex>>,
    /// Every item answered, in the response's order.
    pub answered: Vec<Item>,
}

impl Answers {
    /// Each location symptom the map settles: the places chosen present;
    /// the others absent, or unknown when "Not sure" was chosen.
    pub(crate) fn places(&self) -> Vec<(Symptom, Truth)> {
        let Some((chosen, not_sure)) = &self.places else {
            return Vec::new();
        };
        LOCATIONS
            .iter()
            .map(|s| {
                let truth = if chosen.contains(s) {
                    Truth::Present
                } else if *not_sure {
                    Truth::Unknown
                } else {
                    Truth::Absent
                };
                (*s, truth)
            })
            .collect()
    }

    /// The presentation the answers state.
    fn presentation(&self) -> Result<Presentation, IntakeError> {
        let mut builder = Presentation::builder();
        let mut medications: Vec<(MedicationClass, Truth)> = Vec::new();
        let mut allergies: Vec<(Allergy, Truth)> = Vec::new();
        for (item, answered, _) in &self.yes_no {
            let truth = recorded(item.who(), *answered);
            match *item {
                Item::Finding(f) => builder = builder.finding(f, truth),
                Item::Symptom(s) => builder = builder.symptom(s, truth),
                Item::Medication(m) => medications.push((m, truth)),
                Item::Allergy(a) => allergies.push((a, truth)),
                _ => {}
            }
        }
        for (s, truth) in self.places() {
            builder = builder.symptom(s, truth);
        }
        if let Some(list) = class_list(&medications, MedicationClass::all()) {
            builder = builder.medication_list(list);
        }
        if let Some(list) = class_list(&allergies, Allergy::all()) {
            builder = builder.allergy_list(list);
        }
        if let Some(weeks) = self.symptom_weeks {
            builder = builder.symptom_weeks(u32::from(weeks));
        }
        if let Some(weeks) = self.care_weeks {
            builder = builder.conservative_care_weeks(u32::from(weeks));
        }
        if let Some(age) = self.age {
            builder = builder.age_years(u32::from(age));
        }
        if let Some(Some(sex)) = self.sex {
            builder = builder.sex(sex);
        }
        // Every answered item, a `both` fact's No and a Not sure included:
        // the patient answered it (`docs/decision-model.md` §10).
        for fact in self.answered.iter().flat_map(|i| i.facts()) {
            builder = builder.answered_by(fact, Reporter::Patient);
        }
        Ok(builder.build()?)
    }
}

/// A list from the classes answered: closed when every class was answered
/// yes or no (the patient named exactly what they take), open otherwise;
/// `None` when no class was answered.
fn class_list<T: enumset::EnumSetType>(answered: &[(T, Truth)], all: &[T]) -> Option<ClassList<T>> {
    if answered.is_empty() {
        return None;
    }
    let every_one = all
        .iter()
        .all(|c| answered.iter().any(|(a, t)| a == c && *t != Truth::Unknown));
    Some(if every_one {
        ClassList::closed(
            answered
                .iter()
                .filter(|(_, t)| *t == Truth::Present)
                .map(|(c, _)| *c),
        )
    } else {
        ClassList::open(answered.iter().copied())
    })
}

/// Reads the items of an intake response (nested items included).
///
/// # Errors
///
/// An item the intake does not have, an item answered twice, or an answer
/// the item does not offer.
pub(crate) fn read_items(items: &[raw::ResponseItem]) -> Result<Answers, IntakeError> {
    let mut answers = Answers::default();
    let mut seen: Vec<Item> = Vec::new();
    read_into(items, &mut answers, &mut seen)?;
    Ok(answers)
}

fn read_into(
    items: &[raw::ResponseItem],
    answers: &mut Answers,
    seen: &mut Vec<Item>,
) -> Result<(), IntakeError> {
    for response_item in items {
        read_into(&response_item.item, answers, seen)?;
        for answer in &response_item.answer {
            read_into(&answer.item, answers, seen)?;
        }
        let Some(link_id) = response_item.link_id.as_deref() else {
            continue;
        };
        let Some(item) = Item::from_link_id(link_id) else {
            if response_item.answer.is_empty() {
                // A group an app added around the items: its items are
                // read above, and it answers nothing itself.
                continue;
            }
            return Err(IntakeError::UnknownItem {
                link_id: echo(link_id),
            });
        };
        if seen.contains(&item) {
            return Err(IntakeError::DuplicateItem {
                link_id: link_id.to_owned(),
            });
        }
        seen.push(item);
        if response_item.answer.is_empty() {
            // Unanswered: the fact stays unknown.
            continue;
        }
        read_answer(item, &response_item.answer, answers)?;
        answers.answered.push(item);
    }
    Ok(())
}

fn read_answer(
    item: Item,
    given: &[raw::Answer],
    answers: &mut Answers,
) -> Result<(), IntakeError> {
    let link_id = item.link_id();
    if item == Item::WhereItHurts {
        let mut chosen = Vec::new();
        let mut not_sure = false;
        for answer in given {
            match place(answer) {
                Some(Some(s)) => chosen.push(s),
                Some(None) => not_sure = true,
                None => return Err(unexpected(link_id, PLACE, answer)),
            }
        }
        answers.places = Some((chosen, not_sure));
        return Ok(());
    }
    let [answer] = given else {
        return Err(IntakeError::SeveralAnswers {
            link_id: link_id.to_owned(),
            found: given.len(),
        });
    };
    match item {
        _ if item.is_yes_no() => {
            let truth = yes_no(answer).ok_or_else(|| unexpected(link_id, YES_NO, answer))?;
            answers.yes_no.push((item, truth, shown(answer)));
        }
        Item::Sex => {
            let sex = sex(answer).ok_or_else(|| unexpected(link_id, SEX, answer))?;
            answers.sex = Some(sex);
        }
        Item::Age => answers.age = Some(integer(link_id, answer, AgeYears::MAX)?),
        Item::Weeks(Subject::SymptomWeeks) => {
            answers.symptom_weeks = Some(integer(link_id, answer, Weeks::MAX)?);
        }
        Item::Weeks(_) => answers.care_weeks = Some(integer(link_id, answer, Weeks::MAX)?),
        _ => {}
    }
    Ok(())
}

fn unexpected(link_id: &str, expected: &'static str, answer: &raw::Answer) -> IntakeError {
    IntakeError::UnexpectedAnswer {
        link_id: link_id.to_owned(),
        expected,
        found: match (&answer.value_coding, answer.value_integer) {
            (Some(c), _) => format!(
                "the coding `{}`",
                echo(c.code.as_deref().unwrap_or("no code"))
            ),
            (None, Some(n)) => format!("the integer {n}"),
            (None, None) => "another kind of answer".into(),
        },
    }
}

/// A coding's code when its system is `system` or absent.
fn code_in<'a>(answer: &'a raw::Answer, system: &str) -> Option<&'a str> {
    let coding = answer.value_coding.as_ref()?;
    if coding.system.as_deref().is_some_and(|s| s != system) {
        return None;
    }
    coding.code.as_deref()
}

/// True for HL7's "asked but unknown", the intake's "Not sure".
fn is_not_sure(answer: &raw::Answer) -> bool {
    let (system, code, _, _) = ANSWERS[2];
    code_in(answer, system) == Some(code)
}

fn yes_no(answer: &raw::Answer) -> Option<Truth> {
    match (&answer.value_coding, answer.value_boolean) {
        (Some(c), _) => answer_truth(c.system.as_deref(), c.code.as_deref()?),
        (None, Some(b)) => Some(Truth::from_bool(b)),
        (None, None) => None,
    }
}

fn shown(answer: &raw::Answer) -> String {
    match (&answer.value_coding, answer.value_boolean) {
        (Some(c), _) => echo(c.display.as_deref().or(c.code.as_deref()).unwrap_or("")),
        (None, Some(b)) => b.to_string(),
        (None, None) => String::new(),
    }
}

/// A place chosen (`Some(Some)`), "Not sure" (`Some(None)`), or neither.
fn place(answer: &raw::Answer) -> Option<Option<Symptom>> {
    if is_not_sure(answer) {
        return Some(None);
    }
    let symptom: Symptom = code_in(answer, SYMPTOM_SYSTEM)?.parse().ok()?;
    LOCATIONS.contains(&symptom).then_some(Some(symptom))
}

/// A sex (`Some(Some)`), "Not sure" (`Some(None)`), or neither.
fn sex(answer: &raw::Answer) -> Option<Option<Sex>> {
    if is_not_sure(answer) {
        return Some(None);
    }
    code_in(answer, GENDER_SYSTEM)?.parse().ok().map(Some)
}

fn integer(link_id: &str, answer: &raw::Answer, max: u16) -> Result<u16, IntakeError> {
    let value = answer
        .value_integer
        .ok_or_else(|| unexpected(link_id, INTEGER, answer))?;
    u16::try_from(value)
        .ok()
        .filter(|v| *v <= max)
        .ok_or(IntakeError::OutOfRange {
            link_id: link_id.to_owned(),
            value,
            max,
        })
}

/// True when a `questionnaire` canonical names the intake (with or
/// without `|version`).
pub(crate) fn is_intake(questionnaire: &str) -> bool {
    questionnaire
        .split_once('|')
        .map_or(questionnaire, |(url, _)| url)
        == INTAKE_QUESTIONNAIRE_URL
}

/// Reads a patient intake QuestionnaireResponse (FHIR R4 JSON) into the
/// presentation its answers state (`docs/decision-model.md` §10):
///
/// - Yes → present. No → absent for a `patient` fact; for a `both` fact
///   (a red flag whose criterion needs an examination, such as
///   `ischaemia_signs`) a patient's No leaves it **unknown**: only a
///   clinician rules it out. Not sure → unknown. An item left unanswered
///   → unknown.
/// - `where_it_hurts`: the places chosen present, the other places absent;
///   with "Not sure" among the answers, the places not chosen stay unknown.
/// - Medications and allergies: every class answered Yes or No gives a
///   closed list (exactly the Yes classes); otherwise the classes
///   answered make an open list; none answered leaves the list unknown.
/// - `age_years`, `symptom_weeks`, `conservative_care_weeks`: integers;
///   `sex`: FHIR's administrative-gender code, or Not sure.
/// - `answered_by` is `patient` for every fact of an answered item — a
///   `both` fact's No and a Not sure included; the map's answer marks
///   every place.
///
/// Any `status` but `entered-in-error` is read (a `stopped` or
/// `in-progress` response's unanswered items are unknown).
///
/// # Errors
///
/// [`IntakeError::TooLarge`] over [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES),
/// [`IntakeError::Syntax`], and those of [`intake_presentation_value`].
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Symptom, Truth};
/// use prolo_triage_fhir::{intake_presentation, INTAKE_QUESTIONNAIRE_URL};
/// let response = format!(r#"{{
///   "resourceType": "QuestionnaireResponse", "status": "completed",
///   "questionnaire": "{INTAKE_QUESTIONNAIRE_URL}",
///   "item": [
///     {{"linkId": "fever", "answer": [{{"valueCoding": {{"code": "N"}}}}]}},
///     {{"linkId": "ischaemia_signs", "answer": [{{"valueCoding": {{"code": "N"}}}}]}},
///     {{"linkId": "where_it_hurts", "answer": [{{"valueCoding": {{"code": "pain_under_heel"}}}}]}},
///     {{"linkId": "first_step_pain", "answer": [{{"valueCoding": {{"code": "Y"}}}}]}}
///   ]}}"#);
/// let p = intake_presentation(&response)?;
/// assert_eq!(p.finding(Finding::Fever), Truth::Absent);
/// assert_eq!(p.finding(Finding::IschaemiaSigns), Truth::Unknown); // only a clinician rules it out
/// assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Present);
/// assert_eq!(p.symptom(Symptom::PainBetweenToes), Truth::Absent); // not tapped
/// assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Present);
/// assert_eq!(p.age_years(), None); // not answered
/// # Ok::<(), prolo_triage_fhir::IntakeError>(())
/// ```
pub fn intake_presentation(response_json: &str) -> Result<Presentation, IntakeError> {
    if response_json.len() > MAX_INPUT_BYTES {
        return Err(IntakeError::TooLarge {
            size: response_json.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let value: Value = serde_json::from_str(response_json).map_err(|e| IntakeError::Syntax {
        detail: e.to_string(),
    })?;
    intake_presentation_value(&value)
}

/// [`intake_presentation`] for a response already parsed (a service
/// holding the request as JSON).
///
/// # Errors
///
/// [`IntakeError::NotAResponse`], [`IntakeError::OtherQuestionnaire`],
/// [`IntakeError::EnteredInError`], [`IntakeError::Malformed`]; for an item,
/// [`IntakeError::UnknownItem`], [`IntakeError::DuplicateItem`],
/// [`IntakeError::SeveralAnswers`], [`IntakeError::UnexpectedAnswer`],
/// [`IntakeError::OutOfRange`]; and [`IntakeError::Presentation`] when the
/// answers contradict each other (more weeks of treatment than of pain).
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{intake_presentation_value, IntakeError};
/// let err = intake_presentation_value(&serde_json::json!({"resourceType": "Patient"}));
/// assert!(matches!(err, Err(IntakeError::NotAResponse { .. })));
/// ```
pub fn intake_presentation_value(response: &Value) -> Result<Presentation, IntakeError> {
    let found = response
        .get("resourceType")
        .and_then(Value::as_str)
        .unwrap_or("no resourceType");
    if found != "QuestionnaireResponse" {
        return Err(IntakeError::NotAResponse { found: echo(found) });
    }
    let questionnaire = response
        .get("questionnaire")
        .and_then(Value::as_str)
        .unwrap_or("none");
    if !is_intake(questionnaire) {
        return Err(IntakeError::OtherQuestionnaire {
            found: echo(questionnaire),
        });
    }
    let r: raw::QuestionnaireResponse =
        serde::Deserialize::deserialize(response).map_err(|e| IntakeError::Malformed {
            detail: e.to_string(),
        })?;
    if r.status.as_deref() == Some("entered-in-error") {
        return Err(IntakeError::EnteredInError);
    }
    read_items(&r.item)?.presentation()
}
