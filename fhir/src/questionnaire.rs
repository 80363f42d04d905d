//! The screening Questionnaire: one question per finding, generated from
//! the core's finding vocabulary so the two cannot drift.
//!
//! A QuestionnaireResponse to it is the one FHIR way to record that a
//! finding is *absent*: an answer "No" is an explicit statement, where a
//! missing Condition is only silence.

use std::borrow::Cow;

use prolo_triage::{Finding, FindingGroup, Subject, Weeks};
use serde::Serialize;

/// The canonical URL of the screening Questionnaire (a URN, so no web
/// address is claimed). A QuestionnaireResponse counts only when its
/// `questionnaire` is this URL, with or without `|version`.
pub const SCREENING_QUESTIONNAIRE_URL: &str = "urn:uuid:d825cdc8-3495-4db5-be5b-28591678a48b";

/// The answers, from HL7's `yesnodontknow` value set
/// (`http://hl7.org/fhir/ValueSet/yesnodontknow`): code system, code,
/// display, and the truth value each records.
pub const ANSWERS: [(&str, &str, &str, prolo_triage::Truth); 3] = [
    (V2_0136, "Y", "Yes", prolo_triage::Truth::Present),
    (V2_0136, "N", "No", prolo_triage::Truth::Absent),
    (
        DATA_ABSENT,
        "asked-unknown",
        "Don't know",
        prolo_triage::Truth::Unknown,
    ),
];

const V2_0136: &str = "http://terminology.hl7.org/CodeSystem/v2-0136";
const DATA_ABSENT: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

/// The groups, in the order a clinician screens: red flags, the Ottawa
/// rules, contraindications, precautions, the findings that only steer the
/// injectate, then causes and durations.
const GROUPS: [(&str, &str, Option<FindingGroup>); 7] = [
    (
        "red_flags",
        "Red flags: any Yes means refer urgently",
        Some(FindingGroup::RedFlag),
    ),
    (
        "ottawa",
        "Possible fracture (Ottawa ankle and foot rules)",
        Some(FindingGroup::OttawaComponent),
    ),
    (
        "contraindications",
        "Absolute contraindications",
        Some(FindingGroup::Absolute),
    ),
    (
        "precautions",
        "Precautions (relative contraindications)",
        Some(FindingGroup::Relative),
    ),
    (
        "injectate",
        "Injectate choice (does not change whether prolotherapy is discussed)",
        Some(FindingGroup::InjectateOnly),
    ),
    (
        "supporting",
        "Causes that support the rationale",
        Some(FindingGroup::Supporting),
    ),
    ("durations", "Durations", None),
];

/// True for the linkIds of the groups (they hold items, not answers).
pub(crate) fn is_group(link_id: &str) -> bool {
    GROUPS.iter().any(|(id, _, _)| *id == link_id)
}

