//! Rust errors → Python exceptions, one class per variant, mapped in one `match` so a
//! new variant fails to compile until it is given a class.

use pyo3::exceptions::{PyFileNotFoundError, PyKeyError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::error::Error;

pyo3::create_exception!(
    oversight,
    ValidationError,
    PyValueError,
    "A problem or plan breaks the format. `.errors` lists every fault as (path, message); `.document` is \"problem\", \"plan\" or \"baseline\"."
);
pyo3::create_exception!(
    oversight,
    CalendarError,
    PyValueError,
    "A date outside the supported calendar range, or a lunar date that does not exist."
);
pyo3::create_exception!(
    oversight,
    UnknownActivityError,
    PyKeyError,
    "An activity id the problem does not hold."
);

/// Converts a core error into the matching Python exception.
pub fn to_py(err: Error) -> PyErr {
    let message = err.to_string();
    match err {
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(message)
        }
        Error::Io { .. } => PyOSError::new_err(message),
        Error::Invalid { document, faults } => Python::attach(|py| {
            let err = ValidationError::new_err(message);
            let errors: PyResult<Vec<Bound<'_, PyTuple>>> = faults
                .iter()
                .map(|f| PyTuple::new(py, [f.path.as_str(), f.message.as_str()]))
                .collect();
            let value = err.value(py);
            let attached = errors.and_then(|errors| {
                value.setattr("errors", errors)?;
                value.setattr("document", document.to_string())
            });
            match attached {
                Ok(()) => err,
                Err(e) => e,
            }
        }),
        Error::DateOutOfRange { .. } | Error::NoSuchLunarDate { .. } => {
            CalendarError::new_err(message)
        }
        Error::UnknownActivity { .. } => UnknownActivityError::new_err(message),
        Error::ScoreMismatch { .. } | Error::SolverPanicked => {
            pyo3::exceptions::PyRuntimeError::new_err(message)
        }
    }
}

/// `Result<T, Error>` → `PyResult<T>`.
pub trait IntoPyResult<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
