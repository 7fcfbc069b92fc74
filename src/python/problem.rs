//! `oversight.Problem`: a problem loaded from a file, given as a dict, or built with
//! the `add_*` calls. Every use validates it first (once per change), so a fault
//! surfaces with the same JSON path whichever way the problem was made. The compiled
//! model is cached beside it, so scoring, solving and recommending compile once per
//! change.

use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict};
use serde_json::{Map, Value};

use super::convert::{to_python, to_value, to_value_at};
use super::draft::{Draft, COLLECTIONS};
use super::guard::Guarded;
use super::numbers::{AnyYear, Seed, Steps, Threads, TimeLimit, Top, UnimprovedSteps};
use super::plan::PyPlan;
use super::search;
use crate::error::Document;
use crate::model::document::index;
use crate::model::Problem;
use crate::score::ScoreModel;

/// A supervision-planning problem (`oversight.problem/1`).
#[pyclass(name = "Problem", module = "oversight", frozen)]
pub struct PyProblem {
    draft: Draft,
    /// The compiled model and the validated problem it was compiled from. An `add_*`
    /// call makes the draft validate into a new `Arc`, so a cached pair whose problem
    /// is not the current one is stale; holding that `Arc` keeps its address from
    /// being reused.
    compiled: Mutex<Option<(Arc<Problem>, Arc<ScoreModel>)>>,
}

impl PyProblem {
    /// Wraps a validated problem.
    pub fn of(problem: Problem) -> Self {
        PyProblem {
            draft: Draft::validated(problem),
            compiled: Mutex::new(None),
        }
    }

    /// Wraps a validated problem shared with a plan.
    pub fn shared(problem: Arc<Problem>) -> Self {
        PyProblem {
            draft: Draft::shared(problem),
            compiled: Mutex::new(None),
        }
    }

    /// The validated problem; raises `ValidationError` listing every fault of a
    /// problem built with the `add_*` calls.
    pub fn problem(&self, py: Python<'_>) -> PyResult<Arc<Problem>> {
        match self.draft.cached_or_document() {
            Ok(problem) => Ok(problem),
            Err(document) => py.guarded(|| self.draft.validate_document(&document)),
        }
    }

    /// The validated problem and its compiled model, compiled at most once per change.
    pub fn compiled(&self, py: Python<'_>) -> PyResult<(Arc<Problem>, Arc<ScoreModel>)> {
        let problem = self.problem(py)?;
        {
            // A panic elsewhere cannot leave the pair half-written: take it as it is.
            let slot = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((of, model)) = slot.as_ref() {
                if Arc::ptr_eq(of, &problem) {
                    return Ok((problem, Arc::clone(model)));
                }
            }
        }
        // Compiled without the lock held, so the GIL can be released meanwhile.
        let model = Arc::new(py.guarded(|| problem.compile())?);
        let mut slot = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        *slot = Some((Arc::clone(&problem), Arc::clone(&model)));
        Ok((problem, model))
    }

    /// Appends one entry, given as keyword arguments, to a list of the document.
    fn add(&self, collection: &str, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        let position = self.draft.len_of(collection);
        let path = index(collection, position);
        let item = match fields {
            Some(fields) => to_value_at(fields.as_any(), Document::Problem, &path)?,
            None => Value::Object(Map::new()),
        };
        self.draft.push(collection, item);
        Ok(())
    }
}

/// `horizon=` as a dict {"start", "end"} or a pair (start, end).
fn horizon_value(horizon: &Bound<'_, PyAny>) -> PyResult<Value> {
    let value = to_value_at(horizon, Document::Problem, "horizon")?;
    Ok(match value {
        Value::Array(pair) if pair.len() == 2 => {
            let mut range = Map::new();
            range.insert("start".into(), pair[0].clone());
            range.insert("end".into(), pair[1].clone());
            Value::Object(range)
        }
        other => other,
    })
}

