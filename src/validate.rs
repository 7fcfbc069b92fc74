//! Loading and validating a problem: parse the text, decode the tree, run the model's
//! consistency checks, then the calendar's. Every fault of every stage is collected
//! into one [`Error::Invalid`].

use std::path::Path;

use serde_json::Value;

use crate::calendar::{check::check_windows, WorkCalendar};
use crate::error::{Document, Error, Fault, Result};
use crate::model::check::check_problem;
use crate::model::decode::decode_problem;
use crate::model::document::{parse_bytes, parse_str, render, Syntax};
use crate::model::Problem;

impl Problem {
    /// Reads a problem file (JSON, YAML for `.yaml`/`.yml`, TOML for `.toml`) and validates it.
    ///
    /// ```
    /// let problem = oversight::Problem::load("examples/nghe-an-2024.json")?;
    /// assert_eq!(problem.name, "Nghệ An 2024");
    /// # Ok::<(), oversight::Error>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Problem> {
        let path = path.as_ref();
        let bytes = crate::files::read(path)?;
        Problem::from_bytes(&bytes, Syntax::for_path(path))
    }

    /// Parses and validates a problem from raw bytes.
    pub fn from_bytes(bytes: &[u8], syntax: Syntax) -> Result<Problem> {
        let value = parse_bytes(bytes, syntax).map_err(invalid)?;
        Problem::from_value(&value)
    }

    /// Parses and validates a problem from text (JSON or YAML, sniffed).
    pub fn from_text(text: &str) -> Result<Problem> {
        let value = parse_str(text, Syntax::Auto).map_err(invalid)?;
        Problem::from_value(&value)
    }

    /// Decodes and validates a problem from a JSON tree.
    pub fn from_value(value: &Value) -> Result<Problem> {
        let decoded = decode_problem(value);
        let mut faults = decoded.faults;
        if let Some(problem) = &decoded.problem {
            check_problem(problem, &decoded.dropped_ids, &mut faults);
            if faults.is_empty() {
                check_calendar(problem, &mut faults);
            }
        }
        match decoded.problem {
            Some(problem) if faults.is_empty() => Ok(problem),
            _ => Err(Error::invalid(Document::Problem, faults)),
        }
    }

    /// Runs every check of the format on a problem built in code.
    pub fn validate(&self) -> Result<()> {
        let mut faults = Vec::new();
        if self.format != crate::model::PROBLEM_FORMAT {
            faults.push(Fault::new(
                "format",
                format!(
                    "unsupported format \"{}\"; this library reads \"{}\"",
                    self.format,
                    crate::model::PROBLEM_FORMAT
                ),
            ));
        }
        check_problem(self, &Default::default(), &mut faults);
        if faults.is_empty() {
            check_calendar(self, &mut faults);
        }
        if faults.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid(Document::Problem, faults))
        }
    }

    /// The problem as a JSON tree in the canonical format.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The problem as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the problem as JSON, YAML for `.yaml`/`.yml` or TOML for `.toml`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = render(self, Syntax::for_path(path)).map_err(invalid)?;
        crate::files::write(path, text)
    }
}

/// The calendar needs a sane model (horizon, dates); it runs only when that holds.
fn check_calendar(problem: &Problem, faults: &mut Vec<Fault>) {
    match WorkCalendar::new(&problem.calendar, problem.horizon) {
        Ok(calendar) => check_windows(problem, &calendar, faults),
        Err(err) => faults.push(Fault::new("horizon", err.to_string())),
    }
}

fn invalid(fault: Fault) -> Error {
    Error::Invalid {
        document: Document::Problem,
        faults: vec![fault],
    }
}
