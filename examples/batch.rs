//! `batch`: screen a whole file of presentations, one per line, on every
//! core.
//!
//! ```text
//! cargo run --release --example batch -- [--full | --verdict-only] [--policy FILE] [--jobs N] <FILE | ->
//! cargo run --release --example batch -- --synthetic N [--seed S] > presentations.jsonl
//! ```
//!
//! Input is JSON Lines. Each line is either a presentation, or a wrapper
//! `{"id": <any JSON value>, "presentation": {...}}` (the wrapper's only two
//! fields) when the caller needs its own record id; blank lines are skipped.
//! Output is one JSON line per input line, in input order:
//!
//! - `{"line": 3, "id": "p-17", "verdict": "...", "summary": "...", "blocking": ["fever", ...]}`
//! - with `--full`: `{"line": 3, "id": "p-17", "assessment": {...}}`
//! - with `--verdict-only` (the verdict alone, from `prolo_triage::decide`,
//!   several times faster): `{"line": 3, "id": "p-17", "verdict": "..."}`
//! - for a bad line: `{"line": 3, "id": null, "error": {"kind": "unknown_name", "path": "presentation.findings.fevr", "message": "..."}}`
//!
//! A bad line never stops the run: invalid UTF-8 and a line over
//! `MAX_DOCUMENT_BYTES` are error lines too (`syntax`, `too_large`), and
//! only the first `MAX_DOCUMENT_BYTES + 1` bytes of any line are ever held.
//! A progress bar shows on a terminal; a summary table per verdict goes to
//! standard error at the end.
//!
//! `--jobs N` (default: every core the system offers) screens on N
//! threads. The output is byte for byte the output of `--jobs 1`, and the
//! memory stays flat for any file size: each worker reads the next chunk
//! of at most [`CHUNK_LINES`] lines (or [`CHUNK_BYTES`]) itself, in turn
//! with the others, so a faster core simply screens more chunks, and the
//! main thread writes the screened chunks in input order (the
//! `prolo-triage-in-order` crate, `in-order/`). At most `N` chunks of
//! input and [`OUTPUTS_PER_WORKER`]` × N` of output exist at once,
//! whatever the input's size, and none is allocated or freed per chunk.
//!
//! `--synthetic N` writes N realistic random presentations (wrapper form,
//! ids `syn-1`…) for scale tests, reproducible with `--seed`, with
//! tri-state symptoms mostly from one condition's pattern (contract v3).

// An example program: bounded slicing and counters on local data are fine here.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use prolo_triage::{
    assess, decide, Allergy, Assessment, Condition, Error, Finding, FindingGroup, MedicationClass,
    Policy, Presentation, PresentationBuilder, Symptom, Truth, Verdict, Who, MAX_DOCUMENT_BYTES,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use prolo_triage_in_order::{in_order, OUTPUTS_PER_WORKER};

/// A chunk holds at most this many lines…
const CHUNK_LINES: usize = 512;
/// …and stops taking lines once it holds this many bytes.
const CHUNK_BYTES: usize = 1 << 20;

/// Screen a file of presentations, one JSON document per line.
#[derive(Parser)]
#[command(
    name = "batch",
    version,
    about = "Screen a file of presentations, one JSON document per line, on every core"
)]
struct Args {
    /// JSON Lines file to screen, or `-` for standard input.
    #[arg(value_name = "FILE", required_unless_present = "synthetic")]
    input: Option<String>,
    /// A clinic's policy (JSON), instead of the literature default.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Write the whole assessment of each line.
    #[arg(long, conflicts_with = "verdict_only")]
    full: bool,
    /// Write the verdict alone (`decide`: no explanations, faster).
    #[arg(long)]
    verdict_only: bool,
    /// Write N synthetic presentations instead of screening.
    #[arg(long, value_name = "N", conflicts_with_all = ["input", "policy", "full", "verdict_only", "jobs"])]
    synthetic: Option<u64>,
    /// The random seed of `--synthetic`.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Threads that screen (default: every available core).
    #[arg(long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
}

