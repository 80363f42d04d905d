//! Every default code, with the source that backs it
//! (`docs/clinic-integration.md` §3: "ship a code only with a source").
//!
//! Verified codes are found, with their meaning, in the HL7 R4 example
//! resource named (copied into `tests/fixtures/hl7/`); the ICD-10-CM codes
//! are the core crate's own (checked against the FY2021 files for
//! `docs/decision-model.md` §2); secondary codes name the third-party source
//! they were seen in.

use crate::common;

use prolo_triage::Condition;
use prolo_triage_fhir::{system, CodeSource, CodeTables, Match};
use serde_json::Value;

/// Where a default code comes from.
enum Source {
    /// In this HL7 R4 example (file stem), with this display.
    Hl7(&'static str, &'static str),
    /// `docs/decision-model.md` §2 (ICD-10-CM FY2021), as the core holds it.
    DecisionModel,
    /// Seen in a third-party source, named in the citation.
    Secondary(&'static str),
}

use Source::*;

/// One row per default code besides the conditions' ICD-10-CM codes
/// (those are checked against `Condition::icd10cm` below).
const DEFAULTS: &[(&str, &str, Match, &str, Source)] = &[
    (
        system::LOINC,
        "8310-5",
        Match::Exact,
        "observations.body_temperature",
        Hl7("Observation-body-temperature", "Body temperature"),
    ),
    (
        system::LOINC,
        "777-3",
        Match::Exact,
        "observations.platelet_count",
        Hl7(
            "Bundle-101",
            "Platelets [#/volume] in Blood by Automated count",
        ),
    ),
    (
        system::LOINC,
        "26515-7",
        Match::Exact,
        "observations.platelet_count",
        Hl7("Bundle-report", "Platelets [#/volume] in Blood"),
    ),
    (
        system::SNOMED,
        "73211009",
        Match::Exact,
        "findings.diabetes",
        Hl7(
            "List-example-double-cousin-relationship",
            "Diabetes mellitus",
        ),
    ),
    (
        system::SNOMED,
        "44054006",
        Match::Exact,
        "findings.diabetes",
        Hl7(
            "MedicationRequest-medrx0321",
            "Diabetes mellitus type 2 (disorder)",
        ),
    ),
    (
        system::SNOMED,
        "77386006",
        Match::Exact,
        "findings.pregnancy",
        Hl7(
            "ValueSet-immunization-recommendation-reason.expansion",
            "Pregnancy confirmed",
        ),
    ),
    (
        system::RXNORM,
        "114194",
        Match::Exact,
        "medications.anticoagulant",
        Hl7("MedicationRequest-medrx0331", "Warfarin Sodium"),
    ),
    (
        system::SNOMED,
        "716186003",
        Match::Exact,
        "allergies.none_known",
        Hl7("AllergyIntolerance-nka", "No Known Allergy (situation)"),
    ),
    (
        system::ICD10CM,
        "M24.27",
        Match::Prefix,
        "findings.ligament_laxity",
        DecisionModel,
    ),
    (
        system::ICD10CM,
        "M25.37",
        Match::Prefix,
        "findings.joint_instability",
        DecisionModel,
    ),
    (
        system::SNOMED,
        "202882003",
        Match::Exact,
        "conditions.plantar_fasciitis",
        Secondary("be-vs-diagnostic-imaging-indication"),
    ),
    (
        system::SNOMED,
        "30085007",
        Match::Exact,
        "conditions.mortons_neuroma",
        Secondary("be-vs-diagnostic-imaging-indication"),
    ),
    (
        system::SNOMED,
        "302226006",
        Match::Exact,
        "findings.peripheral_neuropathy",
        Secondary("third-party code"),
    ),
    (
        system::ATC,
        "B01AA",
        Match::Prefix,
        "medications.anticoagulant",
        Secondary("third-party code: ATC B01AA vitamin K antagonists"),
    ),
    (
        system::ATC,
        "B01AB",
        Match::Prefix,
        "medications.anticoagulant",
        Secondary("third-party code: ATC B01AB heparin group"),
    ),
    (
        system::ATC,
        "B01AE",
        Match::Prefix,
        "medications.anticoagulant",
        Secondary("third-party code: ATC B01AE direct thrombin inhibitors"),
    ),
    (
        system::ATC,
        "B01AF",
        Match::Prefix,
        "medications.anticoagulant",
        Secondary("third-party code: ATC B01AF direct factor Xa inhibitors"),
    ),
    (
        system::ATC,
        "B01AC",
        Match::Prefix,
        "medications.antiplatelet",
        Secondary("third-party code: ATC B01AC platelet aggregation inhibitors"),
    ),
    (
        system::ATC,
        "B01AC06",
        Match::Exact,
        "medications.aspirin_by_dose",
        Secondary("third-party code: ATC B01AC06 acetylsalicylic acid"),
    ),
    (
        system::RXNORM,
        "1191",
        Match::Exact,
        "medications.aspirin_by_dose",
        Secondary("third-party code: RxNorm 1191 aspirin"),
    ),
    (
        system::LOINC,
        "718-7",
        Match::Exact,
        "observations.haemoglobin",
        Secondary("third-party code: LOINC 718-7 Hemoglobin [Mass/volume] in Blood"),
    ),
    (
        system::RXNORM,
        "5640",
        Match::Exact,
        "medications.nsaid",
        Secondary("third-party code: RxNorm 5640 ibuprofen"),
    ),
];

#[test]
fn the_defaults_are_exactly_the_sourced_codes() {
    let tables = CodeTables::default();
    let mut expected: Vec<String> = DEFAULTS
        .iter()
        .map(|(system, code, matching, means, source)| {
            let label = match source {
                Hl7(..) | DecisionModel => CodeSource::Verified,
                Secondary(_) => CodeSource::Secondary,
            };
            format!("{system} {code} {matching:?} {means} {}", label.as_str())
        })
        .collect();
    for condition in Condition::all() {
        for code in condition.icd10cm() {
            expected.push(format!(
                "{} {code} Exact conditions.{} verified",
                system::ICD10CM,
                condition.as_str()
            ));
        }
    }
    let mut actual: Vec<String> = tables
        .entries()
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {} {}",
                e.system(),
                e.code(),
                e.matching(),
                e.means(),
                e.source().as_str()
            )
        })
        .collect();
    expected.sort();
    actual.sort();
    assert_eq!(actual, expected);
}

