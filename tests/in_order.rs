//! The examples' in-order worker pool (`examples/common/in_order.rs`, used
//! by `batch` and `bulk-fhir`): outputs in input order for any thread
//! count, buffers bounded and reused, errors that stop the run without a
//! hang.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

#[path = "../examples/common/in_order.rs"]
mod in_order;

use std::cell::Cell;
use std::sync::mpsc;
use std::time::Duration;

use in_order::in_order;
use proptest::prelude::*;

/// A run that does not end in this long has deadlocked.
const HANG: Duration = Duration::from_secs(30);

thread_local! {
    /// Output buffers made on this thread (the pool makes them all on the
    /// caller's).
    static MADE: Cell<usize> = const { Cell::new(0) };
}

/// An output buffer that counts how often one is made.
struct Out(Vec<u64>);

impl Default for Out {
    fn default() -> Self {
        MADE.with(|m| m.set(m.get() + 1));
        Out(Vec::new())
    }
}

/// The pieces to cut: their sizes, and a read error after some of them.
struct Source {
    sizes: std::vec::IntoIter<usize>,
    first: u64,
    fail_after: Option<usize>,
    taken: usize,
    error: Option<String>,
}

fn source(sizes: Vec<usize>, fail_after: Option<usize>) -> Source {
    Source {
        sizes: sizes.into_iter(),
        first: 0,
        fail_after,
        taken: 0,
        error: None,
    }
}

/// Cuts the next piece: consecutive numbers, as many as its size.
fn take(source: &mut Source, piece: &mut Vec<u64>) -> bool {
    piece.clear();
    if source.fail_after == Some(source.taken) {
        source.error = Some(format!("read error after {} pieces", source.taken));
        source.sizes = Vec::new().into_iter();
        source.fail_after = None;
        return false;
    }
    let Some(size) = source.sizes.next() else {
        return false;
    };
    source.taken += 1;
    piece.extend(source.first..source.first + size as u64);
    source.first += size as u64;
    true
}

/// Squares each number; the larger numbers take longer, so pieces finish
/// out of order on several threads.
fn work(piece: &Vec<u64>, out: &mut Out) {
    out.0.clear();
    for n in piece {
        for _ in 0..n % 7 {
            std::thread::yield_now();
        }
        out.0.push(n * n);
    }
}

/// What a run handed on, its error, the source after it, and the buffers
/// it made; a run that does not end within [`HANG`] fails the test.
struct Run {
    handed: Vec<Vec<u64>>,
    result: Result<(), String>,
    source: Source,
    made: usize,
}

fn run(jobs: usize, per_worker: usize, src: Source, stop_at: Option<usize>) -> Run {
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        MADE.with(|m| m.set(0));
        let mut handed = Vec::new();
        let (source, result) = in_order(jobs, per_worker, src, take, work, |out: &Out| {
            handed.push(out.0.clone());
            match stop_at {
                Some(k) if handed.len() > k => Err(format!("write failed at piece {k}")),
                _ => Ok(()),
            }
        });
        let made = MADE.with(Cell::get);
        let _ = done_tx.send(Run {
            handed,
            result,
            source,
            made,
        });
    });
    done_rx.recv_timeout(HANG).expect("the run hung")
}

fn expected(sizes: &[usize]) -> Vec<Vec<u64>> {
    let mut first = 0u64;
    sizes
        .iter()
        .map(|&size| {
            let piece: Vec<u64> = (first..first + size as u64).map(|n| n * n).collect();
            first += size as u64;
            piece
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn outputs_come_in_input_order_for_any_thread_count(
        jobs in 1usize..6,
        per_worker in 1usize..4,
        sizes in prop::collection::vec(0usize..40, 0..80),
    ) {
        let got = run(jobs, per_worker, source(sizes.clone(), None), None);
        prop_assert_eq!(got.result, Ok(()));
        prop_assert_eq!(got.handed, expected(&sizes));
        // The pool's buffers, and no more: none is made per piece.
        let bound = if jobs <= 1 { 1 } else { jobs * per_worker };
        prop_assert_eq!(got.made, bound);
    }

    #[test]
    fn a_failed_hand_on_stops_the_run_after_that_piece(
        jobs in 1usize..6,
        per_worker in 1usize..4,
        sizes in prop::collection::vec(1usize..20, 1..60),
        stop in any::<prop::sample::Index>(),
    ) {
        let k = stop.index(sizes.len());
        let got = run(jobs, per_worker, source(sizes.clone(), None), Some(k));
        prop_assert_eq!(got.result, Err(format!("write failed at piece {k}")));
        let want = expected(&sizes);
        prop_assert_eq!(&got.handed[..], &want[..=k]);
    }

    #[test]
    fn a_read_error_ends_the_input_after_the_pieces_before_it(
        jobs in 1usize..6,
        sizes in prop::collection::vec(1usize..20, 0..60),
        after in any::<prop::sample::Index>(),
    ) {
        let fail_after = after.index(sizes.len() + 1);
        let got = run(jobs, 2, source(sizes.clone(), Some(fail_after)), None);
        prop_assert_eq!(got.result, Ok(()));
        prop_assert_eq!(got.handed, expected(&sizes[..fail_after]));
        let error = format!("read error after {fail_after} pieces");
        prop_assert_eq!(got.source.error, Some(error));
    }
}

#[test]
fn no_input_hands_on_nothing() {
    for jobs in [1, 2, 8] {
        let got = run(jobs, 3, source(Vec::new(), None), None);
        assert_eq!(got.result, Ok(()));
        assert!(got.handed.is_empty());
        assert_eq!(got.source.taken, 0);
    }
}
