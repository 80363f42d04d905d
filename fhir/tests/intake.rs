//! The patient intake Questionnaire: its items and words, the reading of a
//! response (yes / no / not sure, `both` facts, the map of the foot,
//! lists), typed errors, the round trip with `intake_response`, and the
//! response inside a record.

use prolo_triage::{
    assess, Allergy, ClassList, FactName, Field as Wire, Finding, MedicationClass, Policy,
    Presentation, Reporter, Sex, Subject, Symptom, Truth, Who,
};
use prolo_triage_fhir::{
    intake_presentation, intake_response, map_bundle, patient_intake_questionnaire, Field,
    IntakeError, MappingOptions, Rule, UnusedReason, INTAKE_QUESTIONNAIRE_URL, LOCATIONS,
    SYMPTOM_SYSTEM,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn questionnaire() -> Value {
    serde_json::from_str(&patient_intake_questionnaire()).unwrap()
}

fn response(items: Value) -> String {
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": INTAKE_QUESTIONNAIRE_URL,
        "status": "completed",
        "item": items,
    })
    .to_string()
}

fn answer(link_id: &str, code: &str) -> Value {
    json!({"linkId": link_id, "answer": [{"valueCoding": {"code": code}}]})
}

fn read(items: Value) -> Presentation {
    intake_presentation(&response(items)).unwrap()
}

fn error(items: Value) -> IntakeError {
    intake_presentation(&response(items)).unwrap_err()
}

#[test]
fn asks_every_patient_fact_in_the_cores_words_and_no_examination() {
    let q = questionnaire();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], INTAKE_QUESTIONNAIRE_URL);
    let items = q["item"].as_array().unwrap();
    let text_of = |link_id: &str| {
        items
            .iter()
            .find(|i| i["linkId"] == link_id)
            .map(|i| i["text"].as_str().unwrap().to_owned())
    };
    for f in Finding::all() {
        match f.patient_question() {
            Some(question) => assert_eq!(text_of(f.as_str()).as_deref(), Some(question.as_str())),
            None => assert_eq!(text_of(f.as_str()), None, "{f} is an examination finding"),
        }
    }
    for s in Symptom::all() {
        let asked = text_of(s.as_str());
        if LOCATIONS.contains(s) {
            assert_eq!(asked, None, "{s} is a place on the map");
        } else {
            assert_eq!(asked.as_deref(), s.patient_question().as_deref(), "{s}");
        }
    }
    for m in MedicationClass::all() {
        let subject = Subject::Medication(*m);
        assert_eq!(
            text_of(subject.as_str()).as_deref(),
            subject.patient_question().as_deref()
        );
    }
    for a in Allergy::all() {
        let subject = Subject::Allergy(*a);
        assert_eq!(
            text_of(subject.as_str()).as_deref(),
            subject.patient_question().as_deref()
        );
    }
    for subject in [
        Subject::AgeYears,
        Subject::SymptomWeeks,
        Subject::ConservativeCareWeeks,
    ] {
        assert_eq!(
            text_of(subject.as_str()).as_deref(),
            subject.patient_question().as_deref()
        );
    }
    assert!(text_of("sex").is_some());
    assert_eq!(text_of("conditions"), None);
}

#[test]
fn red_flags_first_then_where_it_hurts_then_age_and_sex_last() {
    let q = questionnaire();
    let ids: Vec<&str> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids[..4],
        [
            "fever",
            "hot_swollen_foot",
            "calf_swelling",
            "sudden_achilles_snap"
        ]
    );
    let map = ids.iter().position(|i| *i == "where_it_hurts").unwrap();
    let injury = ids
        .iter()
        .position(|i| *i == "unable_to_bear_weight")
        .unwrap();
    let first_symptom = ids.iter().position(|i| *i == "first_step_pain").unwrap();
    let weeks = ids.iter().position(|i| *i == "symptom_weeks").unwrap();
    let diabetes = ids.iter().position(|i| *i == "diabetes").unwrap();
    let meds = ids
        .iter()
        .position(|i| i.starts_with("medications."))
        .unwrap();
    let instability = ids.iter().position(|i| *i == "joint_instability").unwrap();
    assert!(injury < map && map < first_symptom && first_symptom < weeks);
    assert!(weeks < diabetes && diabetes < meds && meds < instability);
    assert_eq!(ids[ids.len() - 2..], ["age_years", "sex"]);
    // The map offers the twelve places and "Not sure".
    let options = q["item"][map]["answerOption"].as_array().unwrap();
    assert_eq!(options.len(), LOCATIONS.len() + 1);
    assert_eq!(options[0]["valueCoding"]["system"], SYMPTOM_SYSTEM);
    assert_eq!(
        options[0]["valueCoding"]["display"],
        Symptom::PainUnderHeel.patient_label().unwrap().as_str()
    );
    assert_eq!(options[12]["valueCoding"]["display"], "Not sure");
}

