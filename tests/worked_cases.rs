//! The eight worked cases of `shared/examples/EXPECTED.md`, shipped in
//! `examples/data/`, through the public API.

use prolo_triage::{
    assess, assess_json, Assessment, Fact, Finding, Group, MedicationClass, Policy, Presentation,
    Role, Subject, Verdict,
};

use crate::common::EXAMPLE_DATA;

fn case(name: &str) -> Assessment {
    let path = format!("{EXAMPLE_DATA}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let p = Presentation::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assess(&p, &Policy::default())
}

fn decisive(a: &Assessment) -> Vec<String> {
    a.reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .filter_map(|r| r.finding.map(|f| f.to_string()))
        .collect()
}

#[test]
fn runner_heel_pain_discuss() {
    let a = case("01-runner-heel-pain-discuss.json");
    assert_eq!(a.verdict, Verdict::Discuss);
    assert!(a.questions.is_empty());
    // `discuss` lists what supports it.
    let support: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Supporting)
        .map(|r| r.rule.as_ref())
        .collect();
    assert!(support.contains(&"support.condition"), "{support:?}");
    assert!(
        support.contains(&"support.red_flags_screened"),
        "{support:?}"
    );
    // NSAIDs change no verdict.
    assert!(a.reasons.iter().all(|r| r.role != Role::Decisive));
}

#[test]
fn ankle_instability_on_apixaban_discusses_with_precautions() {
    let a = case("02-ankle-instability-apixaban.json");
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(decisive(&a), ["medications.anticoagulant"]);
    assert!(a.questions.is_empty());
}

#[test]
fn anticoagulant_made_absolute_by_policy_contraindicates() {
    let path = format!("{EXAMPLE_DATA}/02-ankle-instability-apixaban.json");
    let text = std::fs::read_to_string(path).unwrap();
    let policy = Policy::builder("no anticoagulants", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .build()
        .unwrap();
    let a = assess(&Presentation::from_json(&text).unwrap(), &policy);
    assert_eq!(a.verdict, Verdict::Contraindicated);
    assert_eq!(decisive(&a), ["medications.anticoagulant"]);
    assert_eq!(a.policy.name, "no anticoagulants");
    assert_eq!(a.policy.fingerprint, policy.fingerprint());
}

#[test]
fn unscreened_needs_information_and_asks_a_red_flag_first() {
    let a = case("03-unscreened.json");
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    let first = &a.questions[0];
    assert!(first.blocking);
    assert_eq!(first.group, Group::RedFlag);
    assert_eq!(first.finding, Subject::Finding(Finding::Fever));
    // Red flags first, then absolute contraindications, then precautions.
    let groups: Vec<Group> = a.questions.iter().map(|q| q.group).collect();
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(groups, sorted);
    assert!(a.reasons.iter().any(|r| r.role == Role::Unknown));
}

#[test]
fn tender_navicular_after_fall_refers_urgently() {
    let a = case("04-tender-navicular-after-fall.json");
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    assert_eq!(decisive(&a), ["bone_tenderness_navicular"]);
    assert_eq!(a.reasons[0].rule, "red_flag.ottawa_fracture");
    assert!(a.questions.is_empty());
}

#[test]
fn too_early_with_infection_unknown_is_not_yet() {
    let a = case("05-too-early-infection-unknown.json");
    assert_eq!(a.verdict, Verdict::NotYet);
    assert_eq!(
        (a.best_case, a.worst_case),
        (Verdict::NotYet, Verdict::Contraindicated)
    );
    assert_eq!(decisive(&a), ["symptom_weeks", "conservative_care_weeks"]);
    assert_eq!(a.questions.len(), 1);
    let q = &a.questions[0];
    assert_eq!(q.finding, Subject::Finding(Finding::SkinInfectionAtSite));
    assert!(!q.blocking);
}

#[test]
fn ready_with_infection_unknown_needs_information() {
    let a = case("06-ready-but-infection-unknown.json");
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    assert_eq!(a.questions.len(), 1);
    assert_eq!(
        a.questions[0].finding,
        Subject::Finding(Finding::SkinInfectionAtSite)
    );
    assert!(a.questions[0].blocking);
}

#[test]
fn child_is_not_suitable() {
    let a = case("07-child.json");
    assert_eq!(a.verdict, Verdict::NotSuitable);
    assert_eq!(a.reasons[0].rule, "suitability.age");
    assert_eq!(decisive(&a), ["age_years"]);
}

#[test]
fn diabetes_not_recorded_discusses_with_precautions() {
    let a = case("08-diabetes-not-recorded.json");
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(a.questions.len(), 1);
    assert_eq!(a.questions[0].finding, Subject::Finding(Finding::Diabetes));
    assert!(!a.questions[0].blocking);
    let unknown: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Unknown)
        .map(|r| r.rule.as_ref())
        .collect();
    assert_eq!(unknown, ["precaution.diabetes"]);
}

