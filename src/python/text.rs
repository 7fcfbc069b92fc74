//! The catalogue of words (`crate::text`) for the Python views, figures, report and
//! command line, which keep no words of their own.

use std::collections::BTreeMap;

use pyo3::prelude::*;

/// Every label and message of the catalogue in `lang` ("vi" or "en"), key → text;
/// variables appear as `{name}`, ready for `str.format`.
#[pyfunction]
#[pyo3(signature = (lang = "vi"))]
pub fn labels(lang: &str) -> PyResult<BTreeMap<String, String>> {
    Ok(crate::text::labels(super::plan::lang(lang)?))
}
