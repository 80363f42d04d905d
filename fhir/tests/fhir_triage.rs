//! The `fhir-triage` example's command line, run as a user runs it: the
//! verdict (`--json`) and a provenance line of the report for every shipped
//! Bundle, refused input (exit 2, one line on standard error, nothing on
//! standard output), and standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::{example, fixtures, AS_OF};

/// Runs `fhir-triage` with `args`, standard input from `stdin`.
fn fhir_triage(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(example("fhir-triage"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// A fixture's path, as an argument.
fn fixture(name: &str) -> String {
    fixtures().join(name).to_str().unwrap().to_owned()
}

/// The verdict `--json` gives, and the report without it.
fn verdict_and_report(file: &str, options: &[&str]) -> (String, String) {
    let path = fixture(file);
    let mut args = vec!["--as-of", AS_OF];
    args.extend_from_slice(options);
    args.push(&path);
    let report = fhir_triage(&args, b"");
    assert_eq!(
        report.status.code(),
        Some(0),
        "{file} {options:?}: {report:?}"
    );
    args.insert(args.len() - 1, "--json");
    let json = fhir_triage(&args, b"");
    assert_eq!(json.status.code(), Some(0), "{file} {options:?}: {json:?}");
    let value: Value = serde_json::from_slice(&json.stdout).unwrap();
    (
        value["assessment"]["verdict"].as_str().unwrap().to_owned(),
        String::from_utf8(report.stdout).unwrap(),
    )
}

#[test]
fn every_shipped_bundle_gives_its_verdict_and_names_the_source_of_a_fact() {
    // file, options, verdict, a line the report must hold
    let cases: [(&str, &[&str], &str, &str); 8] = [
        (
            "bundles/plantar-fasciitis-screened.json",
            &[],
            "discuss_with_precautions",
            "findings.fever = absent",
        ),
        (
            "bundles/plantar-fasciitis-screened.json",
            &["--medications-complete", "--allergies-complete"],
            "discuss",
            "medications = list ← declared complete",
        ),
        (
            "bundles/plantar-fasciitis-fever-f202.json",
            &[],
            "refer_urgently",
            "findings.fever = present ← Observation/f202: 39 Cel at 2026-11-26T09:15:00Z",
        ),
        (
            "bundles/plantar-fasciitis-warfarin.json",
            &[],
            "discuss_with_precautions",
            "medications = anticoagulant ← MedicationRequest/medrx0331",
        ),
        (
            "bundles/plantar-fasciitis-no-observations.json",
            &[],
            "needs_information",
            "symptom_weeks = 26 ← Condition/plantar-fasciitis",
        ),
        (
            "bundles/prefetch-warfarin.json",
            &["--prefetch"],
            "discuss_with_precautions",
            "prefetch.allergies is null",
        ),
        (
            "hl7/Bundle-101.json",
            &[],
            "needs_information",
            "Observation/r6: no effectiveDateTime",
        ),
        (
            "hl7/Bundle-report.json",
            &[],
            "needs_information",
            "DiagnosticReport/report",
        ),
    ];
    for (file, options, want, line) in cases {
        let (verdict, report) = verdict_and_report(file, options);
        assert_eq!(verdict, want, "{file} {options:?}");
        assert!(
            report.contains(line),
            "{file} {options:?}: the report lacks `{line}`:\n{report}"
        );
    }
}

#[test]
fn refused_input_exits_2_with_one_line_on_standard_error_and_nothing_on_standard_output() {
    let patient = fixture("hl7/Patient-example.json");
    let screened = fixture("bundles/plantar-fasciitis-screened.json");
    let missing = fixture("hl7/Bundle-101.json.missing");
    let bundle = fixture("hl7/Bundle-101.json");
    let cases: [&[&str]; 5] = [
        &["--as-of", AS_OF, &patient],
        // No --as-of.
        &[&screened],
        &["--as-of", "2026-13-01", &screened],
        &["--as-of", AS_OF, "--prefetch", &missing],
        &["--as-of", AS_OF, "--codes", &patient, &bundle],
    ];
    for args in cases {
        let out = fhir_triage(args, b"");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.trim().is_empty(), "{args:?}");
    }
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let bundle = std::fs::read(fixture("bundles/plantar-fasciitis-fever-f202.json")).unwrap();
    let out = fhir_triage(&["--as-of", AS_OF, "--json", "-"], &bundle);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["assessment"]["verdict"], "refer_urgently");
}
