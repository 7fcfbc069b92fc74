//! How the workbook prints: offices print the programme and sign it on paper, so a
//! sheet must read on A4 without the planner touching the page setup.
//!
//! Every sheet prints on A4 landscape, scaled to one page wide (as many pages down as
//! it takes), with the heading row repeated on each page, the sheet's name at the top
//! and the page number at the bottom. A body's sheet prints the columns a programme
//! shows (number to members); the id and date columns that make the round trip stay
//! on screen. Columns are sized so that the summary and a body's printed columns fit a
//! landscape page at about 85 % of full size, and rows whose text wraps are made tall
//! enough to show all of it (LibreOffice does not size them itself when it opens a
//! file).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout::{Column, HEADER_ROW};
use crate::lang::Lang;

/// Excel's code for A4 paper.
pub(crate) const A4: u8 = 9;

/// Page margins in inches: narrow at the sides, room for the header and footer.
const MARGINS: (f64, f64, f64, f64, f64, f64) = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3);

/// The height of one line of the default font (Calibri 11), in points.
const LINE_HEIGHT: f64 = 15.0;

/// Columns narrower on the page than [`Column::width`] gives them, keyed by table and
/// column key. The text columns wrap instead: a date range "05/08/2024 – 09/08/2024"
/// breaks after the dash, a title takes two or three lines. The printed columns of a
/// body's sheet and the summary each add up to about 165 characters.
const SUMMARY_WIDTHS: &[(&str, u16)] = &[
    ("stt", 5),
    ("title", 40),
    ("form", 13),
    ("subjects", 26),
    ("time", 12),
    ("lead", 15),
    ("partners", 18),
    ("members", 24),
    ("activities", 11),
];

const ACTIVITY_WIDTHS: &[(&str, u16)] = &[
    ("stt", 4),
    ("id", 9),
    ("title", 36),
    ("form", 12),
    ("topic_names", 14),
    ("subject_names", 20),
    ("area_names", 13),
    ("time", 12),
    ("duration", 6),
    ("body_name", 13),
    ("invite_names", 14),
    ("member_names", 18),
];

/// The last column of a body's sheet that prints.
pub(crate) const LAST_PRINTED_ACTIVITY_COLUMN: &str = "member_names";

/// Which table a sheet holds, for its column widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Summary,
    Activities,
    Reference,
}

/// The width of `column` in `table`.
pub(crate) fn width(table: Table, column: &Column) -> u16 {
    let widths = match table {
        Table::Summary => SUMMARY_WIDTHS,
        Table::Activities => ACTIVITY_WIDTHS,
        Table::Reference => &[],
    };
    widths
        .iter()
        .find(|(key, _)| *key == column.key)
        .map_or(column.width, |&(_, w)| w)
}

/// Sets the page of a sheet whose last row is `last_row`; only the columns up to
/// `last_col` print.
pub(crate) fn set_page(
    sheet: &mut Worksheet,
    lang: Lang,
    last_row: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    let (left, right, top, bottom, header, footer) = MARGINS;
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(left, right, top, bottom, header, footer)
        .set_print_center_horizontally(true)
        // &A is the sheet's name, &P the page, &N the number of pages.
        .set_header("&L&\"-,Bold\"&A")
        .set_footer(match lang {
            Lang::Vi => "&CTrang &P/&N",
            Lang::En => "&CPage &P of &N",
        });
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_area(0, 0, last_row.max(HEADER_ROW), last_col)?;
    Ok(())
}

/// The height a row needs to show every cell's wrapped text, or `None` when one line
/// does (the default height then stays, and a spreadsheet may still fit it).
pub(crate) fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, u16)>) -> Option<f64> {
    let lines = cells
        .into_iter()
        .map(|(text, width)| wrapped_lines(text, width))
        .max()
        .unwrap_or(1);
    // A row is at most 409 points high in Excel.
    (lines > 1).then(|| (f64::from(lines) * LINE_HEIGHT + 3.0).min(409.0))
}

/// How many lines `text` takes in a column `width` characters wide, wrapped at
/// spaces the way a spreadsheet does, with [`char_width`] for each character.
fn wrapped_lines(text: &str, width: u16) -> u32 {
    // A cell keeps a few pixels of padding; the rest is a margin for error, so that
    // the estimate errs towards a line too many, never one too few.
    let room = (f64::from(width) - 0.4).max(1.0);
    let mut lines: u32 = 0;
    for paragraph in text.split('\n') {
        lines = lines.saturating_add(1);
        let mut used = 0.0;
        for word in paragraph.split(' ') {
            let len: f64 = word.chars().map(char_width).sum();
            let space = if used > 0.0 { char_width(' ') } else { 0.0 };
            if used + space + len <= room {
                used += space + len;
                continue;
            }
            if used > 0.0 {
                lines = lines.saturating_add(1);
            }
            // A word wider than the column breaks across lines.
            let mut rest = len;
            while rest > room {
                lines = lines.saturating_add(1);
                rest -= room;
            }
            used = rest;
        }
    }
    lines.max(1)
}

/// The width of `c` in digits of the default font, Calibri (the unit of column
/// widths), from its metrics and rounded up: Vietnamese letters are as wide as their
/// base letter.
fn char_width(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ';' | ':' | '!' | '|' | '\'' | 'i' | 'l' | 'j' | 'í' | 'ì' | 'ỉ'
        | 'ĩ' | 'ị' | 'I' => 0.5,
        '(' | ')' | '-' | 'f' | 't' | 'r' => 0.7,
        '/' | 's' => 0.8,
        'm' | 'w' | 'M' | 'W' => 1.6,
        c if c.is_uppercase() => 1.2,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("ngắn", 10), 1);
        assert_eq!(wrapped_lines("một hai ba bốn", 10), 2);
        assert_eq!(wrapped_lines("a\nb\nc", 10), 3);
        // 25 digits without a space in 9.2 of room: three lines.
        assert_eq!(wrapped_lines(&"1".repeat(25), 10), 3);
        assert_eq!(wrapped_lines("05/08/2024 – 09/08/2024", 12), 2);
    }

    #[test]
    fn only_wrapped_rows_get_a_height() {
        assert_eq!(row_height([("ngắn", 10), ("1", 4)]), None);
        assert_eq!(row_height([("a\nb", 10), ("x", 4)]), Some(33.0));
        assert_eq!(row_height([(&"x ".repeat(10_000) as &str, 5)]), Some(409.0));
    }
}
