//! The screening Questionnaire: its structure, its answer codes, and the
//! round trip from a response to findings.

use crate::common;

use prolo_triage::{Finding, FindingGroup, Truth};
use prolo_triage_fhir::{
    map_bundle, screening_questionnaire, Field, Rule, ANSWERS, SCREENING_QUESTIONNAIRE_URL,
};
use serde_json::{json, Value};

fn questionnaire() -> Value {
    serde_json::from_str(&screening_questionnaire()).unwrap()
}

#[test]
fn the_answers_are_hl7s_yes_no_dont_know() {
    let value_set = common::hl7("ValueSet-yesnodontknow");
    let expansion: Vec<(String, String, String)> = value_set["expansion"]["contains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["system"].as_str().unwrap().to_owned(),
                c["code"].as_str().unwrap().to_owned(),
                c["display"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let ours: Vec<(String, String, String)> = ANSWERS
        .iter()
        .map(|(s, c, d, _)| ((*s).to_owned(), (*c).to_owned(), (*d).to_owned()))
        .collect();
    assert_eq!(ours, expansion);
    let truths: Vec<Truth> = ANSWERS.iter().map(|a| a.3).collect();
    assert_eq!(truths, [Truth::Present, Truth::Absent, Truth::Unknown]);
}

#[test]
fn groups_in_screening_order_one_item_per_finding() {
    let q = questionnaire();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], SCREENING_QUESTIONNAIRE_URL);
    let groups: Vec<&str> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "red_flags",
            "ottawa",
            "contraindications",
            "precautions",
            "injectate",
            "supporting",
            "durations"
        ]
    );
    let expected_groups = [
        FindingGroup::RedFlag,
        FindingGroup::OttawaComponent,
        FindingGroup::Absolute,
        FindingGroup::Relative,
        FindingGroup::InjectateOnly,
        FindingGroup::Supporting,
    ];
    for (group, kind) in q["item"].as_array().unwrap().iter().zip(expected_groups) {
        for item in group["item"].as_array().unwrap() {
            let finding: Finding = item["linkId"].as_str().unwrap().parse().unwrap();
            assert_eq!(finding.group(), kind);
            assert_eq!(item["text"], finding.question());
            assert_eq!(item["type"], "choice");
            assert_eq!(item["answerOption"].as_array().unwrap().len(), 3);
        }
    }
}

#[test]
fn ottawa_examination_items_follow_an_injury() {
    let q = questionnaire();
    let ottawa = q["item"][1]["item"].as_array().unwrap();
    assert_eq!(ottawa[0]["linkId"], "recent_injury");
    assert!(ottawa[0].get("enableWhen").is_none());
    for item in &ottawa[1..] {
        assert_eq!(item["enableBehavior"], "any");
        let when: Vec<&str> = item["enableWhen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                assert_eq!(w["question"], "recent_injury");
                assert_eq!(w["operator"], "=");
                w["answerCoding"]["code"].as_str().unwrap()
            })
            .collect();
        assert_eq!(when, ["Y", "asked-unknown"]);
    }
}

#[test]
fn every_answer_maps_straight_to_its_finding() {
    for (code, truth) in [("Y", Truth::Present), ("N", Truth::Absent)] {
        let mut changes: Vec<(&str, Value)> = Finding::all()
            .iter()
            .map(|f| (f.as_str(), json!(code)))
            .collect();
        changes.push(("symptom_weeks", json!(30)));
        changes.push(("conservative_care_weeks", json!(10)));
        let response = common::screening_response_with(&changes, "2026-11-26T08:00:00Z");
        let mapped = map_bundle(
            &common::collection(vec![response]).to_string(),
            &common::options(),
        )
        .unwrap();
        for f in Finding::all() {
            assert_eq!(mapped.presentation().finding(*f), truth, "{f} {code}");
            let why: Vec<_> = mapped.provenance_of(Field::Finding(*f)).collect();
            assert_eq!(why.len(), 1);
            assert_eq!(why[0].rule, Rule::QuestionnaireAnswer);
        }
        assert_eq!(
            mapped.presentation().symptom_weeks().map(|w| w.get()),
            Some(30)
        );
        assert_eq!(
            mapped
                .presentation()
                .conservative_care_weeks()
                .map(|w| w.get()),
            Some(10)
        );
        assert!(mapped.unused().is_empty(), "{:?}", mapped.unused());
    }
}
