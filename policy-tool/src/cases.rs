//! `prolo-policy test POLICY CASES.jsonl`: golden cases, one a line
//! (`{"name", "presentation", "expect": {"verdict", "blocking", "reasons",
//! "candidates"}}`), each failure with what was expected and what came,
//! and the rule and pattern coverage tables, read from each case's trace.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use prolo_triage::rules::{PATTERNS, RULES};
use prolo_triage::{
    assess_traced, Band, Condition, Kleene, Policy, Presentation, ReasonId, Role, Subject, Trace,
    Verdict,
};
use prolo_triage_examples_common as common;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::junit;
use crate::settings;

/// The largest cases file read: far beyond any clinic's golden cases.
const CASES_LIMIT: usize = 64 << 20;

/// One line of a cases file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase<'a> {
    name: String,
    #[serde(borrow)]
    presentation: &'a RawValue,
    expect: Expect,
}

/// What a case expects: the verdict, and optionally the blocking
/// questions (order-free, exactly), rule ids that must be among the
/// reasons, and the band of each named condition among the candidates
/// (the conditions not named are not checked).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    verdict: Verdict,
    #[serde(default)]
    blocking: Option<Vec<Subject>>,
    #[serde(default)]
    reasons: Option<Vec<ReasonId>>,
    /// Keyed by the wire name, so that a bad band's error names its
    /// condition; the names are read as conditions with the case.
    #[serde(default)]
    candidates: Option<BTreeMap<String, Band>>,
}

/// A case read and checked.
struct Case {
    line: usize,
    presentation: Presentation,
    name: String,
    expect: Expect,
    /// `expect.candidates`, read.
    candidates: Option<BTreeMap<Condition, Band>>,
}

/// Per rule: cases where it was true, false, unknown, and where it decided
/// the verdict.
#[derive(Default, Clone, Copy)]
struct Counts {
    true_: u64,
    false_: u64,
    unknown: u64,
    decided: u64,
}

/// Per symptom pattern: cases where its band was likely, possible and
/// unlikely (listed or not), and where it was listed as a candidate.
#[derive(Default, Clone, Copy)]
struct PatternCounts {
    likely: u64,
    possible: u64,
    unlikely: u64,
    listed: u64,
}

/// What every case's trace adds up to.
struct Coverage {
    rules: Vec<Counts>,
    patterns: Vec<PatternCounts>,
}

/// The outcome of `test`: the report, and whether any case failed.
pub(crate) struct Tested {
    pub(crate) report: String,
    pub(crate) failed: bool,
}

/// Reads the cases (every line checked before any is run: a bad line is
/// invalid input, exit 2), runs them, and writes the JUnit file if asked.
pub(crate) fn test(
    policy_path: &str,
    cases_path: &str,
    junit: Option<&str>,
) -> Result<Tested, String> {
    let policy = settings::load(policy_path)?.policy;
    let text = common::read_bounded(cases_path, CASES_LIMIT)?;
    let cases = read_cases(cases_path, &text)?;
    let mut report = String::new();
    let mut coverage = Coverage {
        rules: vec![Counts::default(); RULES.len()],
        patterns: vec![PatternCounts::default(); PATTERNS.len()],
    };
    let mut results: Vec<junit::Result> = Vec::with_capacity(cases.len());
    // Writing to a String cannot fail.
    let _ = writeln!(
        report,
        "prolo-policy test: {} cases from {cases_path} under {} {}\n",
        cases.len(),
        policy.name(),
        policy.version()
    );
    for case in &cases {
        let failures = run_case(case, &policy, &mut coverage);
        if !failures.is_empty() {
            let _ = writeln!(report, "FAIL {} (line {})", case.name, case.line);
            for failure in &failures {
                let _ = writeln!(report, "  {failure}");
            }
        }
        results.push(junit::Result {
            name: case.name.clone(),
            line: case.line,
            failures,
        });
    }
    let failed = results.iter().filter(|r| !r.failures.is_empty()).count();
    let _ = writeln!(
        report,
        "{}{} passed, {failed} failed",
        if failed == 0 { "" } else { "\n" },
        results.len().saturating_sub(failed)
    );
    coverage_table(&mut report, &policy, &coverage.rules);
    pattern_table(&mut report, &coverage.patterns);
    if let Some(path) = junit {
        let xml = junit::write(&format!("prolo-policy {cases_path}"), cases_path, &results);
        std::fs::write(path, xml).map_err(|e| format!("{path}: cannot write: {e}"))?;
    }
    Ok(Tested {
        report,
        failed: failed > 0,
    })
}

