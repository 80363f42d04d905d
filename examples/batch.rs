//! `batch`: screen a whole file of presentations, one per line.
//!
//! ```text
//! cargo run --release --example batch -- [--full] [--policy FILE] <FILE | ->
//! cargo run --release --example batch -- --synthetic N [--seed S] > presentations.jsonl
//! ```
//!
//! Input is JSON Lines. Each line is either a presentation, or a wrapper
//! `{"id": <any JSON value>, "presentation": {...}}` (the wrapper's only two
//! fields) when the caller needs its own record id; blank lines are skipped.
//! Output is one JSON line per input line, in order:
//!
//! - `{"line": 3, "id": "p-17", "verdict": "...", "summary": "...", "blocking": ["fever", ...]}`
//! - with `--full`: `{"line": 3, "id": "p-17", "assessment": {...}}`
//! - for a bad line: `{"line": 3, "id": null, "error": {"kind": "unknown_name", "path": "presentation.findings.fevr", "message": "..."}}`
//!
//! A bad line never stops the run. A progress bar shows on a terminal;
//! a summary table per verdict goes to standard error at the end. Memory
//! stays flat: lines are streamed, nothing is collected.
//!
//! `--synthetic N` writes N realistic random presentations (wrapper form,
//! ids `syn-1`…) for scale tests, reproducible with `--seed`.

// An example program: bounded slicing and counters on local data are fine here.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use prolo_triage::{
    assess, Allergy, Assessment, Condition, Error, Finding, FindingGroup, MedicationClass, Policy,
    Presentation, Verdict, MAX_DOCUMENT_BYTES,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

const USAGE: &str =
    "usage: batch [--full] [--policy FILE] <FILE | ->\n       batch --synthetic N [--seed S]";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapper<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(borrow)]
    presentation: &'a RawValue,
}

#[derive(Serialize)]
struct Brief<'a> {
    line: u64,
    id: &'a Option<serde_json::Value>,
    verdict: Verdict,
    summary: &'a str,
    blocking: Vec<&'static str>,
}

#[derive(Serialize)]
struct Full<'a> {
    line: u64,
    id: &'a Option<serde_json::Value>,
    assessment: &'a Assessment,
}

#[derive(Serialize)]
struct Failure<'a> {
    line: u64,
    id: &'a Option<serde_json::Value>,
    error: ErrorBody,
}

#[derive(Serialize)]
struct ErrorBody {
    kind: String,
    path: String,
    message: String,
}

/// Reads one line into `buf` (cleared first), refusing to hold more than
/// the library accepts: the rest of an oversize line is drained, not kept.
/// Returns the line's length in bytes, or `None` at the end of input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total > 0).then_some(total));
        }
        let (part, found) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        if buf.len() <= MAX_DOCUMENT_BYTES {
            let room = (MAX_DOCUMENT_BYTES + 1 - buf.len()).min(part.len());
            buf.extend_from_slice(&part[..room]);
        }
        total += part.len();
        let used = part.len() + usize::from(found);
        input.consume(used);
        if found {
            return Ok(Some(total));
        }
    }
}

/// The id and the assessment of one line, or the error with the path of
/// the field inside the line.
fn outcome(
    text: &str,
    policy: &Policy,
) -> (
    Option<serde_json::Value>,
    Result<Assessment, (String, Error)>,
) {
    let (id, presentation, inside) = match serde_json::from_str::<Wrapper>(text) {
        Ok(w) => (w.id, w.presentation.get(), true),
        Err(_) => (None, text, false),
    };
    let result = Presentation::from_json(presentation)
        .map(|p| assess(&p, policy))
        .map_err(|e| {
            let path = match (inside, e.path()) {
                (false, path) => path.to_string(),
                (true, "document") => "presentation".to_string(),
                (true, path) => format!("presentation.{path}"),
            };
            (path, e)
        });
    (id, result)
}

