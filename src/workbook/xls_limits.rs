//! The bounds of `limits`, checked on a legacy `.xls` workbook before the spreadsheet
//! parser opens it.
//!
//! An `.xls` file (BIFF8 records in a Compound File) is parsed whole when it is opened:
//! every sheet, every cell, and a shared string (SST) is copied into each cell that
//! uses it. A few megabytes whose one 32 KB shared string is used by 200,000 cells
//! become gigabytes and abort the process. So the `Workbook` stream is walked first,
//! record by record, as the parser would walk it: the shared strings' lengths are
//! learnt, every cell's text is counted per use, and each sheet's cells and the box
//! they span are counted, against the same bounds as an `.xlsx` file. Nothing is
//! decoded beyond lengths, and every read is checked: a malformed stream is a fault.

use std::io::{Cursor, Read};

use super::limits::{check_span, MAX_CELLS, MAX_CELL_CHARS, MAX_TEXT_BYTES};
use crate::error::Fault;

/// The first bytes of a Compound File.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const SST: u16 = 0x00FC;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const STRING: u16 = 0x0207;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const BOOLERR: u16 = 0x0205;
const BLANK: u16 = 0x0201;
const MULBLANK: u16 = 0x00BE;

/// Checks an `.xls` workbook; bytes that are not a Compound File are left alone (the
/// zip formats have their own check), and a Compound File without a workbook stream
/// is left to the parser, which says so.
pub(crate) fn check_xls(bytes: &[u8], source: &str) -> Result<(), Fault> {
    if !bytes.starts_with(&CFB_MAGIC) {
        return Ok(());
    }
    let malformed = |why: String| {
        Fault::new(
            source,
            format!("the .xls workbook could not be read: {why}"),
        )
    };
    // A container the check cannot open is refused rather than left to the parser:
    // were the parser more lenient, the file would be read unchecked.
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| malformed(format!("its container is malformed ({e})")))?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else if file.is_stream("/Book") {
        "/Book"
    } else {
        return Ok(());
    };
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(|e| malformed(format!("its workbook stream is malformed ({e})")))?;
    scan(&stream).map_err(|e| match e {
        Scan::Malformed(why) => malformed(why),
        Scan::Over(path, why) => Fault::new(
            match path {
                Some(sheet) => format!("{source}: sheet '{sheet}'"),
                None => source.to_string(),
            },
            why,
        ),
    })
}

/// Why a stream is refused: it is malformed, or (in the sheet named, if any) beyond
/// a bound.
#[derive(Debug)]
enum Scan {
    Malformed(String),
    Over(Option<String>, String),
}

fn malformed<T>(why: impl Into<String>) -> Result<T, Scan> {
    Err(Scan::Malformed(why.into()))
}

/// One record: its type, its data and the data of the CONTINUE records after it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records from `at`, each with its CONTINUE records, as the parser groups them.
struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    /// The record at `at` and the offset after it (and its CONTINUE records); `None`
    /// at the end of the stream.
    fn next(&mut self) -> Result<Option<Record<'a>>, Scan> {
        let Some((typ, data)) = self.raw()? else {
            return Ok(None);
        };
        let mut cont = Vec::new();
        while self.peek_type() == Some(CONTINUE) {
            if let Some((_, more)) = self.raw()? {
                cont.push(more);
            }
        }
        Ok(Some(Record { typ, data, cont }))
    }

    fn peek_type(&self) -> Option<u16> {
        let rest = self.stream.get(self.at..)?;
        (rest.len() >= 4).then(|| u16_at(rest, 0))
    }

    fn raw(&mut self) -> Result<Option<(u16, &'a [u8])>, Scan> {
        let rest = self.stream.get(self.at..).unwrap_or_default();
        if rest.is_empty() {
            return Ok(None);
        }
        if rest.len() < 4 {
            return malformed(format!("a record at byte {} is cut short", self.at));
        }
        let typ = u16_at(rest, 0);
        let len = usize::from(u16_at(rest, 2));
        let Some(data) = rest.get(4..4 + len) else {
            return malformed(format!(
                "the record at byte {} says it holds {len} bytes, but the stream ends first",
                self.at
            ));
        };
        self.at = self.at.saturating_add(4 + len);
        Ok(Some((typ, data)))
    }
}

