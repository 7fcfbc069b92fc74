//! `oversight.Plan`: a schedule of every group, with score and violations.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict};

use super::convert::{to_python, to_value};
use super::errors::IntoPyResult;
use super::guard::{guard, Guarded};
use super::problem::PyProblem;
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

    /// The problem passed in, else the one the plan was scored against.
    fn problem_for(
        &self,
        py: Python<'_>,
        problem: Option<&Bound<'_, PyProblem>>,
    ) -> PyResult<Arc<Problem>> {
        match (problem, &self.problem) {
            (Some(given), _) => given.get().problem(py),
            (None, Some(own)) => Ok(Arc::clone(own)),
            (None, None) => Err(PyValueError::new_err(
                "this plan was read from a file and knows no problem: pass problem=… \
                 (or use the plan Problem.score or Problem.solve returns)",
            )),
        }
    }

    /// `oversight.<module>.<function>(*args, **kwargs)`: the presentation code (pandas,
    /// plotly, HTML) that lives in the Python package.
    fn call_python<'py>(
        py: Python<'py>,
        module: &str,
        function: &str,
        args: impl pyo3::call::PyCallArgs<'py>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        py.import(module)?.getattr(function)?.call(args, kwargs)
    }
}

fn export_with(
    py: Python<'_>,
    problem: &Problem,
    plan: &Plan,
    path: &std::path::Path,
    lang: Lang,
    write: fn(&Problem, &Plan, &std::path::Path, Lang) -> crate::Result<()>,
) -> PyResult<()> {
    py.guarded(|| write(problem, plan, path, lang))
}

pub(super) fn lang(code: &str) -> PyResult<Lang> {
    Lang::parse(code).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "unknown language {code:?}; use \"vi\" or \"en\""
        ))
    })
}

