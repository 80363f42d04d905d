//! The example tools' command lines, run as a user runs them: `triage` on
//! every shipped file, `handout` on every case, `interview` driven by
//! piped answers, `batch` on good and bad lines at several thread counts,
//! and what every tool shares (the `prolo-triage-examples-common` crate, `examples-common/`): `--help` lists
//! every option, `--version` prints the version, `--opt=value` means
//! `--opt value`, a usage error exits 2 with one line on standard error
//! and nothing on standard output, and every file read is bounded (an
//! endless `/dev/zero` is refused at the limit instead of filling memory).
//!
//! Each tool is built once by escargot (`cargo build --example NAME`, a
//! no-op when `cargo test` has built it already) and run with a timeout,
//! so a hang fails the test instead of stalling it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::EXAMPLE_DATA;

/// The repository root, where the tools run.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The longest any one run may take: a run that has not ended by then
/// hangs.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The clinic policy the checks apply: anticoagulants are absolute.
const STRICT_POLICY: &str = r#"{"name": "ci strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}"#;

/// The tools and the package whose example each is.
fn package_of(tool: &str) -> &'static str {
    match tool {
        "fhir-triage" => "prolo-triage-fhir",
        _ => "prolo-triage",
    }
}

/// The path of a tool's binary, built in the profile of this test binary
/// (once per run: the builds are serialised by the lock).
fn binary(tool: &str) -> PathBuf {
    static BUILT: Mutex<BTreeMap<String, PathBuf>> = Mutex::new(BTreeMap::new());
    let mut built = BUILT.lock().unwrap_or_else(|p| p.into_inner());
    built
        .entry(tool.to_owned())
        .or_insert_with(|| {
            escargot::CargoBuild::new()
                .manifest_path(Path::new(ROOT).join("Cargo.toml"))
                .package(package_of(tool))
                .example(tool)
                .current_release()
                .arg("--locked")
                .run()
                .unwrap_or_else(|e| panic!("cargo build --example {tool}: {e}"))
                .path()
                .to_owned()
        })
        .clone()
}

/// A command for a tool, run from the repository root with nothing on
/// standard input and the timeout.
fn tool(name: &str) -> Command {
    let mut command = Command::new(binary(name));
    command.current_dir(ROOT).timeout(TIMEOUT).write_stdin("");
    command
}

/// What a run gave.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Ran {
    let output = command.output().expect("the tool ran");
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the tool with these arguments and gives its standard output,
/// after asserting that it exited 0.
fn ok(name: &str, args: &[&str]) -> String {
    let ran = run(tool(name).args(args));
    assert_eq!(ran.code, Some(0), "{name} {args:?}: stderr {}", ran.stderr);
    ran.stdout
}

/// Exit 2, nothing on standard output, one non-empty line on standard
/// error: how every tool refuses input and a usage error.
#[track_caller]
fn assert_refused(ran: &Ran, what: &str) {
    assert_eq!(ran.code, Some(2), "{what}: stderr {}", ran.stderr);
    assert!(ran.stdout.is_empty(), "{what}: stdout {}", ran.stdout);
    let err = ran.stderr.strip_suffix('\n').unwrap_or(&ran.stderr);
    assert!(
        !err.is_empty() && !err.contains('\n'),
        "{what}: want one line on stderr, got {:?}",
        ran.stderr
    );
}

/// A scratch folder of its own for one test, emptied first.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_policy(dir: &Path) -> String {
    let path = dir.join("policy.json");
    std::fs::write(&path, STRICT_POLICY).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The shipped example files, `(name, path)`, sorted by name.
fn shipped_json() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(EXAMPLE_DATA)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, p.to_str().unwrap().to_owned())
        })
        .collect();
    files.sort();
    assert!(files.len() >= 9, "examples/data holds the cases: {files:?}");
    files
}

fn verdict_of(json: &str) -> String {
    let value: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    value["verdict"]
        .as_str()
        .unwrap_or_else(|| panic!("no verdict: {json}"))
        .to_owned()
}