fn screen(input_path: &str, full: bool, policy: &Policy) -> Result<(), String> {
    let (reader, size): (Box<dyn Read>, Option<u64>) = if input_path == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let file = File::open(input_path).map_err(|e| format!("{input_path}: cannot read: {e}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let mut input = BufReader::with_capacity(1 << 16, reader);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let bar = progress(size);
    let started = Instant::now();
    let mut counts: Vec<(Verdict, u64)> = Verdict::all().iter().map(|v| (*v, 0)).collect();
    let (mut errors, mut line_no, mut bytes) = (0u64, 0u64, 0u64);
    let mut buf = Vec::new();
    while let Some(len) =
        read_line(&mut input, &mut buf).map_err(|e| format!("{input_path}: {e}"))?
    {
        line_no += 1;
        bytes += len as u64 + 1;
        if line_no % 4096 == 0 {
            bar.set_position(if size.is_some() { bytes } else { line_no });
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let written = match std::str::from_utf8(&buf) {
            Err(e) => {
                errors += 1;
                failure(
                    &mut out,
                    line_no,
                    &None,
                    "syntax",
                    "document",
                    &format!(
                        "document: not UTF-8 (invalid byte at offset {})",
                        e.valid_up_to()
                    ),
                )
            }
            Ok(_) if len > MAX_DOCUMENT_BYTES => {
                errors += 1;
                let e = Error::TooLarge {
                    size: len,
                    limit: MAX_DOCUMENT_BYTES,
                };
                failure(
                    &mut out,
                    line_no,
                    &None,
                    "too_large",
                    e.path(),
                    &e.to_string(),
                )
            }
            Ok(text) => {
                let (id, result) = outcome(text, policy);
                match result {
                    Ok(a) => {
                        if let Some((_, n)) = counts.iter_mut().find(|(v, _)| *v == a.verdict) {
                            *n += 1;
                        }
                        if full {
                            serde_json::to_writer(
                                &mut out,
                                &Full {
                                    line: line_no,
                                    id: &id,
                                    assessment: &a,
                                },
                            )
                        } else {
                            let blocking =
                                a.blocking_questions().map(|q| q.finding.as_str()).collect();
                            serde_json::to_writer(
                                &mut out,
                                &Brief {
                                    line: line_no,
                                    id: &id,
                                    verdict: a.verdict,
                                    summary: &a.summary,
                                    blocking,
                                },
                            )
                        }
                        .map_err(std::io::Error::from)
                        .and_then(|()| out.write_all(b"\n"))
                    }
                    Err((path, e)) => {
                        errors += 1;
                        failure(
                            &mut out,
                            line_no,
                            &id,
                            e.kind().into(),
                            &path,
                            &e.to_string(),
                        )
                    }
                }
            }
        };
        written.map_err(|e| format!("stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("stdout: {e}"))?;
    bar.finish_and_clear();
    summary(&counts, errors, started.elapsed().as_secs_f64());
    Ok(())
}

fn failure(
    out: &mut impl Write,
    line: u64,
    id: &Option<serde_json::Value>,
    kind: &str,
    path: &str,
    message: &str,
) -> std::io::Result<()> {
    let body = ErrorBody {
        kind: kind.into(),
        path: path.into(),
        message: message.into(),
    };
    serde_json::to_writer(
        &mut *out,
        &Failure {
            line,
            id,
            error: body,
        },
    )?;
    out.write_all(b"\n")
}

fn progress(size: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match size {
        Some(bytes) => {
            let bar = ProgressBar::new(bytes);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} lines {per_sec}") {
                bar.set_style(style);
            }
            bar
        }
    }
}

fn summary(counts: &[(Verdict, u64)], errors: u64, seconds: f64) {
    let total: u64 = counts.iter().map(|(_, n)| n).sum::<u64>() + errors;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{:<26} {:>10} {:>7}", "verdict", "lines", "share");
    for (verdict, n) in counts {
        let share = if total == 0 {
            0.0
        } else {
            *n as f64 * 100.0 / total as f64
        };
        let _ = writeln!(err, "{:<26} {:>10} {:>6.1}%", verdict.as_str(), n, share);
    }
    let _ = writeln!(err, "{:<26} {:>10}", "invalid (error lines)", errors);
    let _ = writeln!(err, "{:<26} {:>10}", "total", total);
    let rate = if seconds > 0.0 {
        total as f64 / seconds
    } else {
        0.0
    };
    let _ = writeln!(err, "{total} lines in {seconds:.2} s: {rate:.0} lines/s");
}

/// Realistic random presentations: mostly adults with a treatable
/// condition, durations spread over two years, screening often complete but
/// sometimes missing, a few red flags and contraindications.
fn synthetic(n: u64, seed: u64) -> Result<(), String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for i in 1..=n {
        let mut b = Presentation::builder();
        if rng.u8(..100) < 95 {
            b = b.age_years(if rng.u8(..100) < 4 {
                rng.u32(8..18)
            } else {
                rng.u32(18..90)
            });
        }
        if rng.u8(..100) < 90 {
            let treatable = &Condition::all()[..8];
            let mut c = vec![treatable[rng.usize(..treatable.len())]];
            if rng.u8(..100) < 15 {
                c.push(treatable[rng.usize(..treatable.len())]);
            }
            if rng.u8(..100) < 5 {
                c = vec![Condition::Other];
            }
            b = b.conditions(c);
        }
        if rng.u8(..100) < 90 {
            let symptoms = rng.u32(0..104);
            b = b.symptom_weeks(symptoms);
            if rng.u8(..100) < 90 {
                b = b.conservative_care_weeks(rng.u32(0..=symptoms));
            }
        }
        let screened = rng.u8(..100) < 70;
        for f in Finding::all() {
            let present_pct = match f.group() {
                FindingGroup::RedFlag => 1,
                FindingGroup::OttawaComponent => 3,
                FindingGroup::Absolute => 2,
                FindingGroup::Relative => 8,
                _ => 20,
            };
            let roll = rng.u8(..100);
            let truth = if roll < present_pct {
                Some(prolo_triage::Truth::Present)
            } else if screened || roll < 40 {
                Some(prolo_triage::Truth::Absent)
            } else {
                None
            };
            if let Some(t) = truth {
                b = b.finding(*f, t);
            }
        }
        if rng.u8(..100) < 80 {
            let meds = MedicationClass::all().iter().copied().filter(|m| {
                let pct = if *m == MedicationClass::Nsaid { 30 } else { 6 };
                rng.u8(..100) < pct
            });
            b = b.medications(meds.collect::<Vec<_>>());
        }
        if rng.u8(..100) < 70 {
            b = b.allergies(
                Allergy::all()
                    .iter()
                    .copied()
                    .filter(|_| rng.u8(..100) < 3)
                    .collect::<Vec<_>>(),
            );
        }
        // A male patient is not pregnant: redraw that finding if needed.
        let p = match b.clone().build() {
            Ok(p) => p,
            Err(_) => b
                .finding(Finding::Pregnancy, prolo_triage::Truth::Absent)
                .build()
                .map_err(|e| e.to_string())?,
        };
        writeln!(
            out,
            "{{\"id\":\"syn-{i}\",\"presentation\":{}}}",
            p.to_json()
        )
        .map_err(|e| format!("stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("stdout: {e}"))
}

fn run() -> Result<(), String> {
    let mut full = false;
    let mut synthetic_n = None;
    let mut seed = 1u64;
    let mut policy_path = None;
    let mut input = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--full" => full = true,
            "--synthetic" => {
                let n = args.next().ok_or("--synthetic needs N")?;
                synthetic_n = Some(
                    n.parse::<u64>()
                        .map_err(|_| format!("--synthetic: `{n}` is not a count"))?,
                );
            }
            "--seed" => {
                let s = args.next().ok_or("--seed needs S")?;
                seed = s
                    .parse()
                    .map_err(|_| format!("--seed: `{s}` is not a number"))?;
            }
            "--policy" => policy_path = Some(args.next().ok_or("--policy needs a FILE")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "-" => input = Some(arg),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n{USAGE}")),
            _ if input.is_some() => return Err(format!("one input only\n{USAGE}")),
            _ => input = Some(arg),
        }
    }
    if let Some(n) = synthetic_n {
        return synthetic(n, seed);
    }
    let policy = match policy_path {
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{path}: cannot read: {e}"))?;
            Policy::from_json(&text).map_err(|e| format!("{path}: invalid policy: {e}"))?
        }
        None => Policy::default(),
    };
    screen(&input.ok_or(USAGE)?, full, &policy)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("batch: {message}");
            ExitCode::from(2)
        }
    }
}