/// A little-endian u16 at `at`; callers have checked the length.
fn u16_at(data: &[u8], at: usize) -> u16 {
    match data.get(at..at + 2) {
        Some(b) => u16::from_le_bytes([b[0], b[1]]),
        None => 0,
    }
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// How many UTF-8 bytes a character of the file becomes once decoded: an 8-bit
/// character of a code page decodes to at most 3, a UTF-16 unit to 1–3 (a surrogate
/// pair, two units, to 4).
fn utf8_of_byte(b: u8) -> u64 {
    if b < 0x80 {
        1
    } else {
        3
    }
}

fn utf8_of_unit(u: u16) -> u64 {
    match u {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        _ => 3,
    }
}

/// The length of a string: its characters, and the UTF-8 bytes it decodes to.
#[derive(Clone, Copy, Debug, Default)]
struct Len {
    chars: u32,
    bytes: u64,
}

/// Reads across a record and its CONTINUE records.
struct Pieces<'a> {
    parts: Vec<&'a [u8]>,
    index: usize,
    pos: usize,
}

impl<'a> Pieces<'a> {
    fn current(&self) -> &'a [u8] {
        let part = self.parts.get(self.index).copied().unwrap_or_default();
        part.get(self.pos..).unwrap_or_default()
    }

    /// Moves on to the next record once this one is used up; false at the end.
    fn ensure(&mut self) -> bool {
        while self.current().is_empty() {
            if self.index + 1 >= self.parts.len() {
                return false;
            }
            self.index += 1;
            self.pos = 0;
        }
        true
    }

    fn byte(&mut self) -> Result<u8, Scan> {
        if !self.ensure() {
            return malformed("the shared strings are cut short");
        }
        let b = self.current().first().copied().unwrap_or_default();
        self.pos += 1;
        Ok(b)
    }

    fn u16(&mut self) -> Result<u16, Scan> {
        Ok(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Result<u32, Scan> {
        Ok(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: u64) -> Result<(), Scan> {
        while n > 0 {
            if !self.ensure() {
                return malformed("the shared strings are cut short");
            }
            let here = self.current().len() as u64;
            let step = here.min(n);
            self.pos += step as usize;
            n -= step;
        }
        Ok(())
    }

    /// `cch` characters, 1 or 2 bytes each as `high` says; when they go on in the
    /// next record, that record starts with a new flags byte for the rest.
    fn chars(&mut self, cch: u16, mut high: bool) -> Result<Len, Scan> {
        let mut left = usize::from(cch);
        let mut len = Len {
            chars: u32::from(cch),
            bytes: 0,
        };
        while left > 0 {
            let here = self.current();
            if here.is_empty() {
                if self.index + 1 >= self.parts.len() {
                    return malformed("a shared string is cut short");
                }
                self.index += 1;
                self.pos = 0;
                high = self.byte()? & 0x01 != 0;
                continue;
            }
            let width = if high { 2 } else { 1 };
            let take = left.min(here.len() / width);
            if take == 0 {
                return malformed("a shared string splits a character between records");
            }
            let used = &here[..take * width];
            len.bytes = len.bytes.saturating_add(if high {
                used.chunks_exact(2)
                    .map(|u| utf8_of_unit(u16::from_le_bytes([u[0], u[1]])))
                    .sum()
            } else {
                used.iter().map(|&b| utf8_of_byte(b)).sum()
            });
            self.pos += take * width;
            left -= take;
        }
        Ok(len)
    }
}

/// The length of each shared string (XLUnicodeRichExtendedString), in order.
fn shared_strings(record: &Record<'_>) -> Result<Vec<Len>, Scan> {
    let Some(first) = record.data.get(8..) else {
        return malformed("the shared strings record is shorter than its header");
    };
    let mut parts = vec![first];
    parts.extend(record.cont.iter().copied());
    let mut pieces = Pieces {
        parts,
        index: 0,
        pos: 0,
    };
    let mut lens = Vec::new();
    // As the parser does, every string the records hold is read, whatever the
    // header's count says.
    while pieces.ensure() {
        let cch = pieces.u16()?;
        let flags = pieces.byte()?;
        let runs = if flags & 0x08 != 0 { pieces.u16()? } else { 0 };
        let ext = if flags & 0x04 != 0 { pieces.u32()? } else { 0 };
        lens.push(pieces.chars(cch, flags & 0x01 != 0)?);
        pieces.skip(u64::from(runs) * 4)?;
        pieces.skip(u64::from(ext))?;
    }
    Ok(lens)
}

/// The text of a LABEL, RSTRING or STRING record from `at` (XLUnicodeString in BIFF8;
/// a byte string without flags before it), as much of it as the record holds.
fn own_text(data: &[u8], at: usize, biff8: bool) -> Result<Len, Scan> {
    let Some(head) = data.get(at..) else {
        return malformed("a text cell record is cut short");
    };
    if head.len() < 2 {
        return Ok(Len::default());
    }
    let cch = usize::from(u16_at(head, 0));
    let (high, chars) = match (biff8, head.get(2)) {
        (true, Some(&flags)) => (flags & 0x01 != 0, head.get(3..).unwrap_or_default()),
        (true, None) => (false, &[][..]),
        (false, _) => (false, head.get(2..).unwrap_or_default()),
    };
    let bytes = if high {
        chars
            .chunks_exact(2)
            .take(cch)
            .map(|u| utf8_of_unit(u16::from_le_bytes([u[0], u[1]])))
            .sum()
    } else {
        chars.iter().take(cch).map(|&b| utf8_of_byte(b)).sum()
    };
    Ok(Len {
        chars: cch as u32,
        bytes,
    })
}

/// A sheet as BOUNDSHEET gives it: where its records start and its name (for faults).
struct Sheet {
    at: usize,
    name: String,
}

fn sheet_name(data: &[u8]) -> String {
    let cch = usize::from(data.get(6).copied().unwrap_or_default());
    let high = data.get(7).is_some_and(|f| f & 0x01 != 0);
    let rest = data.get(8..).unwrap_or_default();
    if high {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .take(cch)
            .map(|u| u16::from_le_bytes([u[0], u[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        rest.iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

/// What has been counted so far, over the whole workbook.
#[derive(Default)]
struct Totals {
    text: u64,
    cells: u64,
}

/// The box the cells the parser keeps span in one sheet.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, row: u32, first: u32, last: u32) {
        let (t, b) = self.rows.unwrap_or((row, row));
        self.rows = Some((t.min(row), b.max(row)));
        let (l, r) = self.cols.unwrap_or((first, last));
        self.cols = Some((l.min(first), r.max(last)));
    }
}

fn scan(stream: &[u8]) -> Result<(), Scan> {
    let mut records = Records { stream, at: 0 };
    let mut strings = Vec::new();
    let mut sheets = Vec::new();
    let mut biff8 = true;
    // The workbook globals, up to their EOF: the parser reads no further before the
    // sheets.
    while let Some(r) = records.next()? {
        match r.typ {
            BOF => biff8 = u16_at(r.data, 0) >= 0x0600 || u16_at(r.data, 0) == 0,
            SST => strings = shared_strings(&r)?,
            BOUNDSHEET => {
                let Some(at) = u32_at(r.data, 0) else {
                    return malformed("a sheet record is cut short");
                };
                sheets.push(Sheet {
                    at: at as usize,
                    name: sheet_name(r.data),
                });
            }
            EOF => break,
            _ => {}
        }
    }
    let mut totals = Totals::default();
    // Sheets may point at the same records, and each would then be read again: the
    // records walked are bounded by the stream's length, which a workbook's disjoint
    // sheets never exceed.
    let mut walked: u64 = 0;
    let budget = 2 * stream.len() as u64 + (1 << 20);
    for sheet in &sheets {
        if sheet.at > stream.len() {
            return malformed(format!(
                "the sheet '{}' is said to start at byte {}, past the stream's end",
                sheet.name, sheet.at
            ));
        }
        let start = sheet.at;
        let mut records = Records { stream, at: start };
        let result = scan_sheet(&mut records, &strings, biff8, &mut totals);
        walked = walked.saturating_add((records.at - start) as u64);
        result.map_err(|e| match e {
            Scan::Over(None, why) => Scan::Over(Some(sheet.name.clone()), why),
            e => e,
        })?;
        if walked > budget {
            return Err(Scan::Over(
                None,
                "its sheets read the same records over and over: the file is not a programme workbook"
                    .into(),
            ));
        }
    }
    Ok(())
}

fn scan_sheet(
    records: &mut Records<'_>,
    strings: &[Len],
    biff8: bool,
    totals: &mut Totals,
) -> Result<(), Scan> {
    let mut span = Span::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut formula_at = (0u32, 0u32);
    let short = |what: &str| malformed(format!("a {what} cell record is cut short"));
    while let Some(r) = records.next()? {
        // Embedded charts and the like are substreams the parser skips.
        if depth > 0 {
            match r.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let pos = || (u32::from(u16_at(d, 0)), u32::from(u16_at(d, 2)));
        let mut text = Len::default();
        let mut cells: u64 = 1;
        match r.typ {
            BOF if seen_bof => {
                depth += 1;
                continue;
            }
            BOF => {
                seen_bof = true;
                continue;
            }
            EOF => break,
            DIMENSIONS => {
                check_dimensions(d)?;
                continue;
            }
            NUMBER | RK | BOOLERR => {
                if d.len() < 6 {
                    return short("number");
                }
                let (row, col) = pos();
                span.add(row, col, col);
            }
            FORMULA => {
                if d.len() < 20 {
                    return short("formula");
                }
                formula_at = pos();
                span.add(formula_at.0, formula_at.1, formula_at.1);
            }
            STRING => {
                text = own_text(d, 0, biff8)?;
                span.add(formula_at.0, formula_at.1, formula_at.1);
            }
            LABEL | RSTRING => {
                if d.len() < 6 {
                    return short("text");
                }
                let (row, col) = pos();
                span.add(row, col, col);
                text = own_text(d, 6, biff8)?;
            }
            LABELSST => {
                let Some(isst) = u32_at(d, 6) else {
                    return short("shared text");
                };
                let (row, col) = pos();
                let Some(len) = strings.get(isst as usize) else {
                    return malformed(format!(
                        "a cell uses shared string {isst}, but the workbook has {}",
                        strings.len()
                    ));
                };
                span.add(row, col, col);
                text = *len;
            }
            MULRK | MULBLANK => {
                let width = if r.typ == MULRK { 6 } else { 2 };
                if d.len() < 6 {
                    return short("multiple");
                }
                let n = (d.len() - 6) / width;
                cells = n as u64;
                let (row, col) = pos();
                if r.typ == MULRK && n > 0 {
                    let last = col.saturating_add(n as u32 - 1);
                    span.add(row, col, last);
                }
            }
            // The parser keeps no blank cell, so a blank does not widen the box; it
            // still counts as a cell.
            BLANK => {}
            _ => continue,
        }
        if text.chars as usize > MAX_CELL_CHARS {
            return Err(Scan::Over(
                None,
                format!(
                    "a cell holds {} characters, more than Excel's {MAX_CELL_CHARS} for one cell",
                    text.chars
                ),
            ));
        }
        totals.text = totals.text.saturating_add(text.bytes);
        if totals.text > MAX_TEXT_BYTES as u64 {
            return Err(Scan::Over(
                None,
                format!(
                    "the workbook's cells hold more than {} MB of text when read, the most the reader accepts: a text repeated in many cells counts each time",
                    MAX_TEXT_BYTES >> 20
                ),
            ));
        }
        totals.cells = totals.cells.saturating_add(cells);
        if totals.cells > MAX_CELLS {
            return Err(Scan::Over(
                None,
                format!(
                    "the workbook holds more than {MAX_CELLS} cells, the most the reader accepts"
                ),
            ));
        }
    }
    if let (Some((top, bottom)), Some((left, right))) = (span.rows, span.cols) {
        check_span(top, bottom, left, right).map_err(|e| Scan::Over(None, e))?;
    }
    Ok(())
}

/// The parser reserves room for the box a sheet's DIMENSIONS record declares, before
/// any cell: a crafted box would make it ask for terabytes. Computed as the parser
/// computes it.
fn check_dimensions(d: &[u8]) -> Result<(), Scan> {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)),
            u32::from(u16_at(d, 2)),
            u32::from(u16_at(d, 4)),
            u32::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or_default(),
            u32_at(d, 4).unwrap_or_default(),
            u32::from(u16_at(d, 8)),
            u32::from(u16_at(d, 10)),
        ),
        n => return malformed(format!("a sheet's dimensions record has {n} bytes")),
    };
    // An empty box (last before first) holds one cell for the parser.
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let (last_row, last_col) = (rl - 1, cl - 1);
    if last_row < rf || last_col < cf {
        return malformed("a sheet's dimensions end before they start");
    }
    check_span(rf, last_row, cf, last_col)
        .map_err(|e| Scan::Over(None, format!("its declared dimensions: {e}")))
}
