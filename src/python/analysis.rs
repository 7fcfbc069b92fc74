//! `oversight.Analysis`: what the analysis of a problem finds.

use std::sync::Arc;

use pyo3::prelude::*;

use super::convert::to_python;
use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::model::Problem;

/// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
#[pyclass(name = "Analysis", module = "oversight", frozen)]
pub struct PyAnalysis {
    pub inner: Analysis,
    /// The problem analysed, for pictures that need its names.
    pub problem: Arc<Problem>,
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
        super::guard::guard(|| Ok(self.inner.to_text(lang)))
    }

    /// One table as a pandas DataFrame: "groups", "duplicates", "overlaps", "repeats",
    /// "people", "subjects", "areas" (the loads), "cannot_fit" or "orders".
    fn to_pandas<'py>(&self, py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        let data = self.to_dict(py)?;
        py.import("oversight.frames")?
            .getattr("analysis_frame")?
            .call1((data, table))
    }

    /// A plotly network of the duplicates and topic overlaps between bodies.
    #[pyo3(signature = (lang = "vi"))]
    fn overlap_graph<'py>(slf: &Bound<'py, Self>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let problem = super::problem::PyProblem::shared(Arc::clone(&slf.get().problem));
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("lang", lang)?;
        py.import("oversight.figures")?
            .getattr("overlap_graph")?
            .call((slf.clone(), problem), Some(&kwargs))
    }

    /// Jupyter's rich view: groups, duplicates, repeats and loads as tables.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("oversight.html")?
            .getattr("analysis_html")?
            .call1((slf.clone(),))
    }

    /// The problem analysed.
    #[getter]
    fn problem(&self) -> super::problem::PyProblem {
        super::problem::PyProblem::shared(Arc::clone(&self.problem))
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