/// The JSON lines of an output, parsed.
fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Whether a line of a `--help` lists the option (as a word of its own).
fn lists_option(help: &str, option: &str) -> bool {
    help.lines().any(|line| {
        line.match_indices(option).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + option.len()..].chars().next();
            matches!(before, None | Some(' ' | ',')) && matches!(after, None | Some(' '))
        })
    })
}

// The example tools' shared conventions (the `prolo-triage-examples-common` crate, `examples-common/`).

#[test]
fn help_lists_every_option_and_version_prints_the_version() {
    let tools: [(&str, &[&str]); 4] = [
        ("triage", &["--json", "--policy"]),
        ("handout", &["--markdown", "--policy", "--date"]),
        ("interview", &["--policy", "--save"]),
        (
            "fhir-triage",
            &[
                "--as-of",
                "--prefetch",
                "--medications-complete",
                "--allergies-complete",
                "--codes",
                "--policy",
                "--json",
            ],
        ),
    ];
    for (name, options) in tools {
        let help = ok(name, &["--help"]);
        for option in options.iter().chain(&["--help", "--version"]) {
            assert!(
                lists_option(&help, option),
                "{name} --help does not list {option}:\n{help}"
            );
        }
        let version = ok(name, &["--version"]);
        assert_eq!(
            version.trim_end(),
            format!("{name} {}", env!("CARGO_PKG_VERSION")),
            "{name} --version"
        );
    }
}

#[test]
fn usage_errors_and_refused_input_exit_2_with_one_line() {
    let screened = "fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json";
    let cases: &[(&str, &[&str])] = &[
        ("triage", &["--bogus", "examples/data/07-child.json"]),
        ("triage", &[]),
        (
            "triage",
            &[
                "examples/data/07-child.json",
                "examples/data/03-unscreened.json",
            ],
        ),
        ("triage", &["examples/data/07-child.json", "--policy"]),
        ("triage", &["/dev/zero"]),
        (
            "triage",
            &["--policy", "/dev/zero", "examples/data/07-child.json"],
        ),
        ("handout", &["--bogus", "examples/data/07-child.json"]),
        (
            "handout",
            &["--policy=/dev/zero", "examples/data/07-child.json"],
        ),
        ("interview", &["--bogus"]),
        ("interview", &["-"]),
        ("interview", &["--policy", "/dev/zero"]),
        ("fhir-triage", &[screened]),
        ("fhir-triage", &["--as-of=2026-11-26", "--bogus", screened]),
        ("fhir-triage", &["--as-of=2026-11-26", "/dev/zero"]),
        (
            "fhir-triage",
            &["--as-of=2026-11-26", "--codes", "/dev/zero", screened],
        ),
        (
            "fhir-triage",
            &["--as-of=2026-11-26", "--policy", "/dev/zero", screened],
        ),
    ];
    for (name, args) in cases {
        let ran = run(tool(name).args(*args));
        assert_refused(&ran, &format!("{name} {args:?}"));
    }
}

