//! Numbers given to the binding, checked before any core code runs. A Python int of any
//! size arrives: one that does not fit raises `ValueError` naming the argument and the
//! range, never the bare `OverflowError` (which names nothing and is not a
//! `ValueError`). PyO3 prefixes the argument's name only to a `TypeError`, so each
//! message here names its argument itself.

use std::ops::RangeInclusive;
use std::time::Duration;

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

use super::errors::CalendarError;
use crate::calendar::lunar::{FIRST_YEAR, LAST_YEAR};
use crate::solve::options::MAX_TIME_LIMIT;

/// At most this many characters of a rejected value are repeated in the message (a
/// 10,000-digit int must not become a 10,000-character error).
const SHOWN: usize = 40;

fn shown(obj: &Bound<'_, PyAny>) -> String {
    let text = obj
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into());
    if text.chars().count() <= SHOWN {
        text
    } else {
        let cut: String = text.chars().take(SHOWN).collect();
        format!("{cut}… ({} characters)", text.chars().count())
    }
}

fn out_of_range(name: &str, range: &RangeInclusive<i128>, obj: &Bound<'_, PyAny>) -> PyErr {
    let max = if *range.end() == i128::from(u64::MAX) {
        "2**64 - 1".to_owned()
    } else {
        range.end().to_string()
    };
    PyValueError::new_err(format!(
        "{name} must be a whole number from {} to {max}, got {}",
        range.start(),
        shown(obj)
    ))
}

/// Python's `True` is the int 1: `steps=True` would mean one step. A flag where a count
/// is asked for is a mistake, refused like any other wrong type.
fn refuse_bool(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<()> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{name} must be a number, got {}",
            shown(obj)
        )));
    }
    Ok(())
}

/// The int `obj` if it lies in `range`; a non-int raises `TypeError` (PyO3 adds the
/// argument's name), an int outside the range `ValueError` naming `name`.
pub fn whole(obj: &Bound<'_, PyAny>, name: &str, range: RangeInclusive<i128>) -> PyResult<i128> {
    refuse_bool(obj, name)?;
    match obj.extract::<i128>() {
        Ok(n) if range.contains(&n) => Ok(n),
        Ok(_) => Err(out_of_range(name, &range, obj)),
        Err(err) if err.is_instance_of::<PyOverflowError>(obj.py()) => {
            Err(out_of_range(name, &range, obj))
        }
        Err(err) => Err(err),
    }
}

/// `whole` converted to the type the core takes; `range` lies within `T`.
fn whole_as<T: TryFrom<i128>>(
    obj: &Bound<'_, PyAny>,
    name: &str,
    range: RangeInclusive<i128>,
) -> PyResult<T> {
    let n = whole(obj, name, range.clone())?;
    T::try_from(n).map_err(|_| out_of_range(name, &range, obj))
}

/// Declares a checked argument: its name in messages and its range.
macro_rules! argument {
    ($(#[$doc:meta])* $type:ident($inner:ty), $name:literal, $range:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $type(pub $inner);

        impl<'a, 'py> FromPyObject<'a, 'py> for $type {
            type Error = PyErr;

            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                whole_as(&obj.to_owned(), $name, $range).map($type)
            }
        }
    };
}

argument!(
    /// `seed=`: any 64-bit unsigned seed.
    Seed(u64), "seed", 0..=i128::from(u64::MAX)
);
argument!(
    /// `threads=`: at least one; more than the machine runs at once is capped by
    /// `SolveOptions::threads_used`.
    Threads(usize), "threads", 1..=i128::from(u64::MAX).min(usize::MAX as i128)
);
argument!(
    /// `steps=`: at least one local-search step.
    Steps(u64), "steps", 1..=i128::from(u64::MAX)
);
argument!(
    /// `unimproved_steps=`: at least one step.
    UnimprovedSteps(u64), "unimproved_steps", 1..=i128::from(u64::MAX)
);
argument!(
    /// `top=`: at least one recommendation.
    Top(usize), "top", 1..=i128::from(u64::MAX).min(usize::MAX as i128)
);
/// `year=` of a calendar function that needs the lunar calendar: a year outside its
/// range raises `CalendarError` (a `ValueError`), as the core does for such a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year(pub i32);

impl<'a, 'py> FromPyObject<'a, 'py> for Year {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let range = i128::from(FIRST_YEAR)..=i128::from(LAST_YEAR);
        whole_as(&obj.to_owned(), "year", range)
            .map(Year)
            .map_err(|err| {
                if err.is_instance_of::<PyValueError>(obj.py()) {
                    CalendarError::new_err(err.value(obj.py()).to_string())
                } else {
                    err
                }
            })
    }
}

argument!(
    /// `year=` of a function that takes any year a 32-bit int holds.
    AnyYear(i32), "year", i128::from(i32::MIN)..=i128::from(i32::MAX)
);

/// `time_limit=`: a finite number of seconds above zero and at most `MAX_TIME_LIMIT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimit(pub Duration);

impl TimeLimit {
    /// The search methods' default: one second.
    pub const DEFAULT: TimeLimit = TimeLimit(Duration::from_secs(1));
}

impl<'a, 'py> FromPyObject<'a, 'py> for TimeLimit {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        let refuse = || {
            PyValueError::new_err(format!(
                "time_limit must be a number of seconds above 0 and at most {} (one week), got {}",
                MAX_TIME_LIMIT.as_secs(),
                shown(&obj)
            ))
        };
        refuse_bool(&obj, "time_limit")?;
        let seconds = match obj.extract::<f64>() {
            Ok(s) => s,
            Err(err) if err.is_instance_of::<PyOverflowError>(obj.py()) => return Err(refuse()),
            Err(err) => return Err(err),
        };
        if !(seconds > 0.0 && seconds <= MAX_TIME_LIMIT.as_secs_f64()) {
            return Err(refuse());
        }
        // In range, so the conversion cannot fail; a failure is refused all the same.
        Duration::try_from_secs_f64(seconds)
            .map(TimeLimit)
            .map_err(|_| refuse())
    }
}
