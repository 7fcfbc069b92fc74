//! `oversight.Problem`: a validated problem, owned by Rust.

use pyo3::prelude::*;
use pyo3::types::PyAny;

use super::convert::{to_python, to_value};
use super::errors::IntoPyResult;
use super::plan::PyPlan;
use crate::model::Problem;
use crate::solve::{Progress, SolveOptions};

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
        let time_limit = match time_limit {
            Some(t) if !(t.is_finite() && t >= 0.0) => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "time_limit must be a non-negative number of seconds, got {t}"
                )))
            }
            other => other.map(std::time::Duration::from_secs_f64),
        };
        let options = SolveOptions {
            seed,
            time_limit,
            steps,
            unimproved_steps,
            threads: threads.max(1),
            ..SolveOptions::default()
        };
        let mut callback_error: Option<PyErr> = None;
        let mut hook = |p: &Progress| -> bool {
            Python::attach(|py| {
                if let Err(err) = py.check_signals() {
                    // Ctrl-C: stop and hand back the best plan; other signals' errors
                    // propagate after the search.
                    if !err.is_instance_of::<pyo3::exceptions::PyKeyboardInterrupt>(py) {
                        callback_error = Some(err);
                    }
                    return true;
                }
                let Some(callback) = &progress else {
                    return false;
                };
                let info = pyo3::types::PyDict::new(py);
                let filled = info
                    .set_item("step", p.step)
                    .and_then(|_| info.set_item("hard", p.best.hard))
                    .and_then(|_| info.set_item("soft", p.best.soft))
                    .and_then(|_| info.set_item("elapsed", p.elapsed.as_secs_f64()));
                match filled.and_then(|_| callback.call1(py, (info,))) {
                    Ok(answer) => answer.is_truthy(py).unwrap_or(false),
                    Err(err) => {
                        callback_error = Some(err);
                        true
                    }
                }
            })
        };
        let result = py.detach(|| self.inner.solve_with(&options, &mut hook));
        if let Some(err) = callback_error {
            return Err(err);
        }
        Ok(PyPlan {
            inner: result.py_err()?,
        })
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
