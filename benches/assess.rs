//! Criterion benches: typed `assess`, `decide` and `assess_json` on the
//! worked cases shipped in `examples/data/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use prolo_triage::{assess, assess_json, decide, Policy, Presentation};
use std::hint::black_box;

const CASES: [(&str, &str); 8] = [
    (
        "01-discuss",
        include_str!("../examples/data/01-runner-heel-pain-discuss.json"),
    ),
    (
        "02-precautions",
        include_str!("../examples/data/02-ankle-instability-apixaban.json"),
    ),
    (
        "03-unscreened",
        include_str!("../examples/data/03-unscreened.json"),
    ),
    (
        "04-ottawa",
        include_str!("../examples/data/04-tender-navicular-after-fall.json"),
    ),
    (
        "05-not-yet",
        include_str!("../examples/data/05-too-early-infection-unknown.json"),
    ),
    (
        "06-needs-info",
        include_str!("../examples/data/06-ready-but-infection-unknown.json"),
    ),
    ("07-child", include_str!("../examples/data/07-child.json")),
    (
        "08-diabetes-unknown",
        include_str!("../examples/data/08-diabetes-not-recorded.json"),
    ),
];

fn benches(c: &mut Criterion) {
    let policy = Policy::default();
    let mut typed = c.benchmark_group("assess");
    for (name, json) in CASES {
        let Ok(p) = Presentation::from_json(json) else {
            continue;
        };
        typed.bench_with_input(BenchmarkId::from_parameter(name), &p, |b, p| {
            b.iter(|| assess(black_box(p), &policy))
        });
    }
    typed.finish();

    let mut verdict_only = c.benchmark_group("decide");
    for (name, json) in CASES {
        let Ok(p) = Presentation::from_json(json) else {
            continue;
        };
        verdict_only.bench_with_input(BenchmarkId::from_parameter(name), &p, |b, p| {
            b.iter(|| decide(black_box(p), &policy))
        });
    }
    verdict_only.finish();

    let mut text = c.benchmark_group("assess_json");
    for (name, json) in CASES {
        text.bench_with_input(BenchmarkId::from_parameter(name), json, |b, json| {
            b.iter(|| assess_json(black_box(json), &policy))
        });
    }
    text.finish();

    // The floor assess_json is measured against: serde_json reading the
    // same document into a Value and writing it back.
    let mut floor = c.benchmark_group("serde_json_floor");
    for (name, json) in CASES {
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
