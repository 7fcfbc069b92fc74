//! `oversight.Plan`: a schedule of every group, with score and violations.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyAny;

use super::convert::{to_python, to_value};
use super::errors::IntoPyResult;
use crate::error::Document;
use crate::model::Problem;
use crate::plan::{Lang, Plan};

/// A plan (`oversight.plan/1`). Days, invites, score and violations are those computed
/// by `Problem.score` or the solver; a plan just loaded from a file is not yet scored.
#[pyclass(name = "Plan", module = "oversight", frozen)]
pub struct PyPlan {
    pub inner: Plan,
    /// The problem the plan was scored or solved against, for the pictures and tables
    /// that need names, events and titles; `None` for a plan just read from a file.
    pub problem: Option<Arc<Problem>>,
}

impl PyPlan {
    /// A plan scored or solved against `problem`.
    pub fn of(inner: Plan, problem: Arc<Problem>) -> Self {
        PyPlan {
            inner,
            problem: Some(problem),
        }
    }
}

fn lang(code: &str) -> PyResult<Lang> {
    Lang::parse(code).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "unknown language {code:?}; use \"vi\" or \"en\""
        ))
    })
}

#[pymethods]
impl PyPlan {
    /// Reads a plan file (JSON, or YAML for .yaml/.yml).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| Plan::load(&path)).py_err()?;
        Ok(PyPlan {
            inner,
            problem: None,
        })
    }

    /// Reads a plan given as a dict.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_value(data, Document::Plan)?;
        Ok(PyPlan {
            inner: Plan::from_value(&value).py_err()?,
            problem: None,
        })
    }

    /// The plan as a dict in the canonical format.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.to_value())
    }

    /// The plan as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the plan as JSON, or YAML for .yaml/.yml.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).py_err()
    }

    /// The score and every violation as text, in "vi" or "en".
    #[pyo3(signature = (lang = "vi"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_text(self::lang(lang)?))
    }

    /// {"hard", "soft", "terms": {...}}.
    #[getter]
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(
            py,
            &serde_json::to_value(self.inner.score).unwrap_or_default(),
        )
    }

    /// Each hard violation as a dict (rule, groups, activities, count, message, message_en).
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(
            py,
            &serde_json::to_value(&self.inner.violations).unwrap_or_default(),
        )
    }

    /// What changed from this plan to `newer`: {"moved": [{lead, activities, from, to,
    /// days}], "added": [...], "removed": [...], "unchanged": n}.
    fn diff<'py>(&self, py: Python<'py>, newer: &PyPlan) -> PyResult<Bound<'py, PyAny>> {
        to_python(
            py,
            &serde_json::to_value(self.inner.diff(&newer.inner)).unwrap_or_default(),
        )
    }

    /// Whether the plan has no hard violation.
    #[getter]
    fn is_feasible(&self) -> bool {
        self.inner.is_feasible()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPlan>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Plan {:?}: {} groups, hard {}, soft {}>",
            self.inner.problem,
            self.inner.groups.len(),
            self.inner.score.hard,
            self.inner.score.soft
        )
    }
}
