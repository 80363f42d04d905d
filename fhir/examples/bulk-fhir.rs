//! `bulk-fhir`: screen every patient of a FHIR Bulk Data export.
//!
//! ```text
//! cargo run --release -p prolo-triage-fhir --example bulk-fhir -- --as-of 2026-11-26 \
//!     [--full] [--jobs N] [--policy FILE] [--medications-complete] [--allergies-complete] DIR
//! ```
//!
//! `DIR` holds the export's NDJSON files, one per resource type
//! (`Patient.ndjson`, `Condition.ndjson`, `Observation.ndjson`,
//! `MedicationRequest.ndjson`, `MedicationStatement.ndjson`,
//! `AllergyIntolerance.ndjson`, `QuestionnaireResponse.ndjson`); any may be
//! missing, lines may come in any order. Output is JSON Lines:
//!
//! - first, one line per bad resource line, as it is found:
//!   `{"file": "Observation.ndjson", "line": 17, "error": {"kind": "no_subject", "message": "..."}}`
//!   (kinds: those of `LineError`, and `not_utf8`);
//! - then one line per patient, in the order of `Patient.ndjson` (patients
//!   only referred to follow, in the order first seen):
//!   `{"patient": "p1", "verdict": "...", "summary": "...", "blocking": [...], "resources": 4, "unused": 1}`,
//!   with `--full` also `"mapped"` (presentation, provenance, unused) and
//!   `"assessment"`; a patient that cannot be screened:
//!   `{"patient": "p1", "error": {"kind": "too_large", "message": "..."}}`.
//!
//! A bad line never stops the run; a summary goes to standard error.
//!
//! # Memory: an index of byte offsets
//!
//! Pass 1 reads each file once, line by line (at most
//! `MAX_RESOURCE_BYTES + 1` bytes of a line are held), asks
//! `patient_of` whom the line is about, and records only where the line
//! is: 24 bytes per resource (file, line number, offset, length) in a list
//! per patient. Pass 2 runs on `--jobs` threads: each worker takes the
//! next chunk of patients in turn, reads each one's lines back with
//! positioned reads (`pread`), maps them with `map_patient` and assesses
//! them, and the main thread writes the chunks in order
//! (the `prolo-triage-in-order` crate, `in-order/`). So memory is the index (24 B
//! per resource and about 100 B per patient), the resources of the one
//! patient each worker is mapping, at most `MAX_PATIENT_BYTES` (a patient
//! over it is an error line, never read), and three output buffers per
//! worker, each the output of one chunk: it does not grow with the size
//! of the export, only with the number of its resources.

// An example program: bounded slicing and counters on local data are fine here.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use prolo_triage::{assess, Policy, Verdict, MAX_DOCUMENT_BYTES};
use prolo_triage_fhir::{
    map_patient, patient_of, AsOf, BulkLine, MappingOptions, BULK_RESOURCE_TYPES,
    MAX_PATIENT_BYTES, MAX_RESOURCE_BYTES,
};
use serde::Serialize;
use serde_json::value::RawValue;

use prolo_triage_in_order::{in_order, OUTPUTS_PER_WORKER};

/// Patients per chunk a worker takes.
const CHUNK_PATIENTS: usize = 64;
/// A chunk stops taking patients once their resources hold this many
/// bytes in the files, which bounds its output.
const CHUNK_BYTES: usize = 4 << 20;

/// Screen every patient of a FHIR Bulk Data export (a folder of NDJSON files).
#[derive(Parser)]
#[command(name = "bulk-fhir", version)]
struct Args {
    /// The export folder.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The date (or instant) to map as of: ages, durations, recency windows.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: AsOf,
    /// Write the mapping (presentation, provenance, unused) and the whole
    /// assessment of each patient.
    #[arg(long)]
    full: bool,
    /// A clinic's policy (JSON), instead of the literature default.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// The medication lists of the export are complete.
    #[arg(long)]
    medications_complete: bool,
    /// The allergy lists of the export are complete.
    #[arg(long)]
    allergies_complete: bool,
    /// Threads that map and assess (default: every available core).
    #[arg(long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
}

/// Where one resource line is: 24 bytes.
#[derive(Clone, Copy)]
struct Loc {
    offset: u64,
    line: u64,
    len: u32,
    file: u8,
}

/// One patient's resources, as positions in the files.
struct Group {
    patient: Box<str>,
    locs: Vec<Loc>,
    bytes: u64,
}

/// The index pass 1 builds.
#[derive(Default)]
struct Index {
    groups: Vec<Group>,
    by_patient: HashMap<Box<str>, usize>,
}

