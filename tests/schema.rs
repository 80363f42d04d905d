//! The published JSON Schemas (`docs/schema/`): generated from the Rust
//! types, checked for drift, and used to validate every shipped example and
//! every assessment the worked cases produce.
//!
//! Run with `cargo test --features schema --test schema`; regenerate the
//! files with `PROLO_REGENERATE=1` in the environment (the one variable of
//! every drift test in the workspace).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use prolo_triage::{assess, schema, Policy, Presentation};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The value with every object's keys sorted, so the file does not depend
/// on whether a build unifies serde_json's `preserve_order` feature.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

fn checked_in(name: &str, generated: &Value) {
    let path = root().join("docs/schema").join(name);
    if std::env::var_os("PROLO_REGENERATE").is_some() {
        let text = format!(
            "{}\n",
            serde_json::to_string_pretty(&sorted(generated)).unwrap()
        );
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
        .unwrap_or_default();
    // Object equality ignores key order; arrays keep theirs.
    assert!(
        on_disk == *generated,
        "{} is out of date: run PROLO_REGENERATE=1 cargo test --features schema --test schema",
        path.display()
    );
}

#[test]
fn the_checked_in_schemas_are_the_generated_ones() {
    checked_in("presentation.schema.json", &schema::presentation());
    checked_in("assessment.schema.json", &schema::assessment());
}

/// The shipped presentations: our examples and the worked cases.
fn presentations() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in [
        root().join("examples/data"),
        root().join("../shared/examples"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 8, "shipped examples not found");
    out
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_shipped_presentation_is_valid_and_every_bad_one_that_a_schema_can_see_is_not() {
    let validator = jsonschema::validator_for(&schema::presentation()).unwrap();
    for (path, text) in presentations() {
        let name = name(&path);
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            assert!(name.starts_with("bad-"), "{name} is not JSON");
            continue;
        };
        let valid = validator.is_valid(&value);
        match name.as_str() {
            // Shapes a schema can check.
            "bad-unknown-finding.json" | "bad-wrong-type.json" | "bad-out-of-range.json" => {
                assert!(!valid, "{name} passed the schema");
            }
            // Duplicates and contradictions are beyond a JSON Schema: the
            // parser refuses them.
            "bad-duplicate-entry.json"
            | "bad-duplicate-key.json"
            | "bad-inconsistent-weeks.json" => {
                assert!(Presentation::from_json(&text).is_err(), "{name}");
            }
            _ => {
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{name}: {errors:?}");
                assert!(Presentation::from_json(&text).is_ok(), "{name}");
            }
        }
    }
}

#[test]
fn every_assessment_of_the_worked_cases_is_valid() {
    let validator = jsonschema::validator_for(&schema::assessment()).unwrap();
    let strict = Policy::from_json(
        r#"{"name": "strict", "version": "1", "min_age_years": 21,
            "classification": {"medications.anticoagulant": "absolute"}}"#,
    )
    .unwrap();
    let mut checked = 0;
    for (path, text) in presentations() {
        let Ok(p) = Presentation::from_json(&text) else {
            continue;
        };
        for policy in [&Policy::default(), &strict] {
            let value: Value = serde_json::from_str(&assess(&p, policy).to_json()).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", name(&path));
            checked += 1;
        }
    }
    assert!(checked >= 16, "{checked}");
}

#[test]
fn the_presentation_schema_knows_every_field_the_parser_reads() {
    // A presentation with every field set: the canonical writer's output.
    let text = include_str!("../examples/data/01-runner-heel-pain-discuss.json");
    let p = Presentation::from_json(text).unwrap();
    let written: Value = serde_json::from_str(&p.to_json()).unwrap();
    let properties = &schema::presentation()["properties"];
    for field in written.as_object().unwrap().keys() {
        assert!(
            properties.get(field).is_some(),
            "{field} missing from the schema"
        );
    }
}
