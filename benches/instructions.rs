//! Instruction counts (Valgrind's callgrind, through `gungraun`, the
//! renamed iai-callgrind) for `decide`, `assess`, `assess_json` and the
//! serde_json floor on the worked cases, and `decide` and `assess` on the
//! same cases with ten symptoms recorded. Unlike wall-clock time they do not
//! move with the load of the machine, so they can be compared between
//! commits. Run with `bash benches/instructions.sh` (which installs the
//! matching `gungraun-runner`); the figures go in docs/performance.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

mod common;

use gungraun::{library_benchmark, library_benchmark_group, main};
use prolo_triage::{assess, assess_json, decide, Assessment, Policy, Presentation, Verdict};
use std::hint::black_box;

/// The default policy, built (a SHA-256) and, being leaked, dropped outside
/// the measurement: callers keep one policy for many calls.
fn policy() -> &'static Policy {
    Box::leak(Box::new(Policy::default()))
}

/// The case's presentation, parsed outside the measurement, and the policy.
fn typed(case: usize) -> (Presentation, &'static Policy) {
    let (_, json) = common::CASES[case];
    (Presentation::from_json(json).unwrap(), policy())
}

/// The case's presentation with ten symptoms recorded
/// ([`common::TEN_SYMPTOMS`]), and the policy.
fn symptomatic(case: usize) -> (Presentation, &'static Policy) {
    let (p, policy) = typed(case);
    (common::with_ten_symptoms(&p), policy)
}

/// The case's JSON document and the policy.
fn text(case: usize) -> (&'static str, &'static Policy) {
    (common::CASES[case].1, policy())
}

#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = typed)]
#[bench::c02_precautions(args = (1), setup = typed)]
#[bench::c03_unscreened(args = (2), setup = typed)]
#[bench::c04_ottawa(args = (3), setup = typed)]
#[bench::c05_not_yet(args = (4), setup = typed)]
#[bench::c06_needs_info(args = (5), setup = typed)]
#[bench::c07_child(args = (6), setup = typed)]
#[bench::c08_diabetes_unknown(args = (7), setup = typed)]
fn bench_decide(input: (Presentation, &'static Policy)) -> Verdict {
    let (presentation, policy) = input;
    black_box(decide(black_box(&presentation), black_box(policy)))
}

#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = typed)]
#[bench::c02_precautions(args = (1), setup = typed)]
#[bench::c03_unscreened(args = (2), setup = typed)]
#[bench::c04_ottawa(args = (3), setup = typed)]
#[bench::c05_not_yet(args = (4), setup = typed)]
#[bench::c06_needs_info(args = (5), setup = typed)]
#[bench::c07_child(args = (6), setup = typed)]
#[bench::c08_diabetes_unknown(args = (7), setup = typed)]
fn bench_assess(input: (Presentation, &'static Policy)) -> Assessment {
    let (presentation, policy) = input;
    black_box(assess(black_box(&presentation), black_box(policy)))
}

// `decide` and `assess` on the same cases with ten symptoms recorded
// (contract v3): symptoms never change the verdict, so `decide` should not
// move; `assess` reads the symptom patterns (target: within 1.3x).
#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = symptomatic)]
#[bench::c02_precautions(args = (1), setup = symptomatic)]
#[bench::c03_unscreened(args = (2), setup = symptomatic)]
#[bench::c04_ottawa(args = (3), setup = symptomatic)]
#[bench::c05_not_yet(args = (4), setup = symptomatic)]
#[bench::c06_needs_info(args = (5), setup = symptomatic)]
#[bench::c07_child(args = (6), setup = symptomatic)]
#[bench::c08_diabetes_unknown(args = (7), setup = symptomatic)]
fn bench_decide_ten_symptoms(input: (Presentation, &'static Policy)) -> Verdict {
    let (presentation, policy) = input;
    black_box(decide(black_box(&presentation), black_box(policy)))
}

#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = symptomatic)]
#[bench::c02_precautions(args = (1), setup = symptomatic)]
#[bench::c03_unscreened(args = (2), setup = symptomatic)]
#[bench::c04_ottawa(args = (3), setup = symptomatic)]
#[bench::c05_not_yet(args = (4), setup = symptomatic)]
#[bench::c06_needs_info(args = (5), setup = symptomatic)]
#[bench::c07_child(args = (6), setup = symptomatic)]
#[bench::c08_diabetes_unknown(args = (7), setup = symptomatic)]
fn bench_assess_ten_symptoms(input: (Presentation, &'static Policy)) -> Assessment {
    let (presentation, policy) = input;
    black_box(assess(black_box(&presentation), black_box(policy)))
}

#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = text)]
#[bench::c02_precautions(args = (1), setup = text)]
#[bench::c03_unscreened(args = (2), setup = text)]
#[bench::c04_ottawa(args = (3), setup = text)]
#[bench::c05_not_yet(args = (4), setup = text)]
#[bench::c06_needs_info(args = (5), setup = text)]
#[bench::c07_child(args = (6), setup = text)]
#[bench::c08_diabetes_unknown(args = (7), setup = text)]
fn bench_assess_json(input: (&'static str, &'static Policy)) -> String {
    let (json, policy) = input;
    black_box(assess_json(black_box(json), black_box(policy)).unwrap())
}

// The floor `assess_json` is measured against: serde_json reading the
// same document into a `Value` and writing it back. (A comment, not a doc
// comment: the macro refuses other attributes.)
#[library_benchmark]
#[bench::c01_discuss(args = (0), setup = text)]
#[bench::c02_precautions(args = (1), setup = text)]
#[bench::c03_unscreened(args = (2), setup = text)]
#[bench::c04_ottawa(args = (3), setup = text)]
#[bench::c05_not_yet(args = (4), setup = text)]
#[bench::c06_needs_info(args = (5), setup = text)]
#[bench::c07_child(args = (6), setup = text)]
#[bench::c08_diabetes_unknown(args = (7), setup = text)]
fn bench_serde_json_floor(input: (&'static str, &'static Policy)) -> String {
    let (json, _) = input;
    let value: serde_json::Value = serde_json::from_str(black_box(json)).unwrap();
    black_box(serde_json::to_string(&value).unwrap())
}

library_benchmark_group!(
    name = entry_points,
    benchmarks = [
        bench_decide,
        bench_assess,
        bench_decide_ten_symptoms,
        bench_assess_ten_symptoms,
        bench_assess_json,
        bench_serde_json_floor
    ]
);

main!(library_benchmark_groups = entry_points);