#[test]
fn yes_no_and_not_sure_by_who() {
    let p = read(json!([
        answer("fever", "N"),
        answer("calf_swelling", "Y"),
        answer("diabetes", "asked-unknown"),
        answer("ischaemia_signs", "N"),
        answer("tumour_signs", "Y"),
        answer("first_step_pain", "N"),
        answer("joint_instability", "Y"),
    ]));
    assert_eq!(Finding::IschaemiaSigns.who(), Who::Both);
    assert_eq!(p.finding(Finding::Fever), Truth::Absent);
    assert_eq!(p.finding(Finding::CalfSwelling), Truth::Present);
    assert_eq!(p.finding(Finding::Diabetes), Truth::Unknown);
    assert_eq!(p.finding(Finding::IschaemiaSigns), Truth::Unknown);
    assert_eq!(p.finding(Finding::TumourSigns), Truth::Present);
    assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Absent);
    assert_eq!(p.finding(Finding::JointInstability), Truth::Present);
    // Every answered item is the patient's, a both-fact's No and a Not
    // sure included; an unanswered one is nobody's.
    for f in [Finding::Fever, Finding::IschaemiaSigns, Finding::Diabetes] {
        assert_eq!(
            p.answered_by(FactName::Finding(f)),
            Some(Reporter::Patient),
            "{f}"
        );
    }
    assert_eq!(
        p.answered_by(FactName::Finding(Finding::HotSwollenFoot)),
        None
    );
    // Unanswered: unknown.
    assert_eq!(p.finding(Finding::HotSwollenFoot), Truth::Unknown);
    assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Unknown);
}

#[test]
fn a_both_facts_no_never_becomes_absent() {
    for f in Finding::all().iter().filter(|f| f.who() == Who::Both) {
        let p = read(json!([answer(f.as_str(), "N")]));
        assert_eq!(p.finding(*f), Truth::Unknown, "{f}");
        let p = read(json!([answer(f.as_str(), "Y")]));
        assert_eq!(p.finding(*f), Truth::Present, "{f}");
    }
}

#[test]
fn the_map_of_the_foot() {
    let places = |codes: &[&str]| {
        let answers: Vec<Value> = codes
            .iter()
            .map(|c| json!({"valueCoding": {"system": SYMPTOM_SYSTEM, "code": c}}))
            .collect();
        read(json!([{"linkId": "where_it_hurts", "answer": answers}]))
    };
    let p = places(&["pain_under_heel", "pain_back_of_heel"]);
    for s in LOCATIONS {
        let expected = if matches!(s, Symptom::PainUnderHeel | Symptom::PainBackOfHeel) {
            Truth::Present
        } else {
            Truth::Absent
        };
        assert_eq!(p.symptom(s), expected, "{s}");
    }
    let p = read(json!([answer("where_it_hurts", "asked-unknown")]));
    assert!(LOCATIONS.iter().all(|s| p.symptom(*s) == Truth::Unknown));
    assert!(LOCATIONS
        .iter()
        .all(|s| p.answered_by(FactName::Symptom(*s)) == Some(Reporter::Patient)));
    let p = read(json!([{"linkId": "where_it_hurts", "answer": [
        {"valueCoding": {"code": "pain_bunion"}},
        {"valueCoding": {"code": "asked-unknown"}}]}]));
    assert_eq!(p.symptom(Symptom::PainBunion), Truth::Present);
    assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Unknown);
    // Unanswered: every place unknown.
    let p = read(json!([{"linkId": "where_it_hurts"}]));
    assert!(LOCATIONS.iter().all(|s| p.symptom(*s) == Truth::Unknown));
}