#[pymethods]
impl PyPlan {
    /// Reads a plan file (JSON, YAML for .yaml/.yml, TOML for .toml).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py.guarded(|| Plan::load(&path))?;
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
            inner: guard(|| Plan::from_value(&value).py_err())?,
            problem: None,
        })
    }

    /// The plan as a dict in the canonical format.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.to_value())
    }

    /// The plan as pretty-printed JSON.
    fn to_json(&self) -> PyResult<String> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// Writes the plan as JSON, YAML for .yaml/.yml or TOML for .toml.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.guarded(|| self.inner.save(&path))
    }

    /// The score and every violation as text, in "vi" or "en".
    #[pyo3(signature = (lang = "vi"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        let lang = self::lang(lang)?;
        guard(|| Ok(self.inner.to_text(lang)))
    }

    /// {"hard", "soft", "terms": {...}}.
    #[getter]
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(
            py,
            &serde_json::to_value(self.inner.score).unwrap_or_default(),
        )
    }

    /// Each hard violation as a dict (rule, groups, activities, count, message,
    /// message_en), in a list that Jupyter shows as a table (`oversight.html.Violations`).
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = to_python(
            py,
            &serde_json::to_value(&self.inner.violations).unwrap_or_default(),
        )?;
        Self::call_python(py, "oversight.html", "Violations", (list,), None)
    }

    /// What changed from this plan to `newer`: {"moved": [{lead, activities, from, to,
    /// days}], "added": [...], "removed": [...], "unchanged": n}. When `newer` (or else
    /// this plan) was scored against a problem, both are checked against it, this one as
    /// a baseline; otherwise only that they are plans of one problem.
    fn diff<'py>(&self, py: Python<'py>, newer: &PyPlan) -> PyResult<Bound<'py, PyAny>> {
        let problem = newer.problem.as_ref().or(self.problem.as_ref());
        let diff = match problem {
            Some(problem) => py.guarded(|| problem.diff(&self.inner, &newer.inner)),
            None => guard(|| self.inner.diff(&newer.inner).py_err()),
        }?;
        to_python(py, &serde_json::to_value(diff).unwrap_or_default())
    }

    /// The problem the plan was scored or solved against; None for a plan read from a
    /// file.
    #[getter(problem)]
    fn scored_problem(&self) -> Option<PyProblem> {
        self.problem
            .as_ref()
            .map(|p| PyProblem::shared(Arc::clone(p)))
    }

    /// A dict per activity: id, lead, group, joint, body, body_name, title, form, form_label,
    /// start, end, days, members, member_names, subjects, subject_names, areas,
    /// area_names, topics, invite. `problem` defaults to the one the plan was scored
    /// against.
    #[pyo3(signature = (problem = None, lang = "vi"))]
    fn rows<'py>(
        &self,
        py: Python<'py>,
        problem: Option<&Bound<'py, PyProblem>>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lang = self::lang(lang)?;
        let problem = self.problem_for(py, problem)?;
        let rows = py.guarded(|| crate::export::activity_rows(&problem, &self.inner, lang))?;
        to_python(py, &serde_json::to_value(rows).unwrap_or_default())
    }

    /// The programme month by month, a line per group, in "vi" or "en".
    #[pyo3(signature = (problem = None, lang = "vi"))]
    fn programme_text(
        &self,
        py: Python<'_>,
        problem: Option<&Bound<'_, PyProblem>>,
        lang: &str,
    ) -> PyResult<String> {
        let lang = self::lang(lang)?;
        let problem = self.problem_for(py, problem)?;
        py.guarded(|| crate::export::programme::programme_text(&problem, &self.inner, lang))
    }

    /// Writes the plan as CSV (a row per activity, UTF-8 with a byte-order mark).
    #[pyo3(signature = (path, problem = None, lang = "vi"))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        problem: Option<&Bound<'_, PyProblem>>,
        lang: &str,
    ) -> PyResult<()> {
        let lang = self::lang(lang)?;
        let problem = self.problem_for(py, problem)?;
        export_with(
            py,
            &problem,
            &self.inner,
            &path,
            lang,
            crate::export::csv::write_csv,
        )
    }

    /// Writes the plan as an iCalendar file (RFC 5545): one all-day event per group
    /// with its bodies, members and subjects.
    #[pyo3(signature = (path, problem = None, lang = "vi"))]
    fn to_ics(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        problem: Option<&Bound<'_, PyProblem>>,
        lang: &str,
    ) -> PyResult<()> {
        let lang = self::lang(lang)?;
        let problem = self.problem_for(py, problem)?;
        export_with(
            py,
            &problem,
            &self.inner,
            &path,
            lang,
            crate::export::ics::write_ics,
        )
    }

    /// Writes the programme workbook (.xlsx) as offices write it: a consolidated sheet
    /// by month, one sheet per body, and the reference sheets, headings in `lang`.
    /// `Problem.from_excel` reads it back.
    #[pyo3(signature = (path, problem = None, lang = "vi"))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        problem: Option<&Bound<'_, PyProblem>>,
        lang: &str,
    ) -> PyResult<()> {
        let lang = self::lang(lang)?;
        let problem = self.problem_for(py, problem)?;
        export_with(
            py,
            &problem,
            &self.inner,
            &path,
            lang,
            |p, plan, path, lang| crate::workbook::write_plan(p, plan, path, lang),
        )
    }

    /// A pandas DataFrame with a row per activity (see `rows`); needs
    /// `pip install 'oversight[notebook]'`.
    #[pyo3(signature = (problem = None, lang = "vi"))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        problem: Option<&Bound<'py, PyProblem>>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.rows(py, problem, lang)?;
        Self::call_python(py, "oversight.frames", "pandas_frame", (rows,), None)
    }

    /// A polars DataFrame with a row per activity (see `rows`); needs polars.
    #[pyo3(signature = (problem = None, lang = "vi"))]
    fn to_polars<'py>(
        &self,
        py: Python<'py>,
        problem: Option<&Bound<'py, PyProblem>>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.rows(py, problem, lang)?;
        Self::call_python(py, "oversight.frames", "polars_frame", (rows,), None)
    }

    /// A pandas DataFrame of the hard violations: rule, groups, activities, count,
    /// message (in `lang`).
    #[pyo3(signature = (lang = "vi"))]
    fn violations_frame<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        self::lang(lang)?;
        let violations = self.violations(py)?;
        Self::call_python(
            py,
            "oversight.frames",
            "violations_frame",
            (violations, lang),
            None,
        )
    }

    /// A plotly timeline by body: sessions and Tết shaded, joint activities marked,
    /// violations highlighted. Needs `pip install 'oversight[notebook]'`.
    #[pyo3(signature = (problem = None, lang = "vi"))]
    fn gantt<'py>(
        slf: &Bound<'py, Self>,
        problem: Option<&Bound<'py, PyProblem>>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        self::lang(lang)?;
        let problem = PyProblem::shared(slf.get().problem_for(py, problem)?);
        let kwargs = PyDict::new(py);
        kwargs.set_item("lang", lang)?;
        Self::call_python(
            py,
            "oversight.figures",
            "gantt",
            (problem, slf.clone()),
            Some(&kwargs),
        )
    }

    /// A plotly heatmap of the load per month: field days per body (`by="body"`) or
    /// visits per commune or area (`by="area"`).
    #[pyo3(signature = (problem = None, by = "body", lang = "vi"))]
    fn load_heatmap<'py>(
        slf: &Bound<'py, Self>,
        problem: Option<&Bound<'py, PyProblem>>,
        by: &str,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        self::lang(lang)?;
        let problem = PyProblem::shared(slf.get().problem_for(py, problem)?);
        let kwargs = PyDict::new(py);
        kwargs.set_item("by", by)?;
        kwargs.set_item("lang", lang)?;
        Self::call_python(
            py,
            "oversight.figures",
            "load_heatmap",
            (problem, slf.clone()),
            Some(&kwargs),
        )
    }

    /// Jupyter's rich view: score, violations and the groups month by month.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let problem = slf
            .get()
            .problem
            .as_ref()
            .map(|p| PyProblem::shared(Arc::clone(p)));
        Self::call_python(
            py,
            "oversight.html",
            "plan_html",
            (slf.clone(), problem),
            None,
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
