//! `prolo-policy diff OLD NEW [--cohort FILE] [--jobs N] [--json]`: the
//! settings two policies differ in and, over a cohort, the verdicts that
//! flip, counted `from -> to`, each flip with the rules that caused it.
//!
//! Each record is decided under both policies (`decide`, the fast path);
//! only a record whose verdict flips is traced under both, and the rules
//! whose group or value differs between the two traces (and that are not
//! false under both) are the flip's causes. The cohort is worked on every
//! core with the examples' in-order pool, so the flips come in input
//! order whatever `--jobs`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::num::NonZeroUsize;

use prolo_triage::{decide, trace, Kleene, Policy, Presentation, RuleId, Verdict};
use prolo_triage_in_order::{in_order, OUTPUTS_PER_WORKER};
use serde::Serialize;

use crate::cohort::{self, Chunk, Chunker};
use crate::settings::{self, Change};

/// Examples shown per `from -> to` in the text report.
const EXAMPLES: usize = 3;

/// A record whose verdict differs under the two policies.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Flip {
    line: u64,
    id: Option<serde_json::Value>,
    from: Verdict,
    to: Verdict,
    rules: Vec<RuleId>,
}

/// A cohort line that is not a presentation.
#[derive(Debug, Clone, Serialize)]
struct LineError {
    line: u64,
    id: Option<serde_json::Value>,
    path: String,
    message: String,
}

/// What working one chunk gave. Reused: [`work`] clears it first.
#[derive(Default)]
struct Worked {
    records: u64,
    flips: Vec<Flip>,
    errors: Vec<LineError>,
}

/// The whole diff, as `--json` writes it.
#[derive(Serialize)]
struct Report {
    old: Stamp,
    new: Stamp,
    changes: Vec<Change>,
    /// Records screened (lines that were presentations).
    records: u64,
    counts: BTreeMap<String, u64>,
    flips: Vec<Flip>,
    errors: Vec<LineError>,
}

#[derive(Serialize)]
struct Stamp {
    name: String,
    version: String,
    fingerprint: String,
}

impl From<&Policy> for Stamp {
    fn from(policy: &Policy) -> Stamp {
        Stamp {
            name: policy.name().to_owned(),
            version: policy.version().to_owned(),
            fingerprint: policy.fingerprint().to_owned(),
        }
    }
}

/// The options of `diff`.
pub(crate) struct Options<'a> {
    pub(crate) old: &'a str,
    pub(crate) new: &'a str,
    pub(crate) cohort: Option<&'a str>,
    pub(crate) jobs: Option<NonZeroUsize>,
    pub(crate) json: bool,
}

pub(crate) fn diff(options: &Options<'_>) -> Result<String, String> {
    let old = settings::load(options.old)?.policy;
    let new = settings::load(options.new)?.policy;
    let mut report = Report {
        old: Stamp::from(&old),
        new: Stamp::from(&new),
        changes: settings::changes(&old, &new),
        records: 0,
        counts: BTreeMap::new(),
        flips: Vec::new(),
        errors: Vec::new(),
    };
    if let Some(path) = options.cohort {
        let jobs = options
            .jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get);
        screen(path, jobs, &old, &new, &mut report)?;
    }
    for flip in &report.flips {
        let key = format!("{}->{}", flip.from, flip.to);
        let n = report.counts.entry(key).or_insert(0);
        *n = n.saturating_add(1);
    }
    Ok(if options.json {
        let mut json = serde_json::to_string(&report).map_err(|e| e.to_string())?;
        json.push('\n');
        json
    } else {
        text(options, &report)
    })
}