#[test]
fn lists_numbers_and_sex() {
    let classes: Vec<Value> = MedicationClass::all()
        .iter()
        .map(|m| {
            let code = if *m == MedicationClass::Anticoagulant {
                "Y"
            } else {
                "N"
            };
            answer(Subject::Medication(*m).as_str(), code)
        })
        .collect();
    let mut items = classes;
    items.push(answer("allergies.corn", "Y"));
    items.push(json!({"linkId": "age_years", "answer": [{"valueInteger": 61}]}));
    items.push(json!({"linkId": "symptom_weeks", "answer": [{"valueInteger": 30}]}));
    items.push(json!({"linkId": "conservative_care_weeks", "answer": [{"valueInteger": 12}]}));
    items.push(json!({"linkId": "sex", "answer": [{"valueCoding": {
        "system": "http://hl7.org/fhir/administrative-gender", "code": "female"}}]}));
    let p = read(Value::Array(items));
    assert_eq!(
        p.medications(),
        Some(ClassList::closed([MedicationClass::Anticoagulant]))
    );
    assert_eq!(
        p.allergies(),
        Some(ClassList::open([(Allergy::Corn, Truth::Present)]))
    );
    assert_eq!(p.age_years().map(|a| a.get()), Some(61));
    assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(30));
    assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(12));
    assert_eq!(p.sex(), Some(Sex::Female));
    let p = read(json!([answer("sex", "asked-unknown")]));
    assert_eq!(p.sex(), None);
}

#[test]
fn errors_name_the_item_and_what_was_expected() {
    let e = error(json!([answer("windlass_test_positive", "Y")]));
    assert!(matches!(e, IntakeError::UnknownItem { .. }));
    assert_eq!(e.link_id(), Some("windlass_test_positive"));
    let e = error(json!([answer("fever", "maybe")]));
    assert_eq!(
        e.to_string(),
        "fever: expected a coding Y, N or asked-unknown (Yes, No, Not sure), found the coding `maybe`"
    );
    let e = error(json!([answer("fever", "Y"), answer("fever", "N")]));
    assert_eq!(
        e,
        IntakeError::DuplicateItem {
            link_id: "fever".into()
        }
    );
    let e = error(json!([{"linkId": "fever", "answer": [
        {"valueCoding": {"code": "Y"}}, {"valueCoding": {"code": "N"}}]}]));
    assert_eq!(e.to_string(), "fever: expected one answer, found 2");
    let e = error(json!([{"linkId": "age_years", "answer": [{"valueInteger": 131}]}]));
    assert_eq!(e.to_string(), "age_years: expected 0 to 130, found 131");
    let e = error(json!([{"linkId": "age_years", "answer": [{"valueCoding": {"code": "Y"}}]}]));
    assert_eq!(e.link_id(), Some("age_years"));
    let e = error(json!([answer("where_it_hurts", "pain_with_activity")]));
    assert_eq!(e.link_id(), Some("where_it_hurts"));
    let e = error(json!([{"linkId": "sex", "answer": [{"valueCoding": {
        "system": "http://example.org", "code": "female"}}]}]));
    assert_eq!(e.link_id(), Some("sex"));
    // Contradicting answers: the core's check.
    let e = error(json!([
        {"linkId": "symptom_weeks", "answer": [{"valueInteger": 4}]},
        {"linkId": "conservative_care_weeks", "answer": [{"valueInteger": 8}]}]));
    assert!(matches!(e, IntakeError::Presentation(_)), "{e}");
    // The document.
    assert!(matches!(
        intake_presentation("{"),
        Err(IntakeError::Syntax { .. })
    ));
    assert!(matches!(
        intake_presentation(r#"{"resourceType": "Patient"}"#),
        Err(IntakeError::NotAResponse { .. })
    ));
    let other = json!({"resourceType": "QuestionnaireResponse", "questionnaire": "urn:other"});
    assert!(matches!(
        intake_presentation(&other.to_string()),
        Err(IntakeError::OtherQuestionnaire { .. })
    ));
    let voided = json!({"resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{INTAKE_QUESTIONNAIRE_URL}|1.0"), "status": "entered-in-error"});
    assert_eq!(
        intake_presentation(&voided.to_string()),
        Err(IntakeError::EnteredInError)
    );
    let bad_shape = json!({"resourceType": "QuestionnaireResponse",
        "questionnaire": INTAKE_QUESTIONNAIRE_URL, "item": "fever"});
    assert!(matches!(
        intake_presentation(&bad_shape.to_string()),
        Err(IntakeError::Malformed { .. })
    ));
}

#[test]
fn nested_items_are_read() {
    let p = read(json!([{"linkId": "red_flags_group", "item": [answer("fever", "Y")]}]));
    assert_eq!(p.finding(Finding::Fever), Truth::Present);
}

