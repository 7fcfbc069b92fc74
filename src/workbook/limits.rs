//! How much of a workbook the reader is willing to hold in memory.
//!
//! An `.xlsx` file is a zip archive, and a small one can stand for a huge one: a 32 KB
//! shared string used by 200,000 cells becomes 6 GB of cell text, a 2 MB part can
//! inflate to 2 GB. Either aborts the process (and a Jupyter kernel with it) instead of
//! failing. The reader therefore refuses, with a fault naming the part or the sheet and
//! the bound, any workbook beyond these bounds. They are far above what an office
//! writes (a province's whole year is a few thousand rows and a few megabytes), and low
//! enough that the reader's peak memory stays a small multiple of what it read.

use std::io::{Cursor, Read, Seek};

use super::layout::cell_name;
use crate::error::Fault;

/// Largest uncompressed size of one part of the archive (a sheet's XML, the shared
/// strings). The spreadsheet parser reads the shared strings whole when it opens the
/// file, so this is checked before it does.
pub(crate) const MAX_PART_BYTES: u64 = 128 << 20;

/// Largest uncompressed size of all parts together.
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 512 << 20;

/// Most text all the cells of a workbook may hold together, in UTF-8 bytes. Counted
/// per use: a shared string used by a thousand cells counts a thousand times, as it is
/// held a thousand times once read.
pub(crate) const MAX_TEXT_BYTES: usize = 64 << 20;

/// Most characters one cell may hold: Excel's own limit, so no file Excel or the writer
/// makes is refused.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Most rows a sheet's cells may spread over. A body's sheet holds its activities, a
/// few hundred at most.
pub(crate) const MAX_ROWS: u32 = 50_000;

/// Most cells the box around a sheet's cells may span: the reader holds that box as a
/// dense grid of about 32 bytes a cell (128 MB at the bound). A planner's sheet spans a
/// few thousand; a crafted file with cells at A1 and XFD1048576 would otherwise make
/// the reader allocate hundreds of gigabytes.
pub(crate) const MAX_CELLS: u64 = 4_000_000;

/// Whether `bytes` look like a zip archive (`.xlsx`, `.ods`), whose parts must be
/// checked before the spreadsheet parser opens it.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Checks the sizes the archive's central directory declares for its parts. The zip
/// reader the spreadsheet parser uses stops with an error when a part inflates beyond
/// its declared size, so a part that lies about its size cannot get past these bounds
/// either. An archive that cannot be read is left to the parser, which says why.
/// Returns whether the archive is an `.xlsx` workbook (it holds `xl/workbook.xml`), so
/// that the caller opens it as one and reports its own error rather than the parser's
/// "cannot detect file format" after trying every format in turn.
pub(crate) fn check_archive(bytes: &[u8], source: &str) -> Result<bool, Fault> {
    if !is_zip(bytes) {
        return Ok(false);
    }
    check_zip(Cursor::new(bytes), source)
}

