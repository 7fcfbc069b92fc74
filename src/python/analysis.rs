//! `oversight.Analysis`: what the analysis of a problem finds.

use pyo3::prelude::*;

use super::convert::to_python;
use crate::analysis::Analysis;
use crate::lang::Lang;

/// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
#[pyclass(name = "Analysis", module = "oversight", frozen)]
pub struct PyAnalysis {
    pub inner: Analysis,
}

#[pymethods]
impl PyAnalysis {
    /// Everything as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &serde_json::to_value(&self.inner).unwrap_or_default())
    }

    /// A plain-text report in "vi" or "en".
    #[pyo3(signature = (lang = "vi"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        let lang = Lang::parse(lang).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "unknown language {lang:?}; use \"vi\" or \"en\""
            ))
        })?;
        Ok(self.inner.to_text(lang))
    }

    fn __repr__(&self) -> String {
        let a = &self.inner;
        format!(
            "<Analysis {:?}: {} groups ({} joint), {} duplicates, {} overlaps, {} repeats>",
            a.problem,
            a.group_count,
            a.groups.len(),
            a.duplicates.len(),
            a.overlaps.len(),
            a.repeats.len()
        )
    }
}
