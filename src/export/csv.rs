//! A plan as CSV: one row per activity (see [`ActivityRow`]), headings in the chosen
//! language, dates in ISO form, lists joined with "; ". The file starts with a UTF-8
//! byte-order mark because Excel otherwise reads Vietnamese text as Latin-1.
//!
//! Text a user typed (ids, titles, names) is guarded against formula injection: a cell
//! that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
//! formula by a spreadsheet, so it gets a leading `'` as OWASP's "CSV Injection" page
//! recommends. Dates, counts and labels the library writes itself are left as they are.

use std::path::Path;

use super::table::{activity_rows, ActivityRow};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;
use crate::text::label;

/// The columns, in order: each is the catalogue key `csv-<column>` of its heading.
const COLUMNS: [&str; 20] = [
    "id",
    "lead",
    "group",
    "joint",
    "body",
    "body_name",
    "title",
    "form",
    "form_label",
    "start",
    "end",
    "days",
    "members",
    "member_names",
    "subjects",
    "subject_names",
    "areas",
    "area_names",
    "topics",
    "invite",
];

/// The headings, in the order of the columns.
pub fn headings(lang: Lang) -> [String; 20] {
    COLUMNS.map(|column| label(lang, &format!("csv-{column}")))
}

/// The first characters OWASP lists as starting a formula in Excel, LibreOffice or
/// Google Sheets, and their full-width forms, which East Asian input methods type and
/// some spreadsheets read as the same operators.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// `text` as a spreadsheet shows it: control characters other than tab and line breaks
/// dropped (no spreadsheet shows them, and some act on them), and a leading `'` when the
/// text would start a formula — also after leading white space, which spreadsheets
/// skip before they look for `=`.
pub fn neutralise(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let first = clean.trim_start_matches(|c: char| c.is_whitespace() && c != '\t' && c != '\r');
    if clean.starts_with(FORMULA_STARTS) || first.starts_with(FORMULA_STARTS) {
        format!("'{clean}")
    } else {
        clean
    }
}

/// A list of user values joined with "; ", guarded as one cell.
fn joined(items: &[String]) -> String {
    neutralise(&items.join("; "))
}

fn record(row: &ActivityRow, lang: Lang) -> [String; 20] {
    let yes_no = label(lang, if row.joint { "csv-yes" } else { "csv-no" });
    [
        neutralise(&row.id),
        neutralise(&row.lead),
        joined(&row.group),
        yes_no,
        neutralise(&row.body),
        neutralise(&row.body_name),
        neutralise(&row.title),
        row.form.clone(),
        row.form_label.clone(),
        row.start.to_string(),
        row.end.to_string(),
        row.days.to_string(),
        joined(&row.members),
        joined(&row.member_names),
        joined(&row.subjects),
        joined(&row.subject_names),
        joined(&row.areas),
        joined(&row.area_names),
        joined(&row.topics),
        joined(&row.invite),
    ]
}

/// The CSV text of `plan` (with its byte-order mark).
pub fn to_csv_string(problem: &Problem, plan: &Plan, lang: Lang) -> Result<String> {
    let rows = activity_rows(problem, plan, lang)?;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing into memory fails only if a record cannot be encoded.
    let io = |e: &dyn std::fmt::Display| Error::Io {
        action: "write",
        path: "CSV".into(),
        source: std::io::Error::other(e.to_string()),
    };
    writer.write_record(headings(lang)).map_err(|e| io(&e))?;
    for row in &rows {
        writer.write_record(record(row, lang)).map_err(|e| io(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| io(&e))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// Writes `plan` as CSV to `path`.
pub fn write_csv(problem: &Problem, plan: &Plan, path: &Path, lang: Lang) -> Result<()> {
    crate::files::write(path, to_csv_string(problem, plan, lang)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_per_activity_with_quoted_lists() {
        let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
        let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
        let text = to_csv_string(&problem, &plan, Lang::En).expect("plan fits the problem");
        let body = text.strip_prefix('\u{feff}').expect("starts with a BOM");
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header, headings(Lang::En));
        let records: Vec<::csv::StringRecord> = reader
            .records()
            .collect::<std::result::Result<_, _>>()
            .expect("valid CSV");
        assert_eq!(records.len(), problem.activities.len());
        assert!(records.iter().all(|r| r.len() == 20));
    }

    #[test]
    fn formula_starts_get_a_quote_and_other_text_does_not() {
        for hostile in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            " =x",
            "\n=1+1",
            "\u{FF1D}1+1",
        ] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"));
        }
        for plain in ["Giám sát", "a=b", "'quoted", "", "dòng 1\ndòng 2"] {
            assert_eq!(neutralise(plain), plain);
        }
        assert_eq!(neutralise("a\u{0b}b\u{1b}c\u{7f}"), "abc");
        assert_eq!(neutralise("\u{0}=x"), "'=x");
    }
}