#[test]
fn assess_json_matches_typed_assess_on_every_case() {
    let dir = EXAMPLE_DATA;
    let mut valid = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("bad-") || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let typed = assess(&Presentation::from_json(&text).unwrap(), &Policy::default());
        assert_eq!(
            assess_json(&text, &Policy::default()).unwrap(),
            typed.to_json(),
            "{name}"
        );
        valid += 1;
    }
    assert!(valid >= 8);
}

#[test]
fn neuropathy_adds_the_ottawa_caveat_after_an_injury() {
    let p = Presentation::from_json(
        r#"{"findings": {"recent_injury": "present", "peripheral_neuropathy": "present",
            "bone_tenderness_lateral_malleolus": "absent", "bone_tenderness_medial_malleolus": "absent",
            "bone_tenderness_fifth_metatarsal_base": "absent", "bone_tenderness_navicular": "absent",
            "unable_to_bear_weight": "absent"}}"#,
    )
    .unwrap();
    let a = assess(&p, &Policy::default());
    assert!(a
        .reasons
        .iter()
        .any(|r| r.role == Role::Caveat && r.rule == "caveat.ottawa_neuropathy"));
}

#[test]
fn hot_swollen_foot_with_diabetes_reads_as_charcot() {
    let p = Presentation::from_json(
        r#"{"findings": {"hot_swollen_foot": "present", "diabetes": "present"}}"#,
    )
    .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    assert!(
        a.reasons[0].text.contains("Charcot"),
        "{}",
        a.reasons[0].text
    );
}

/// `v2-open-medication-list.json` (contract v2): the medication list is
/// open, anticoagulant unknown. The class is its own fact: a precaution
/// question named by its path, never the whole list, and the verdict stays
/// in the yes family with the precaution to settle.
#[test]
fn open_medication_list_asks_the_unknown_class() {
    let a = case("v2-open-medication-list.json");
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    let asked: Vec<String> = a.questions.iter().map(|q| q.finding.to_string()).collect();
    assert_eq!(asked, ["medications.anticoagulant"]);
    assert!(!a.questions[0].blocking);
    let unknown: Vec<String> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Unknown)
        .filter_map(|r| r.finding.map(|f| f.to_string()))
        .collect();
    assert_eq!(unknown, ["medications.anticoagulant"]);
    // A clinic that refuses anyone on anticoagulants cannot say yes yet.
    let strict = Policy::builder("strict", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .build()
        .unwrap();
    let path = format!("{EXAMPLE_DATA}/v2-open-medication-list.json");
    let p = Presentation::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let a = assess(&p, &strict);
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    assert!(a.questions[0].blocking);
    assert_eq!(
        a.questions[0].finding.to_string(),
        "medications.anticoagulant"
    );
    // The assessment's presentation keeps the open form.
    assert!(p
        .to_json()
        .contains(r#""medications":{"nsaid":"present","antiplatelet":"absent""#));
}
