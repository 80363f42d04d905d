//! Native `assess_json` per call on each file given, timed the way
//! `wasm/bench/assess.mjs` times the WebAssembly build, so the two sit side
//! by side: after a warm-up, 15 rounds of a fixed number of calls; the
//! median round, per call. Prints one JSON line per file:
//! `{"file": …, "ns_per_call": …, "min": …, "max": …}`.
//!
//! ```text
//! cargo run --release -p prolo-triage-wasm --example native-timing -- examples/data/0*.json
//! ```
//!
//! The criterion bench (`cargo bench --bench assess`) is the reference for
//! the core's speed; this exists so both sides run the same loop.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::arithmetic_side_effects)]

use std::hint::black_box;
use std::time::Instant;

use prolo_triage::{assess_json, Policy};

const ROUNDS: usize = 15;
const CALLS: u32 = 2000;

fn main() {
    let policy = Policy::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        for _ in 0..CALLS {
            black_box(assess_json(black_box(&text), &policy).unwrap());
        }
        let mut rounds: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..CALLS {
                    black_box(assess_json(black_box(&text), &policy).unwrap());
                }
                start.elapsed().as_nanos() as f64 / f64::from(CALLS)
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        println!(
            "{{\"file\":{:?},\"ns_per_call\":{:.0},\"min\":{:.0},\"max\":{:.0}}}",
            path,
            rounds[ROUNDS / 2],
            rounds[0],
            rounds[ROUNDS - 1]
        );
    }
}
