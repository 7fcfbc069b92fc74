//! The programme workbook: planning offices live in Excel.
//!
//! [`write_problem`] writes the proposals template, [`write_plan`] the harmonised
//! programme, and [`read_problem`] reads either back into a validated [`Problem`].
//!
//! A workbook holds the whole problem:
//! - plan workbooks only: **Tổng hợp** (*Summary*), the programme month by month, one
//!   row per group (read by people, ignored by the reader);
//! - one sheet per body (named after its id), one row per activity: the columns a
//!   programme shows (title, form, subjects, dates, lead and partner bodies, members)
//!   and the columns that make every field of an activity round-trip (window,
//!   preferred window, fixed start, `after`/`before` as `ref+gap`, the ids);
//! - the reference sheets **Thông tin chung** (*General*: name, horizon, calendar,
//!   rules), **Cơ quan**, **Đại biểu**, **Chủ đề**, **Địa bàn**, **Đơn vị chịu giám
//!   sát**, **Sự kiện**, **Lịch sử giám sát**.
//!
//! Headings are Vietnamese for [`Lang::Vi`] and English for [`Lang::En`]; the reader
//! accepts both, finds columns by heading, skips blank rows and takes blank optional
//! cells as the format's default. Multi-valued cells separate items with `; ` or put
//! one a line. Dates are real Excel dates (`dd/mm/yyyy`); the reader also takes ISO and
//! `dd/mm/yyyy` text. A reference cell takes an id, or a name exactly one entry has.
//! Every reference sheet, and every body's sheet, must be there, and a sheet the
//! reader does not know is a fault: a renamed or deleted sheet never shortens the
//! problem silently. Text is compared in its composed form (NFC); what is kept (titles,
//! names, ids) stays as typed. What is read is bounded (`limits`): a small file that
//! unpacks to gigabytes is refused, not read.
//!
//! Every fault names its sheet and cell and the JSON path it stands for:
//! `'dbqh'!I7 (activities[12].duration): expected a whole number, found "ba"`.
//!
//! ```
//! use oversight::{workbook, Lang, Problem};
//! let problem = Problem::load("examples/nghe-an-2024.json")?;
//! let bytes = workbook::problem_to_bytes(&problem, Lang::Vi)?;
//! assert_eq!(workbook::read_problem_bytes(&bytes)?, problem);
//! # Ok::<(), oversight::Error>(())
//! ```

mod cells;
mod layout;
mod limits;
mod print;
mod read;
mod save;
mod text;
mod writable;
mod write;
mod xls_limits;

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use calamine::Reader;

use crate::error::{Document, Error, Fault, Result};
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;

/// Writes the proposals template of `problem`: one sheet per body and the reference
/// sheets, headings in `lang`. A value [`read_problem`] could not give back unchanged
/// (an empty title, an id with a space at its end, a cell over Excel's 32,767
/// characters…) is refused by its JSON path before anything is written, and the file
/// is replaced whole or not at all.
pub fn write_problem(problem: &Problem, path: impl AsRef<Path>, lang: Lang) -> Result<()> {
    let path = path.as_ref();
    save(problem_to_bytes_at(problem, lang, path)?, path)
}

/// Writes the harmonised programme: the month-by-month summary, then the proposals
/// sheets with each activity's scheduled dates. The plan is scored against `problem`
/// first (its days, invites and score are recomputed, never trusted); a plan that does
/// not fit the problem is an error.
pub fn write_plan(
    problem: &Problem,
    plan: &Plan,
    path: impl AsRef<Path>,
    lang: Lang,
) -> Result<()> {
    let path = path.as_ref();
    save(plan_to_bytes_at(problem, plan, lang, path)?, path)
}

/// [`write_problem`] into memory: the bytes of an `.xlsx` file.
pub fn problem_to_bytes(problem: &Problem, lang: Lang) -> Result<Vec<u8>> {
    problem_to_bytes_at(problem, lang, Path::new(IN_MEMORY))
}

/// [`write_plan`] into memory: the bytes of an `.xlsx` file.
pub fn plan_to_bytes(problem: &Problem, plan: &Plan, lang: Lang) -> Result<Vec<u8>> {
    plan_to_bytes_at(problem, plan, lang, Path::new(IN_MEMORY))
}

/// Reads a workbook written by [`write_problem`] or [`write_plan`] (or typed by a
/// planner in the same layout; `.xlsx`, `.xls` and `.ods` are read) into a validated
/// problem.
pub fn read_problem(path: impl AsRef<Path>) -> Result<Problem> {
    let path = path.as_ref();
    let bytes = crate::files::read(path)?;
    read_bytes_from(&bytes, &path.display().to_string())
}

/// [`read_problem`] from the bytes of a workbook file.
pub fn read_problem_bytes(bytes: &[u8]) -> Result<Problem> {
    read_bytes_from(bytes, "workbook")
}

/// The name errors give a workbook that is not a file.
const IN_MEMORY: &str = "(workbook in memory)";

fn problem_to_bytes_at(problem: &Problem, lang: Lang, path: &Path) -> Result<Vec<u8>> {
    write::to_bytes(problem, None, lang, path)
}

fn plan_to_bytes_at(problem: &Problem, plan: &Plan, lang: Lang, path: &Path) -> Result<Vec<u8>> {
    let scored = problem.score(plan)?;
    write::to_bytes(problem, Some(&scored), lang, path)
}

fn save(bytes: Vec<u8>, path: &Path) -> Result<()> {
    save::save(path, &bytes)
}

fn read_bytes_from(bytes: &[u8], source: &str) -> Result<Problem> {
    // The spreadsheet parser is third-party code fed with whatever a planner sends: a
    // panic inside it becomes an error, so a Jupyter kernel survives a corrupt file.
    catch_unwind(AssertUnwindSafe(|| read_unguarded(bytes, source))).unwrap_or_else(|_| {
        Err(invalid(Fault::new(
            source,
            "the workbook could not be read: its content is malformed",
        )))
    })
}

fn read_unguarded(bytes: &[u8], source: &str) -> Result<Problem> {
    // Before the parser opens the file: it reads the shared strings whole at once.
    let xlsx = limits::check_archive(bytes, source).map_err(invalid)?;
    // An .xls file is parsed whole, every sheet, as it is opened: checked first too.
    xls_limits::check_xls(bytes, source).map_err(invalid)?;
    let opened = if xlsx {
        calamine::Xlsx::new(Cursor::new(bytes))
            .map(calamine::Sheets::Xlsx)
            .map_err(|e| e.to_string())
    } else {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())
    };
    let mut workbook = opened.map_err(|e| {
        invalid(Fault::new(
            source,
            format!("not a workbook that can be read (.xlsx, .xls, .ods): {e}"),
        ))
    })?;
    let mut faults = Vec::new();
    let grids = read::load(&mut workbook, &mut faults);
    read::read(&grids, faults)
}

fn invalid(fault: Fault) -> Error {
    Error::Invalid {
        document: Document::Problem,
        faults: vec![fault],
    }
}