impl Index {
    fn add(&mut self, patient: String, loc: Loc) {
        let n = match self.by_patient.get(patient.as_str()) {
            Some(n) => *n,
            None => {
                let key: Box<str> = patient.into();
                self.groups.push(Group {
                    patient: key.clone(),
                    locs: Vec::new(),
                    bytes: 0,
                });
                self.by_patient.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[n];
        group.locs.push(loc);
        group.bytes += u64::from(loc.len);
    }
}

#[derive(Serialize)]
struct BadLine<'a> {
    file: &'a str,
    line: u64,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Brief<'a> {
    patient: &'a str,
    verdict: Verdict,
    summary: &'a str,
    blocking: Vec<&'static str>,
    resources: usize,
    unused: usize,
}

#[derive(Serialize)]
struct Full<'a> {
    patient: &'a str,
    verdict: Verdict,
    resources: usize,
    mapped: &'a RawValue,
    assessment: &'a prolo_triage::Assessment,
}

#[derive(Serialize)]
struct PatientFailure<'a> {
    patient: &'a str,
    error: ErrorBody<'a>,
}

/// The counts of pass 1.
#[derive(Default)]
struct Read1 {
    resources: u64,
    bad_lines: u64,
    files: Vec<(String, u64)>,
    missing: Vec<String>,
}

/// Appends one line to `buf`, keeping at most `limit + 1` bytes. Returns
/// the line's whole length and the bytes consumed (newline included), or
/// `None` at the end.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<(usize, u64)>> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total > 0).then_some((total, total as u64)));
        }
        let (part, found) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        if buf.len() <= limit {
            let room = (limit + 1 - buf.len()).min(part.len());
            buf.extend_from_slice(&part[..room]);
        }
        total += part.len();
        let used = part.len() + usize::from(found);
        input.consume(used);
        if found {
            return Ok(Some((total, total as u64 + 1)));
        }
    }
}

fn bad_line(
    out: &mut impl Write,
    file: &str,
    line: u64,
    kind: &str,
    message: &str,
) -> Result<(), String> {
    let record = BadLine {
        file,
        line,
        error: ErrorBody { kind, message },
    };
    serde_json::to_writer(&mut *out, &record)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| format!("stdout: {e}"))
}

/// Pass 1: every file once, line by line, into the index; bad lines are
/// written out as they are found.
fn index(dir: &Path, out: &mut impl Write) -> Result<(Index, Vec<Option<File>>, Read1), String> {
    let mut index = Index::default();
    let mut counts = Read1::default();
    let mut files = Vec::new();
    let mut buf = Vec::new();
    for (file_no, resource_type) in BULK_RESOURCE_TYPES.iter().enumerate() {
        let name = format!("{resource_type}.ndjson");
        let path = dir.join(&name);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                counts.missing.push(name);
                files.push(None);
                continue;
            }
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let mut input =
            BufReader::with_capacity(1 << 16, file.try_clone().map_err(|e| e.to_string())?);
        let (mut offset, mut line, mut kept) = (0u64, 0u64, 0u64);
        while let Some((len, used)) = read_line(&mut input, &mut buf, MAX_RESOURCE_BYTES)
            .map_err(|e| format!("{}: {e}", path.display()))?
        {
            line += 1;
            let at = offset;
            offset += used;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(&buf) {
                Ok(_) if len > MAX_RESOURCE_BYTES => {
                    let e = prolo_triage_fhir::LineError::TooLarge {
                        size: len,
                        limit: MAX_RESOURCE_BYTES,
                    };
                    counts.bad_lines += 1;
                    bad_line(out, &name, line, e.kind(), &e.to_string())?;
                    continue;
                }
                Ok(text) => text,
                Err(e) => {
                    counts.bad_lines += 1;
                    let message = format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to());
                    bad_line(out, &name, line, "not_utf8", &message)?;
                    continue;
                }
            };
            match patient_of(text) {
                Ok(patient) => {
                    kept += 1;
                    index.add(
                        patient,
                        Loc {
                            offset: at,
                            line,
                            // At most MAX_RESOURCE_BYTES here.
                            len: u32::try_from(len).unwrap_or(u32::MAX),
                            file: u8::try_from(file_no).unwrap_or(u8::MAX),
                        },
                    );
                }
                Err(e) => {
                    counts.bad_lines += 1;
                    bad_line(out, &name, line, e.kind(), &e.to_string())?;
                }
            }
        }
        counts.resources += kept;
        counts.files.push((name, kept));
        files.push(Some(file));
    }
    Ok((index, files, counts))
}

/// One resource line read back: file number, line number, text.
struct ReadBack {
    file: u8,
    line: u64,
    json: String,
}

