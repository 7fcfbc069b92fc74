//! The crate's one error type.
//!
//! Every variant carries what a planner needs to find the fault: the JSON path inside
//! the document, the ids involved, or the file that could not be read. The Python
//! binding maps each variant to its own exception class in one `match`
//! (`src/python/errors.rs`), so a new variant fails to compile until it is mapped.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One fault in a document: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fault {
    /// A JSON path such as `activities[3].members[1]`; `$` is the whole document.
    pub path: String,
    /// What is wrong, in words a planner understands.
    pub message: String,
}

/// Longest path or message a fault keeps: a 50 MB value in a document must not become
/// a 50 MB error message.
const MAX_FAULT_TEXT: usize = 1000;

fn shorten(text: String) -> String {
    if text.len() <= MAX_FAULT_TEXT {
        return text;
    }
    let mut cut = MAX_FAULT_TEXT;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..cut], text.len())
}

impl Fault {
    /// A fault at `path`; overly long paths and messages are cut.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Fault {
            path: shorten(path.into()),
            message: shorten(message.into()),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Which kind of document a fault was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Document {
    Problem,
    Plan,
    /// A plan given as the baseline of a re-plan or of the move/shift terms.
    Baseline,
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Document::Problem => "problem",
            Document::Plan => "plan",
            Document::Baseline => "baseline",
        })
    }
}

/// Everything that can go wrong in `oversight`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A problem or plan document is malformed or breaks the format's rules. Every
    /// fault found is listed, not just the first.
    #[error("invalid {document}: {}", summarize(faults))]
    Invalid {
        document: Document,
        faults: Vec<Fault>,
    },
    /// A date lies outside the range the calendar supports.
    #[error("date {date} is outside the supported calendar range {min}..={max}")]
    DateOutOfRange {
        date: NaiveDate,
        min: NaiveDate,
        max: NaiveDate,
    },
    /// A lunar date that does not exist (day 30 of a short month, a leap month the
    /// year does not have, a year outside the supported range).
    #[error("no such lunar date: day {day} of {}month {month} of lunar year {year}", if *.leap { "leap " } else { "" })]
    NoSuchLunarDate {
        year: i32,
        month: u32,
        day: u32,
        leap: bool,
    },
    /// An activity id that the problem does not hold.
    #[error("unknown activity \"{id}\"")]
    UnknownActivity { id: String },
    /// The assertion mode found the incremental score different from the full one: a
    /// bug in the library, reported rather than hidden.
    #[error("score corruption at step {step}: incremental {incremental}, full {full}")]
    ScoreMismatch {
        step: u64,
        incremental: String,
        full: String,
    },
    /// A search thread panicked: a bug in the library, reported as an error so that a
    /// Jupyter kernel survives it.
    #[error("a solver thread stopped unexpectedly (a bug: please report it)")]
    SolverPanicked,
}

fn summarize(faults: &[Fault]) -> String {
    match faults {
        [] => "no details".to_string(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

/// Most faults an [`Error::Invalid`] lists. A corrupted 100 MB plan can hold millions of
/// faults; a planner reads the first ones, and printing them all would flood a
/// terminal or a notebook. The last fault kept says how many more there were.
pub const MAX_FAULTS: usize = 1000;

impl Error {
    /// An [`Error::Invalid`] listing at most [`MAX_FAULTS`] faults, the last of which
    /// then counts the ones left out.
    pub fn invalid(document: Document, mut faults: Vec<Fault>) -> Error {
        if faults.len() > MAX_FAULTS {
            let more = faults.len() - (MAX_FAULTS - 1);
            faults.truncate(MAX_FAULTS - 1);
            faults.push(Fault::new(
                "$",
                format!("… and {more} more faults, not listed; fix these first"),
            ));
        }
        Error::Invalid { document, faults }
    }

    /// The faults of an [`Error::Invalid`], empty for every other variant.
    pub fn faults(&self) -> &[Fault] {
        match self {
            Error::Invalid { faults, .. } => faults,
            _ => &[],
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
