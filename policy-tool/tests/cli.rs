//! `prolo-policy` run as a clinic's lead runs it: `check` on the shipped
//! policies and on invalid ones, `test` on the shipped golden cases and on
//! failing and bad ones (JUnit included), and `diff` over the shipped
//! cohort and over a synthetic population, whose counts must agree with
//! the `batch` example's own verdicts under each policy.
//!
//! The binary is Cargo's (`CARGO_BIN_EXE_prolo-policy`); `batch` is built
//! once by escargot, like the core's tests/cli.rs does. Every run has a
//! timeout, so a hang fails the test instead of stalling it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// This package's folder, where the commands run.
const HERE: &str = env!("CARGO_MANIFEST_DIR");
const TIMEOUT: Duration = Duration::from_secs(120);
const DEFAULTS: &str = "policies/literature-defaults.json";
const STRICT: &str = "policies/strict-anticoagulants.json";
const CASES: &str = "cases/literature-defaults.jsonl";
const COHORT: &str = "cases/cohort.jsonl";

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_with(program: &Path, args: &[&str]) -> Ran {
    let output = Command::new(program)
        .current_dir(HERE)
        .timeout(TIMEOUT)
        .write_stdin("")
        .args(args)
        .output()
        .unwrap();
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn policy_tool(args: &[&str]) -> Ran {
    run_with(Path::new(env!("CARGO_BIN_EXE_prolo-policy")), args)
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let ran = policy_tool(args);
    assert_eq!(ran.code, Some(0), "{args:?}: stderr {}", ran.stderr);
    ran.stdout
}

/// Exit 2, nothing on standard output, one line on standard error that
/// names `field`.
#[track_caller]
fn assert_refused(args: &[&str], field: &str) {
    let ran = policy_tool(args);
    assert_eq!(ran.code, Some(2), "{args:?}: stderr {}", ran.stderr);
    assert!(ran.stdout.is_empty(), "{args:?}: stdout {}", ran.stdout);
    assert_eq!(ran.stderr.lines().count(), 1, "{args:?}: {}", ran.stderr);
    assert!(
        ran.stderr.contains(field),
        "{args:?}: want {field} in {}",
        ran.stderr
    );
}

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("policy-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn check_prints_the_effective_policy_and_its_lints() {
    let out = ok(&["check", STRICT]);
    assert!(
        out.starts_with("policy: clinic-strict 2027-01 (valid)\n"),
        "{out}"
    );
    assert!(out.contains("fingerprint: sha256:"), "{out}");
    let rules = out
        .lines()
        .find(|l| l.starts_with("rules fingerprint: sha256:"))
        .unwrap();
    assert!(rules.ends_with(" (verified)"), "{out}");
    assert!(
        out.contains("  min_conservative_care_weeks: 8 (literature 6)\n"),
        "{out}"
    );
    assert!(out.contains("  plantar_fasciitis\n"), "{out}");
    assert!(
        out.contains("absolute  medications.anticoagulant (table: relative)"),
        "{out}"
    );
    assert!(
        out.contains("lints: 1\n  warning: classification.medications.anticoagulant: a precaution promoted to absolute\n"),
        "{out}"
    );
    assert!(ok(&["check", DEFAULTS]).contains("lints: 0\n"));

    let dir = scratch("lints");
    let lenient = write(
        &dir,
        "lenient.json",
        r#"{"name": "lenient", "version": "1", "min_age_years": 16, "min_symptom_weeks": 12,
            "classification": {"diabetes": "relative"}}"#,
    );
    let out = ok(&["check", &lenient]);
    assert!(out.contains("lints: 3\n"), "{out}");
    assert!(
        out.contains("warning: min_age_years: 16 is below the literature value 18"),
        "{out}"
    );
    assert!(
        out.contains("warning: min_symptom_weeks: 12 equals the default"),
        "{out}"
    );
    assert!(
        out.contains("warning: classification.diabetes: relative equals the default"),
        "{out}"
    );
}

