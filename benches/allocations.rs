//! Allocations per call, counted by a counting global allocator
//! (`allocation-counter`), for `decide`, `assess` and `assess_json` on the
//! worked cases. Run with `cargo bench --bench allocations`; the figures go
//! in docs/performance.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

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

fn main() {
    let policy = Policy::default();
    println!(
        "{:<22} {:>8} {:>8} {:>12}",
        "case", "decide", "assess", "assess_json"
    );
    for (name, json) in CASES {
        let p = Presentation::from_json(json).unwrap();
        let d = allocation_counter::measure(|| {
            black_box(decide(black_box(&p), &policy));
        });
        let a = allocation_counter::measure(|| {
            black_box(assess(black_box(&p), &policy));
        });
        let j = allocation_counter::measure(|| {
            black_box(assess_json(black_box(json), &policy).unwrap());
        });
        println!(
            "{name:<22} {:>8} {:>8} {:>12}",
            d.count_total, a.count_total, j.count_total
        );
    }
}
