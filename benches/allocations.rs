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

mod common;

use prolo_triage::{assess, assess_json, decide, Policy, Presentation};
use std::hint::black_box;

fn main() {
    let policy = Policy::default();
    println!(
        "{:<22} {:>8} {:>8} {:>12}",
        "case", "decide", "assess", "assess_json"
    );
    for (name, json) in common::CASES {
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
