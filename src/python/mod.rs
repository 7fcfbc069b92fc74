//! The Python binding, `oversight._oversight`. It converts and delegates: no behaviour
//! lives here. Long calls release the GIL.

mod analysis;
mod calendar;
mod convert;
mod draft;
mod errors;
mod guard;
mod numbers;
mod plan;
mod problem;
mod search;
mod text;

use pyo3::prelude::*;

/// The compiled core of the `oversight` package.
#[pymodule]
fn _oversight(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<problem::PyProblem>()?;
    m.add_class::<plan::PyPlan>()?;
    m.add_class::<analysis::PyAnalysis>()?;
    m.add("ValidationError", py.get_type::<errors::ValidationError>())?;
    m.add("CalendarError", py.get_type::<errors::CalendarError>())?;
    m.add(
        "UnknownActivityError",
        py.get_type::<errors::UnknownActivityError>(),
    )?;
    m.add("InternalError", py.get_type::<guard::InternalError>())?;
    m.add("FIRST_YEAR", crate::calendar::lunar::FIRST_YEAR)?;
    m.add("LAST_YEAR", crate::calendar::lunar::LAST_YEAR)?;
    m.add(
        "MAX_TIME_LIMIT",
        crate::solve::options::MAX_TIME_LIMIT.as_secs_f64(),
    )?;
    m.add_function(wrap_pyfunction!(search::max_threads, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::solar_to_lunar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::lunar_to_solar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::lunar_new_year, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::public_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::makeup_workdays, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::working_days, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::tet_break, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::year_name, m)?)?;
    m.add_function(wrap_pyfunction!(problem::generate, m)?)?;
    m.add_function(wrap_pyfunction!(text::labels, m)?)?;
    Ok(())
}