/// Every non-blank line as a case; the first bad line is an error naming
/// the file, the line and the field.
fn read_cases(path: &str, text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (at, line) in text.lines().enumerate() {
        let number = at.saturating_add(1);
        if line.trim().is_empty() {
            continue;
        }
        let mut de = serde_json::Deserializer::from_str(line);
        let raw: RawCase = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let field = e.path().to_string();
            let field = if field == "." {
                "case".to_owned()
            } else {
                field
            };
            format!("{path}:{number}: {field}: {}", e.inner())
        })?;
        let presentation = Presentation::from_json(raw.presentation.get())
            .map_err(|e| format!("{path}:{number}: presentation: {e}"))?;
        let candidates = match &raw.expect.candidates {
            None => None,
            Some(map) => Some(
                map.iter()
                    .map(|(name, band)| {
                        let condition = name.parse::<Condition>().map_err(|_| {
                            let names: Vec<&str> =
                                PATTERNS.iter().map(|p| p.condition.as_str()).collect();
                            format!(
                                "{path}:{number}: expect.candidates.{name}: unknown condition, expected one of {}",
                                names.join(", ")
                            )
                        })?;
                        Ok((condition, *band))
                    })
                    .collect::<Result<BTreeMap<Condition, Band>, String>>()?,
            ),
        };
        cases.push(Case {
            line: number,
            presentation,
            name: raw.name,
            expect: raw.expect,
            candidates,
        });
    }
    Ok(cases)
}

/// Runs one case: what failed, one line each (empty when it passed).
fn run_case(case: &Case, policy: &Policy, coverage: &mut Coverage) -> Vec<String> {
    let (assessment, trace) = assess_traced(&case.presentation, policy);
    for (counts, pattern) in coverage.patterns.iter_mut().zip(&trace.candidates) {
        let slot = match pattern.band {
            Band::Likely => &mut counts.likely,
            Band::Possible => &mut counts.possible,
            _ => &mut counts.unlikely,
        };
        *slot = slot.saturating_add(1);
        if pattern.listed {
            counts.listed = counts.listed.saturating_add(1);
        }
    }
    for (counts, rule) in coverage.rules.iter_mut().zip(&trace.rules) {
        let slot = match rule.value {
            Kleene::True => &mut counts.true_,
            Kleene::False => &mut counts.false_,
            _ => &mut counts.unknown,
        };
        *slot = slot.saturating_add(1);
        let decided = assessment
            .reasons
            .iter()
            .any(|r| r.role == Role::Decisive && r.rule == rule.rule);
        if decided {
            counts.decided = counts.decided.saturating_add(1);
        }
    }
    let mut failures = Vec::new();
    let expect = &case.expect;
    if assessment.verdict != expect.verdict {
        failures.push(format!(
            "verdict: expected {}, got {} (best case {}, worst case {})",
            expect.verdict, assessment.verdict, assessment.best_case, assessment.worst_case
        ));
    }
    if let Some(blocking) = &expect.blocking {
        let mut want: Vec<&str> = blocking.iter().map(|s| s.as_str()).collect();
        let mut got: Vec<&str> = assessment
            .blocking_questions()
            .map(|q| q.finding.as_str())
            .collect();
        want.sort_unstable();
        want.dedup();
        got.sort_unstable();
        if want != got {
            failures.push(format!(
                "blocking: expected [{}], got [{}]",
                want.join(", "),
                got.join(", ")
            ));
        }
    }
    if let Some(reasons) = &expect.reasons {
        let missing: Vec<&str> = reasons
            .iter()
            .filter(|id| !assessment.reasons.iter().any(|r| r.rule == **id))
            .map(|id| id.as_str())
            .collect();
        if !missing.is_empty() {
            let got: Vec<&str> = assessment.reasons.iter().map(|r| r.rule.as_str()).collect();
            failures.push(format!(
                "reasons: missing [{}], got [{}]",
                missing.join(", "),
                got.join(", ")
            ));
        }
    }
    if let Some(candidates) = &case.candidates {
        failures.extend(candidate_failures(candidates, &trace));
    }
    failures
}

