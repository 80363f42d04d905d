//! The interview: driven by scripted answers to a determinate verdict,
//! asking only blocking questions, exactly the ones each script expects,
//! red flags first. (That the blocking questions are the fewest that can
//! change the verdict is the brute-force check of `semantics`.)

use prolo_triage::{Answer, Interview, Policy, Presentation, Subject, Verdict};

/// Answers each question from `script` (by subject), returning the subjects
/// asked in order and the final verdict.
fn drive(start: &str, script: &[(&str, &str)]) -> (Vec<String>, Verdict, Presentation) {
    let policy = Policy::default();
    let mut interview = Interview::new(Presentation::from_json(start).unwrap(), &policy);
    let mut asked = Vec::new();
    while let Some(q) = interview.next_question() {
        assert!(q.blocking);
        let subject = q.finding.as_str().to_string();
        let text = script.iter().find(|(s, _)| *s == subject).map_or_else(
            || panic!("unexpected question {subject}; asked {asked:?}"),
            |(_, a)| *a,
        );
        asked.push(subject);
        interview
            .answer(q.finding, Answer::parse(q.finding, text).unwrap())
            .unwrap();
        assert!(asked.len() < 40, "no end: {asked:?}");
    }
    let verdict = interview.assessment().verdict;
    (asked, verdict, *interview.presentation())
}

const RED_FLAGS: [&str; 11] = [
    "fever",
    "hot_swollen_foot",
    "achilles_rupture_signs",
    "ischaemia_signs",
    "calf_swelling",
    "pain_out_of_proportion",
    "neurological_deficit",
    "tumour_signs",
    "rapidly_worsening_deformity",
    "sudden_achilles_snap",
    "recent_injury",
];
const ABSOLUTE: [&str; 5] = [
    "skin_infection_at_site",
    "systemic_infection",
    "bleeding_disorder",
    "malignancy_at_site",
    "acute_inflammatory_arthritis",
];