/// What each output line holds.
#[derive(Clone, Copy)]
enum Mode {
    Brief,
    Full,
    VerdictOnly,
}

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
struct VerdictLine<'a> {
    line: u64,
    id: &'a Option<serde_json::Value>,
    verdict: Verdict,
}

#[derive(Serialize)]
struct Failure<'a> {
    line: u64,
    id: &'a Option<serde_json::Value>,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    path: &'a str,
    message: &'a str,
}

/// Where one line sits in its chunk.
struct Line {
    /// The line's number in the input, from 1.
    number: u64,
    /// The kept bytes: `data[start..end]`, at most `MAX_DOCUMENT_BYTES + 1`.
    start: usize,
    end: usize,
    /// The line's whole length, kept or not.
    len: usize,
}

/// Consecutive lines of the input, refilled in place for each chunk.
#[derive(Default)]
struct Chunk {
    data: Vec<u8>,
    lines: Vec<Line>,
    /// Input bytes the chunk covers, newlines included (for the progress bar).
    bytes: u64,
}

/// What screening a chunk gave: its output lines and its counts. Reused:
/// [`screen_chunk`] clears it first.
struct Screened {
    out: Vec<u8>,
    /// Per verdict, in the order of `Verdict::all()`.
    counts: Vec<u64>,
    errors: u64,
    bytes: u64,
    last_line: u64,
}

impl Default for Screened {
    fn default() -> Self {
        Screened {
            out: Vec::new(),
            counts: vec![0; Verdict::all().len()],
            errors: 0,
            bytes: 0,
            last_line: 0,
        }
    }
}

/// Appends one line to `buf`, keeping at most one byte more than the
/// library accepts: the rest of an oversize line is drained, not kept.
/// Returns the line's length in bytes and whether it ended with a newline,
/// or `None` at the end of input.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<(usize, bool)>> {
    let start = buf.len();
    let mut total = 0usize;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total > 0).then_some((total, false)));
        }
        let (part, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        let kept = buf.len() - start;
        if kept <= MAX_DOCUMENT_BYTES {
            let room = (MAX_DOCUMENT_BYTES + 1 - kept).min(part.len());
            buf.extend_from_slice(&part[..room]);
        }
        total += part.len();
        let used = part.len() + usize::from(found);
        input.consume(used);
        if found {
            return Ok(Some((total, true)));
        }
    }
}

/// Cuts the input into chunks, numbering lines from `*line_no + 1`.
struct Chunker<R> {
    input: R,
    line_no: u64,
    done: bool,
    /// The read error that ended the input, if one did.
    error: Option<std::io::Error>,
}

impl<R: BufRead> Chunker<R> {
    /// Refills `chunk` with the next lines; `false` once the input has
    /// ended, or failed (the error is kept, the partial chunk dropped).
    fn fill(&mut self, chunk: &mut Chunk) -> bool {
        chunk.data.clear();
        chunk.lines.clear();
        chunk.bytes = 0;
        if self.done {
            return false;
        }
        while chunk.lines.len() < CHUNK_LINES && chunk.data.len() < CHUNK_BYTES {
            let start = chunk.data.len();
            let line = match read_line(&mut self.input, &mut chunk.data) {
                Ok(line) => line,
                Err(e) => {
                    self.done = true;
                    self.error = Some(e);
                    return false;
                }
            };
            let Some((len, newline)) = line else {
                self.done = true;
                break;
            };
            self.line_no += 1;
            chunk.bytes += len as u64 + u64::from(newline);
            chunk.lines.push(Line {
                number: self.line_no,
                start,
                end: chunk.data.len(),
                len,
            });
        }
        !chunk.lines.is_empty()
    }
}

