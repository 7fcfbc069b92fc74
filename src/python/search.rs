//! Running a search from Python: options from keyword arguments, the GIL released, and
//! a hook that honours Ctrl-C and reports progress to an optional callback.

use pyo3::prelude::*;

use super::errors::IntoPyResult;
use super::guard::guard;
use super::numbers::{Seed, Steps, Threads, TimeLimit, UnimprovedSteps};
use crate::error::Result;
use crate::solve::{Progress, SolveOptions, Termination};

/// Builds solver options from the keyword arguments every search method takes; each
/// number was range-checked when it was read (`super::numbers`).
pub fn options(
    time_limit: Option<TimeLimit>,
    seed: Seed,
    threads: Threads,
    steps: Option<Steps>,
    unimproved_steps: Option<UnimprovedSteps>,
) -> SolveOptions {
    SolveOptions {
        seed: seed.0,
        time_limit: time_limit.map(|t| t.0),
        steps: steps.map(|s| s.0),
        unimproved_steps: unimproved_steps.map(|s| s.0),
        threads: threads.0,
        ..SolveOptions::default()
    }
}

/// The most searches `threads=` runs at once on this machine; larger values are capped
/// to it (`SolveOptions::threads_used`).
#[pyfunction]
pub fn max_threads() -> usize {
    SolveOptions {
        threads: usize::MAX,
        ..SolveOptions::default()
    }
    .threads_used()
}

/// Runs `search` with the GIL released. The hook it receives checks for Ctrl-C (which
/// stops the search and keeps its best result) and calls `progress(info)`; a callback
/// that raises, or returns True, stops the search too, and its exception is re-raised.
pub fn run<T: Send>(
    py: Python<'_>,
    progress: Option<Py<PyAny>>,
    search: impl FnOnce(&mut dyn Termination) -> Result<T> + Send,
) -> PyResult<T> {
    let mut callback_error: Option<PyErr> = None;
    let mut hook = |p: &Progress| -> bool {
        Python::attach(|py| {
            if let Err(err) = py.check_signals() {
                if !err.is_instance_of::<pyo3::exceptions::PyKeyboardInterrupt>(py) {
                    callback_error = Some(err);
                }
                return true;
            }
            let Some(callback) = &progress else {
                return false;
            };
            let info = pyo3::types::PyDict::new(py);
            let filled = info
                .set_item("step", p.step)
                .and_then(|_| info.set_item("hard", p.best.hard))
                .and_then(|_| info.set_item("soft", p.best.soft))
                .and_then(|_| info.set_item("elapsed", p.elapsed.as_secs_f64()));
            match filled.and_then(|_| callback.call1(py, (info,))) {
                Ok(answer) => answer.is_truthy(py).unwrap_or(false),
                Err(err) => {
                    callback_error = Some(err);
                    true
                }
            }
        })
    };
    // A panic in the search becomes `InternalError` (see `super::guard`).
    let result = guard(|| py.detach(|| search(&mut hook)).py_err());
    if let Some(err) = callback_error {
        return Err(err);
    }
    result
}