#[test]
fn an_option_with_equals_means_the_option_and_its_value() {
    let dir = scratch("equals");
    let policy = write_policy(&dir);
    let with_equals = format!("--policy={policy}");
    let case = "examples/data/02-ankle-instability-apixaban.json";

    let spaced = ok("triage", &["--json", "--policy", &policy, case]);
    let joined = ok("triage", &["--json", &with_equals, case]);
    assert_eq!(spaced, joined, "triage");
    assert_eq!(
        verdict_of(&joined),
        "contraindicated",
        "triage --policy=FILE applies the policy"
    );

    let spaced = ok("handout", &["--markdown", "--policy", &policy, case]);
    let joined = ok("handout", &["--markdown", &with_equals, case]);
    assert_eq!(spaced, joined, "handout");

    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    let case06 = "examples/data/06-ready-but-infection-unknown.json";
    for args in [
        vec!["--save", a.to_str().unwrap(), case06],
        vec![&*format!("--save={}", b.display()), case06],
    ] {
        let ran = run(tool("interview").args(&args).write_stdin("no\n"));
        assert_eq!(ran.code, Some(0), "interview {args:?}: {}", ran.stderr);
    }
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "interview --save"
    );

    let bundle = "fhir/tests/fixtures/bundles/plantar-fasciitis-warfarin.json";
    let spaced = ok(
        "fhir-triage",
        &[
            "--as-of",
            "2026-11-26",
            "--policy",
            &policy,
            "--json",
            bundle,
        ],
    );
    let joined = ok(
        "fhir-triage",
        &["--as-of=2026-11-26", &with_equals, "--json", bundle],
    );
    assert_eq!(spaced, joined, "fhir-triage");
    assert!(
        joined.contains(r#""verdict":"contraindicated""#),
        "fhir-triage --policy=FILE applies the policy: {joined}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

// triage

#[test]
fn triage_reports_every_shipped_case_and_refuses_every_bad_file() {
    for (name, path) in shipped_json() {
        let ran = run(tool("triage").arg(&path));
        if name.starts_with("bad-") {
            assert_refused(&ran, &format!("triage {name}"));
        } else {
            assert_eq!(ran.code, Some(0), "triage {name}: {}", ran.stderr);
            assert!(!ran.stdout.is_empty(), "triage {name}: empty report");
            let json = ok("triage", &["--json", &path]);
            println!("ok   {name} -> {}", verdict_of(&json));
        }
    }
}

#[test]
fn triage_reads_standard_input() {
    let child = std::fs::read(Path::new(EXAMPLE_DATA).join("07-child.json")).unwrap();
    let ran = run(tool("triage").args(["--json", "-"]).write_stdin(child));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(verdict_of(&ran.stdout), "not_suitable");
}

#[test]
fn triage_applies_a_policy_file() {
    let dir = scratch("policy");
    let policy = write_policy(&dir);
    let json = ok(
        "triage",
        &[
            "--json",
            "--policy",
            &policy,
            "examples/data/02-ankle-instability-apixaban.json",
        ],
    );
    assert_eq!(verdict_of(&json), "contraindicated");
    let _ = std::fs::remove_dir_all(dir);
}

/// The worked cases of `shared/examples/EXPECTED.md` (beside the
/// repository, as CI lays it out) give the verdicts it lists. Skipped,
/// with a note, in a clone that stands alone.
#[test]
fn triage_gives_the_verdicts_of_the_shared_worked_cases() {
    let shared = Path::new(ROOT).join("../shared/examples");
    let Ok(expected) = std::fs::read_to_string(shared.join("EXPECTED.md")) else {
        println!(
            "note: {} is absent; the shared worked cases are not checked",
            shared.display()
        );
        return;
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(&shared).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        // A row `| `NAME` | `verdict` | why |`.
        let want = expected.lines().find_map(|line| {
            let rest = line.strip_prefix(&format!("| `{name}` | `"))?;
            let verdict = &rest[..rest.find('`')?];
            verdict
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then(|| verdict.to_owned())
        });
        let out = ok("triage", &["--json", path.to_str().unwrap()]);
        let Some(want) = want else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let mut case: serde_json::Value = serde_json::from_str(&text).unwrap();
        if case["findings"].get("sudden_achilles_snap").is_none() && want != "refer_urgently" {
            // The shared cases predate contract v3's red flag
            // `sudden_achilles_snap` (decision-model.md §3): silent on it,
            // a case is not screened, so it needs exactly that answer
            // first, never a suggestion (a missing finding is unknown, §1)…
            let got: serde_json::Value = serde_json::from_str(&out).unwrap();
            let asked = got["questions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["finding"] == "sudden_achilles_snap" && q["blocking"] == true);
            assert!(asked, "{name}: {out}");
            if want.starts_with("discuss") {
                assert_eq!(got["verdict"], "needs_information", "{name}");
            }
            // …and screened for it, it gets the verdict EXPECTED.md gives.
            case["findings"]["sudden_achilles_snap"] = "absent".into();
            let ran = run(tool("triage")
                .args(["--json", "-"])
                .write_stdin(case.to_string()));
            assert_eq!(ran.code, Some(0), "{name}: {}", ran.stderr);
            assert_eq!(
                verdict_of(&ran.stdout),
                want,
                "{name} with the snap screened"
            );
        } else {
            assert_eq!(verdict_of(&out), want, "{name}");
        }
        checked += 1;
    }
    assert!(checked >= 8, "EXPECTED.md rows checked: {checked}");
}

// handout

#[test]
fn handout_renders_every_shipped_case_and_refuses_every_bad_file() {
    for (name, path) in shipped_json() {
        if name.starts_with("bad-") {
            let ran = run(tool("handout").arg(&path));
            assert_eq!(ran.code, Some(2), "handout {name}: {}", ran.stderr);
        } else {
            let html = ok("handout", &[&path]);
            assert!(
                html.starts_with("<!DOCTYPE html>"),
                "handout {name}: not HTML"
            );
            let md = ok("handout", &["--markdown", &path]);
            assert!(md.starts_with("# "), "handout {name}: not Markdown");
        }
    }
}

#[test]
fn handout_takes_a_date_of_issue_and_refuses_a_day_that_does_not_exist() {
    let case = "examples/data/01-runner-heel-pain-discuss.json";
    for args in [
        vec!["--date", "2026-12-07", case],
        vec!["--date=2024-02-29", "--markdown", case],
    ] {
        let out = ok("handout", &args);
        assert!(!out.is_empty(), "handout {args:?}");
    }
    for bad in ["2026-02-29", "2026-12-7", "07/12/2026", "tomorrow", ""] {
        let flag = format!("--date={bad}");
        let ran = run(tool("handout").args([flag.as_str(), case]));
        assert_refused(&ran, &format!("handout {flag}"));
        assert!(ran.stderr.contains("--date"), "{flag}: {}", ran.stderr);
        assert!(ran.stderr.contains("YYYY-MM-DD"), "{flag}: {}", ran.stderr);
    }
}

#[test]
fn handout_reads_the_clinic_from_the_shipped_policy() {
    let case = "examples/data/01-runner-heel-pain-discuss.json";
    let policy = "--policy=examples/policies/riverside-podiatry.json";
    let with = ok(
        "handout",
        &["--markdown", policy, "--date", "2026-12-07", case],
    );
    let without = ok("handout", &["--markdown", case]);
    assert!(with.starts_with("# ") && without.starts_with("# "));
    // The clinic's details decide nothing: the literature's fingerprint.
    let fingerprint = |json: &str| {
        let v: Value = serde_json::from_str(json).unwrap();
        v["policy"]["fingerprint"].as_str().unwrap().to_owned()
    };
    let riverside = ok("triage", &["--json", policy, case]);
    let plain = ok("triage", &["--json", case]);
    assert_eq!(fingerprint(&riverside), fingerprint(&plain));
    assert_eq!(verdict_of(&riverside), verdict_of(&plain));
}

// interview

#[test]
fn interview_asks_the_one_missing_answer_first() {
    let ran = run(tool("interview")
        .arg("examples/data/06-ready-but-infection-unknown.json")
        .write_stdin("no\n"));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout
            .lines()
            .any(|l| l.starts_with("Q1 [skin_infection_at_site]")),
        "first question:\n{}",
        ran.stdout
    );
    assert!(
        ran.stdout.lines().any(|l| l == "DISCUSS PROLOTHERAPY"),
        "verdict:\n{}",
        ran.stdout
    );
}

#[test]
fn interview_of_an_unscreened_case_asks_16_questions_and_saves_the_answers() {
    let dir = scratch("interview");
    let saved = dir.join("completed.json");
    let ran = run(tool("interview")
        .args([
            "--save",
            saved.to_str().unwrap(),
            "examples/data/03-unscreened.json",
        ])
        .write_stdin("no\n".repeat(16)));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let asked: Vec<&str> = ran
        .stdout
        .lines()
        .filter(|l| l.starts_with('Q') && l[1..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    // 16 questions settle the verdict; then the recorded Achilles
    // tendinopathy is a candidate, shown, and the questions that could
    // move its band follow (the input has ended by then).
    assert_eq!(asked.len(), 17, "{}", ran.stdout);
    assert!(asked[16].starts_with("Q17 [symptoms."), "{}", ran.stdout);
    let shown = ran.stdout.find("Candidate conditions (not a diagnosis):");
    let q17 = ran.stdout.find("Q17 ");
    assert!(shown.is_some() && shown < q17, "{}", ran.stdout);
    assert!(
        !ran.stdout.contains("bone_tenderness"),
        "asked an Ottawa component:\n{}",
        ran.stdout
    );
    let json = ok("triage", &["--json", saved.to_str().unwrap()]);
    assert!(
        json.contains(r#""verdict":"discuss_with_precautions""#),
        "the saved presentation: {json}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A patient's interview asks in plain words and never shows the verdict
/// or the report (docs/decision-model.md §10).
#[test]
fn a_patient_interview_never_shows_the_verdict() {
    let ran = run(tool("interview")
        .args(["--audience", "patient"])
        .write_stdin("no\n".repeat(40)));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.starts_with("Q1 Do you have a temperature"),
        "{}",
        ran.stdout
    );
    for word in [
        "NEEDS INFORMATION",
        "DISCUSS",
        "suitable",
        "Policy:",
        "[fever]",
        // A patient is offered "not sure", not the wire's "unknown".
        "/ unknown)",
    ] {
        assert!(!ran.stdout.contains(word), "{word} in\n{}", ran.stdout);
    }
    assert!(ran
        .stdout
        .contains("Your clinician will go through your answers with you and examine your foot."));
    // The map of the foot, answered "no": none of the places hurts.
    assert!(
        ran.stdout.contains("Where does your foot hurt?"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("(yes / no / not sure) > "),
        "{}",
        ran.stdout
    );
    let bad = run(tool("interview").args(["--audience", "nurse"]));
    assert_eq!(bad.code, Some(2));
}

/// A patient who types something else is told what to type, in the
/// question's own words, never a field's name or the library's error.
#[test]
fn a_patient_interview_refuses_an_answer_in_plain_words() {
    let ran = run(tool("interview")
        .args(["--audience", "patient"])
        .write_stdin("52\nno\n"));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("  Please answer: yes / no / not sure.\n"),
        "{}",
        ran.stdout
    );
    for word in ["not an answer", "fever:", "expected"] {
        assert!(!ran.stdout.contains(word), "{word} in\n{}", ran.stdout);
    }
}

#[test]
fn interview_refers_on_the_ottawa_answers() {
    let answers = "no\nno\nno\nno\nno\nno\nno\nno\nno\nno\nyes\nno\nno\nyes\n";
    let ran = run(tool("interview")
        .arg("examples/data/03-unscreened.json")
        .write_stdin(answers));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.lines().any(|l| l == "REFER URGENTLY"),
        "{}",
        ran.stdout
    );
}

// batch

/// The summary table's row `label` gives `count` (`label   count`).
#[track_caller]
fn assert_summary(stderr: &str, label: &str, count: u64) {
    let found = stderr.lines().any(|line| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start_matches(' ') == count.to_string())
    });
    assert!(found, "want `{label} {count}` in:\n{stderr}");
}

#[test]
fn batch_screens_good_and_bad_lines() {
    let ran = run(tool("batch").arg("examples/data/batch-mixed.jsonl"));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let rows = json_lines(&ran.stdout);
    let got: Vec<(u64, Value, String, Value)> = rows
        .iter()
        .map(|r| {
            let outcome = r.get("verdict").unwrap_or(&r["error"]["kind"]);
            (
                r["line"].as_u64().unwrap(),
                r["id"].clone(),
                outcome.as_str().unwrap().to_owned(),
                r.get("error").map_or(Value::Null, |e| e["path"].clone()),
            )
        })
        .collect();
    let s = |v: &str| Value::String(v.to_owned());
    let want = vec![
        (
            1,
            s("01-runner-heel-pain-discuss"),
            "discuss".into(),
            Value::Null,
        ),
        (
            2,
            s("04-tender-navicular-after-fall"),
            "refer_urgently".into(),
            Value::Null,
        ),
        (3, s("07-child"), "not_suitable".into(), Value::Null),
        (4, Value::Null, "needs_information".into(), Value::Null),
        (
            6,
            Value::from(42),
            "out_of_range".into(),
            s("presentation.age_years"),
        ),
        (7, Value::Null, "syntax".into(), s("document")),
        (
            8,
            s("p7"),
            "unknown_name".into(),
            s("presentation.findings.fevr"),
        ),
        (9, Value::Null, "duplicate_key".into(), s("findings.fever")),
    ];
    assert_eq!(got, want);
    assert_eq!(
        rows[3]["blocking"],
        serde_json::json!(["skin_infection_at_site"]),
        "{}",
        rows[3]
    );
    assert_summary(&ran.stderr, "invalid (error lines)", 4);
    assert_summary(&ran.stderr, "total", 8);

    let full = ok("batch", &["--full", "examples/data/batch-mixed.jsonl"]);
    assert!(
        full.lines()
            .next()
            .is_some_and(|l| l.contains(r#""assessment":{"verdict":"discuss""#)),
        "batch --full: {}",
        full.lines().next().unwrap_or_default()
    );
}

#[test]
fn batch_accepts_every_synthetic_line() {
    let synthetic = ok("batch", &["--synthetic", "2000", "--seed", "1"]);
    let ran = run(tool("batch").arg("-").write_stdin(synthetic));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_summary(&ran.stderr, "invalid (error lines)", 0);
    assert_summary(&ran.stderr, "total", 2000);
}

/// Synthetic lines on each side of the bad lines: enough for several
/// chunks (512 lines each) at any thread count.
const SYNTHETIC_HALF: usize = 1500;

/// A file of synthetic presentations with bad lines mid-file: a line over
/// the size limit, one that is not UTF-8, and a blank line.
fn mixed_file(dir: &Path) -> PathBuf {
    let half = SYNTHETIC_HALF.to_string();
    let mut text = ok("batch", &["--synthetic", &half, "--seed", "7"]).into_bytes();
    let huge = format!(
        "{{\"id\": \"huge\", \"presentation\": {{\"x\": \"{}\"}}}}\n",
        "a".repeat(70_000)
    );
    text.extend_from_slice(huge.as_bytes());
    text.extend_from_slice(b"{\"id\": \"latin-1\", \"presentation\": {\"sex\": \"\xe9\"}}\n\n");
    text.extend_from_slice(ok("batch", &["--synthetic", &half, "--seed", "8"]).as_bytes());
    let path = dir.join("jobs.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn batch_output_is_the_same_at_any_thread_count() {
    let dir = scratch("jobs");
    let file = mixed_file(&dir);
    let file = file.to_str().unwrap();
    let one = run(tool("batch").args(["--jobs", "1", file]));
    assert_eq!(one.code, Some(0), "{}", one.stderr);
    assert_summary(&one.stderr, "invalid (error lines)", 2);
    let one_full = ok("batch", &["--jobs", "1", "--full", file]);
    let bytes = std::fs::read(file).unwrap();
    for jobs in ["2", "3", "8"] {
        assert!(
            ok("batch", &["--jobs", jobs, file]) == one.stdout,
            "batch --jobs {jobs} differs from --jobs 1"
        );
        let ran = run(tool("batch")
            .args([&*format!("--jobs={jobs}"), "--full", "-"])
            .write_stdin(bytes.clone()));
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        assert!(
            ran.stdout == one_full,
            "batch --full --jobs {jobs} differs from --jobs 1"
        );
    }
    // The two bad lines after the first half: too large, not UTF-8.
    let lines: Vec<&str> = one.stdout.lines().collect();
    for line in &lines[SYNTHETIC_HALF..SYNTHETIC_HALF + 2] {
        assert!(
            line.contains(r#""kind":"too_large""#) || line.contains(r#""kind":"syntax""#),
            "{line}"
        );
    }

    // --verdict-only: decide agrees with assess on every line.
    let brief = json_lines(&ok("batch", &["--verdict-only", file]));
    let full = json_lines(&one.stdout);
    assert_eq!(
        (full.len(), brief.len()),
        (2 * SYNTHETIC_HALF + 2, 2 * SYNTHETIC_HALF + 2)
    );
    for (a, b) in full.iter().zip(&brief) {
        let key = |r: &Value| {
            (
                r["line"].clone(),
                r["id"].clone(),
                r.get("verdict").cloned(),
                r.get("error").cloned(),
            )
        };
        assert_eq!(key(a), key(b));
        let fields: Vec<&String> = b.as_object().unwrap().keys().collect();
        assert!(
            fields
                .iter()
                .all(|k| ["line", "id", "verdict", "error"].contains(&k.as_str())),
            "{b}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// A failed write stops every worker and a failed read is reported, at
/// any thread count: exit 2 with the cause, never a hang (the timeout).
#[cfg(target_os = "linux")]
#[test]
fn batch_stops_on_a_full_disk_and_on_a_folder() {
    let dir = scratch("full");
    let file = mixed_file(&dir);
    for jobs in ["1", "2", "8"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = std::process::Command::new(binary("batch"))
            .args(["--jobs", jobs])
            .arg(&file)
            .stdout(full)
            .stderr(std::process::Stdio::piped())
            .stdin(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let ran = wait_bounded(output);
        assert_eq!(ran.0, Some(2), "--jobs {jobs} to a full disk: {}", ran.1);
        assert!(ran.1.contains("stdout: No space left"), "{}", ran.1);

        let ran = run(tool("batch").args(["--jobs", jobs, dir.to_str().unwrap()]));
        assert_eq!(
            ran.code,
            Some(2),
            "--jobs {jobs} on a folder: {}",
            ran.stderr
        );
        assert!(ran.stderr.contains("Is a directory"), "{}", ran.stderr);
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Waits for a child for at most [`TIMEOUT`], killing it then: its exit
/// code and standard error.
#[cfg(target_os = "linux")]
fn wait_bounded(mut child: std::process::Child) -> (Option<i32>, String) {
    use std::io::Read;
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("still running after {TIMEOUT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).unwrap();
    }
    (status.code(), stderr)
}

#[test]
fn batch_of_an_empty_input_is_a_run_of_nothing() {
    let ran = run(tool("batch").arg("/dev/null"));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(ran.stdout.is_empty(), "{}", ran.stdout);
    assert_summary(&ran.stderr, "total", 0);
}

#[test]
fn batch_command_line() {
    assert!(ok("batch", &["--help"]).contains("--verdict-only"));
    assert!(ok("batch", &["--version"]).starts_with("batch "));
    let ran = run(tool("batch").args(["--jobs", "0", "x"]));
    assert_eq!(ran.code, Some(2), "--jobs 0: {}", ran.stderr);
}

/// `triage --trace`: the assessment's JSON unchanged but for a `trace`
/// member with every rule, its group under the policy, its Kleene value
/// and the facts it read; the report gains the trace's lines.
#[test]
fn triage_trace_adds_the_full_trace() {
    let dir = scratch("trace");
    let policy = write_policy(&dir);
    let case = "examples/data/02-ankle-instability-apixaban.json";
    let plain: Value =
        serde_json::from_str(&ok("triage", &["--json", "--policy", &policy, case])).unwrap();
    let traced: Value = serde_json::from_str(&ok(
        "triage",
        &["--json", "--trace", "--policy", &policy, case],
    ))
    .unwrap();
    let mut without = traced.clone();
    let trace = without.as_object_mut().unwrap().remove("trace").unwrap();
    assert_eq!(
        without, plain,
        "the trace adds one member and changes nothing else"
    );
    let rules = trace["rules"].as_array().unwrap();
    assert_eq!(rules.len(), prolo_triage::rules::RULES.len());
    let anticoagulant = rules
        .iter()
        .find(|r| r["rule"] == "precaution.anticoagulant")
        .unwrap();
    assert_eq!(anticoagulant["group"], "absolute", "the policy's group");
    assert_eq!(anticoagulant["value"], "true");
    assert_eq!(
        anticoagulant["facts"][0]["fact"],
        "medications.anticoagulant"
    );
    assert_eq!(trace["best_case"], plain["best_case"]);
    assert_eq!(trace["worst_case"], plain["worst_case"]);

    let report = ok("triage", &["--trace", case]);
    assert!(report.contains("\nTRACE\n"), "{report}");
    assert!(
        report.contains(
            "true     precaution.anticoagulant (relative): medications.anticoagulant=true"
        ),
        "{report}"
    );
}
