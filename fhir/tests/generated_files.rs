//! The files this crate ships that are generated: the screening and
//! intake Questionnaires, the default code table, and the Bundles composed from
//! the HL7 fixtures. Each test fails when the file drifts from what the
//! code generates; run with `PROLO_REGENERATE=1` to rewrite them.

use crate::common;

use std::path::Path;

use prolo_triage_fhir::{patient_intake_questionnaire, screening_questionnaire, CodeTables};

fn regenerate() -> bool {
    std::env::var_os("PROLO_REGENERATE").is_some()
}

/// Compares `generated` with the file; with `same` deciding equality.
fn check(path: &Path, generated: &str, same: impl Fn(&str, &str) -> bool) {
    let shipped = std::fs::read_to_string(path).unwrap_or_default();
    if same(&shipped, generated) {
        return;
    }
    if regenerate() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated).unwrap();
        return;
    }
    panic!(
        "{} is out of date with the code that generates it; run `PROLO_REGENERATE=1 cargo test -p prolo-triage-fhir --test integration generated_files::` and review the diff",
        path.display()
    );
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn screening_questionnaire_is_shipped_as_generated() {
    check(
        &crate_dir().join("questionnaire/screening.json"),
        &screening_questionnaire(),
        |a, b| a == b,
    );
}

#[test]
fn intake_questionnaire_is_shipped_as_generated() {
    check(
        &crate_dir().join("questionnaire/intake.json"),
        &patient_intake_questionnaire(),
        |a, b| a == b,
    );
}

#[test]
fn default_code_table_is_shipped_as_generated() {
    check(
        &crate_dir().join("codes/default-codes.json"),
        &CodeTables::default().to_json(),
        |a, b| a == b,
    );
}

#[test]
fn composed_bundles_are_shipped_as_generated() {
    for (name, value) in common::composed() {
        let mut generated = serde_json::to_string_pretty(&value).unwrap();
        generated.push('\n');
        // Compared as JSON: key order may follow serde_json's features.
        check(
            &common::fixtures().join("bundles").join(name),
            &generated,
            |a, b| {
                serde_json::from_str::<serde_json::Value>(a).ok()
                    == serde_json::from_str::<serde_json::Value>(b).ok()
            },
        );
    }
}
