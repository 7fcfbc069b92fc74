//! Calendar functions for `oversight.calendar`.

use chrono::NaiveDate;
use pyo3::prelude::*;

use super::errors::IntoPyResult;
use super::guard::guard;
use super::numbers::{whole, AnyYear, Year};
use crate::calendar::{self as cal, LunarDate};
use crate::model::{CalendarSpec, Country, DateRange, Weekday};

/// (year, month, day, leap) of the lunar date of `date`.
#[pyfunction]
pub fn solar_to_lunar(date: NaiveDate) -> PyResult<(i32, u32, u32, bool)> {
    let l = guard(|| cal::solar_to_lunar(date).py_err())?;
    Ok((l.year, l.month, l.day, l.leap))
}

/// The solar date of a lunar date.
#[pyfunction]
#[pyo3(signature = (year, month, day, leap = false))]
pub fn lunar_to_solar(
    year: Year,
    month: &Bound<'_, PyAny>,
    day: &Bound<'_, PyAny>,
    leap: bool,
) -> PyResult<NaiveDate> {
    // Within these ranges the core says which dates exist (day 30, leap months).
    let month = whole(month, "month", 1..=12)? as u32;
    let day = whole(day, "day", 1..=30)? as u32;
    guard(|| {
        cal::lunar_to_solar(LunarDate {
            year: year.0,
            month,
            day,
            leap,
        })
        .py_err()
    })
}

/// Tết: the first day of lunar year `year`.
#[pyfunction]
pub fn lunar_new_year(year: Year) -> PyResult<NaiveDate> {
    guard(|| cal::lunar::lunar_new_year(year.0).py_err())
}

/// Vietnamese public holidays of `year`: (date, name_vi, name_en, kind).
#[pyfunction]
pub fn public_holidays(year: Year) -> PyResult<Vec<(NaiveDate, String, String, String)>> {
    Ok(guard(|| cal::public_holidays(year.0).py_err())?
        .into_iter()
        .map(|h| {
            let kind = serde_json::to_value(h.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            (h.date, h.name_vi, h.name_en, kind)
        })
        .collect())
}

/// The make-up working Saturdays the government announced for `year`.
#[pyfunction]
pub fn makeup_workdays(year: AnyYear) -> Vec<NaiveDate> {
    cal::makeup_workdays(year.0)
}

/// The working days from `start` to `end`.
#[pyfunction]
#[pyo3(signature = (start, end, country = "VN", weekend = vec!["sat".to_string(), "sun".to_string()], days_off = Vec::new(), workdays = Vec::new()))]
pub fn working_days(
    start: NaiveDate,
    end: NaiveDate,
    country: &str,
    weekend: Vec<String>,
    days_off: Vec<NaiveDate>,
    workdays: Vec<NaiveDate>,
) -> PyResult<Vec<NaiveDate>> {
    let bad = |what: String| pyo3::exceptions::PyValueError::new_err(what);
    let country = match country {
        "VN" => Country::Vietnam,
        "none" => Country::NoHolidays,
        other => {
            return Err(bad(format!(
                "unknown country {other:?}; use \"VN\" or \"none\""
            )))
        }
    };
    let weekend = weekend
        .iter()
        .map(|w| {
            serde_json::from_value::<Weekday>(serde_json::Value::String(w.clone()))
                .map_err(|_| bad(format!("unknown weekday {w:?}; use \"mon\" … \"sun\"")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    if end < start {
        return Err(bad(format!("the end {end} is before the start {start}")));
    }
    let spec = CalendarSpec {
        country,
        weekend,
        days_off,
        workdays,
    };
    let calendar = guard(|| cal::WorkCalendar::new(&spec, DateRange { start, end }).py_err())?;
    Ok(calendar
        .working_days()
        .iter()
        .map(|&d| calendar.date(d))
        .collect())
}

/// The Tết break of lunar year `year`: (first day off, last day off, name_vi, name_en).
#[pyfunction]
pub fn tet_break(year: Year) -> PyResult<(NaiveDate, NaiveDate, String, String)> {
    let b = guard(|| cal::tet_break(year.0).py_err())?;
    Ok((b.start, b.end, b.name_vi, b.name_en))
}

/// The name of lunar year `year` in the sexagenary cycle ("Giáp Thìn").
#[pyfunction]
pub fn year_name(year: AnyYear) -> String {
    cal::year_name(year.0)
}
