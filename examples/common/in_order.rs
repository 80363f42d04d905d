//! Work on every core, output in input order, memory flat: what `batch` and
//! `bulk-fhir` (through `#[path]`) share.
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
//! runs ahead of a slow one; and no buffer is allocated or freed per piece,
//! nor freed on a thread other than the one that made it.

use std::collections::BTreeMap;
use std::sync::mpsc::channel;
use std::sync::{Condvar, Mutex};

/// Does `work` on `jobs` threads (inline for `jobs` ≤ 1) over the pieces
/// `take` cuts from `source`, and hands each output to `hand_on` in the
/// order `take` cut them. At most `jobs` input buffers and
/// `outputs_per_worker × jobs` output buffers exist at once.
///
/// `take` refills its buffer with the next piece and returns `false` at
/// the end (a read error it keeps in `source`, and ends); `work` must
/// clear the output it is given first. Returns `source`, for what `take`
/// kept there, and the first error of `hand_on`, which stops every worker.
pub fn in_order<S, I, O>(
    jobs: usize,
    outputs_per_worker: usize,
    mut source: S,
    take: impl Fn(&mut S, &mut I) -> bool + Sync,
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
        while take(&mut source, &mut piece) {
            work(&piece, &mut output);
            if let Err(e) = hand_on(&output) {
                return (source, Err(e));
            }
        }
        return (source, Ok(()));
    }
    let pool = Pool::new(jobs.saturating_mul(outputs_per_worker.max(1)));
    let feed = Mutex::new((source, 0u64));
    let (results, worked) = channel::<(u64, O)>();
    let handed = std::thread::scope(|scope| {
        for _ in 0..jobs {
            let results = results.clone();
            let (pool, feed, take, work) = (&pool, &feed, &take, &work);
            scope.spawn(move || {
                let mut piece = I::default();
                while let Some(mut output) = pool.take() {
                    let number = {
                        let Ok(mut feed) = feed.lock() else { break };
                        let (source, next) = &mut *feed;
                        if !take(source, &mut piece) {
                            break;
                        }
                        let number = *next;
                        *next = number.saturating_add(1);
                        number
                    };
                    work(&piece, &mut output);
                    if results.send((number, output)).is_err() {
                        break; // the caller stopped
                    }
                }
            });
        }
        drop(results); // the channel ends with the last worker
        let mut waiting: BTreeMap<u64, O> = BTreeMap::new();
        let mut next = 0u64;
        let mut handed = Ok(());
        'receive: for (number, output) in &worked {
            waiting.insert(number, output);
            while let Some(output) = waiting.remove(&next) {
                handed = hand_on(&output);
                pool.give(output);
                next = next.saturating_add(1);
                if handed.is_err() {
                    break 'receive;
                }
            }
        }
        pool.close(); // after an error, the workers waiting for a buffer end
        drop(worked); // and those sending one
        match handed {
            Ok(()) if !waiting.is_empty() => Err(format!("piece {next} was never worked")),
            handed => handed,
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
    state: Mutex<(Vec<O>, bool)>,
    returned: Condvar,
}

impl<O: Default> Pool<O> {
    fn new(buffers: usize) -> Self {
        let free = std::iter::repeat_with(O::default).take(buffers).collect();
        Pool {
            state: Mutex::new((free, false)),
            returned: Condvar::new(),
        }
    }

    /// A free buffer, waiting for one to come back if need be; `None` once
    /// the pool is closed.
    fn take(&self) -> Option<O> {
        let mut state = self.state.lock().ok()?;
        loop {
            let (free, closed) = &mut *state;
            if *closed {
                return None;
            }
            if let Some(buffer) = free.pop() {
                return Some(buffer);
            }
            state = self.returned.wait(state).ok()?;
        }
    }

    fn give(&self, buffer: O) {
        if let Ok(mut state) = self.state.lock() {
            state.0.push(buffer);
            self.returned.notify_one();
        }
    }

    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
            self.returned.notify_all();
        }
    }
}
