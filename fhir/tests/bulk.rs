//! Bulk Data input: `patient_of` and `map_patient` through the public API,
//! and the `bulk-fhir` example on an export composed from the fixtures,
//! bad lines of every kind included, and (ignored unless asked for, as
//! `fhir/ci.sh` does) on a synthetic export of 2 000 patients.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{example, options, shipped};
use prolo_triage::{assess, Policy};
use prolo_triage_fhir::{map_bundle, map_patient, patient_of, BulkLine, MAX_RESOURCE_BYTES};
use serde_json::Value;

const BUNDLES: [&str; 4] = [
    "plantar-fasciitis-screened",
    "plantar-fasciitis-warfarin",
    "plantar-fasciitis-fever-f202",
    "plantar-fasciitis-no-observations",
];

fn bundle(name: &str) -> String {
    shipped(&format!("{name}.json"))
}

/// The resources of a fixture Bundle, as compact JSON lines, with the
/// patient renamed to `patient`.
fn resources(name: &str, patient: &str) -> Vec<(String, String)> {
    let text = bundle(name).replace("Patient/example", &format!("Patient/{patient}"));
    let value: Value = serde_json::from_str(&text).unwrap();
    value["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let mut r = entry["resource"].clone();
            if r["resourceType"] == "Patient" {
                r["id"] = Value::from(patient);
            }
            let t = r["resourceType"].as_str().unwrap().to_owned();
            (t, serde_json::to_string(&r).unwrap())
        })
        .collect()
}

#[test]
fn each_fixture_maps_as_its_bundle_does() {
    for name in BUNDLES {
        let lines = resources(name, "example");
        for (_, json) in &lines {
            assert_eq!(patient_of(json).unwrap(), "example", "{name}");
        }
        // Reversed, as an export may order them.
        let bulk = lines
            .iter()
            .rev()
            .enumerate()
            .map(|(i, (t, json))| BulkLine {
                file: if t == "Patient" {
                    "Patient.ndjson"
                } else {
                    "Other.ndjson"
                },
                line: i as u64 + 1,
                json,
            });
        let from_lines = map_patient(bulk, &options()).unwrap();
        let from_bundle = map_bundle(&bundle(name), &options()).unwrap();
        assert_eq!(
            from_lines.presentation(),
            from_bundle.presentation(),
            "{name}"
        );
        let verdict = |p| assess(p, &Policy::default()).verdict;
        assert_eq!(
            verdict(from_lines.presentation()),
            verdict(from_bundle.presentation())
        );
        assert_eq!(
            from_lines.provenance().len(),
            from_bundle.provenance().len()
        );
        // Every fact read from a resource names its file and line.
        for p in from_lines.provenance() {
            if let Some(resource) = &p.resource {
                let (file, line) = resource.location.rsplit_once(':').unwrap();
                assert!(file.ends_with(".ndjson"), "{}", resource.location);
                assert!(line.parse::<u64>().unwrap() >= 1);
            }
        }
    }
}

#[test]
fn thousands_of_observations_for_one_patient_map_in_bounded_time() {
    let mut lines = resources("plantar-fasciitis-fever-f202", "heavy");
    let reading = lines
        .iter()
        .find(|(t, json)| t == "Observation" && json.contains("body-temperature"))
        .unwrap()
        .1
        .clone();
    for k in 0..5000 {
        let json = reading.replace(
            "\"id\":\"body-temperature\"",
            &format!("\"id\":\"reading-{k}\""),
        );
        lines.push(("Observation".into(), json));
    }
    let bulk = lines.iter().enumerate().map(|(i, (_, json))| BulkLine {
        file: "Observation.ndjson",
        line: i as u64 + 1,
        json,
    });
    let mapped = map_patient(bulk, &options()).unwrap();
    // The fever reading still wins over 5001 normal ones, each listed.
    assert_eq!(
        assess(mapped.presentation(), &Policy::default()).verdict,
        prolo_triage::Verdict::ReferUrgently
    );
    assert!(mapped.unused().len() >= 5001);
}

