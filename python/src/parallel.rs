//! Ordered parallel map over a slice on scoped threads (std only).

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::PyResult;

/// The thread count: `jobs` when given (at least 1), else every core.
pub(crate) fn jobs(jobs: Option<usize>) -> PyResult<usize> {
    match jobs {
        Some(0) => Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)),
    }
}

/// `items.iter().map(f)` on up to `jobs` threads, each taking one
/// contiguous share; the results come back in the items' order.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> PyResult<Vec<R>> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return Ok(items.iter().map(f).collect());
    }
    let share = items.len().div_ceil(jobs);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            // The library does not panic on any input; should a thread
            // fail anyway, the whole call fails rather than lose rows.
            let part = handle
                .join()
                .map_err(|_| PyRuntimeError::new_err("a worker thread failed"))?;
            out.extend(part);
        }
        Ok(out)
    })
}