/// Why a patient was not read back: an error kind and a message.
type NotRead = (&'static str, String);

/// One patient's lines read back, or why they were not.
struct Patient {
    patient: Box<str>,
    lines: Result<Vec<ReadBack>, NotRead>,
}

/// What screening a chunk of patients gave. Reused: [`screen_chunk`]
/// clears it first.
struct Screened {
    out: Vec<u8>,
    counts: Vec<u64>,
    failed: u64,
    patients: u64,
}

impl Default for Screened {
    fn default() -> Self {
        Screened {
            out: Vec::new(),
            counts: vec![0; Verdict::all().len()],
            failed: 0,
            patients: 0,
        }
    }
}

fn read_patient(group: &Group, files: &[Option<File>]) -> Patient {
    let patient = group.patient.clone();
    if group.bytes > MAX_PATIENT_BYTES as u64 {
        let message = format!(
            "the patient's {} resources hold {} bytes, over the limit of {MAX_PATIENT_BYTES} bytes for one patient; not screened",
            group.locs.len(),
            group.bytes
        );
        return Patient {
            patient,
            lines: Err(("too_large", message)),
        };
    }
    let mut locs = group.locs.clone();
    locs.sort_unstable_by_key(|l| (l.file, l.offset));
    let mut lines = Vec::with_capacity(locs.len());
    for loc in locs {
        let Some(file) = files.get(usize::from(loc.file)).and_then(Option::as_ref) else {
            continue;
        };
        let mut bytes = vec![0; loc.len as usize];
        let name = BULK_RESOURCE_TYPES[usize::from(loc.file)];
        if let Err(e) = file.read_exact_at(&mut bytes, loc.offset) {
            let message = format!("{name}.ndjson:{}: cannot read it back: {e}", loc.line);
            return Patient {
                patient,
                lines: Err(("io", message)),
            };
        }
        match String::from_utf8(bytes) {
            Ok(json) => lines.push(ReadBack {
                file: loc.file,
                line: loc.line,
                json,
            }),
            Err(_) => {
                let message = format!("{name}.ndjson:{}: changed since it was indexed", loc.line);
                return Patient {
                    patient,
                    lines: Err(("io", message)),
                };
            }
        }
    }
    Patient {
        patient,
        lines: Ok(lines),
    }
}

fn file_name(file: u8) -> &'static str {
    const NAMES: [&str; 7] = [
        "Patient.ndjson",
        "Condition.ndjson",
        "Observation.ndjson",
        "MedicationRequest.ndjson",
        "MedicationStatement.ndjson",
        "AllergyIntolerance.ndjson",
        "QuestionnaireResponse.ndjson",
    ];
    NAMES.get(usize::from(file)).copied().unwrap_or("?")
}

struct Settings {
    options: MappingOptions,
    policy: Policy,
    full: bool,
}

/// Reads back and screens a chunk of patients into `done`, which it
/// clears first.
fn screen_chunk(
    chunk: &[&Group],
    files: &[Option<File>],
    settings: &Settings,
    done: &mut Screened,
) {
    done.out.clear();
    done.counts.iter_mut().for_each(|n| *n = 0);
    done.failed = 0;
    done.patients = chunk.len() as u64;
    for group in chunk {
        screen_patient(done, &read_patient(group, files), settings);
    }
}

fn write_line(out: &mut Vec<u8>, value: &impl Serialize) {
    // Our own types, string keys only: serialization cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
    out.push(b'\n');
}

fn screen_patient(done: &mut Screened, patient: &Patient, settings: &Settings) {
    let id = &*patient.patient;
    let fail = |done: &mut Screened, kind: &str, message: &str| {
        done.failed += 1;
        let error = ErrorBody { kind, message };
        write_line(&mut done.out, &PatientFailure { patient: id, error });
    };
    let lines = match &patient.lines {
        Ok(lines) => lines,
        Err((kind, message)) => return fail(done, kind, message),
    };
    let bulk = lines.iter().map(|r| BulkLine {
        file: file_name(r.file),
        line: r.line,
        json: &r.json,
    });
    let mapped = match map_patient(bulk, &settings.options) {
        Ok(mapped) => mapped,
        Err(e) => {
            let kind = if matches!(e, prolo_triage_fhir::Error::TooLarge { .. }) {
                "too_large"
            } else {
                "refused"
            };
            return fail(done, kind, &e.to_string());
        }
    };
    let a = assess(mapped.presentation(), &settings.policy);
    if settings.full {
        let json = mapped.to_json();
        let Ok(raw) = RawValue::from_string(json) else {
            return fail(done, "internal", "the mapping did not write JSON");
        };
        write_line(
            &mut done.out,
            &Full {
                patient: id,
                verdict: a.verdict,
                resources: lines.len(),
                mapped: &raw,
                assessment: &a,
            },
        );
    } else {
        write_line(
            &mut done.out,
            &Brief {
                patient: id,
                verdict: a.verdict,
                summary: &a.summary,
                blocking: a.blocking_questions().map(|q| q.finding.as_str()).collect(),
                resources: lines.len(),
                unused: mapped.unused().len(),
            },
        );
    }
    if let Some(i) = Verdict::all().iter().position(|v| *v == a.verdict) {
        done.counts[i] += 1;
    }
}