/// Each named condition whose band differs from the expected one, or that
/// is not listed among the candidates (its band in the trace said).
fn candidate_failures(expected: &BTreeMap<Condition, Band>, trace: &Trace) -> Vec<String> {
    expected
        .iter()
        .filter_map(|(&condition, &band)| {
            let got = trace.candidates.iter().find(|c| c.condition == condition);
            match got {
                Some(c) if c.listed && c.band == band => None,
                Some(c) if c.listed => Some(format!(
                    "candidates.{condition}: expected {band}, got {}",
                    c.band
                )),
                Some(c) => Some(format!(
                    "candidates.{condition}: expected {band}, got not listed (band {} in the trace)",
                    c.band
                )),
                None => Some(format!(
                    "candidates.{condition}: expected {band}, got no pattern"
                )),
            }
        })
        .collect()
}

/// The pattern coverage table, then the patterns no case listed.
fn pattern_table(out: &mut String, coverage: &[PatternCounts]) {
    let w = PATTERNS
        .iter()
        .map(|p| p.condition.as_str().len())
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "\npattern coverage (per symptom pattern: cases where its band was likely, possible, unlikely, listed or not, and where it was listed):"
    );
    let _ = writeln!(
        out,
        "  {:<w$} {:>6} {:>8} {:>8} {:>6}",
        "condition", "likely", "possible", "unlikely", "listed"
    );
    let mut unlisted = Vec::new();
    for (pattern, counts) in PATTERNS.iter().zip(coverage) {
        let _ = writeln!(
            out,
            "  {:<w$} {:>6} {:>8} {:>8} {:>6}",
            pattern.condition.as_str(),
            counts.likely,
            counts.possible,
            counts.unlikely,
            counts.listed
        );
        if counts.listed == 0 {
            unlisted.push(pattern.condition.as_str());
        }
    }
    names_line(out, "patterns no case listed", &unlisted);
}

/// The rule coverage table, then the rules no case made true.
fn coverage_table(out: &mut String, policy: &Policy, coverage: &[Counts]) {
    let w = RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "\nrule coverage (cases where each rule was true, false, unknown, and decided the verdict):"
    );
    let _ = writeln!(
        out,
        "  {:<w$} {:<12} {:>5} {:>5} {:>7} {:>7}",
        "rule", "group", "true", "false", "unknown", "decided"
    );
    let mut unexercised = Vec::new();
    for (rule, counts) in RULES.iter().zip(coverage) {
        let _ = writeln!(
            out,
            "  {:<w$} {:<12} {:>5} {:>5} {:>7} {:>7}",
            rule.id.as_str(),
            policy.group_of(rule).as_str(),
            counts.true_,
            counts.false_,
            counts.unknown,
            counts.decided
        );
        if counts.true_ == 0 {
            unexercised.push(rule.id.as_str());
        }
    }
    names_line(out, "rules no case made true", &unexercised);
}

/// A table's closing line: what it never saw, counted, or `none`.
fn names_line(out: &mut String, title: &str, names: &[&str]) {
    let _ = writeln!(
        out,
        "\n{title} ({}): {}",
        names.len(),
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    );
}