/// Screens the cohort on `jobs` threads, in input order.
fn screen(
    path: &str,
    jobs: usize,
    old: &Policy,
    new: &Policy,
    report: &mut Report,
) -> Result<(), String> {
    let input: Box<dyn BufRead + Send> = if path == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file = File::open(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
        Box::new(BufReader::new(file))
    };
    let (chunker, handed) = in_order(
        jobs,
        OUTPUTS_PER_WORKER,
        Chunker::new(input),
        Chunker::fill,
        |chunk: &Chunk, worked: &mut Worked| work(chunk, old, new, worked),
        |worked: &Worked| {
            report.records = report.records.saturating_add(worked.records);
            report.flips.extend_from_slice(&worked.flips);
            report.errors.extend_from_slice(&worked.errors);
            Ok(())
        },
    );
    handed.map_err(|e| format!("{path}: {e}"))?;
    match chunker.error {
        Some(e) => Err(format!("{path}: cannot read: {e}")),
        None => Ok(()),
    }
}

/// Decides every line of a chunk under both policies. Pure: the same
/// chunk gives the same result on any thread.
fn work(chunk: &Chunk, old: &Policy, new: &Policy, worked: &mut Worked) {
    worked.records = 0;
    worked.flips.clear();
    worked.errors.clear();
    for line in chunk.lines() {
        let Some((id, presentation)) = cohort::presentation_of(line) else {
            continue;
        };
        match presentation {
            Ok(p) => {
                worked.records = worked.records.saturating_add(1);
                let (from, to) = (decide(&p, old), decide(&p, new));
                if from != to {
                    worked.flips.push(Flip {
                        line: line.number,
                        id,
                        from,
                        to,
                        rules: causes(&p, old, new),
                    });
                }
            }
            Err(bad) => worked.errors.push(LineError {
                line: line.number,
                id,
                path: bad.path,
                message: bad.message,
            }),
        }
    }
}

/// The rules whose group or value differs between the two policies' traces
/// and that are not false under both: what moved the verdict.
fn causes(p: &Presentation, old: &Policy, new: &Policy) -> Vec<RuleId> {
    let (a, b) = (trace(p, old), trace(p, new));
    a.rules
        .iter()
        .zip(&b.rules)
        .filter(|(x, y)| {
            (x.group != y.group || x.value != y.value)
                && !(x.value == Kleene::False && y.value == Kleene::False)
        })
        .map(|(x, _)| x.rule)
        .collect()
}

/// A setting's value as a reader writes it: strings unquoted, lists
/// joined.
fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(plain).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// The report a reviewer reads.
fn text(options: &Options<'_>, report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "prolo-policy diff: {} ({} {}) -> {} ({} {})",
        options.old,
        report.old.name,
        report.old.version,
        options.new,
        report.new.name,
        report.new.version
    );
    let _ = writeln!(
        out,
        "fingerprint: {} -> {}",
        report.old.fingerprint, report.new.fingerprint
    );
    let _ = writeln!(out, "\nsettings that differ: {}", report.changes.len());
    for change in &report.changes {
        let _ = writeln!(
            out,
            "  {}: {} -> {}",
            change.setting,
            plain(&change.old),
            plain(&change.new)
        );
    }
    let Some(cohort) = options.cohort else {
        return out;
    };
    let _ = writeln!(
        out,
        "\ncohort {cohort}: {} records, {} flipped, {} bad lines",
        report.records,
        report.flips.len(),
        report.errors.len()
    );
    for (transition, n) in &report.counts {
        let _ = writeln!(out, "  {}: {n}", transition.replace("->", " -> "));
        let flips: Vec<&Flip> = report
            .flips
            .iter()
            .filter(|f| format!("{}->{}", f.from, f.to) == *transition)
            .collect();
        let mut rules: BTreeMap<&str, u64> = BTreeMap::new();
        for rule in flips.iter().flat_map(|f| &f.rules) {
            let n = rules.entry(rule.as_str()).or_insert(0);
            *n = n.saturating_add(1);
        }
        let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{r} ({n})")).collect();
        let _ = writeln!(out, "    because of: {}", rules.join(", "));
        for flip in flips.iter().take(EXAMPLES) {
            let id = flip
                .id
                .as_ref()
                .map_or(String::new(), |id| format!(" id {id}"));
            let _ = writeln!(out, "    e.g. line {}{id}", flip.line);
        }
    }
    for error in report.errors.iter().take(EXAMPLES) {
        let _ = writeln!(out, "  bad line {}: {}", error.line, error.message);
    }
    out
}