#[test]
fn an_invalid_policy_exits_2_naming_the_field() {
    let dir = scratch("invalid");
    let red_flag = write(
        &dir,
        "p.json",
        r#"{"name": "x", "version": "1", "classification": {"fever": "relative"}}"#,
    );
    let range = write(
        &dir,
        "q.json",
        r#"{"name": "x", "version": "1", "min_age_years": 400}"#,
    );
    for command in [
        vec!["check", &red_flag],
        vec!["test", &red_flag, CASES],
        vec!["diff", DEFAULTS, &red_flag],
    ] {
        assert_refused(&command, "classification.fever");
    }
    assert_refused(&["check", &range], "min_age_years");
    assert_refused(&["check", "no-such-file.json"], "no-such-file.json");
    assert_refused(&["frobnicate"], "frobnicate");
}

#[test]
fn the_shipped_golden_cases_pass_with_coverage_and_junit() {
    let dir = scratch("golden");
    let junit = dir.join("junit.xml");
    let out = ok(&["test", DEFAULTS, CASES, "--junit", junit.to_str().unwrap()]);
    assert!(out.contains("10 passed, 0 failed"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    // The coverage table: one row per rule, from the traces.
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("red_flag.ottawa_fracture "))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        ["red_flag.ottawa_fracture", "red_flag", "1", "7", "2", "1"],
        "{row}"
    );
    let rows = out
        .lines()
        .filter(|l| l.starts_with("  red_flag.") || l.starts_with("  precaution."))
        .count();
    assert!(rows > 20, "{out}");
    assert!(out.contains("rules no case made true ("), "{out}");
    assert!(out.contains("red_flag.fever"), "{out}");
    // The pattern coverage table: one row per symptom pattern, from the
    // traces; the heel case (09) makes plantar fasciitis likely.
    let cells = |condition: &str| -> Vec<String> {
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{condition} ")))
            .unwrap_or_else(|| panic!("no row for {condition}: {out}"));
        row.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(
        cells("plantar_fasciitis"),
        ["plantar_fasciitis", "1", "9", "0", "2"]
    );
    assert_eq!(
        cells("mortons_neuroma"),
        ["mortons_neuroma", "0", "10", "0", "1"]
    );
    assert_eq!(cells("fallen_arch")[4], "0");
    assert!(
        out.contains("patterns no case listed (1): fallen_arch"),
        "{out}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 10, "{xml}");
    assert!(xml.contains(r#"tests="10" failures="0""#), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn a_failing_case_is_shown_and_exits_1() {
    let dir = scratch("failing");
    let child =
        std::fs::read_to_string(Path::new(HERE).join("../examples/data/07-child.json")).unwrap();
    let child: Value = serde_json::from_str(&child).unwrap();
    let cases = [
        serde_json::json!({"name": "child <under policy>", "presentation": child,
            "expect": {"verdict": "discuss", "blocking": ["fever"], "reasons": ["red_flag.fever", "suitability.age"]}}),
        serde_json::json!({"name": "fever", "presentation": {"findings": {"fever": "present"}},
            "expect": {"verdict": "refer_urgently", "reasons": ["red_flag.fever"]}}),
        serde_json::json!({"name": "heel", "presentation":
            {"symptoms": {"pain_under_heel": "present", "first_step_pain": "unknown"}},
            "expect": {"verdict": "needs_information", "candidates":
                {"plantar_fasciitis": "likely", "heel_pain": "likely", "mortons_neuroma": "unlikely"}}}),
    ];
    let lines: Vec<String> = cases.iter().map(Value::to_string).collect();
    let file = write(&dir, "cases.jsonl", &(lines.join("\n") + "\n"));
    let junit = dir.join("junit.xml");
    let ran = policy_tool(&["test", DEFAULTS, &file, "--junit", junit.to_str().unwrap()]);
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    let out = &ran.stdout;
    assert!(out.contains("FAIL child <under policy> (line 1)"), "{out}");
    assert!(
        out.contains("  verdict: expected discuss, got not_suitable"),
        "{out}"
    );
    assert!(
        out.contains("  blocking: expected [fever], got []"),
        "{out}"
    );
    assert!(
        out.contains("  reasons: missing [red_flag.fever], got ["),
        "{out}"
    );
    assert!(!out.contains("FAIL fever"), "{out}");
    // Only the named conditions are checked; each failure says what came.
    assert!(out.contains("FAIL heel (line 3)"), "{out}");
    assert!(
        out.contains("  candidates.plantar_fasciitis: expected likely, got possible"),
        "{out}"
    );
    assert!(
        out.contains("  candidates.mortons_neuroma: expected unlikely, got not listed (band possible in the trace)"),
        "{out}"
    );
    assert!(!out.contains("candidates.heel_pain"), "{out}");
    assert!(out.contains("1 passed, 2 failed"), "{out}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains(r#"tests="3" failures="2""#), "{xml}");
    assert!(
        xml.contains(r#"<testcase name="child &lt;under policy&gt;""#),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"verdict: expected discuss, got not_suitable"),
        "{xml}"
    );
}

#[test]
fn a_bad_case_line_exits_2_naming_the_line_and_field() {
    let dir = scratch("bad-case");
    let bad = [
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "maybe"}}"#,
            "expect.verdict",
        ),
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "discuss", "blocking": ["fevr"]}}"#,
            "expect.blocking",
        ),
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "discuss", "reasons": ["red_flag.nope"]}}"#,
            "expect.reasons",
        ),
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "discuss", "candidates": {"heel_pain": "probable"}}}"#,
            "expect.candidates.heel_pain",
        ),
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "discuss", "candidates": {"gout": "likely"}}}"#,
            "expect.candidates.gout: unknown condition",
        ),
        (
            r#"{"name": "a", "presentation": {"findings": {"fevr": "present"}}, "expect": {"verdict": "discuss"}}"#,
            "findings.fevr",
        ),
        (
            r#"{"name": "a", "presentation": {}, "expect": {"verdict": "discuss"}, "extra": 1}"#,
            "extra",
        ),
        ("not json", ":2:"),
    ];
    for (i, (line, field)) in bad.iter().enumerate() {
        let text = format!("\n{line}\n");
        let file = write(&dir, &format!("{i}.jsonl"), &text);
        assert_refused(&["test", DEFAULTS, &file], field);
        assert_refused(&["test", DEFAULTS, &file], ":2:");
    }
}