#[test]
fn a_response_in_a_record_gives_symptoms_and_candidates() {
    let mut qr: Value = serde_json::from_str(&response(json!([
        answer("fever", "N"),
        answer("ischaemia_signs", "N"),
        {"linkId": "where_it_hurts", "answer": [{"valueCoding": {"code": "pain_under_heel"}}]},
        answer("first_step_pain", "Y"),
        answer("medications.anticoagulant", "Y"),
        answer("medications.nsaid", "N"),
        {"linkId": "age_years", "answer": [{"valueInteger": 50}]},
    ])))
    .unwrap();
    qr["id"] = json!("intake1");
    qr["authored"] = json!("2026-11-26T08:00:00Z");
    qr["subject"] = json!({"reference": "Patient/p1"});
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1980-03-14"}},
        {"resource": qr}]});
    let mapped = map_bundle(
        &bundle.to_string(),
        &MappingOptions::new("2026-11-26".parse().unwrap()),
    )
    .unwrap();
    let p = mapped.presentation();
    assert_eq!(p.finding(Finding::Fever), Truth::Absent);
    assert_eq!(p.finding(Finding::IschaemiaSigns), Truth::Unknown);
    assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Present);
    assert_eq!(p.symptom(Symptom::PainBetweenToes), Truth::Absent);
    assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Present);
    assert_eq!(p.medication(MedicationClass::Anticoagulant), Truth::Present);
    assert_eq!(p.medication(MedicationClass::Nsaid), Truth::Unknown);
    // The Patient's birth date wins over the answered age.
    assert_eq!(p.age_years().map(|a| a.get()), Some(46));
    let heel = mapped
        .provenance_of(Field::Symptom(Symptom::PainUnderHeel))
        .next()
        .unwrap();
    assert_eq!(heel.rule, Rule::IntakeAnswer);
    assert_eq!(
        p.answered_by(FactName::Symptom(Symptom::PainUnderHeel)),
        Some(Reporter::Patient)
    );
    // The age is the Patient resource's: not the patient's answer.
    assert_eq!(p.answered_by(FactName::Field(Wire::AgeYears)), None);
    assert_eq!(
        Field::Symptom(Symptom::PainUnderHeel).path(),
        "symptoms.pain_under_heel"
    );
    assert!(mapped
        .unused()
        .iter()
        .any(|u| u.reason == UnusedReason::AnsweredUnknown
            && u.detail.starts_with("ischaemia_signs: answered")));
    let a = assess(p, &Policy::default());
    let first = a.candidates.first().expect("a candidate");
    assert_eq!(first.condition.as_str(), "plantar_fasciitis");
}

#[test]
fn a_malformed_intake_in_a_record_is_noted_not_fatal() {
    let mut qr: Value =
        serde_json::from_str(&response(json!([answer("windlass_test_positive", "Y")]))).unwrap();
    qr["authored"] = json!("2026-11-26T08:00:00Z");
    let bundle = json!({"resourceType": "Bundle", "type": "collection",
        "entry": [{"resource": qr}]});
    let mapped = map_bundle(
        &bundle.to_string(),
        &MappingOptions::new("2026-11-26".parse().unwrap()),
    )
    .unwrap();
    assert_eq!(
        mapped.presentation().symptom(Symptom::WindlassTestPositive),
        Truth::Unknown
    );
    assert!(mapped
        .unused()
        .iter()
        .any(|u| u.reason == UnusedReason::Malformed && u.detail.contains("windlass")));
}

// --- The round trip ------------------------------------------------------

fn truth() -> impl Strategy<Value = Truth> {
    prop_oneof![
        Just(Truth::Present),
        Just(Truth::Absent),
        Just(Truth::Unknown)
    ]
}

/// A class list a response can state again: unknown, closed, or open with
/// at least one class not named (an open list naming every class reads
/// back closed).
fn list<T: enumset::EnumSetType + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<ClassList<T>>> {
    let n = all.len();
    prop_oneof![
        Just(None),
        proptest::collection::vec(any::<bool>(), n).prop_map(move |taken| Some(ClassList::closed(
            all.iter().zip(taken).filter(|(_, t)| *t).map(|(c, _)| *c)
        ))),
        proptest::collection::vec(truth(), n).prop_map(move |truths| {
            let mut truths = truths;
            if truths.iter().all(|t| *t != Truth::Unknown) {
                truths[0] = Truth::Unknown;
            }
            Some(ClassList::open(all.iter().copied().zip(truths)))
        }),
    ]
}