/// True when `value` holds a coding `{system, code, display}`.
fn holds(value: &Value, system: &str, code: &str, display: &str) -> bool {
    match value {
        Value::Object(o) => {
            let here = o.get("system").and_then(Value::as_str) == Some(system)
                && o.get("code").and_then(Value::as_str) == Some(code)
                && o.get("display").and_then(Value::as_str) == Some(display);
            here || o.values().any(|v| holds(v, system, code, display))
        }
        Value::Array(a) => a.iter().any(|v| holds(v, system, code, display)),
        _ => false,
    }
}

#[test]
fn every_verified_code_is_in_its_hl7_example() {
    let tables = CodeTables::default();
    for (system, code, _, means, source) in DEFAULTS {
        let Hl7(file, display) = source else { continue };
        assert!(
            holds(&common::hl7(file), system, code, display),
            "{code} ({display}) is not in {file}"
        );
        let entry = tables.lookup(system, code);
        assert_eq!(entry[0].means().to_string(), *means);
        assert!(
            entry[0]
                .citation()
                .contains(file.trim_end_matches(".expansion")),
            "{code}: the citation names {file}"
        );
    }
}

#[test]
fn every_condition_code_is_the_core_crates() {
    let tables = CodeTables::default();
    for condition in Condition::all() {
        for code in condition.icd10cm() {
            let entries = tables.lookup(system::ICD10CM, code);
            assert_eq!(entries.len(), 1, "{code}");
            assert_eq!(
                entries[0].means().to_string(),
                format!("conditions.{}", condition.as_str())
            );
            assert!(entries[0].citation().starts_with("decision-model.md §2"));
        }
    }
    for (system, code, _, _, source) in DEFAULTS {
        if let DecisionModel = source {
            let entry = &tables.lookup(system, &format!("{code}1"))[0];
            assert!(
                entry.citation().starts_with("decision-model.md §2"),
                "{code}"
            );
        }
    }
}

#[test]
fn every_secondary_code_names_where_it_was_seen() {
    let tables = CodeTables::default();
    for (system, code, _, _, source) in DEFAULTS {
        let Secondary(seen_in) = source else { continue };
        let entry = tables
            .entries()
            .iter()
            .find(|e| e.system() == *system && e.code() == *code)
            .unwrap();
        assert_eq!(entry.source(), CodeSource::Secondary, "{code}");
        assert!(
            entry.citation().contains(seen_in),
            "{code}: {}",
            entry.citation()
        );
    }
}

#[test]
fn plantar_fasciitis_and_mortons_are_not_in_the_hl7_examples() {
    // docs/clinic-integration.md §3 lists them as verified from the HL7
    // examples; the package does not hold them, so they ship as secondary.
    let dir = common::fixtures().join("hl7");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("202882003") && !text.contains("30085007"));
    }
}

#[test]
fn the_shipped_default_table_reads_back() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("codes/default-codes.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(CodeTables::from_json(&text).unwrap(), CodeTables::default());
}
