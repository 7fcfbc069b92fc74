//! Running a search from Python: options from keyword arguments, the GIL released, and
//! a hook that honours Ctrl-C and reports progress to an optional callback.

use pyo3::prelude::*;

use super::errors::IntoPyResult;
use crate::error::Result;
use crate::solve::{Progress, SolveOptions, Termination};

/// Builds solver options from the keyword arguments every search method takes.
pub fn options(
    time_limit: Option<f64>,
    seed: u64,
    threads: usize,
    steps: Option<u64>,
    unimproved_steps: Option<u64>,
) -> PyResult<SolveOptions> {
    let time_limit = match time_limit {
        Some(t) if !(t.is_finite() && t >= 0.0) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "time_limit must be a non-negative number of seconds, got {t}"
            )))
        }
        other => other.map(std::time::Duration::from_secs_f64),
    };
    Ok(SolveOptions {
        seed,
        time_limit,
        steps,
        unimproved_steps,
        threads: threads.max(1),
        ..SolveOptions::default()
    })
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
    let result = py.detach(|| search(&mut hook));
    if let Some(err) = callback_error {
        return Err(err);
    }
    result.py_err()
}
