//! Python objects ↔ JSON trees.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use super::errors::to_py;
use crate::error::{Document, Error, Fault};
use crate::model::document::{index, join, ROOT};

/// Deepest nesting accepted: the format needs four levels; Python objects nested
/// thousands deep must give an error, not overflow the stack.
const MAX_DEPTH: usize = 64;

/// A whole document given as Python objects → a JSON tree; see [`to_value_at`].
pub fn to_value(obj: &Bound<'_, PyAny>, document: Document) -> PyResult<Value> {
    to_value_at(obj, document, ROOT)
}

/// A Python value → a JSON tree: dicts with string keys, lists and tuples, strings,
/// numbers, booleans, None, and `datetime.date` (written "YYYY-MM-DD", as the format
/// wants). Anything else raises `ValidationError` naming `path`, the value's place in
/// the document.
pub fn to_value_at(obj: &Bound<'_, PyAny>, document: Document, path: &str) -> PyResult<Value> {
    value_at(obj, path, 0).map_err(|fault| {
        to_py(Error::Invalid {
            document,
            faults: vec![fault],
        })
    })
}

fn value_at(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value, Fault> {
    if depth > MAX_DEPTH {
        return Err(unsupported(path, "values nested this deep"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(unsupported(path, "an integer this large"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| unsupported(path, "NaN or an infinite number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s
            .to_str()
            .map_err(|_| unsupported(path, "a string that is not valid Unicode"))?;
        return Ok(Value::String(text.to_owned()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(unsupported(path, "a dict key that is not a string"));
            };
            let key = key
                .to_str()
                .map_err(|_| unsupported(path, "a key that is not valid Unicode"))?
                .to_owned();
            let item = value_at(&item, &join(path, &key), depth + 1)?;
            map.insert(key, item);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        let iter = obj
            .try_iter()
            .map_err(|_| unsupported(path, "a list that cannot be read"))?;
        for (i, item) in iter.enumerate() {
            let item = item.map_err(|_| unsupported(path, "a list that cannot be read"))?;
            items.push(value_at(&item, &index(path, i), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let type_name = obj
        .get_type()
        .name()
        .map_or_else(|_| "value".to_owned(), |n| n.to_string());
    if type_name == "datetime" {
        return Err(unsupported(
            path,
            "a datetime (give a date: the format has no times of day)",
        ));
    }
    if let Ok(date) = obj.extract::<chrono::NaiveDate>() {
        return Ok(Value::String(date.format("%Y-%m-%d").to_string()));
    }
    Err(unsupported(path, &format!("a {type_name}")))
}

fn unsupported(path: &str, what: &str) -> Fault {
    Fault::new(
        path,
        format!(
            "cannot store {what} in a document (use dicts, lists, strings, numbers, \
             booleans, None and dates)"
        ),
    )
}

/// A JSON tree → Python dicts and lists.
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}