#[test]
fn diff_reports_the_changes_and_the_flips_of_the_shipped_cohort() {
    let out = ok(&["diff", DEFAULTS, STRICT, "--cohort", COHORT]);
    assert!(
        out.contains("  min_conservative_care_weeks: 6 -> 8\n"),
        "{out}"
    );
    assert!(
        out.contains("  classification.medications.anticoagulant: relative -> absolute\n"),
        "{out}"
    );
    assert!(out.contains("10 records, 3 flipped, 0 bad lines"), "{out}");
    assert!(
        out.contains("  discuss_with_precautions -> contraindicated: 2\n"),
        "{out}"
    );

    let json: Value = serde_json::from_str(&ok(&[
        "diff", DEFAULTS, STRICT, "--cohort", COHORT, "--json",
    ]))
    .unwrap();
    assert_eq!(
        json["counts"],
        serde_json::json!({"discuss->not_yet": 1, "discuss_with_precautions->contraindicated": 2})
    );
    assert_eq!(json["changes"].as_array().unwrap().len(), 2);
    let flip = &json["flips"][0];
    assert_eq!(flip["line"], 2);
    assert_eq!(flip["id"], "02-ankle-instability-apixaban");
    assert_eq!(
        flip["rules"],
        serde_json::json!(["precaution.anticoagulant"])
    );
    assert_eq!(
        json["flips"][1]["rules"],
        serde_json::json!(["timing.conservative_care_weeks"])
    );

    // The same policy twice: nothing differs.
    let same: Value =
        serde_json::from_str(&ok(&["diff", STRICT, STRICT, "--cohort", COHORT, "--json"])).unwrap();
    assert_eq!(same["changes"], serde_json::json!([]));
    assert_eq!(same["flips"], serde_json::json!([]));
    // Without a cohort, the settings alone.
    assert!(!ok(&["diff", DEFAULTS, STRICT]).contains("cohort"));
}