/// The id and the presentation of one line, or the error with the path of
/// the field inside the line.
fn presentation_of(
    text: &str,
) -> (
    Option<serde_json::Value>,
    Result<Presentation, (String, Error)>,
) {
    let (id, presentation, inside) = match serde_json::from_str::<Wrapper>(text) {
        Ok(w) => (w.id, w.presentation.get(), true),
        Err(_) => (None, text, false),
    };
    let result = Presentation::from_json(presentation).map_err(|e| {
        let path = match (inside, e.path()) {
            (false, path) => path.to_string(),
            (true, "document") => "presentation".to_string(),
            (true, path) => format!("presentation.{path}"),
        };
        (path, e)
    });
    (id, result)
}

/// Screens every line of a chunk into `done`, which it clears first. Pure:
/// the same chunk always gives the same bytes, whichever thread runs it.
fn screen_chunk(chunk: &Chunk, policy: &Policy, mode: Mode, done: &mut Screened) {
    done.out.clear();
    done.counts.iter_mut().for_each(|n| *n = 0);
    done.errors = 0;
    done.bytes = chunk.bytes;
    done.last_line = chunk.lines.last().map_or(0, |l| l.number);
    for line in &chunk.lines {
        let bytes = &chunk.data[line.start..line.end];
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        screen_line(done, line.number, bytes, line.len, policy, mode);
    }
}

fn screen_line(
    done: &mut Screened,
    number: u64,
    bytes: &[u8],
    len: usize,
    policy: &Policy,
    mode: Mode,
) {
    let out = &mut done.out;
    let text = match std::str::from_utf8(bytes) {
        Err(e) => {
            done.errors += 1;
            let message = format!(
                "document: not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            );
            return failure(out, number, &None, "syntax", "document", &message);
        }
        Ok(_) if len > MAX_DOCUMENT_BYTES => {
            done.errors += 1;
            let e = Error::TooLarge {
                size: len,
                limit: MAX_DOCUMENT_BYTES,
            };
            return failure(out, number, &None, "too_large", e.path(), &e.to_string());
        }
        Ok(text) => text,
    };
    let (id, result) = presentation_of(text);
    let p = match result {
        Ok(p) => p,
        Err((path, e)) => {
            done.errors += 1;
            return failure(out, number, &id, e.kind().into(), &path, &e.to_string());
        }
    };
    let line = number;
    let verdict = match mode {
        Mode::VerdictOnly => {
            let verdict = decide(&p, policy);
            write_json(
                out,
                &VerdictLine {
                    line,
                    id: &id,
                    verdict,
                },
            );
            verdict
        }
        Mode::Full => {
            let a = assess(&p, policy);
            write_json(
                out,
                &Full {
                    line,
                    id: &id,
                    assessment: &a,
                },
            );
            a.verdict
        }
        Mode::Brief => {
            let a = assess(&p, policy);
            let blocking = a.blocking_questions().map(|q| q.finding.as_str()).collect();
            write_json(
                out,
                &Brief {
                    line,
                    id: &id,
                    verdict: a.verdict,
                    summary: &a.summary,
                    blocking,
                },
            );
            a.verdict
        }
    };
    if let Some(i) = Verdict::all().iter().position(|v| *v == verdict) {
        done.counts[i] += 1;
    }
}

/// Writes one JSON line into memory. Our own serializable types hold no
/// map with non-string keys, so serializing cannot fail; were it to, the
/// line would be an error line rather than a half-written one.
fn write_json(out: &mut Vec<u8>, value: &impl Serialize) {
    let start = out.len();
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        out.truncate(start);
        let message = format!("cannot write the result: {e}");
        let body = ErrorBody {
            kind: "internal",
            path: "document",
            message: &message,
        };
        let _ = serde_json::to_writer(
            &mut *out,
            &Failure {
                line: 0,
                id: &None,
                error: body,
            },
        );
    }
    out.push(b'\n');
}

fn failure(
    out: &mut Vec<u8>,
    line: u64,
    id: &Option<serde_json::Value>,
    kind: &str,
    path: &str,
    message: &str,
) {
    let error = ErrorBody {
        kind,
        path,
        message,
    };
    write_json(out, &Failure { line, id, error });
}

