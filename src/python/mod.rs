//! The Python binding, `oversight._oversight`. It converts and delegates: no behaviour
//! lives here. Long calls release the GIL.

mod analysis;
mod calendar;
mod convert;
mod draft;
mod errors;
mod plan;
mod problem;
mod search;

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
    m.add_function(wrap_pyfunction!(calendar::solar_to_lunar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::lunar_to_solar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::lunar_new_year, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::public_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::makeup_workdays, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::working_days, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::tet_break, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::year_name, m)?)?;
    m.add_function(wrap_pyfunction!(problem::generate, m)?)?;
    Ok(())
}
