//! Python objects ↔ JSON trees, through `pythonize`.

use pyo3::prelude::*;
use serde_json::Value;

use super::errors::ValidationError;

/// A Python dict/list tree → a JSON tree; dates must already be ISO strings.
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    pythonize::depythonize::<Value>(obj).map_err(|e| {
        ValidationError::new_err(format!(
            "cannot read this object as a document: {e} (dates are written \"YYYY-MM-DD\")"
        ))
    })
}

/// A JSON tree → Python dicts and lists.
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}