/// Refills `chunk` with the next patients' groups; `false` at the end.
fn next_chunk<'a>(groups: &mut std::slice::Iter<'a, Group>, chunk: &mut Vec<&'a Group>) -> bool {
    chunk.clear();
    let mut bytes = 0u64;
    for group in groups.by_ref() {
        bytes += group.bytes.min(MAX_PATIENT_BYTES as u64);
        chunk.push(group);
        if chunk.len() >= CHUNK_PATIENTS || bytes >= CHUNK_BYTES as u64 {
            break;
        }
    }
    !chunk.is_empty()
}

struct Totals {
    counts: Vec<u64>,
    failed: u64,
    patients: u64,
}

/// Pass 2 on `jobs` threads: each worker takes the next chunk of
/// patients in turn, reads them back and screens them; this thread writes
/// the chunks in order (the `prolo-triage-in-order` crate, `in-order/`), so the output is
/// identical for any `jobs`.
fn screen_all(
    index: &Index,
    files: &[Option<File>],
    settings: &Settings,
    jobs: usize,
    out: &mut impl Write,
) -> Result<Totals, String> {
    let mut totals = Totals {
        counts: vec![0; Verdict::all().len()],
        failed: 0,
        patients: 0,
    };
    let (_, written) = in_order(
        jobs,
        OUTPUTS_PER_WORKER,
        index.groups.iter(),
        next_chunk,
        |chunk, done| screen_chunk(chunk, files, settings, done),
        |done| {
            out.write_all(&done.out)
                .map_err(|e| format!("stdout: {e}"))?;
            for (t, n) in totals.counts.iter_mut().zip(&done.counts) {
                *t += n;
            }
            totals.failed += done.failed;
            totals.patients += done.patients;
            Ok(())
        },
    );
    written.map(|()| totals)
}

fn read_policy(path: &Path) -> Result<Policy, String> {
    let limit = u64::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    Policy::from_json(&text).map_err(|e| format!("{}: invalid policy: {e}", path.display()))
}

fn run(args: Args) -> Result<(), String> {
    if !args.dir.is_dir() {
        return Err(format!("{}: not a folder", args.dir.display()));
    }
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => Policy::default(),
    };
    let settings = Settings {
        options: MappingOptions::new(args.as_of)
            .medication_list_complete(args.medications_complete)
            .allergy_list_complete(args.allergies_complete),
        policy,
        full: args.full,
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let started = Instant::now();
    let (index, files, read) = index(&args.dir, &mut out)?;
    let indexed = started.elapsed().as_secs_f64();
    let totals = screen_all(&index, &files, &settings, jobs, &mut out)?;
    out.flush().map_err(|e| format!("stdout: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let mut err = std::io::stderr().lock();
    for (name, n) in &read.files {
        let _ = writeln!(err, "{name:<30} {n:>10} resources");
    }
    for name in &read.missing {
        let _ = writeln!(err, "{name:<30} {:>10}", "missing");
    }
    let _ = writeln!(err, "{:<30} {:>10}", "bad lines (reported)", read.bad_lines);
    let _ = writeln!(err, "\n{:<30} {:>10}", "verdict", "patients");
    for (verdict, n) in Verdict::all().iter().zip(&totals.counts) {
        let _ = writeln!(err, "{:<30} {n:>10}", verdict.as_str());
    }
    let _ = writeln!(
        err,
        "{:<30} {:>10}",
        "not screened (error lines)", totals.failed
    );
    let _ = writeln!(err, "{:<30} {:>10}", "total", totals.patients);
    let rate = if seconds > 0.0 {
        totals.patients as f64 / seconds
    } else {
        0.0
    };
    let _ = writeln!(
        err,
        "{} patients, {} resources in {seconds:.2} s (index {indexed:.2} s): {rate:.0} patients/s",
        totals.patients, read.resources
    );
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bulk-fhir: {message}");
            ExitCode::from(2)
        }
    }
}
