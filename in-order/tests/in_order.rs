//! The examples' in-order worker pool (this crate, used by the `batch` and
//! `bulk-fhir` examples): outputs in input order for any thread
//! count, buffers bounded and reused, errors and panics that stop the run
//! without a hang.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use prolo_triage_in_order::{in_order, OUTPUTS_PER_WORKER};
use proptest::prelude::*;

/// A run that does not end in this long has deadlocked.
const HANG: Duration = Duration::from_secs(10);

/// Output buffers made, on any thread; [`serial`] keeps runs from
/// counting each other's.
static MADE: AtomicUsize = AtomicUsize::new(0);
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

/// An output buffer that counts how often one is made.
struct Out(Vec<u64>);

impl Default for Out {
    fn default() -> Self {
        MADE.fetch_add(1, Ordering::SeqCst);
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
/// out of order on several threads. Panics on `panic_at`.
fn work(piece: &Vec<u64>, out: &mut Out, panic_at: Option<u64>) {
    out.0.clear();
    for &n in piece {
        assert_ne!(Some(n), panic_at, "work panics on {n}");
        for _ in 0..n % 7 {
            std::thread::yield_now();
        }
        out.0.push(n * n);
    }
}

/// What a run handed on, its error, the source after it, and the buffers
/// it made.
struct Run {
    handed: Vec<Vec<u64>>,
    result: Result<(), String>,
    source: Source,
    made: usize,
}

/// How a run ends: `Ok`, or `Err` when it panicked. A run that does not
/// end within [`HANG`] fails the test.
fn run_to_end(
    jobs: usize,
    per_worker: usize,
    src: Source,
    stop_at: Option<usize>,
    panic_at: Option<u64>,
) -> Result<Run, ()> {
    let _serial = serial();
    MADE.store(0, Ordering::SeqCst);
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut handed = Vec::new();
        let (source, result) = in_order(
            jobs,
            per_worker,
            src,
            take,
            |piece, out| work(piece, out, panic_at),
            |out: &Out| {
                handed.push(out.0.clone());
                match stop_at {
                    Some(k) if handed.len() > k => Err(format!("write failed at piece {k}")),
                    _ => Ok(()),
                }
            },
        );
        let made = MADE.load(Ordering::SeqCst);
        let _ = done_tx.send(Run {
            handed,
            result,
            source,
            made,
        });
    });
    match done_rx.recv_timeout(HANG) {
        Ok(run) => Ok(run),
        Err(RecvTimeoutError::Disconnected) => Err(()),
        Err(RecvTimeoutError::Timeout) => panic!("the run hung"),
    }
}

fn run(jobs: usize, per_worker: usize, src: Source, stop_at: Option<usize>) -> Run {
    run_to_end(jobs, per_worker, src, stop_at, None).expect("the run panicked")
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
    // A failure (a hang above all: 10 s a try) is shrunk for 30 s at most.
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn outputs_come_in_input_order_for_any_thread_count(
        jobs in 1usize..6,
        per_worker in 0usize..4,
        sizes in prop::collection::vec(0usize..40, 0..80),
    ) {
        let got = run(jobs, per_worker, source(sizes.clone(), None), None);
        prop_assert_eq!(got.result, Ok(()));
        prop_assert_eq!(got.handed, expected(&sizes));
        // The pool's buffers, and no more: none is made per piece.
        let bound = if jobs <= 1 { 1 } else { jobs * per_worker.max(1) };
        prop_assert_eq!(got.made, bound);
    }

    #[test]
    fn a_failed_hand_on_stops_the_run_after_that_piece(
        jobs in 1usize..6,
        per_worker in 0usize..4,
        sizes in prop::collection::vec(1usize..20, 1..60),
        stop in any::<prop::sample::Index>(),
    ) {
        let k = stop.index(sizes.len());
        let got = run(jobs, per_worker, source(sizes.clone(), None), Some(k));
        prop_assert_eq!(got.result, Err(format!("write failed at piece {k}")));
        let want = expected(&sizes);
        prop_assert_eq!(&got.handed[..], &want[..=k]);
        // The workers stopped: beyond the pieces handed on, at most those
        // the buffers let them take.
        let buffers = if jobs <= 1 { 1 } else { jobs * per_worker.max(1) };
        prop_assert!(got.source.taken <= k + 1 + buffers, "took {} pieces", got.source.taken);
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

/// A panic in the work ends the run with that panic, at any thread count,
/// never a hang: the other workers stop and the writer stops waiting for
/// the lost piece.
#[test]
fn a_panic_in_the_work_ends_the_run() {
    quiet_planned_panics();
    for jobs in [1, 2, 3, 8] {
        for panic_at in [0, 5, 200, 999] {
            let sizes = vec![10; 100];
            let got = run_to_end(jobs, 1, source(sizes, None), None, Some(panic_at));
            assert!(
                got.is_err(),
                "jobs {jobs}, panic at {panic_at}: the run did not panic"
            );
        }
    }
}

/// Keeps the planned panics (and their backtraces) out of the test log;
/// every other panic is printed as usual.
fn quiet_planned_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let planned = info
                .payload()
                .downcast_ref::<String>()
                .is_some_and(|m| m.contains("work panics on"));
            if !planned {
                default(info);
            }
        }));
    });
}

#[test]
fn no_input_hands_on_nothing() {
    for jobs in [1, 2, 8] {
        let got = run(jobs, OUTPUTS_PER_WORKER, source(Vec::new(), None), None);
        assert_eq!(got.result, Ok(()));
        assert!(got.handed.is_empty());
        assert_eq!(got.source.taken, 0);
    }
}
