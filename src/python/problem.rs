//! `oversight.Problem`: a validated problem, owned by Rust.

use pyo3::prelude::*;
use pyo3::types::PyAny;

use super::convert::{to_python, to_value};
use super::errors::IntoPyResult;
use super::plan::PyPlan;
use super::search;
use crate::model::Problem;

/// A validated supervision-planning problem (`oversight.problem/1`).
#[pyclass(name = "Problem", module = "oversight", frozen)]
pub struct PyProblem {
    pub inner: Problem,
}

#[pymethods]
impl PyProblem {
    /// Reads and validates a problem file (JSON, or YAML for .yaml/.yml).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| Problem::load(&path)).py_err()?;
        Ok(PyProblem { inner })
    }

    /// Validates a problem given as a dict (as `json.load` returns it).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_value(data)?;
        let inner = data.py().detach(|| Problem::from_value(&value)).py_err()?;
        Ok(PyProblem { inner })
    }

    /// Parses and validates a problem from JSON or YAML text.
    #[staticmethod]
    fn from_text(py: Python<'_>, text: String) -> PyResult<Self> {
        let inner = py.detach(|| Problem::from_text(&text)).py_err()?;
        Ok(PyProblem { inner })
    }

    /// The problem as a dict in the canonical format (defaults filled in).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.to_value())
    }

    /// The problem as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the problem as JSON, or YAML for .yaml/.yml.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).py_err()
    }

    /// Runs every check of the format; raises ValidationError listing every fault.
    fn validate(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.validate()).py_err()
    }

    /// Scores a plan against this problem; with a baseline, also the move/shift terms.
    #[pyo3(signature = (plan, baseline = None))]
    fn score(&self, py: Python<'_>, plan: &PyPlan, baseline: Option<&PyPlan>) -> PyResult<PyPlan> {
        let inner = py
            .detach(|| {
                self.inner
                    .score_against(&plan.inner, baseline.map(|b| &b.inner))
            })
            .py_err()?;
        Ok(PyPlan { inner })
    }

    /// Harmonises the programmes into a plan. Releases the GIL; Ctrl-C stops the search
    /// and returns the best plan so far. `progress(info)` is called about every 50 ms
    /// with {"step", "hard", "soft", "elapsed"}; returning True stops the search.
    #[pyo3(
        signature = (time_limit = Some(1.0), seed = 0, threads = 1, steps = None, unimproved_steps = None, progress = None),
        text_signature = "(self, /, time_limit=1.0, seed=0, threads=1, steps=None, unimproved_steps=None, progress=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        time_limit: Option<f64>,
        seed: u64,
        threads: usize,
        steps: Option<u64>,
        unimproved_steps: Option<u64>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPlan> {
        let options = search::options(time_limit, seed, threads, steps, unimproved_steps)?;
        let inner = search::run(py, progress, |hook| self.inner.solve_with(&options, hook))?;
        Ok(PyPlan { inner })
    }

    /// Re-plans mid-year: groups of `baseline` starting before `freeze_before` keep
    /// their dates; the others move only when it pays for the move/shift terms.
    #[pyo3(
        signature = (baseline, freeze_before, time_limit = Some(1.0), seed = 0, threads = 1, steps = None, unimproved_steps = None, progress = None),
        text_signature = "(self, /, baseline, freeze_before, time_limit=1.0, seed=0, threads=1, steps=None, unimproved_steps=None, progress=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn replan(
        &self,
        py: Python<'_>,
        baseline: &PyPlan,
        freeze_before: chrono::NaiveDate,
        time_limit: Option<f64>,
        seed: u64,
        threads: usize,
        steps: Option<u64>,
        unimproved_steps: Option<u64>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPlan> {
        let options = search::options(time_limit, seed, threads, steps, unimproved_steps)?;
        let baseline = &baseline.inner;
        let inner = search::run(py, progress, |hook| {
            self.inner
                .replan_with(baseline, freeze_before, &options, hook)
        })?;
        Ok(PyPlan { inner })
    }

    /// When no plan without hard violations exists, a minimal conflict as a dict:
    /// activities, rules [{rule, activities, message, message_en}], proven, message,
    /// message_en. None when the solver finds a plan without hard violations.
    #[pyo3(
        signature = (time_limit = Some(1.0), seed = 0, steps = None),
        text_signature = "(self, /, time_limit=1.0, seed=0, steps=None)"
    )]
    fn explain_infeasible<'py>(
        &self,
        py: Python<'py>,
        time_limit: Option<f64>,
        seed: u64,
        steps: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = search::options(time_limit, seed, 1, steps, None)?;
        let conflict = py
            .detach(|| self.inner.explain_infeasible(&options))
            .py_err()?;
        to_python(py, &serde_json::to_value(conflict).unwrap_or_default())
    }

    /// The `top` best start dates for the group of `activity`, the rest of `plan`
    /// unchanged: dicts with start, days, hard and soft (changes), terms, score.
    #[pyo3(signature = (plan, activity, top = 5))]
    fn recommend<'py>(
        &self,
        py: Python<'py>,
        plan: &PyPlan,
        activity: &str,
        top: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ranked = py
            .detach(|| self.inner.recommend(&plan.inner, activity, top))
            .py_err()?;
        to_python(py, &serde_json::to_value(ranked).unwrap_or_default())
    }

    /// The compiled scheduling model as plain data (groups, candidate starts with their
    /// days, rule numbers), for independent solvers such as the benchmark's CP-SAT model.
    fn schedule_model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = py
            .detach(|| {
                let model = crate::score::ScoreModel::new(&self.inner)?;
                let candidates = crate::solve::domain::candidate_starts(&model);
                Ok::<_, crate::Error>(model.export(&candidates))
            })
            .py_err()?;
        to_python(py, &value)
    }

    /// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
    fn analyze(&self, py: Python<'_>) -> PyResult<super::analysis::PyAnalysis> {
        let inner = py.detach(|| self.inner.analyze()).py_err()?;
        Ok(super::analysis::PyAnalysis { inner })
    }

    /// The problem's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyProblem>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "<Problem {:?}: {} bodies, {} people, {} activities, {} – {}>",
            p.name,
            p.bodies.len(),
            p.people.len(),
            p.activities.len(),
            p.horizon.start,
            p.horizon.end
        )
    }
}

/// A realistic generated problem: scale "tiny" (≈12 activities), "small" (≈40),
/// "province" (≈150) or "large" (≈400); `infeasible` plants a small conflict.
#[pyfunction]
#[pyo3(signature = (scale = "province", seed = 0, year = 2025, infeasible = false))]
pub fn generate(scale: &str, seed: u64, year: i32, infeasible: bool) -> PyResult<PyProblem> {
    let scale = crate::generate::Scale::parse(scale).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "unknown scale {scale:?}; use \"tiny\", \"small\", \"province\" or \"large\""
        ))
    })?;
    if !(1900..=2199).contains(&year) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "year {year} is outside the calendar's range 1900–2199"
        )));
    }
    Ok(PyProblem {
        inner: crate::generate::generate(&crate::generate::GenerateOptions {
            scale,
            seed,
            year,
            infeasible,
        }),
    })
}