fn check_zip<R: Read + Seek>(reader: R, source: &str) -> Result<bool, Fault> {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else {
        return Ok(false);
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_data(i) else {
            continue;
        };
        let size = part.size();
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        if size > MAX_PART_BYTES {
            return Err(Fault::new(
                format!("{source}: {name}"),
                format!(
                    "this part of the workbook unpacks to {}, more than the {} the reader accepts for one part: the file is not a programme workbook",
                    megabytes(size),
                    megabytes(MAX_PART_BYTES)
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > MAX_ARCHIVE_BYTES {
            return Err(Fault::new(
                source,
                format!(
                    "the workbook unpacks to more than {}, the most the reader accepts: the file is not a programme workbook",
                    megabytes(MAX_ARCHIVE_BYTES)
                ),
            ));
        }
    }
    let xlsx = archive.index_for_name("xl/workbook.xml").is_some();
    if !xlsx {
        if let Ok(content) = archive.by_name("content.xml") {
            check_ods_content(std::io::BufReader::new(content), source)?;
        }
    }
    Ok(xlsx)
}

/// An `.ods` sheet may say that a cell repeats across thousands of columns and rows,
/// and the parser copies it into each when it opens the file: an 885-byte file with a
/// 32,000-character cell repeated 200,000 times aborts the process. So `content.xml`
/// is scanned first, counting each cell that holds something as many times as it
/// repeats (blank repeats, which spreadsheet programs write for the unused rest of a
/// sheet, cost nothing and are not counted). A file the scan cannot parse is left to
/// the parser.
fn check_ods_content<R: std::io::BufRead>(reader: R, source: &str) -> Result<(), Fault> {
    use quick_xml::events::{BytesStart, Event};

    /// The count an attribute such as `table:number-rows-repeated` gives, 1 without it;
    /// Excel's and the parser's own limit is a million rows.
    fn count(e: &BytesStart<'_>, name: &str) -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .map_or(1, |n| n.min(1 << 20))
    }
    fn is_cell(name: &str) -> bool {
        name == "table:table-cell" || name == "table:covered-table-cell"
    }

    let part = format!("{source}: content.xml");
    let over = |what: String| Err(Fault::new(part.clone(), what));
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let (mut rows, mut cols) = (1u64, 1u64);
    // Inside a cell: whether it holds a value, and its text (repeated spaces counted).
    let mut cell: Option<(bool, u64)> = None;
    let (mut text, mut cells) = (0u64, 0u64);
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(event) => event,
        };
        let mut ended = false;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows = count(e, "table:number-rows-repeated");
            }
            Event::Start(e) | Event::Empty(e) if is_cell(e.name().as_ref()) => {
                cols = count(e, "table:number-columns-repeated");
                let valued = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                // A text value may sit in an attribute rather than the cell's text;
                // styles and other attributes hold nothing that is copied.
                let value: u64 = e
                    .try_get_attribute("office:string-value")
                    .ok()
                    .flatten()
                    .map_or(0, |a| a.value.len() as u64);
                cell = Some((valued, value));
                ended = matches!(event, Event::Empty(_));
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                if let Some((_, len)) = cell.as_mut() {
                    *len = len.saturating_add(count(e, "text:c"));
                }
            }
            Event::Text(t) => {
                if let Some((_, len)) = cell.as_mut() {
                    *len = len.saturating_add(t.len() as u64);
                }
            }
            Event::CData(t) => {
                if let Some((_, len)) = cell.as_mut() {
                    *len = len.saturating_add(t.len() as u64);
                }
            }
            Event::End(e) if is_cell(e.name().as_ref()) => ended = true,
            Event::End(e) if e.name().as_ref() == "table:table-row" => rows = 1,
            _ => {}
        }
        if ended {
            if let Some((valued, len)) = cell.take() {
                if valued || len > 0 {
                    let copies = rows.saturating_mul(cols);
                    cells = cells.saturating_add(copies);
                    text = text.saturating_add(len.saturating_mul(copies));
                }
            }
            if text > MAX_TEXT_BYTES as u64 {
                return over(format!(
                    "its cells hold more than {} of text once their repeats are unpacked, the most the reader accepts: a cell repeated over many rows or columns counts each time",
                    megabytes(MAX_TEXT_BYTES as u64)
                ));
            }
            if cells > MAX_CELLS {
                return over(format!(
                    "its sheets hold more than {MAX_CELLS} filled cells once their repeats are unpacked, the most the reader accepts"
                ));
            }
        }
        buf.clear();
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

/// The text read so far, against [`MAX_TEXT_BYTES`], and the per-cell and per-sheet
/// bounds.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    text: usize,
}

impl Budget {
    /// Whether the whole workbook's text bound is reached.
    pub(crate) fn exhausted(&self) -> bool {
        self.text > MAX_TEXT_BYTES
    }

    /// Counts the text of the cell at `(row, col)`, refusing a cell over Excel's limit
    /// or a workbook over the total.
    pub(crate) fn take_text(&mut self, text: &str, row: u32, col: u32) -> Result<(), String> {
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            return Err(format!(
                "the cell {} holds {} characters, more than Excel's {MAX_CELL_CHARS} for one cell",
                cell_name(row, col),
                text.chars().count()
            ));
        }
        self.text = self.text.saturating_add(text.len());
        if self.text > MAX_TEXT_BYTES {
            return Err(format!(
                "the workbook's cells hold more than {} of text when read (counted at {}), the most the reader accepts: a text repeated in many cells counts each time",
                megabytes(MAX_TEXT_BYTES as u64),
                cell_name(row, col)
            ));
        }
        Ok(())
    }
}

/// Refuses a sheet whose cells spread over too many rows or cells, before its dense
/// grid is allocated.
pub(crate) fn check_span(top: u32, bottom: u32, left: u32, right: u32) -> Result<(), String> {
    let rows = bottom - top + 1;
    if rows > MAX_ROWS {
        return Err(format!(
            "its cells spread over {rows} rows ({} to {}), more than the {MAX_ROWS} the reader accepts for one sheet",
            cell_name(top, left),
            cell_name(bottom, right)
        ));
    }
    let span = u64::from(rows) * u64::from(right - left + 1);
    if span > MAX_CELLS {
        return Err(format!(
            "its cells spread from {} to {}, more than the {MAX_CELLS} cells the reader accepts for one sheet",
            cell_name(top, left),
            cell_name(bottom, right)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_counts_every_use() {
        let mut budget = Budget::default();
        let text = "a".repeat(MAX_CELL_CHARS);
        let uses = MAX_TEXT_BYTES / MAX_CELL_CHARS;
        for _ in 0..uses {
            budget.take_text(&text, 0, 0).expect("within the bound");
        }
        let err = budget.take_text(&text, 4, 2).expect_err("over the bound");
        assert!(err.contains("C5") && err.contains("64 MB"), "{err}");
    }

    #[test]
    fn a_cell_over_excels_limit_is_refused() {
        let mut budget = Budget::default();
        // Vietnamese letters take two or three bytes: the limit counts characters.
        budget
            .take_text(&"ố".repeat(MAX_CELL_CHARS), 0, 0)
            .expect("at Excel's limit");
        let err = budget
            .take_text(&"a".repeat(MAX_CELL_CHARS + 1), 1, 0)
            .expect_err("over");
        assert!(err.contains("A2") && err.contains("32767"), "{err}");
    }

    #[test]
    fn spans() {
        assert!(check_span(0, MAX_ROWS - 1, 0, 26).is_ok());
        let err = check_span(0, MAX_ROWS, 0, 0).expect_err("too many rows");
        assert!(err.contains("50001 rows"), "{err}");
        let err = check_span(0, 10_000, 0, 16_383).expect_err("too wide");
        assert!(err.contains("XFD10001"), "{err}");
    }

    #[test]
    fn non_zip_bytes_are_left_to_the_parser() {
        assert_eq!(check_archive(b"not a zip", "x"), Ok(false));
        assert_eq!(check_archive(b"PK\x03\x04 broken", "x"), Ok(false));
    }
}