/// The core's `batch` example, built once (a no-op when the workspace's
/// tests built it already).
fn batch() -> PathBuf {
    escargot::CargoBuild::new()
        .manifest_path(Path::new(HERE).join("../Cargo.toml"))
        .package("prolo-triage")
        .example("batch")
        .current_release()
        .arg("--locked")
        .run()
        .unwrap()
        .path()
        .to_owned()
}

/// Each line's verdict (or `None` for a bad line) as `batch
/// --verdict-only` gives it under a policy.
fn batch_verdicts(batch: &Path, policy: &str, cohort: &str) -> BTreeMap<u64, Option<String>> {
    let ran = run_with(
        batch,
        &["--verdict-only", "--jobs", "2", "--policy", policy, cohort],
    );
    assert_eq!(ran.code, Some(0), "batch: {}", ran.stderr);
    ran.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["line"].as_u64().unwrap(),
                v["verdict"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// Over a synthetic population and the shipped cohort with its bad lines,
/// the diff's counts, flips and bad lines are exactly what `batch` gives
/// under each policy, at any number of threads.
#[test]
fn diff_counts_agree_with_batch_under_each_policy() {
    let batch = batch();
    let dir = scratch("agree");
    let synthetic = run_with(&batch, &["--synthetic", "3000", "--seed", "24"]);
    assert_eq!(synthetic.code, Some(0), "{}", synthetic.stderr);
    let mut population = synthetic.stdout;
    population.push_str(&std::fs::read_to_string(Path::new(HERE).join(COHORT)).unwrap());
    population.push_str(
        &std::fs::read_to_string(Path::new(HERE).join("../examples/data/batch-mixed.jsonl"))
            .unwrap(),
    );
    let cohort = write(&dir, "population.jsonl", &population);
    // A third policy, with every threshold moved, so every kind of flip
    // can occur.
    let moved = write(
        &dir,
        "moved.json",
        r#"{"name": "moved", "version": "1", "min_age_years": 21, "min_symptom_weeks": 8,
            "min_conservative_care_weeks": 10, "treatable_conditions": ["heel_pain", "plantar_fasciitis"],
            "classification": {"medications.anticoagulant": "absolute", "diabetes": "absolute"}}"#,
    );
    for (old, new) in [(DEFAULTS, STRICT), (STRICT, &*moved), (&*moved, DEFAULTS)] {
        let before = batch_verdicts(&batch, old, &cohort);
        let after = batch_verdicts(&batch, new, &cohort);
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut flipped = Vec::new();
        let mut bad = Vec::new();
        for (line, from) in &before {
            match (from, &after[line]) {
                (Some(from), Some(to)) if from != to => {
                    *counts.entry(format!("{from}->{to}")).or_default() += 1;
                    flipped.push(*line);
                }
                (None, None) => bad.push(*line),
                (Some(_), Some(_)) => {}
                other => panic!("line {line}: {other:?}"),
            }
        }
        assert!(
            !counts.is_empty(),
            "{old} -> {new}: the population flips nothing"
        );
        let mut outputs = Vec::new();
        for jobs in ["1", "3"] {
            let out = ok(&[
                "diff", old, new, "--cohort", &cohort, "--json", "--jobs", jobs,
            ]);
            let json: Value = serde_json::from_str(&out).unwrap();
            let diff_counts: BTreeMap<String, u64> =
                serde_json::from_value(json["counts"].clone()).unwrap();
            assert_eq!(diff_counts, counts, "{old} -> {new}");
            let lines: Vec<u64> = json["flips"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["line"].as_u64().unwrap())
                .collect();
            assert_eq!(lines, flipped, "{old} -> {new}");
            let bad_lines: Vec<u64> = json["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["line"].as_u64().unwrap())
                .collect();
            assert_eq!(bad_lines, bad, "{old} -> {new}");
            assert_eq!(json["records"], (before.len() - bad.len()) as u64);
            // Every flip names at least one rule that moved.
            assert!(json["flips"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| !f["rules"].as_array().unwrap().is_empty()));
            outputs.push(out);
        }
        assert_eq!(
            outputs[0], outputs[1],
            "--jobs 1 and --jobs 3 give the same bytes"
        );
    }
}