/// The running totals and where the output goes.
struct Sink<W: Write> {
    out: W,
    counts: Vec<u64>,
    errors: u64,
    bytes: u64,
    lines: u64,
    bar: ProgressBar,
    by_bytes: bool,
}

impl<W: Write> Sink<W> {
    fn take(&mut self, done: &Screened) -> Result<(), String> {
        self.out
            .write_all(&done.out)
            .map_err(|e| format!("stdout: {e}"))?;
        for (total, n) in self.counts.iter_mut().zip(&done.counts) {
            *total += n;
        }
        self.errors += done.errors;
        self.bytes += done.bytes;
        self.lines = done.last_line;
        self.bar.set_position(if self.by_bytes {
            self.bytes
        } else {
            self.lines
        });
        Ok(())
    }
}

fn screen(input_path: &str, mode: Mode, policy: &Policy, jobs: usize) -> Result<(), String> {
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if input_path == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let file = File::open(input_path).map_err(|e| format!("{input_path}: cannot read: {e}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let chunker = Chunker {
        input: BufReader::with_capacity(1 << 16, reader),
        line_no: 0,
        done: false,
        error: None,
    };
    let stdout = std::io::stdout();
    let mut sink = Sink {
        out: BufWriter::with_capacity(1 << 16, stdout.lock()),
        counts: vec![0; Verdict::all().len()],
        errors: 0,
        bytes: 0,
        lines: 0,
        bar: progress(size),
        by_bytes: size.is_some(),
    };
    let started = Instant::now();
    let (chunker, written) = in_order(
        jobs,
        OUTPUTS_PER_WORKER,
        chunker,
        Chunker::fill,
        |chunk, done| screen_chunk(chunk, policy, mode, done),
        |done| sink.take(done),
    );
    let read = chunker.error.map_or(Ok(()), |e| Err(e.to_string()));
    written
        .and(read)
        .map_err(|e| format!("{input_path}: {e}"))?;
    sink.out.flush().map_err(|e| format!("stdout: {e}"))?;
    sink.bar.finish_and_clear();
    let counts: Vec<(Verdict, u64)> = Verdict::all().iter().copied().zip(sink.counts).collect();
    summary(&counts, sink.errors, started.elapsed().as_secs_f64());
    Ok(())
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

/// Mixed into the seed for the symptoms' own random stream.
const SYMPTOM_STREAM: u64 = 0x5359_4d50_544f_4d53;

/// Realistic random tri-state symptoms (contract v3): most presentations
/// follow one condition's pattern — its recorded condition when it has
/// one — with its key features mostly present and the rest of its row
/// often answered, an examination in half of them, and a little noise
/// over the whole vocabulary; a fifth have no symptoms at all.
fn synthetic_symptoms(mut b: PresentationBuilder, rng: &mut fastrand::Rng) -> PresentationBuilder {
    use prolo_triage::rules::{Feature, PATTERNS};
    if rng.u8(..100) < 20 {
        return b;
    }
    let examined = rng.bool();
    let recorded = b.clone().build().ok().and_then(|p| p.conditions());
    let row = recorded
        .and_then(|set| PATTERNS.iter().find(|r| set.contains(r.condition)))
        .unwrap_or_else(|| &PATTERNS[rng.usize(..PATTERNS.len())]);
    let mut drawn: Vec<(Symptom, Truth)> = Vec::new();
    let answered = |s: Symptom| examined || s.who() != Who::Clinician;
    // (symptom, % present, % absent) for the row's own features.
    let mut own: Vec<(Symptom, u8, u8)> = Vec::new();
    for group in row.key {
        for m in group.iter() {
            if let Feature::Symptom(s) = m.feature {
                own.push(if m.negated { (s, 10, 75) } else { (s, 75, 10) });
            }
        }
    }
    for w in row.rules_in.iter().chain(row.for_) {
        if let Some(s) = w.feature.symptom() {
            own.push((s, 45, 30));
        }
    }
    for w in row.rules_out {
        if let Some(s) = w.feature.symptom() {
            own.push((s, 70, 15));
        }
    }
    for w in row.against {
        if let Some(s) = w.feature.symptom() {
            own.push((s, 10, 50));
        }
    }
    for &s in Symptom::all() {
        let (present, absent) = own
            .iter()
            .find(|(o, _, _)| *o == s)
            .map_or((4, 12), |(_, p, a)| (*p, *a));
        let roll = rng.u8(..100);
        let truth = if roll < present {
            Truth::Present
        } else if roll < present.saturating_add(absent) {
            Truth::Absent
        } else {
            continue;
        };
        if answered(s) {
            drawn.push((s, truth));
        }
    }
    for (s, t) in drawn {
        b = b.symptom(s, t);
    }
    b
}

/// Realistic random presentations: mostly adults with a treatable
/// condition, durations spread over two years, screening often complete but
/// sometimes missing, a few red flags and contraindications, and symptoms
/// ([`synthetic_symptoms`]).
fn synthetic(n: u64, seed: u64) -> Result<(), String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Symptoms draw from a stream of their own, so the other fields of a
    // seed's presentations stay what they were before symptoms existed.
    let mut symptom_rng = fastrand::Rng::with_seed(seed ^ SYMPTOM_STREAM);
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
        let medications = rng.u8(..100);
        if medications < 60 {
            let meds = MedicationClass::all().iter().copied().filter(|m| {
                let pct = if *m == MedicationClass::Nsaid { 30 } else { 6 };
                rng.u8(..100) < pct
            });
            b = b.medications(meds.collect::<Vec<_>>());
        } else if medications < 80 {
            // An open list (contract v2): a record that names some classes
            // and leaves the rest unknown.
            for m in MedicationClass::all() {
                let roll = rng.u8(..100);
                if roll < 6 {
                    b = b.medication(*m, prolo_triage::Truth::Present);
                } else if roll < 75 {
                    b = b.medication(*m, prolo_triage::Truth::Absent);
                }
            }
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
        b = synthetic_symptoms(b, &mut symptom_rng);
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

/// Reads the policy file, holding at most one byte more than the library
/// accepts (it then reports the size).
fn read_policy(path: &PathBuf) -> Result<Policy, String> {
    let shown = path.display();
    let limit = u64::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown}: invalid policy: document: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Policy::from_json(&text).map_err(|e| format!("{shown}: invalid policy: {e}"))
}

fn run(args: Args) -> Result<(), String> {
    if let Some(n) = args.synthetic {
        return synthetic(n, args.seed);
    }
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => Policy::default(),
    };
    let mode = if args.full {
        Mode::Full
    } else if args.verdict_only {
        Mode::VerdictOnly
    } else {
        Mode::Brief
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let input = args.input.as_deref().unwrap_or("-");
    screen(input, mode, &policy, jobs)
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("batch: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(seed: u64) -> Vec<Presentation> {
        let mut rng = fastrand::Rng::with_seed(seed);
        (0..400)
            .map(|_| {
                synthetic_symptoms(Presentation::builder(), &mut rng)
                    .build()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn synthetic_symptoms_are_reproducible_by_seed() {
        assert_eq!(drawn(3), drawn(3));
        assert_ne!(drawn(3), drawn(4));
    }

    /// Most draws follow one pattern well enough to list a likely or
    /// possible candidate; some have no symptoms at all.
    #[test]
    fn synthetic_symptoms_mostly_follow_a_pattern() {
        let all = drawn(11);
        let policy = Policy::default();
        let fitting = all
            .iter()
            .filter(|p| {
                assess(p, &policy)
                    .candidates
                    .first()
                    .is_some_and(|c| c.band != prolo_triage::Band::Unlikely)
            })
            .count();
        let bare = all
            .iter()
            .filter(|p| {
                Symptom::all()
                    .iter()
                    .all(|s| p.symptom(*s) == Truth::Unknown)
            })
            .count();
        assert!(fitting * 2 > all.len(), "{fitting} of {}", all.len());
        assert!(bare > 0 && bare * 3 < all.len(), "{bare} of {}", all.len());
    }
}