/// The truth value an answer coding records, if it is one of [`ANSWERS`]
/// (a coding without a system is read by its code).
pub(crate) fn answer_truth(system: Option<&str>, code: &str) -> Option<prolo_triage::Truth> {
    ANSWERS
        .iter()
        .find(|(s, c, _, _)| *c == code && system.is_none_or(|given| given == *s))
        .map(|(_, _, _, truth)| *truth)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Questionnaire {
    resource_type: &'static str,
    id: &'static str,
    url: &'static str,
    version: &'static str,
    name: &'static str,
    title: &'static str,
    status: &'static str,
    subject_type: [&'static str; 1],
    description: &'static str,
    item: Vec<Item>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    link_id: &'static str,
    text: Cow<'static, str>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    extension: Vec<Extension>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    enable_when: Vec<EnableWhen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_behavior: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<Item>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Extension {
    url: &'static str,
    value_integer: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnableWhen {
    question: &'static str,
    operator: &'static str,
    answer_coding: Coding,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswerOption {
    value_coding: Coding,
}

#[derive(Serialize, Clone, Copy)]
struct Coding {
    system: &'static str,
    code: &'static str,
    display: &'static str,
}

fn coding(code: &str) -> Coding {
    let (system, code, display, _) = ANSWERS
        .iter()
        .find(|(_, c, _, _)| *c == code)
        .copied()
        .unwrap_or(ANSWERS[2]);
    Coding {
        system,
        code,
        display,
    }
}

fn question(finding: Finding) -> Item {
    let ottawa_examination =
        finding.group() == FindingGroup::OttawaComponent && finding != Finding::RecentInjury;
    // The five examination findings are asked only after an injury, or
    // when nobody knows whether there was one (`docs/decision-model.md` §3:
    // with recent_injury absent they are not asked).
    let enable_when = if ottawa_examination {
        ["Y", "asked-unknown"]
            .iter()
            .map(|code| EnableWhen {
                question: Finding::RecentInjury.as_str(),
                operator: "=",
                answer_coding: coding(code),
            })
            .collect()
    } else {
        Vec::new()
    };
    Item {
        link_id: finding.as_str(),
        text: Cow::Borrowed(finding.question()),
        kind: "choice",
        extension: Vec::new(),
        enable_behavior: ottawa_examination.then_some("any"),
        enable_when,
        answer_option: ["Y", "N", "asked-unknown"]
            .iter()
            .map(|code| AnswerOption {
                value_coding: coding(code),
            })
            .collect(),
        item: Vec::new(),
    }
}

/// A duration item, asked as the core asks it (linkId = the field's wire
/// name).
fn weeks(subject: Subject) -> Item {
    let bound = |url, value_integer| Extension { url, value_integer };
    Item {
        link_id: subject.as_str(),
        text: subject.question(),
        kind: "integer",
        extension: vec![
            bound("http://hl7.org/fhir/StructureDefinition/minValue", 0),
            bound(
                "http://hl7.org/fhir/StructureDefinition/maxValue",
                Weeks::MAX,
            ),
        ],
        enable_when: Vec::new(),
        enable_behavior: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    }
}

/// The screening Questionnaire as FHIR R4 JSON (pretty-printed, ending in
/// a newline): one `choice` item per finding with `linkId` = the wire
/// name and answers Yes / No / Don't know (present / absent / unknown),
/// grouped red flags → Ottawa → contraindications → precautions →
/// injectate → causes, the Ottawa examination items enabled only after an injury (or an
/// unknown one), and two `integer` items for `symptom_weeks` and
/// `conservative_care_weeks`. The crate ships it as
/// `questionnaire/screening.json`.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{screening_questionnaire, SCREENING_QUESTIONNAIRE_URL};
/// let q: serde_json::Value = serde_json::from_str(&screening_questionnaire()).unwrap();
/// assert_eq!(q["resourceType"], "Questionnaire");
/// assert_eq!(q["url"], SCREENING_QUESTIONNAIRE_URL);
/// assert_eq!(q["item"][0]["linkId"], "red_flags");
/// assert_eq!(q["item"][0]["item"][0]["linkId"], "fever");
/// ```
#[must_use]
pub fn screening_questionnaire() -> String {
    let item = GROUPS
        .iter()
        .map(|(link_id, text, group)| {
            let item = match group {
                Some(group) => Finding::all()
                    .iter()
                    .filter(|f| f.group() == *group)
                    .map(|f| question(*f))
                    .collect(),
                None => vec![
                    weeks(Subject::SymptomWeeks),
                    weeks(Subject::ConservativeCareWeeks),
                ],
            };
            Item {
                link_id,
                text: Cow::Borrowed(text),
                kind: "group",
                extension: Vec::new(),
                enable_when: Vec::new(),
                enable_behavior: None,
                answer_option: Vec::new(),
                item,
            }
        })
        .collect();
    let questionnaire = Questionnaire {
        resource_type: "Questionnaire",
        id: "prolo-triage-screening",
        url: SCREENING_QUESTIONNAIRE_URL,
        version: env!("CARGO_PKG_VERSION"),
        name: "ProloTriageScreening",
        title: "Prolotherapy triage: foot and ankle screening",
        status: "active",
        subject_type: ["Patient"],
        description: "Generated from the prolo-triage finding vocabulary: one question per finding, \
            linkId = the finding's wire name, answered Yes (present), No (absent) or Don't know (unknown). \
            Decision support for a clinician, not a diagnosis.",
        item,
    };
    // Strings and numbers only: serialization cannot fail.
    let mut json = serde_json::to_string_pretty(&questionnaire).unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_is_asked_once() {
        let q: serde_json::Value = serde_json::from_str(&screening_questionnaire()).unwrap();
        let mut asked = Vec::new();
        for group in q["item"].as_array().unwrap() {
            for item in group["item"].as_array().unwrap() {
                asked.push(item["linkId"].as_str().unwrap().to_owned());
            }
        }
        for f in Finding::all() {
            assert_eq!(asked.iter().filter(|a| *a == f.as_str()).count(), 1, "{f}");
        }
        assert_eq!(asked.len(), Finding::all().len() + 2);
    }

    #[test]
    fn answers_read_back() {
        assert_eq!(
            answer_truth(Some(V2_0136), "Y"),
            Some(prolo_triage::Truth::Present)
        );
        assert_eq!(answer_truth(None, "N"), Some(prolo_triage::Truth::Absent));
        assert_eq!(answer_truth(Some(V2_0136), "asked-unknown"), None);
        assert_eq!(answer_truth(Some("x"), "Y"), None);
    }
}
