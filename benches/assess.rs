//! Criterion benches: typed `assess`, `decide` and `assess_json` on the
//! worked cases shipped in `examples/data/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use prolo_triage::{assess, assess_json, decide, Policy, Presentation};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let policy = Policy::default();
    let mut typed = c.benchmark_group("assess");
    for (name, json) in common::CASES {
        let Ok(p) = Presentation::from_json(json) else {
            continue;
        };
        typed.bench_with_input(BenchmarkId::from_parameter(name), &p, |b, p| {
            b.iter(|| assess(black_box(p), &policy))
        });
    }
    typed.finish();

    let mut verdict_only = c.benchmark_group("decide");
    for (name, json) in common::CASES {
        let Ok(p) = Presentation::from_json(json) else {
            continue;
        };
        verdict_only.bench_with_input(BenchmarkId::from_parameter(name), &p, |b, p| {
            b.iter(|| decide(black_box(p), &policy))
        });
    }
    verdict_only.finish();

    let mut text = c.benchmark_group("assess_json");
    for (name, json) in common::CASES {
        text.bench_with_input(BenchmarkId::from_parameter(name), json, |b, json| {
            b.iter(|| assess_json(black_box(json), &policy))
        });
    }
    text.finish();

    // The floor assess_json is measured against: serde_json reading the
    // same document into a Value and writing it back.
    let mut floor = c.benchmark_group("serde_json_floor");
    for (name, json) in common::CASES {
        floor.bench_with_input(BenchmarkId::from_parameter(name), json, |b, json| {
            b.iter(|| {
                let value: serde_json::Value =
                    serde_json::from_str(black_box(json)).unwrap_or_default();
                serde_json::to_string(&value).unwrap_or_default()
            })
        });
    }
    floor.finish();
}

criterion_group!(assess_benches, benches);
criterion_main!(assess_benches);