prop_compose! {
    /// A presentation of patient facts only, as a response can state it,
    /// with `answered_by` patient on every fact a response answers: a
    /// `both` fact is present, or unknown (a patient's No reads back
    /// unknown, answered); an unknown fact answered Not sure or not asked;
    /// the map either unanswered or with a place present; numbers known or
    /// unasked (an integer item has no Not sure).
    fn patient_presentation()(
        findings in proptest::collection::vec((truth(), any::<bool>()), Finding::all().len()),
        symptoms in proptest::collection::vec((truth(), any::<bool>()), Symptom::all().len()),
        map_asked in any::<bool>(),
        age in proptest::option::of(0u32..=130),
        sex in proptest::option::of(proptest::sample::select(Sex::all())),
        sex_asked in any::<bool>(),
        weeks in proptest::option::of((0u32..=5200, 0u32..=5200)),
        medications in list(MedicationClass::all()),
        allergies in list(Allergy::all()),
    ) -> Presentation {
        let patient = Reporter::Patient;
        let mut b = Presentation::builder();
        for (f, (t, asked)) in Finding::all().iter().zip(findings) {
            if f.who() == Who::Clinician {
                continue;
            }
            // A male patient is never pregnant in the core.
            let t = if *f == Finding::Pregnancy && sex == Some(Sex::Male) { Truth::Unknown } else { t };
            let (t, asked) = match (f.who(), t) {
                (Who::Both, Truth::Absent) => (Truth::Unknown, true),
                (_, Truth::Unknown) => (t, asked),
                _ => (t, true),
            };
            b = b.finding(*f, t);
            if asked {
                b = b.answered_by(FactName::Finding(*f), patient);
            }
        }
        // The map: unanswered (every place unknown, the map answered Not
        // sure or not at all), or places present with the others either
        // all known or none absent.
        let place = |t: Truth| LOCATIONS.iter().any(|s| {
            symptoms.get(Symptom::all().iter().position(|x| x == s).unwrap()).map(|x| x.0) == Some(t)
        });
        let (any_place, any_unknown) = (place(Truth::Present), place(Truth::Unknown));
        for (s, (t, asked)) in Symptom::all().iter().zip(symptoms.iter().copied()) {
            if s.who() == Who::Clinician {
                continue;
            }
            let (t, asked) = match (LOCATIONS.contains(s), t) {
                (true, _) if !any_place => (Truth::Unknown, map_asked),
                (true, Truth::Absent) if any_unknown => (Truth::Unknown, true),
                (true, _) => (t, true),
                (false, Truth::Unknown) => (t, asked),
                (false, _) => (t, true),
            };
            b = b.symptom(*s, t);
            if asked {
                b = b.answered_by(FactName::Symptom(*s), patient);
            }
        }
        if let Some(age) = age {
            b = b.age_years(age).answered_by(FactName::Field(Wire::AgeYears), patient);
        }
        if let Some(sex) = sex { b = b.sex(sex); }
        if sex.is_some() || sex_asked {
            b = b.answered_by(FactName::Field(Wire::Sex), patient);
        }
        if let Some((a, c)) = weeks {
            b = b
                .symptom_weeks(a.max(c))
                .conservative_care_weeks(a.min(c))
                .answered_by(FactName::Field(Wire::SymptomWeeks), patient)
                .answered_by(FactName::Field(Wire::ConservativeCareWeeks), patient);
        }
        if let Some(m) = medications {
            b = b.medication_list(m);
            for class in MedicationClass::all() {
                b = b.answered_by(FactName::Medication(*class), patient);
            }
        }
        if let Some(a) = allergies {
            b = b.allergy_list(a);
            for allergy in Allergy::all() {
                b = b.answered_by(FactName::Allergy(*allergy), patient);
            }
        }
        b.build().unwrap()
    }
}

proptest! {
    #[test]
    fn a_patients_presentation_survives_the_round_trip(p in patient_presentation()) {
        let response = intake_response(&p);
        prop_assert_eq!(intake_presentation(&response).unwrap(), p);
    }

    #[test]
    fn reading_never_panics_and_a_both_no_is_never_absent(
        codes in proptest::collection::vec(
            (proptest::sample::select(Finding::all()), prop_oneof![Just("Y"), Just("N"), Just("asked-unknown"), Just("x")]),
            0..8)
    ) {
        let mut seen = Vec::new();
        let items: Vec<Value> = codes
            .iter()
            .filter(|(f, _)| { let new = !seen.contains(f); seen.push(*f); new })
            .map(|(f, c)| answer(f.as_str(), c))
            .collect();
        if let Ok(p) = intake_presentation(&response(Value::Array(items))) {
            for f in Finding::all() {
                if f.who() != Who::Patient {
                    prop_assert_ne!(p.finding(*f), Truth::Absent, "{}", f);
                }
            }
        }
    }
}
