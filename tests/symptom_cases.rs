//! The worked symptom cases of `examples/data/symptoms/` against the table
//! of expectations beside them (`EXPECTED.md`): each case's candidates in
//! rank order with their bands and scores, its mimics, its verdict, and
//! that the verdict is the one the presentation gives without its symptoms.

use prolo_triage::{
    assess, decide, Band, Condition, Finding, FindingGroup, Mimic, Policy, Presentation, Symptom,
    Truth, Who,
};

use crate::common::EXAMPLE_DATA;

fn folder() -> String {
    format!("{EXAMPLE_DATA}/symptoms")
}

/// A value of the closed vocabularies from its wire name.
fn wire<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One row of `EXPECTED.md`.
#[derive(Debug)]
struct Expected {
    case: String,
    who: Who,
    verdict: String,
    candidates: Vec<(Condition, Band, i32)>,
    mimics: Vec<(Mimic, Vec<Symptom>)>,
}

fn expected() -> Vec<Expected> {
    let path = format!("{}/EXPECTED.md", folder());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            assert!(cells.len() >= 5, "a row has six cells: {line}");
            let candidates = cells[3]
                .split(", ")
                .map(|c| {
                    let words: Vec<&str> = c.split(' ').collect();
                    assert_eq!(words.len(), 3, "condition band score: {c}");
                    (wire(words[0]), wire(words[1]), words[2].parse().unwrap())
                })
                .collect();
            let mimics = if cells[4] == "–" {
                Vec::new()
            } else {
                cells[4]
                    .split("; ")
                    .map(|m| {
                        let (mimic, symptoms) = m.split_once(": ").unwrap();
                        (wire(mimic), symptoms.split(", ").map(wire).collect())
                    })
                    .collect()
            };
            Expected {
                case: cells[0].trim_matches('`').to_owned(),
                who: wire(cells[1]),
                verdict: cells[2].to_owned(),
                candidates,
                mimics,
            }
        })
        .collect()
}

fn json(case: &str) -> serde_json::Value {
    let path = format!("{}/{case}.json", folder());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn presentation(doc: &serde_json::Value) -> Presentation {
    Presentation::from_json(&doc.to_string()).unwrap()
}

/// The worked symptom cases (`examples/data/symptoms/*.json`), by name
/// without the extension, sorted; with their presentations (`docs/safety.md`
/// lists the cases that exercise each pattern row).
pub(crate) fn cases() -> Vec<(String, Presentation)> {
    let mut names: Vec<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let p = presentation(&json(&name));
            (name, p)
        })
        .collect()
}

#[test]
fn every_case_has_its_row_and_every_row_its_case() {
    let files: Vec<String> = cases().into_iter().map(|(name, _)| name).collect();
    let mut rows: Vec<String> = expected().into_iter().map(|e| e.case).collect();
    rows.sort();
    assert_eq!(files, rows);
}

#[test]
fn every_case_gives_its_candidates_and_mimics() {
    for e in expected() {
        let a = assess(&presentation(&json(&e.case)), &Policy::default());
        let got: Vec<(Condition, Band, i32)> = a
            .candidates
            .iter()
            .map(|c| (c.condition, c.band, c.score))
            .collect();
        assert_eq!(got, e.candidates, "{}: candidates", e.case);
        let mimics: Vec<(Mimic, Vec<Symptom>)> = a
            .mimics
            .iter()
            .map(|m| (m.mimic, m.symptoms.clone()))
            .collect();
        assert_eq!(mimics, e.mimics, "{}: mimics", e.case);
    }
}

/// Symptoms never change the verdict: each case's verdict is the table's
/// and the one its non-symptom facts give on their own.
#[test]
fn every_case_keeps_the_verdict_of_its_other_facts() {
    for e in expected() {
        let mut doc = json(&e.case);
        let with = assess(&presentation(&doc), &Policy::default());
        assert_eq!(with.verdict.to_string(), e.verdict, "{}", e.case);
        doc.as_object_mut().unwrap().remove("symptoms");
        let without = presentation(&doc);
        assert_eq!(
            decide(&without, &Policy::default()),
            with.verdict,
            "{}",
            e.case
        );
    }
}

/// The patient cases hold only what a patient answers, the red flags a
/// patient can report screened absent; every case screens the new one.
#[test]
fn patient_cases_hold_only_patient_answers() {
    const PATIENT_FIELDS: [&str; 11] = [
        "age_years",
        "sex",
        "side",
        "symptom_weeks",
        "conservative_care_weeks",
        "conservative_care",
        "pain_score",
        "medications",
        "allergies",
        "findings",
        "symptoms",
    ];
    let mut patients = 0;
    for e in expected() {
        let doc = json(&e.case);
        let p = presentation(&doc);
        assert_eq!(
            p.finding(Finding::SuddenAchillesSnap),
            Truth::Absent,
            "{}",
            e.case
        );
        if e.who != Who::Patient {
            continue;
        }
        patients += 1;
        for field in doc.as_object().unwrap().keys() {
            assert!(
                PATIENT_FIELDS.contains(&field.as_str()),
                "{}: {field}",
                e.case
            );
        }
        for name in doc["findings"].as_object().unwrap().keys() {
            let f: Finding = wire(name);
            assert_eq!(f.who(), Who::Patient, "{}: {name}", e.case);
        }
        for name in doc["symptoms"].as_object().unwrap().keys() {
            let s: Symptom = wire(name);
            assert_eq!(s.who(), Who::Patient, "{}: {name}", e.case);
        }
        for f in Finding::all() {
            if f.who() == Who::Patient
                && matches!(
                    f.group(),
                    FindingGroup::RedFlag | FindingGroup::OttawaComponent
                )
            {
                // Every patient-answerable red flag is screened.
                assert_ne!(p.finding(*f), Truth::Unknown, "{}: {f}", e.case);
            }
        }
    }
    assert!(patients >= 8, "a patient case per condition");
}

/// A case from patient answers alone and one with examination for each of
/// the eight conditions, where it leads, likely once examined (Morton's
/// neuroma cannot be likely before the clinician's squeeze test); each
/// mimic suggested somewhere.
#[test]
fn the_cases_cover_every_condition_and_mimic() {
    let rows = expected();
    for p in prolo_triage::rules::PATTERNS.iter() {
        for who in [Who::Patient, Who::Clinician] {
            assert!(
                rows.iter().any(|e| e.who == who
                    && e.candidates.first().is_some_and(
                        |c| c.0 == p.condition && (who == Who::Patient || c.1 == Band::Likely)
                    )),
                "{} ({who:?}) leads no case",
                p.condition
            );
        }
    }
    for m in Mimic::all() {
        assert!(
            rows.iter().any(|e| e.mimics.iter().any(|(x, _)| x == m)),
            "{m}"
        );
    }
}