#[pymethods]
impl PyProblem {
    /// A new, empty problem to fill with the `add_*` calls. `horizon` is a pair of
    /// dates or {"start", "end"}; `calendar` and `rules` are dicts as in the format
    /// (defaults: Vietnamese calendar, the format's rules).
    #[new]
    #[pyo3(signature = (*, name, horizon, calendar = None, rules = None))]
    fn new(
        name: &Bound<'_, PyAny>,
        horizon: &Bound<'_, PyAny>,
        calendar: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut document = Map::new();
        document.insert("format".into(), Value::from("oversight.problem/1"));
        document.insert("name".into(), to_value_at(name, Document::Problem, "name")?);
        document.insert("horizon".into(), horizon_value(horizon)?);
        if let Some(calendar) = calendar {
            let value = to_value_at(calendar, Document::Problem, "calendar")?;
            document.insert("calendar".into(), value);
        }
        for collection in COLLECTIONS {
            document.insert(collection.into(), Value::Array(Vec::new()));
        }
        if let Some(rules) = rules {
            let value = to_value_at(rules, Document::Problem, "rules")?;
            document.insert("rules".into(), value);
        }
        Ok(PyProblem {
            draft: Draft::document(document),
            compiled: Mutex::new(None),
        })
    }

    /// Adds a body: id, name, kind, rank, max_parallel.
    #[pyo3(signature = (**fields))]
    fn add_body(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("bodies", fields)
    }

    /// Adds a person: id, name, bodies, unavailable.
    #[pyo3(signature = (**fields))]
    fn add_person(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("people", fields)
    }

    /// Adds a topic: id, name, parents.
    #[pyo3(signature = (**fields))]
    fn add_topic(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("topics", fields)
    }

    /// Adds an area (province or commune): id, name.
    #[pyo3(signature = (**fields))]
    fn add_area(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("areas", fields)
    }

    /// Adds an agency or commune under supervision: id, name, area.
    #[pyo3(signature = (**fields))]
    fn add_subject(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("subjects", fields)
    }

    /// Adds an event (a session, Tết, …): id, name, start, end, blocks.
    #[pyo3(signature = (**fields))]
    fn add_event(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("events", fields)
    }

    /// Adds an activity: id, body, title, form, topics, subjects, areas, duration,
    /// window, preferred, members, invite, after, before, fixed_start.
    #[pyo3(signature = (**fields))]
    fn add_activity(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("activities", fields)
    }

    /// Adds a supervision already held before the horizon: id, body, topics,
    /// subjects, start, end.
    #[pyo3(signature = (**fields))]
    fn add_history(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.add("history", fields)
    }

