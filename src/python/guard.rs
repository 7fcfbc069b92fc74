//! The last guard at the Python boundary: core code runs inside `catch_unwind`, so a
//! panic (a bug) reaches Python as `oversight.InternalError`, a `RuntimeError`, rather
//! than as PyO3's `PanicException`, which derives from `BaseException`, slips past
//! `except Exception` and takes a notebook's cell (or the command line) down with a
//! Rust backtrace. The causes are fixed where they are found; this only keeps a
//! missed one from crashing the caller.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;

use super::errors::IntoPyResult;

pyo3::create_exception!(
    oversight,
    InternalError,
    pyo3::exceptions::PyRuntimeError,
    "A bug in oversight stopped the call (please report it with the message); the inputs were not at fault."
);

fn internal(payload: &(dyn Any + Send)) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into());
    InternalError::new_err(format!(
        "internal error in oversight (a bug: please report it): {what}"
    ))
}

/// Runs `call`, turning a panic into `InternalError`.
pub fn guard<T>(call: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    // A panic leaves nothing half-changed that Python could see: the core works on
    // its own copies, and Python objects are only built from its finished results.
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|payload| Err(internal(&*payload)))
}

/// `py.detach(core)` with the core's error mapped and a panic turned into
/// `InternalError`.
pub trait Guarded {
    fn guarded<T: Send>(self, core: impl FnOnce() -> crate::Result<T> + Send) -> PyResult<T>;
}

impl Guarded for Python<'_> {
    fn guarded<T: Send>(self, core: impl FnOnce() -> crate::Result<T> + Send) -> PyResult<T> {
        // `detach` takes the GIL back when a panic unwinds through it.
        guard(|| self.detach(core).py_err())
    }
}