#[test]
fn unscreened_patient_all_clear_asks_red_flags_then_contraindications() {
    let all_no: Vec<(&str, &str)> = RED_FLAGS
        .iter()
        .chain(&ABSOLUTE)
        .map(|s| (*s, "no"))
        .collect();
    let (asked, verdict, p) = drive(include_str!("../examples/data/03-unscreened.json"), &all_no);
    let want: Vec<&str> = RED_FLAGS.iter().chain(&ABSOLUTE).copied().collect();
    assert_eq!(asked, want);
    // The Ottawa examination findings are never asked once recent_injury is no.
    assert!(!asked
        .iter()
        .any(|s| s.starts_with("bone_tenderness") || s == "unable_to_bear_weight"));
    // Precautions stay open: a yes-family verdict with questions to settle.
    assert_eq!(verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(p.to_json().matches("\"absent\"").count(), 16);
}

#[test]
fn a_recent_injury_brings_the_ottawa_questions_and_stops_at_the_first_positive() {
    let mut script: Vec<(&str, &str)> = RED_FLAGS[..10].iter().map(|s| (*s, "no")).collect();
    script.extend([
        ("recent_injury", "yes"),
        ("bone_tenderness_lateral_malleolus", "no"),
        ("bone_tenderness_medial_malleolus", "no"),
        ("bone_tenderness_fifth_metatarsal_base", "yes"),
    ]);
    let (asked, verdict, _) = drive(include_str!("../examples/data/03-unscreened.json"), &script);
    let want: Vec<&str> = script.iter().map(|(s, _)| *s).collect();
    assert_eq!(asked, want);
    assert_eq!(verdict, Verdict::ReferUrgently);
}

#[test]
fn one_question_settles_case_06() {
    let (asked, verdict, _) = drive(
        include_str!("../examples/data/06-ready-but-infection-unknown.json"),
        &[("skin_infection_at_site", "yes")],
    );
    assert_eq!(asked, ["skin_infection_at_site"]);
    assert_eq!(verdict, Verdict::Contraindicated);
}

#[test]
fn from_nothing_the_fields_are_asked_after_the_screening() {
    let mut script: Vec<(&str, &str)> = RED_FLAGS
        .iter()
        .chain(&ABSOLUTE)
        .map(|s| (*s, "no"))
        .collect();
    script.extend([
        ("age_years", "52"),
        ("conditions", "plantar_fasciitis"),
        ("symptom_weeks", "20"),
        ("conservative_care_weeks", "8"),
    ]);
    let (asked, verdict, p) = drive("{}", &script);
    let want: Vec<&str> = script.iter().map(|(s, _)| *s).collect();
    assert_eq!(asked, want);
    assert_eq!(verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(p.age_years().map(|a| a.get()), Some(52));
}

#[test]
fn unknown_sets_a_question_aside_and_the_interview_ends_undecided() {
    let policy = Policy::default();
    let start = Presentation::from_json(include_str!(
        "../examples/data/06-ready-but-infection-unknown.json"
    ))
    .unwrap();
    let mut interview = Interview::new(start, &policy);
    let q = interview.next_question().unwrap();
    interview.answer(q.finding, Answer::Unknown).unwrap();
    assert_eq!(interview.next_question(), None);
    assert_eq!(interview.assessment().verdict, Verdict::NeedsInformation);
}

#[test]
fn answers_must_fit_the_question() {
    assert!(Answer::parse(Subject::AgeYears, "old").is_err());
    assert!(Answer::parse(Subject::Medications, "aspirin").is_err());
    assert_eq!(
        Answer::parse(Subject::Medications, "none").unwrap(),
        Answer::Medications(Default::default())
    );
    let policy = Policy::default();
    let mut interview = Interview::new(Presentation::default(), &policy);
    // Care longer than symptoms is refused, and the interview is unchanged.
    interview
        .answer(Subject::SymptomWeeks, Answer::Number(4))
        .unwrap();
    assert!(interview
        .answer(Subject::ConservativeCareWeeks, Answer::Number(6))
        .is_err());
    assert_eq!(interview.presentation().conservative_care_weeks(), None);
    assert!(interview.answer(Subject::AgeYears, Answer::Yes).is_err());
}

/// An open medication list (contract v2) is asked class by class: under a
/// policy that makes anticoagulants absolute, the unknown class is the
/// blocking question, asked as `medications.anticoagulant`, and the answer
/// keeps the list open.
#[test]
fn an_open_list_is_asked_one_class_at_a_time() {
    let policy = Policy::from_json(
        r#"{"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}"#,
    )
    .unwrap();
    let start = r#"{"age_years": 50, "conditions": ["plantar_fasciitis"], "symptom_weeks": 30,
        "conservative_care_weeks": 12, "allergies": [],
        "findings": {"fever": "absent", "hot_swollen_foot": "absent", "achilles_rupture_signs": "absent",
          "ischaemia_signs": "absent", "calf_swelling": "absent", "pain_out_of_proportion": "absent",
          "neurological_deficit": "absent", "tumour_signs": "absent", "rapidly_worsening_deformity": "absent", "sudden_achilles_snap": "absent",
          "recent_injury": "absent", "skin_infection_at_site": "absent", "systemic_infection": "absent",
          "bleeding_disorder": "absent", "malignancy_at_site": "absent", "acute_inflammatory_arthritis": "absent",
          "pregnancy": "absent", "diabetes": "absent", "peripheral_neuropathy": "absent",
          "immunosuppression": "absent", "active_cancer": "absent", "recent_steroid_injection": "absent",
          "low_platelets": "absent"},
        "medications": {"antiplatelet": "absent", "systemic_corticosteroid": "absent", "immunosuppressant": "absent"}}"#;
    let mut interview = Interview::new(Presentation::from_json(start).unwrap(), &policy);
    assert_eq!(interview.assessment().verdict, Verdict::NeedsInformation);
    let q = interview.next_question().unwrap();
    assert_eq!(q.finding.as_str(), "medications.anticoagulant");
    assert!(q.blocking);
    assert!(q.text.contains("anticoagulant"), "{}", q.text);
    interview
        .answer(q.finding, Answer::parse(q.finding, "no").unwrap())
        .unwrap();
    assert_eq!(interview.next_question(), None);
    assert_eq!(interview.assessment().verdict, Verdict::Discuss);
    let saved = interview.presentation().to_json();
    assert!(
        saved.contains(r#""medications":{"anticoagulant":"absent","antiplatelet":"absent""#),
        "{saved}"
    );
    // A whole list that is not recorded is still asked as one question.
    let unrecorded = start.replace(
        r#""medications": {"antiplatelet": "absent", "systemic_corticosteroid": "absent", "immunosuppressant": "absent"}"#,
        r#""side": "left""#,
    );
    let interview = Interview::new(Presentation::from_json(&unrecorded).unwrap(), &policy);
    assert_eq!(
        interview.next_question().map(|q| q.finding),
        Some(Subject::Medications)
    );
}

/// Patient mode (`docs/decision-model.md` §10): only what a patient can
/// answer is asked; a no to a `both` fact leaves it unknown; a yes to a red
/// flag stops the interview with the safety-net for a patient who reported
/// it.
#[test]
fn a_patient_is_never_asked_a_clinician_only_fact() {
    use prolo_triage::{Audience, Finding, Truth, Who};
    let policy = Policy::default();
    for start in [
        "{}",
        include_str!("../examples/data/03-unscreened.json"),
        include_str!("../examples/data/10-forefoot-symptoms-intake.json"),
    ] {
        let p = Presentation::from_json(start).unwrap();
        let mut interview = Interview::with_audience(p, &policy, Audience::Patient);
        let mut asked = Vec::new();
        while let Some(q) = interview.next_question() {
            assert!(q.who.asks_patient(), "asked {} of a patient", q.finding);
            assert!(!asked.contains(&q.finding), "asked {} twice", q.finding);
            asked.push(q.finding);
            let answer = match q.finding {
                Subject::AgeYears => Answer::Number(50),
                Subject::SymptomWeeks => Answer::Number(30),
                Subject::ConservativeCareWeeks => Answer::Number(20),
                Subject::Medications => Answer::Medications(Default::default()),
                Subject::Allergies => Answer::Allergies(Default::default()),
                _ => Answer::No,
            };
            interview.answer(q.finding, answer).unwrap();
            assert!(asked.len() < 60, "no end: {asked:?}");
        }
        assert!(!asked.is_empty());
        // Red flags first.
        assert_eq!(asked[0], Subject::Finding(Finding::Fever));
        // A `both` red flag answered no stays for the clinician.
        let both = Finding::IschaemiaSigns;
        assert_eq!(both.who(), Who::Both);
        assert!(asked.contains(&Subject::Finding(both)));
        assert_eq!(interview.presentation().finding(both), Truth::Unknown);
        assert_eq!(
            interview.presentation().finding(Finding::Fever),
            Truth::Absent
        );
    }
}

#[test]
fn a_patient_reporting_a_snap_stops_with_the_same_day_safety_net() {
    use prolo_triage::{Audience, Finding};
    let policy = Policy::default();
    let mut interview =
        Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    while let Some(q) = interview.next_question() {
        let answer = if q.finding == Subject::Finding(Finding::SuddenAchillesSnap) {
            Answer::Yes
        } else {
            Answer::No
        };
        interview.answer(q.finding, answer).unwrap();
    }
    assert_eq!(interview.assessment().verdict, Verdict::ReferUrgently);
    assert!(!interview.safety_net().is_empty());
}
