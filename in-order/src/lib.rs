//! Work on every core, output in input order, memory flat: the worker pool
//! that the `batch` example (core crate) and the `bulk-fhir` example
//! (`prolo-triage-fhir`) share. A dev-dependency of those packages'
//! examples, never published, and no part of the libraries.
//!
//! Each worker takes the next piece of the input itself, in turn with the
//! others and under a lock, into a buffer of its own that it refills each
//! time, so a faster core simply does more pieces. It works outside the
//! lock and sends its output to the calling thread, which hands the
//! outputs on in the order the pieces were taken.
//!
//! The output buffers circulate: a worker takes a free one *before* it
//! takes a piece, and the caller gives it back once handed on. So every
//! numbered piece already has its buffer and the caller never waits for a
//! piece that cannot be worked; the buffers bound how far a fast worker
//! runs ahead of a slow one; and no buffer is allocated or freed per piece.
//!
//! # Example
//!
//! Squares of the numbers a shared iterator yields, worked on three
//! threads and handed on in input order:
//!
//! ```
//! use prolo_triage_in_order::{in_order, OUTPUTS_PER_WORKER};
//!
//! let mut squares = Vec::new();
//! let (_rest, result) = in_order(
//!     3,
//!     OUTPUTS_PER_WORKER,
//!     1u64..=100,
//!     // fill: the next piece, or `false` at the end.
//!     |numbers, piece: &mut u64| match numbers.next() {
//!         Some(n) => {
//!             *piece = n;
//!             true
//!         }
//!         None => false,
//!     },
//!     // work: clear the output, then fill it.
//!     |piece, output: &mut Vec<u64>| {
//!         output.clear();
//!         output.push(piece.saturating_mul(*piece));
//!     },
//!     // hand_on: in input order, whatever thread worked the piece.
//!     |output| {
//!         squares.extend_from_slice(output);
//!         Ok(())
//!     },
//! );
//! assert_eq!(result, Ok(()));
//! assert_eq!(squares, (1u64..=100).map(|n| n * n).collect::<Vec<_>>());
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::sync::mpsc::channel;
use std::sync::{Condvar, Mutex};

/// Output buffers per worker for the examples: the one it fills, and room
/// for it to run ahead of a slower worker while the writer waits for the
/// slower one's piece.
pub const OUTPUTS_PER_WORKER: usize = 3;

/// Does `work` on `jobs` threads (inline for `jobs` ≤ 1) over the pieces
/// `fill` cuts from `source`, and hands each output to `hand_on` in the
/// order `fill` cut them. At most `jobs` input buffers and
/// `jobs × max(outputs_per_worker, 1)` output buffers exist at once (one
/// of each inline).
///
/// `fill` refills its buffer with the next piece and returns `false` at
/// the end; once it has returned `false` it must go on doing so, since
/// every other worker calls it once more (a read error it keeps in
/// `source`, and ends). `work` must clear the output it is given first.
/// Returns `source`, for what `fill` kept there, and the first error of
/// `hand_on`, which stops every worker. A panic in `fill`, `work` or
/// `hand_on` stops every worker too and is raised again here.
pub fn in_order<S, I, O>(
    jobs: usize,
    outputs_per_worker: usize,
    mut source: S,
    fill: impl Fn(&mut S, &mut I) -> bool + Sync,
    work: impl Fn(&I, &mut O) + Sync,
    mut hand_on: impl FnMut(&O) -> Result<(), String>,
) -> (S, Result<(), String>)
where
    S: Send,
    I: Default,
    O: Default + Send,
{
    if jobs <= 1 {
        let (mut piece, mut output) = (I::default(), O::default());
        while fill(&mut source, &mut piece) {
            work(&piece, &mut output);
            if let Err(e) = hand_on(&output) {
                return (source, Err(e));
            }
        }
        return (source, Ok(()));
    }
    let pool = Pool::new(jobs.saturating_mul(outputs_per_worker.max(1)));
    let feed = Mutex::new((source, 0u64));
    let (to_writer, from_workers) = channel::<(u64, O)>();
    let handed = std::thread::scope(|scope| {
        let from_workers = from_workers; // dropped when the writer leaves
        for _ in 0..jobs {
            let to_writer = to_writer.clone();
            let (pool, feed, fill, work) = (&pool, &feed, &fill, &work);
            scope.spawn(move || {
                // A worker that panics holds a numbered piece the writer
                // waits for: closing the pool ends the others, so the
                // channel ends and the scope raises the panic.
                let _close = CloseOnPanic(pool);
                let mut piece = I::default();
                while let Some(mut output) = pool.take_free() {
                    let number = {
                        let Ok(mut feed) = feed.lock() else { break };
                        let (source, next) = &mut *feed;
                        if !fill(source, &mut piece) {
                            break;
                        }
                        // Cannot saturate (2^64 pieces); if it did, two
                        // pieces would share a number and one be lost.
                        let number = *next;
                        *next = number.saturating_add(1);
                        number
                    };
                    work(&piece, &mut output);
                    if to_writer.send((number, output)).is_err() {
                        break; // the writer stopped
                    }
                }
            });
        }
        drop(to_writer); // the channel ends with the last worker
                         // However the writer leaves (done, a failed hand-on, a panic), the
                         // workers waiting for a buffer must end.
        let _close = CloseOnDrop(&pool);
        let mut waiting: BTreeMap<u64, O> = BTreeMap::new();
        let mut next = 0u64;
        for (number, output) in &from_workers {
            waiting.insert(number, output);
            while let Some(output) = waiting.remove(&next) {
                let handed = hand_on(&output);
                pool.give_back(output);
                next = next.saturating_add(1);
                handed?; // on failure: closes the pool, then drops the channel
            }
        }
        if waiting.is_empty() {
            Ok(())
        } else {
            Err(format!("piece {next} was never worked"))
        }
    });
    let source = match feed.into_inner() {
        Ok((source, _)) => source,
        Err(poisoned) => poisoned.into_inner().0,
    };
    (source, handed)
}

/// The free output buffers; taking one is a worker's ticket to a piece.
struct Pool<O> {
    /// The free buffers, and whether the pool is closed.
    state: Mutex<(Vec<O>, bool)>,
    given_back: Condvar,
}

impl<O: Default> Pool<O> {
    fn new(buffers: usize) -> Self {
        let free = std::iter::repeat_with(O::default).take(buffers).collect();
        Pool {
            state: Mutex::new((free, false)),
            given_back: Condvar::new(),
        }
    }

    /// A free buffer, waiting for one to come back if need be; `None` once
    /// the pool is closed.
    fn take_free(&self) -> Option<O> {
        let mut state = self.state.lock().ok()?;
        loop {
            let (free, closed) = &mut *state;
            if *closed {
                return None;
            }
            if let Some(buffer) = free.pop() {
                return Some(buffer);
            }
            state = self.given_back.wait(state).ok()?;
        }
    }

    fn give_back(&self, buffer: O) {
        if let Ok(mut state) = self.state.lock() {
            state.0.push(buffer);
            self.given_back.notify_one();
        }
    }

    fn close(&self) {
        // A poisoned lock still closes: a panic elsewhere must not leave
        // workers waiting.
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.1 = true;
        self.given_back.notify_all();
    }
}

/// Closes the pool when dropped.
struct CloseOnDrop<'a, O: Default>(&'a Pool<O>);

impl<O: Default> Drop for CloseOnDrop<'_, O> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Closes the pool when dropped while its thread panics.
struct CloseOnPanic<'a, O: Default>(&'a Pool<O>);

impl<O: Default> Drop for CloseOnPanic<'_, O> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}