    /// Reads and validates a problem file (JSON, YAML for .yaml/.yml, TOML for .toml).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let problem = py.guarded(|| Problem::load(&path))?;
        Ok(PyProblem::of(problem))
    }

    /// Validates a problem given as a dict (as `json.load` returns it; dates may also
    /// be `datetime.date`).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_value(data, Document::Problem)?;
        let problem = data.py().guarded(|| Problem::from_value(&value))?;
        Ok(PyProblem::of(problem))
    }

    /// Parses and validates a problem from JSON or YAML text.
    #[staticmethod]
    fn from_text(py: Python<'_>, text: String) -> PyResult<Self> {
        let problem = py.guarded(|| Problem::from_text(&text))?;
        Ok(PyProblem::of(problem))
    }

    /// Reads a programme workbook (.xlsx): the proposals template `to_excel` writes,
    /// a plan's workbook, or one a body filled in by hand. Faults name the sheet and
    /// cell, e.g. `'dbqh'!E7 (activities[3].window.start)`.
    #[staticmethod]
    fn from_excel(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let problem = py.guarded(|| crate::workbook::read_problem(&path))?;
        Ok(PyProblem::of(problem))
    }

    /// Writes the proposals template (.xlsx): one sheet per body listing its proposed
    /// activities, and the reference sheets, headings in "vi" or "en".
    #[pyo3(signature = (path, lang = "vi"))]
    fn to_excel(&self, py: Python<'_>, path: std::path::PathBuf, lang: &str) -> PyResult<()> {
        let lang = crate::lang::Lang::parse(lang).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "unknown language {lang:?}; use \"vi\" or \"en\""
            ))
        })?;
        let problem = self.problem(py)?;
        py.guarded(|| crate::workbook::write_problem(&problem, &path, lang))
    }

    /// The problem as a dict in the canonical format (defaults filled in).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let problem = self.problem(py)?;
        to_python(py, &problem.to_value())
    }

    /// The problem as pretty-printed JSON.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let problem = self.problem(py)?;
        super::guard::guard(|| Ok(problem.to_json()))
    }

    /// Writes the problem as JSON, YAML for .yaml/.yml or TOML for .toml.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let problem = self.problem(py)?;
        py.guarded(|| problem.save(&path))
    }

    /// Runs every check of the format; raises ValidationError listing every fault.
    fn validate(&self, py: Python<'_>) -> PyResult<()> {
        let problem = self.problem(py)?;
        py.guarded(|| problem.validate())
    }

    /// Scores a plan against this problem; with a baseline, also the move/shift terms.
    #[pyo3(signature = (plan, baseline = None))]
    fn score(&self, py: Python<'_>, plan: &PyPlan, baseline: Option<&PyPlan>) -> PyResult<PyPlan> {
        let (problem, model) = self.compiled(py)?;
        let inner =
            py.guarded(|| problem.score_compiled(&model, &plan.inner, baseline.map(|b| &b.inner)))?;
        Ok(PyPlan::of(inner, problem))
    }

    /// Harmonises the programmes into a plan. Releases the GIL; Ctrl-C stops the search
    /// and returns the best plan so far. `progress(info)` is called about every 50 ms
    /// with {"step", "hard", "soft", "elapsed"}; returning True stops the search.
    /// `threads` beyond `max_threads()` (the cores) is capped to it; numbers out of
    /// range raise ValueError naming the argument (see `numbers.rs`).
    #[pyo3(
        signature = (time_limit = Some(TimeLimit::DEFAULT), seed = Seed(0), threads = Threads(1), steps = None, unimproved_steps = None, progress = None),
        text_signature = "(self, /, time_limit=1.0, seed=0, threads=1, steps=None, unimproved_steps=None, progress=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        time_limit: Option<TimeLimit>,
        seed: Seed,
        threads: Threads,
        steps: Option<Steps>,
        unimproved_steps: Option<UnimprovedSteps>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPlan> {
        let options = search::options(time_limit, seed, threads, steps, unimproved_steps);
        let (problem, model) = self.compiled(py)?;
        let inner = search::run(py, progress, |hook| {
            problem.solve_compiled(&model, &options, hook)
        })?;
        Ok(PyPlan::of(inner, problem))
    }

    /// Re-plans mid-year: groups of `baseline` starting before `freeze_before` keep
    /// their dates; the others move only when it pays for the move/shift terms.
    #[pyo3(
        signature = (baseline, freeze_before, time_limit = Some(TimeLimit::DEFAULT), seed = Seed(0), threads = Threads(1), steps = None, unimproved_steps = None, progress = None),
        text_signature = "(self, /, baseline, freeze_before, time_limit=1.0, seed=0, threads=1, steps=None, unimproved_steps=None, progress=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn replan(
        &self,
        py: Python<'_>,
        baseline: &PyPlan,
        freeze_before: chrono::NaiveDate,
        time_limit: Option<TimeLimit>,
        seed: Seed,
        threads: Threads,
        steps: Option<Steps>,
        unimproved_steps: Option<UnimprovedSteps>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPlan> {
        let options = search::options(time_limit, seed, threads, steps, unimproved_steps);
        let (problem, model) = self.compiled(py)?;
        let baseline = &baseline.inner;
        let inner = search::run(py, progress, |hook| {
            problem.replan_compiled(&model, baseline, freeze_before, &options, hook)
        })?;
        Ok(PyPlan::of(inner, problem))
    }

    /// When no plan without hard violations exists, a minimal conflict as a dict:
    /// activities, rules [{rule, activities, message, message_en}], proven, message,
    /// message_en. None when the solver finds a plan without hard violations.
    #[pyo3(
        signature = (time_limit = Some(TimeLimit::DEFAULT), seed = Seed(0), steps = None),
        text_signature = "(self, /, time_limit=1.0, seed=0, steps=None)"
    )]
    fn explain_infeasible<'py>(
        &self,
        py: Python<'py>,
        time_limit: Option<TimeLimit>,
        seed: Seed,
        steps: Option<Steps>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = search::options(time_limit, seed, Threads(1), steps, None);
        let problem = self.problem(py)?;
        let conflict = py.guarded(|| problem.explain_infeasible(&options))?;
        to_python(py, &serde_json::to_value(conflict).unwrap_or_default())
    }

    /// The `top` best start dates for the group of `activity`, the rest of `plan`
    /// unchanged: dicts with start, days, hard and soft (changes), terms, score.
    #[pyo3(
        signature = (plan, activity, top = Top(5)),
        text_signature = "(self, /, plan, activity, top=5)"
    )]
    fn recommend<'py>(
        &self,
        py: Python<'py>,
        plan: &PyPlan,
        activity: &str,
        top: Top,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (problem, model) = self.compiled(py)?;
        let ranked =
            py.guarded(|| problem.recommend_compiled(&model, &plan.inner, activity, top.0))?;
        to_python(py, &serde_json::to_value(ranked).unwrap_or_default())
    }

    /// The compiled scheduling model as plain data (groups, candidate starts with their
    /// days, rule numbers), for independent solvers such as the benchmark's CP-SAT model.
    fn schedule_model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let (_, model) = self.compiled(py)?;
        let value = py.guarded(|| {
            let candidates = crate::solve::domain::candidate_starts(&model);
            Ok::<_, crate::Error>(model.export(&candidates))
        })?;
        to_python(py, &value)
    }

    /// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
    fn analyze(&self, py: Python<'_>) -> PyResult<super::analysis::PyAnalysis> {
        let problem = self.problem(py)?;
        let inner = py.guarded(|| problem.analyze())?;
        Ok(super::analysis::PyAnalysis { inner, problem })
    }

    /// A pandas DataFrame with a row per activity as proposed (windows split into
    /// start and end); needs `pip install 'oversight[notebook]'`.
    fn activities_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let data = self.to_dict(py)?;
        py.import("oversight.frames")?
            .getattr("activities_frame")?
            .call1((data,))
    }

    /// Jupyter's rich view: bodies, events and activities at a glance.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("oversight.html")?
            .getattr("problem_html")?
            .call1((slf.clone(),))
    }

    /// The problem's name.
    #[getter]
    fn name(&self) -> String {
        self.draft.name().unwrap_or_default()
    }

    /// Equal when both validate to the same problem (a problem built with the `add_*`
    /// calls equals the file it mirrors).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<PyProblem>() else {
            return false;
        };
        match (self.problem(py), other.get().problem(py)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match self.problem(py) {
            Ok(p) => format!(
                "<Problem {:?}: {} bodies, {} people, {} activities, {} – {}>",
                p.name,
                p.bodies.len(),
                p.people.len(),
                p.activities.len(),
                p.horizon.start,
                p.horizon.end
            ),
            Err(_) => {
                let counts: Vec<String> = self
                    .draft
                    .counts()
                    .iter()
                    .map(|(what, n)| format!("{n} {what}"))
                    .collect();
                format!(
                    "<Problem {:?} (draft, does not validate yet): {}>",
                    self.draft.name().unwrap_or_default(),
                    counts.join(", ")
                )
            }
        }
    }
}

/// A realistic generated problem: scale "tiny" (≈12 activities), "small" (≈40),
/// "province" (≈150) or "large" (≈400); `infeasible` plants a small conflict.
#[pyfunction]
#[pyo3(
    signature = (scale = "province", seed = Seed(0), year = AnyYear(2025), infeasible = false),
    text_signature = "(scale='province', seed=0, year=2025, infeasible=False)"
)]
pub fn generate(scale: &str, seed: Seed, year: AnyYear, infeasible: bool) -> PyResult<PyProblem> {
    let (Seed(seed), AnyYear(year)) = (seed, year);
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
    let problem = crate::generate::generate(&crate::generate::GenerateOptions {
        scale,
        seed,
        year,
        infeasible,
    });
    Ok(PyProblem::of(problem))
}
