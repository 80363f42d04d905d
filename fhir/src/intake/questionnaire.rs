//! The intake Questionnaire as FHIR R4 JSON, generated from the items.

use prolo_triage::{AgeYears, Finding, Sex, Weeks};
use serde_json::{json, Value};

use super::items::{Item, INTAKE_ANSWERS, LOCATIONS};

/// The canonical URL of the patient intake Questionnaire (a URN, so no web
/// address is claimed). A QuestionnaireResponse is read as an intake only
/// when its `questionnaire` is this URL, with or without `|version`.
pub const INTAKE_QUESTIONNAIRE_URL: &str = "urn:uuid:83e2ba96-e5cd-45c7-99a0-fd9fff783157";

/// The code system of the places of `where_it_hurts`: the core's symptom
/// wire names (`pain_under_heel`). A URN: the names are this project's.
pub const SYMPTOM_SYSTEM: &str = "urn:uuid:cffd0bb4-788b-4a88-8a21-20938eaeebc9";

/// FHIR's administrative gender, the codes of `Patient.gender`.
pub(crate) const GENDER_SYSTEM: &str = "http://hl7.org/fhir/administrative-gender";

pub(crate) fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({"valueCoding": {"system": system, "code": code, "display": display}})
}

/// The "Not sure" answer, as an answerOption or an answer.
pub(crate) fn not_sure() -> Value {
    let (system, code, display, _) = INTAKE_ANSWERS[2];
    coding(system, code, display)
}

/// The display of a sex code, capitalised from the core's wire name.
pub(crate) fn sex_display(sex: Sex) -> String {
    let name = sex.as_str();
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        format!("{}{}", first.to_uppercase(), chars.as_str())
    })
}

fn bounds(max: u16) -> Value {
    json!([
        {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
        {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": max}
    ])
}

fn item(item: Item) -> Option<Value> {
    let text = item.question()?;
    let mut out = json!({"linkId": item.link_id(), "text": text.as_str()});
    let fields = match item {
        Item::Finding(_) | Item::Symptom(_) | Item::Medication(_) | Item::Allergy(_) => json!({
            "type": "choice",
            "answerOption": INTAKE_ANSWERS
                .iter()
                .map(|(system, code, display, _)| coding(system, code, display))
                .collect::<Vec<_>>(),
        }),
        Item::WhereItHurts => json!({
            "type": "choice",
            "repeats": true,
            "answerOption": LOCATIONS
                .iter()
                .filter_map(|s| Some(coding(SYMPTOM_SYSTEM, s.as_str(), s.patient_label()?.as_str())))
                .chain([not_sure()])
                .collect::<Vec<_>>(),
        }),
        Item::Weeks(_) => json!({"type": "integer", "extension": bounds(Weeks::MAX)}),
        Item::Age => json!({"type": "integer", "extension": bounds(AgeYears::MAX)}),
        Item::Sex => json!({
            "type": "choice",
            "answerOption": Sex::all()
                .iter()
                .map(|s| coding(GENDER_SYSTEM, s.as_str(), &sex_display(*s)))
                .chain([not_sure()])
                .collect::<Vec<_>>(),
        }),
    };
    if let (Value::Object(out), Value::Object(fields)) = (&mut out, fields) {
        out.extend(fields);
    }
    if item == Item::Finding(Finding::UnableToBearWeight) {
        // Asked only after an injury, or when the patient is not sure of
        // one (as the screening Questionnaire asks the Ottawa items).
        let when = |index: usize| {
            INTAKE_ANSWERS.get(index).map(|(system, code, display, _)| {
                json!({"question": Finding::RecentInjury.as_str(), "operator": "=",
                       "answerCoding": {"system": system, "code": code, "display": display}})
            })
        };
        if let Value::Object(out) = &mut out {
            out.insert(
                "enableWhen".into(),
                Value::Array([when(0), when(2)].into_iter().flatten().collect()),
            );
            out.insert("enableBehavior".into(), "any".into());
        }
    }
    Some(out)
}

/// The patient intake Questionnaire as FHIR R4 JSON (pretty-printed,
/// ending in a newline): every fact a patient can answer
/// (`docs/clinical-knowledge.md` §7.5), `linkId` = the fact's wire name, the
/// text the core's patient question.
///
/// In order: the red flags; `where_it_hurts`, a repeating choice of the
/// twelve [`LOCATIONS`](crate::LOCATIONS) (coded in [`SYMPTOM_SYSTEM`])
/// and "Not sure"; the other symptoms a patient can answer;
/// `symptom_weeks` and `conservative_care_weeks` (integers); the
/// contraindications and precautions a patient knows; each medication
/// class (`medications.<class>`) and each allergy (`allergies.<allergy>`);
/// `joint_instability`; `age_years` (integer); `sex` (FHIR's
/// administrative-gender codes, or "Not sure"). A yes/no item is answered
/// from [`INTAKE_ANSWERS`](crate::INTAKE_ANSWERS): Yes, No or Not sure.
/// Examination facts are never asked. The crate ships it as
/// `questionnaire/intake.json`.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{patient_intake_questionnaire, INTAKE_QUESTIONNAIRE_URL};
/// let q: serde_json::Value = serde_json::from_str(&patient_intake_questionnaire()).unwrap();
/// assert_eq!(q["url"], INTAKE_QUESTIONNAIRE_URL);
/// assert_eq!(q["item"][0]["linkId"], "fever");
/// assert_eq!(q["item"][0]["answerOption"][2]["valueCoding"]["display"], "Not sure");
/// ```
#[must_use]
pub fn patient_intake_questionnaire() -> String {
    let questionnaire = json!({
        "resourceType": "Questionnaire",
        "id": "prolo-triage-intake",
        "url": INTAKE_QUESTIONNAIRE_URL,
        "version": env!("CARGO_PKG_VERSION"),
        "name": "ProloTriageIntake",
        "title": "Foot pain: questions before your visit",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "Generated from the prolo-triage vocabulary: every fact a patient can answer, \
            in the patient's words, linkId = the fact's wire name. Yes / No / Not sure; Not sure is \
            unknown, and a No to a fact only a clinician can rule out stays unknown. \
            Examination facts are never asked. Decision support for a clinician, not a diagnosis.",
        "item": Item::all().into_iter().filter_map(item).collect::<Vec<_>>(),
    });
    // Strings and numbers only: serialization cannot fail.
    let mut json = serde_json::to_string_pretty(&questionnaire).unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_asked_in_order_with_its_answers() {
        let q: Value = serde_json::from_str(&patient_intake_questionnaire()).unwrap();
        let items = q["item"].as_array().unwrap();
        assert_eq!(items.len(), Item::all().len());
        for (got, item) in items.iter().zip(Item::all()) {
            assert_eq!(got["linkId"], item.link_id());
            assert_eq!(got["text"], item.question().unwrap().as_str());
            if item.is_yes_no() {
                let codes: Vec<&str> = got["answerOption"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["valueCoding"]["code"].as_str().unwrap())
                    .collect();
                assert_eq!(codes, ["Y", "N", "asked-unknown"]);
            }
        }
        let map = &items[13];
        assert_eq!(map["repeats"], true);
        assert_eq!(map["answerOption"].as_array().unwrap().len(), 13);
    }
}