fn run(dir: &Path, extra: &[&str]) -> (String, String, i32) {
    let out = Command::new(example("bulk-fhir"))
        .args(["--as-of", "2026-11-26"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The value of a line of the summary on standard error.
fn stat(err: &str, label: &str) -> String {
    err.lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no `{label}` in {err}"))
        .trim()
        .to_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prolo-bulk-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An export of two fixture patients and one with 3000 readings, with a
/// bad line of every kind, an empty file and a missing one.
fn export() -> PathBuf {
    let dir = scratch("export");
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    let mut add = |t: &str, line: &[u8]| {
        let file = files.entry(format!("{t}.ndjson")).or_default();
        file.extend_from_slice(line);
        file.push(b'\n');
    };
    // Interleaved: B's lines come before A's in every file but Patient.
    for (t, json) in resources("plantar-fasciitis-fever-f202", "b") {
        add(&t, json.as_bytes());
    }
    for (t, json) in resources("plantar-fasciitis-warfarin", "a") {
        add(&t, json.as_bytes());
    }
    let reading = resources("plantar-fasciitis-screened", "heavy");
    for (t, json) in &reading {
        if t == "Observation" {
            for k in 0..3000 {
                add(
                    t,
                    json.replace("\"id\":\"body-temperature\"", &format!("\"id\":\"r{k}\""))
                        .as_bytes(),
                );
            }
        } else {
            add(t, json.as_bytes());
        }
    }
    // Bad lines: Condition.ndjson:3, Observation.ndjson:3003..3006.
    add(
        "Condition",
        br#"{"resourceType": "Condition", "id": "orphan"}"#,
    );
    add("Observation", b"not json");
    add(
        "Observation",
        b"{\"resourceType\": \"Observation\", \"note\": \"caf\xe9\"}",
    );
    let huge = format!(
        r#"{{"resourceType": "Observation", "subject": {{"reference": "Patient/a"}}, "note": "{}"}}"#,
        "x".repeat(MAX_RESOURCE_BYTES)
    );
    add("Observation", huge.as_bytes());
    add(
        "Observation",
        br#"{"resourceType": "Observation", "subject": {"reference": "Group/g"}}"#,
    );
    add("Observation", b"");
    files.insert("MedicationStatement.ndjson".into(), Vec::new()); // empty
    files.remove("AllergyIntolerance.ndjson"); // missing
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn the_example_screens_an_export_with_bad_lines_in_order_on_any_thread_count() {
    let dir = export();
    let (out, err, status) = run(&dir, &["--jobs", "1"]);
    assert_eq!(status, 0, "{err}");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let bad: Vec<(String, u64, String)> = rows
        .iter()
        .filter(|r| r.get("file").is_some())
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_owned(),
                r["line"].as_u64().unwrap(),
                r["error"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let obs = 2 + 1 + 3000; // b's two readings, a's one, heavy's 3000
    let want = [
        ("Condition.ndjson".to_owned(), 4, "no_subject".to_owned()),
        (
            "Observation.ndjson".to_owned(),
            obs + 1,
            "syntax".to_owned(),
        ),
        (
            "Observation.ndjson".to_owned(),
            obs + 2,
            "not_utf8".to_owned(),
        ),
        (
            "Observation.ndjson".to_owned(),
            obs + 3,
            "too_large".to_owned(),
        ),
        (
            "Observation.ndjson".to_owned(),
            obs + 4,
            "not_a_patient".to_owned(),
        ),
    ];
    assert_eq!(bad, want);

    let patients: Vec<&Value> = rows.iter().filter(|r| r.get("patient").is_some()).collect();
    let ids: Vec<&str> = patients
        .iter()
        .map(|r| r["patient"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["b", "a", "heavy"], "Patient.ndjson's order");
    let expected = |name: &str| {
        let mapped = map_bundle(&bundle(name), &options()).unwrap();
        assess(mapped.presentation(), &Policy::default())
            .verdict
            .as_str()
    };
    assert_eq!(
        patients[0]["verdict"],
        expected("plantar-fasciitis-fever-f202")
    );
    assert_eq!(
        patients[1]["verdict"],
        expected("plantar-fasciitis-warfarin")
    );
    assert_eq!(
        patients[2]["verdict"],
        expected("plantar-fasciitis-screened")
    );
    assert_eq!(patients[2]["resources"], 3003);
    assert_eq!(stat(&err, "MedicationStatement.ndjson"), "0 resources");
    assert_eq!(stat(&err, "AllergyIntolerance.ndjson"), "missing");
    assert_eq!(stat(&err, "bad lines (reported)"), "5");

    for jobs in ["2", "3"] {
        let (again, _, status) = run(&dir, &["--jobs", jobs]);
        assert_eq!(status, 0);
        assert_eq!(again, out, "--jobs {jobs}");
    }
    let (full, _, _) = run(&dir, &["--full", "--jobs=2"]);
    let row: Value = serde_json::from_str(full.lines().nth(5).unwrap()).unwrap();
    assert_eq!(row["patient"], "b");
    assert_eq!(row["assessment"]["verdict"], row["verdict"]);
    let fever = row["mapped"]["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == "findings.fever")
        .unwrap();
    assert!(fever["resource"]["location"]
        .as_str()
        .unwrap()
        .starts_with("Observation.ndjson:"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_patient_over_the_size_limit_is_an_error_line_not_a_crash() {
    let dir = scratch("huge-patient");
    let mut observations = String::new();
    let note = "x".repeat(MAX_RESOURCE_BYTES - 200);
    for k in 0..17 {
        observations.push_str(&format!(
            r#"{{"resourceType": "Observation", "id": "o{k}", "subject": {{"reference": "Patient/big"}}, "note": [{{"text": "{note}"}}]}}"#
        ));
        observations.push('\n');
    }
    std::fs::write(dir.join("Observation.ndjson"), observations).unwrap();
    std::fs::write(
        dir.join("Patient.ndjson"),
        "{\"resourceType\": \"Patient\", \"id\": \"big\"}\n{\"resourceType\": \"Patient\", \"id\": \"small\"}\n",
    )
    .unwrap();
    let (out, err, status) = run(&dir, &[]);
    assert_eq!(status, 0, "{err}");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["patient"], "big");
    assert_eq!(rows[0]["error"]["kind"], "too_large");
    assert_eq!(rows[1]["verdict"], "needs_information");
    assert_eq!(stat(&err, "not screened (error lines)"), "1");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn empty_and_missing_files_give_no_patients() {
    let dir = scratch("empty");
    std::fs::write(dir.join("Patient.ndjson"), "").unwrap();
    std::fs::write(dir.join("Observation.ndjson"), "\n\n").unwrap();
    let (out, err, status) = run(&dir, &[]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(out, "");
    assert_eq!(stat(&err, "total"), "0");
    let (_, err, status) = run(&dir.join("nowhere"), &[]);
    assert_eq!(status, 2);
    assert!(err.starts_with("bulk-fhir: "), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Runs `bulk-fhir` on `dir` with `extra`, standard output to `stdout`,
/// killed after `limit`; the exit status (`None` when killed) and
/// standard error.
fn run_bounded(
    dir: &Path,
    extra: &[&str],
    stdout: std::process::Stdio,
    limit: std::time::Duration,
) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = Command::new(example("bulk-fhir"))
        .args(["--as-of", "2026-11-26"])
        .args(extra)
        .arg(dir)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status, err)
}

/// `bulk-fhir` on a synthetic export (`bulk-fhir-synth`: 2 000 patients,
/// one with 3 000 readings): the same lines on 1 and 2 workers, and with
/// `--full` on 8 and 1; one line per patient with its verdict, the heavy
/// patient's resources all read, no bad line; and a write that fails (a
/// full disk) ends the run with exit 2 naming standard output, never a
/// hang. Ignored by `cargo test` (about 40 s in a debug build);
/// `fhir/ci.sh` runs it with `--ignored`.
#[test]
#[ignore = "2 000 patients: fhir/ci.sh runs it with --ignored"]
fn a_synthetic_export_of_2000_patients_screens_alike_on_any_thread_count() {
    let dir = scratch("synthetic");
    let synth = Command::new(example("bulk-fhir-synth"))
        .args(["--patients", "2000", "--seed", "3", "--heavy", "3000"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(synth.status.success(), "{synth:?}");

    let (one, err, status) = run(&dir, &["--jobs", "1"]);
    assert_eq!(status, 0, "{err}");
    let (two, _, status) = run(&dir, &["--jobs", "2"]);
    assert_eq!(status, 0);
    assert!(one == two, "--jobs 2 differs from --jobs 1");
    let (full_eight, _, status) = run(&dir, &["--full", "--jobs", "8"]);
    assert_eq!(status, 0);
    let (full_one, _, status) = run(&dir, &["--full", "--jobs", "1"]);
    assert_eq!(status, 0);
    assert!(
        full_eight == full_one,
        "--full --jobs 8 differs from --jobs 1"
    );

    let rows: Vec<Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2000);
    for row in &rows {
        assert!(
            row.get("verdict").is_some() && row.get("patient").is_some(),
            "{row}"
        );
    }
    let heavy = rows.iter().find(|r| r["patient"] == "p1").unwrap();
    assert!(heavy["resources"].as_u64().unwrap() > 3000, "{heavy}");
    let verdicts: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    for verdict in [
        "refer_urgently",
        "needs_information",
        "discuss_with_precautions",
    ] {
        assert!(verdicts.contains(verdict), "{verdicts:?}");
    }
    assert_eq!(stat(&err, "bad lines (reported)"), "0", "{err}");

    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let (status, err) = run_bounded(
        &dir,
        &["--jobs", "2"],
        full.into(),
        std::time::Duration::from_secs(60),
    );
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("stdout: No space left"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
