//! Reading a workbook back into a problem.
//!
//! The reader builds the problem's JSON tree from the sheets and hands it to
//! [`Problem::from_value`], so every rule of the format is checked exactly as for a
//! JSON file. While building, it remembers which cell each JSON path came from, and
//! names that cell in every fault: `'dbqh'!I7 (activities[12].duration)`.
//!
//! Columns are found by their headings (either language), never by position; rows
//! that are blank are skipped; blank optional cells take the format's default.
//! Reference cells take an id or, failing that, a name that exactly one entry has.
//! Where an id column and its name column (`Mã chủ đề`, `Chủ đề`) both exist, the id
//! cell wins and the name cell is read only when the id cell is blank.

use std::collections::{HashMap, HashSet};
use std::fmt;

use calamine::{Data, DataRef, Range, Reader, Sheets, Xlsx};
use serde_json::{Map, Value};

use super::cells;
use super::layout::{
    body_sheet_names, cell_name, code, find_setting, folded, is_all_word, is_none_word, kind_label,
    nfc, normalize_heading, parse_form, parse_kind, parse_weekday, quoted_sheet, Column, Setting,
    SettingType, SheetKind, ACTIVITY_COLUMNS, HEADER_SEARCH_ROWS, KINDS,
};
use super::limits::{check_span, Budget};
use super::text::{parse_date, parse_precedence, parse_range, split_known, split_list};
use crate::error::{Document, Error, Fault, Result};
use crate::lang::Lang;
use crate::model::{Form, Problem, PROBLEM_FORMAT};

/// One sheet as read.
pub(crate) struct Grid {
    pub name: String,
    pub range: Range<Data>,
    /// False for a sheet that could not be read (its fault is reported): it is there,
    /// so it is neither missing nor unknown, but nothing of it is read.
    pub readable: bool,
}

impl Grid {
    fn unreadable(name: String) -> Self {
        Grid {
            name,
            range: Range::empty(),
            readable: false,
        }
    }
}

/// Loads every sheet of an opened workbook; a sheet that cannot be read, or that holds
/// more than the reader accepts (see `super::limits`), is a fault.
pub(crate) fn load<RS>(workbook: &mut Sheets<RS>, faults: &mut Vec<Fault>) -> Vec<Grid>
where
    RS: std::io::Read + std::io::Seek,
{
    let mut grids = Vec::new();
    let mut budget = Budget::default();
    for name in workbook.sheet_names() {
        if budget.exhausted() {
            // Past the total, every later sheet would repeat the same fault.
            grids.push(Grid::unreadable(name));
            continue;
        }
        let range = match &mut *workbook {
            Sheets::Xlsx(xlsx) => bounded_xlsx(xlsx, &name, &mut budget),
            other => other
                .worksheet_range(&name)
                .map_err(|e| e.to_string())
                .and_then(|range| bounded_range(range, &mut budget)),
        };
        match range {
            Ok(range) => grids.push(Grid {
                name,
                range,
                readable: true,
            }),
            Err(err) => {
                faults.push(Fault::new(
                    quoted_sheet(&name),
                    format!("the sheet cannot be read: {err}"),
                ));
                grids.push(Grid::unreadable(name));
            }
        }
    }
    grids
}

/// An `.xlsx` sheet read cell by cell, refusing one whose cells spread too far or hold
/// too much text (see `super::limits`) before any of it is held.
fn bounded_xlsx<RS>(
    xlsx: &mut Xlsx<RS>,
    name: &str,
    budget: &mut Budget,
) -> Result<Range<Data>, String>
where
    RS: std::io::Read + std::io::Seek,
{
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        (top, bottom) = (top.min(row), bottom.max(row));
        (left, right) = (left.min(col), right.max(col));
        check_span(top, bottom, left, right)?;
        match value {
            DataRef::String(s) => budget.take_text(s, row, col)?,
            DataRef::SharedString(s) => budget.take_text(s, row, col)?,
            _ => {}
        }
        cells.push(calamine::Cell::new((row, col), Data::from(value.clone())));
    }
    Ok(Range::from_sparse(cells))
}

/// A sheet of another format (`.xls`, `.ods`), which the parser reads whole: the same
/// bounds, checked after.
fn bounded_range(range: Range<Data>, budget: &mut Budget) -> Result<Range<Data>, String> {
    if let (Some(start), Some(end)) = (range.start(), range.end()) {
        check_span(start.0, end.0, start.1, end.1)?;
        for (row, col, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                let row = to_u32(row).saturating_add(start.0);
                let col = to_u32(col).saturating_add(start.1);
                budget.take_text(s, row, col)?;
            }
        }
    }
    Ok(range)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Builds and validates the problem held by `grids`. `faults` already holds the
/// faults found while loading them.
pub(crate) fn read(grids: &[Grid], faults: Vec<Fault>) -> Result<Problem> {
    let mut found = Faults {
        faults,
        ..Faults::default()
    };
    let doc = document(grids, &mut found);
    let validated = Problem::from_value(&Value::Object(doc));
    let mut faults = found.faults.clone();
    match validated {
        Ok(problem) if faults.is_empty() => return Ok(problem),
        Ok(_) => {}
        Err(Error::Invalid { faults: more, .. }) => {
            faults.extend(
                more.into_iter()
                    .filter(|f| !found.is_covered(&f.path))
                    .map(|f| found.locate(f)),
            );
        }
        Err(other) => return Err(other),
    }
    Err(Error::Invalid {
        document: Document::Problem,
        faults,
    })
}

/// Where a value came from: a cell, a whole row, or a whole sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Location {
    sheet: String,
    row: Option<u32>,
    col: Option<u32>,
}

impl Location {
    fn sheet(sheet: &str) -> Self {
        Location {
            sheet: sheet.to_owned(),
            row: None,
            col: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sheet = quoted_sheet(&self.sheet);
        match (self.row, self.col) {
            (Some(row), Some(col)) => write!(f, "{sheet}!{}", cell_name(row, col)),
            // Excel's own name for a whole row.
            (Some(row), None) => write!(f, "{sheet}!{0}:{0}", u64::from(row) + 1),
            _ => f.write_str(&sheet),
        }
    }
}

/// The faults found so far and the cell behind every JSON path built.
#[derive(Default)]
struct Faults {
    faults: Vec<Fault>,
    locations: HashMap<String, Location>,
    /// Paths the reader reported itself: validation's faults at or below them repeat
    /// the same problem (the reader left the value out) and are dropped.
    covered: Vec<String>,
}

impl Faults {
    fn at(&mut self, path: &str, loc: &Location, message: impl Into<String>) {
        self.faults
            .push(Fault::new(format!("{loc} ({path})"), message.into()));
        self.covered.push(path.to_owned());
    }

    fn in_sheet(&mut self, sheet: &str, message: impl Into<String>) {
        self.faults
            .push(Fault::new(quoted_sheet(sheet), message.into()));
    }

    fn place(&mut self, path: String, loc: Location) {
        self.locations.entry(path).or_insert(loc);
    }

    fn is_covered(&self, path: &str) -> bool {
        self.covered.iter().any(|c| within(path, c))
    }

    /// A validation fault with the cell its path came from, the nearest enclosing path
    /// that has one.
    fn locate(&self, fault: Fault) -> Fault {
        let mut path = fault.path.as_str();
        loop {
            if let Some(loc) = self.locations.get(path) {
                return Fault::new(format!("{loc} ({})", fault.path), fault.message);
            }
            match parent(path) {
                Some(p) => path = p,
                None => return fault,
            }
        }
    }
}

/// The enclosing path: `a[1].b` → `a[1]` → `a`.
fn parent(path: &str) -> Option<&str> {
    path.rfind(['.', '[']).map(|at| &path[..at])
}

/// Whether `path` is `outer` or lies below it.
fn within(path: &str, outer: &str) -> bool {
    path == outer
        || (path.starts_with(outer)
            && matches!(path.as_bytes().get(outer.len()), Some(b'.' | b'[')))
}

/// A column the reader does not know, holding something below the headings, would be
/// dropped without a word: a planner's own "Ghi chú" column is an error naming it, so
/// that nothing typed into the workbook is lost silently.
fn lost_columns(grid: &Grid, header: u32, cols: &HashMap<&'static str, u32>, faults: &mut Faults) {
    let (Some(start), Some(end)) = (grid.range.start(), grid.range.end()) else {
        return;
    };
    let known: HashSet<u32> = cols.values().copied().collect();
    for col in start.1..=end.1 {
        if known.contains(&col) {
            continue;
        }
        let filled = (header.saturating_add(1)..=end.0)
            .filter(|&row| matches!(cells::text(grid.range.get_value((row, col))), Ok(Some(_))))
            .count();
        if filled == 0 {
            continue;
        }
        let heading = match cells::text(grid.range.get_value((header, col))) {
            Ok(Some(text)) => format!("\"{text}\""),
            _ => "without a heading".to_string(),
        };
        faults.in_sheet(
            &grid.name,
            format!(
                "column {} ({heading}) is not one this workbook reads, and its {filled} filled cell(s) would be lost: move them into a column the sheet knows, or delete the column",
                cell_name(header, col)
                    .trim_end_matches(|c: char| c.is_ascii_digit())
            ),
        );
    }
}

/// A sheet's table: its heading row and the column of each known heading.
struct Table<'g> {
    sheet: &'g str,
    range: &'g Range<Data>,
    header: u32,
    cols: HashMap<&'static str, u32>,
    /// Columns that only display (numbering, dates as text): a row holding nothing
    /// else is blank.
    display: &'static [&'static str],
}

const DISPLAY_ONLY: &[&str] = &["stt", "time", "group", "sheet"];

impl<'g> Table<'g> {
    /// The heading row is the first of the top rows holding every `anchors` heading.
    fn find(
        grid: &'g Grid,
        columns: &'static [Column],
        anchors: &[&str],
        faults: &mut Faults,
    ) -> Option<Table<'g>> {
        let (start, end) = (grid.range.start()?, grid.range.end()?);
        let last = end.0.min(start.0.saturating_add(HEADER_SEARCH_ROWS));
        for row in start.0..=last {
            let mut cols: HashMap<&'static str, u32> = HashMap::new();
            let mut twice = Vec::new();
            for col in start.1..=end.1 {
                let Ok(Some(heading)) = cells::text(grid.range.get_value((row, col))) else {
                    continue;
                };
                let heading = normalize_heading(&heading);
                if let Some(column) = columns.iter().find(|c| c.matches_normalized(&heading)) {
                    if let Some(&first) = cols.get(column.key) {
                        twice.push((column, first, col));
                    } else {
                        cols.insert(column.key, col);
                    }
                }
            }
            if anchors.iter().all(|a| cols.contains_key(a)) {
                lost_columns(grid, row, &cols, faults);
                for (column, first, again) in twice {
                    faults.in_sheet(
                        &grid.name,
                        format!(
                            "the heading \"{}\" appears twice ({} and {}); the first is read",
                            column.vi,
                            cell_name(row, first),
                            cell_name(row, again)
                        ),
                    );
                }
                return Some(Table {
                    sheet: &grid.name,
                    range: &grid.range,
                    header: row,
                    cols,
                    display: DISPLAY_ONLY,
                });
            }
        }
        None
    }

    fn has(&self, key: &str) -> bool {
        self.cols.contains_key(key)
    }

    fn cell(&self, row: u32, key: &str) -> Option<&'g Data> {
        let col = *self.cols.get(key)?;
        self.range.get_value((row, col))
    }

    fn loc(&self, row: u32, key: &str) -> Location {
        Location {
            sheet: self.sheet.to_owned(),
            row: Some(row),
            col: self.cols.get(key).copied(),
        }
    }

    /// The rows below the headings that hold something.
    fn rows(&self) -> Vec<u32> {
        let (Some(start), Some(end)) = (self.range.start(), self.range.end()) else {
            return Vec::new();
        };
        let shown: HashSet<u32> = self
            .display
            .iter()
            .filter_map(|k| self.cols.get(k).copied())
            .collect();
        (self.header + 1..=end.0)
            .filter(|&row| {
                (start.1..=end.1).any(|col| {
                    !shown.contains(&col) && !cells::is_blank(self.range.get_value((row, col)))
                })
            })
            .collect()
    }
}

/// Names `heading` in both languages for messages.
fn both(column: &Column) -> String {
    if column.vi == column.en {
        format!("\"{}\"", column.vi)
    } else {
        format!("\"{}\" ({})", column.vi, column.en)
    }
}

fn column(columns: &'static [Column], key: &str) -> Option<&'static Column> {
    columns.iter().find(|c| c.key == key)
}

fn heading_list(columns: &'static [Column], keys: &[&str]) -> String {
    keys.iter()
        .filter_map(|k| column(columns, k))
        .map(both)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Turns a name into an id: ids as typed first, then ids and names compared in their
/// composed form (see [`nfc`]), when exactly one entry has them.
struct Resolver {
    noun: &'static str,
    ids: HashSet<String>,
    /// Each id and name in composed form, to the ids that have it.
    composed: HashMap<String, Vec<String>>,
}

impl Resolver {
    fn new(noun: &'static str) -> Self {
        Resolver {
            noun,
            ids: HashSet::new(),
            composed: HashMap::new(),
        }
    }

    /// Adds an entry: its id exactly as typed, and its name if it has one.
    fn add(&mut self, id: &str, name: Option<&str>) {
        let mut keys = vec![nfc(id)];
        keys.extend(name.map(nfc).filter(|n| *n != keys[0]));
        for key in keys {
            let ids = self.composed.entry(key).or_default();
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_owned());
            }
        }
        self.ids.insert(id.to_owned());
    }

    fn from_table(noun: &'static str, table: Option<&Table<'_>>) -> Self {
        let mut resolver = Resolver::new(noun);
        if let Some(t) = table {
            for row in t.rows() {
                if let Ok(Some(id)) = cells::text(t.cell(row, "id")) {
                    let name = cells::trimmed(t.cell(row, "name")).ok().flatten();
                    resolver.add(&id, name.as_deref());
                }
            }
        }
        resolver
    }

    /// Whether `item` is an id or a name of this kind.
    fn knows(&self, item: &str) -> bool {
        self.ids.contains(item) || self.composed.contains_key(&nfc(item))
    }

    /// The id `item` stands for. An unknown item is returned as it is: validation then
    /// reports it as a dangling reference at the cell.
    fn resolve(&self, item: &str) -> Result<String, String> {
        if self.ids.contains(item) {
            return Ok(item.to_owned());
        }
        match self.composed.get(&nfc(item)).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if !many.is_empty() => Err(format!(
                "\"{item}\" is the name of {} {}s ({}): write the id instead",
                many.len(),
                self.noun,
                many.join(", ")
            )),
            _ => Ok(item.to_owned()),
        }
    }
}

/// One entry of a list, built from one row.
struct Entry {
    value: Map<String, Value>,
    row: Location,
    places: Vec<(String, Location)>,
    faults: Vec<(String, Location, String)>,
}

impl Entry {
    /// Stores the entry as `list[index]`, recording its cells and faults.
    fn commit(self, list: &str, index: usize, found: &mut Faults) -> Value {
        let base = format!("{list}[{index}]");
        found.place(base.clone(), self.row);
        for (suffix, loc) in self.places {
            found.place(format!("{base}.{suffix}"), loc);
        }
        for (suffix, loc, message) in self.faults {
            found.at(&format!("{base}.{suffix}"), &loc, message);
        }
        Value::Object(self.value)
    }
}

/// Reads the cells of one row into an [`Entry`].
struct RowReader<'t, 'g> {
    table: &'t Table<'g>,
    row: u32,
    entry: Entry,
}

impl<'t, 'g> RowReader<'t, 'g> {
    fn new(table: &'t Table<'g>, row: u32) -> Self {
        let loc = table.loc(row, "id");
        RowReader {
            table,
            row,
            entry: Entry {
                value: Map::new(),
                row: loc,
                places: Vec::new(),
                faults: Vec::new(),
            },
        }
    }

    fn cell(&self, key: &str) -> Option<&'g Data> {
        self.table.cell(self.row, key)
    }

    /// Records that `field` comes from column `key` (whether or not it is blank, so
    /// that "missing field" points at the empty cell).
    fn place(&mut self, field: &str, key: &str) -> Location {
        let loc = self.table.loc(self.row, key);
        if let Some((outer, _)) = field.split_once('.') {
            self.entry.places.push((outer.to_owned(), loc.clone()));
        }
        self.entry.places.push((field.to_owned(), loc.clone()));
        loc
    }

    fn put(&mut self, field: &str, value: Value) {
        insert_path(&mut self.entry.value, field, value);
    }

    fn fail(&mut self, field: &str, loc: Location, message: String) {
        self.entry.faults.push((field.to_owned(), loc, message));
    }

    /// Takes the result of reading a cell: a value to store, nothing, or a fault.
    fn take(&mut self, field: &str, loc: Location, result: Result<Option<Value>, String>) {
        match result {
            Ok(Some(value)) => self.put(field, value),
            Ok(None) => {}
            Err(message) => self.fail(field, loc, message),
        }
    }

    /// Free text (a title, a name), kept exactly as typed; a blank cell is the empty
    /// text. Without the column the field is missing, and validation says so.
    fn text(&mut self, key: &str, field: &str) {
        let loc = self.place(field, key);
        if !self.table.has(key) {
            return;
        }
        let result = cells::free_text(self.cell(key)).map(|t| Some(Value::String(t)));
        self.take(field, loc, result);
    }

    /// An id, exactly as typed. One that begins or ends with white space or holds a
    /// line break is refused rather than changed: references to it in a cell of several
    /// items are trimmed and split at line breaks, so it could not be referred to.
    fn id(&mut self, key: &str, field: &str) {
        let loc = self.place(field, key);
        let result = cells::text(self.cell(key)).and_then(|t| match t {
            Some(id) if id.contains(['\n', '\r']) => Err(format!(
                "the id {id:?} holds a line break, which a workbook uses to separate items: write it on one line"
            )),
            Some(id) if id.trim() != id => Err(format!(
                "the id {id:?} begins or ends with white space, which the workbook cannot tell from the id without it: remove the spaces"
            )),
            other => Ok(other.map(Value::String)),
        });
        self.take(field, loc, result);
    }

    fn int(&mut self, key: &str, field: &str) {
        let loc = self.place(field, key);
        let result = cells::integer(self.cell(key)).map(|n| n.map(Value::Number));
        self.take(field, loc, result);
    }

    fn date(&mut self, key: &str, field: &str) {
        let loc = self.place(field, key);
        let result = cells::date(self.cell(key)).map(|d| d.map(|d| Value::String(d.to_string())));
        self.take(field, loc, result);
    }

    /// A value named by a label or a code (`form`, `kind`).
    fn label(
        &mut self,
        key: &str,
        field: &str,
        parse: impl Fn(&str) -> Option<String>,
        expected: &str,
    ) {
        let loc = self.place(field, key);
        let result = cells::trimmed(self.cell(key)).and_then(|t| match t {
            None => Ok(None),
            Some(t) => parse(&t)
                .map(|c| Some(Value::String(c)))
                .ok_or_else(|| format!("unknown value \"{t}\"; expected one of: {expected}")),
        });
        self.take(field, loc, result);
    }

    /// The first non-blank of the columns `keys`, split into items and resolved;
    /// `all` accepts "*" (every body). Returns whether a cell was found.
    fn refs(&mut self, keys: &[&str], field: &str, resolver: &Resolver, all: bool) -> bool {
        self.references(keys, field, resolver, Some(all))
    }

    /// As [`RowReader::refs`] for a single reference.
    fn one_ref(&mut self, keys: &[&str], field: &str, resolver: &Resolver) -> bool {
        self.references(keys, field, resolver, None)
    }

    /// `many` is `None` for a single reference, else whether "*" is accepted.
    fn references(
        &mut self,
        keys: &[&str],
        field: &str,
        resolver: &Resolver,
        many: Option<bool>,
    ) -> bool {
        let key = keys
            .iter()
            .copied()
            .find(|k| !cells::is_blank(self.cell(k)))
            .or_else(|| keys.iter().copied().find(|k| self.table.has(k)));
        let Some(key) = key else {
            return false;
        };
        let loc = self.place(field, key);
        let text = match cells::text(self.cell(key)) {
            Ok(Some(text)) => text,
            Ok(None) => return false,
            Err(message) => {
                self.fail(field, loc, message);
                return true;
            }
        };
        let all = many == Some(true);
        let items = match many {
            Some(_) => split_known(&text, |s| resolver.knows(s) || (all && is_all_word(s))),
            None => vec![text.trim().to_owned()],
        };
        let mut out = Vec::new();
        for item in items {
            let resolved = if all && is_all_word(&item) {
                Ok("*".to_owned())
            } else {
                resolver.resolve(&item)
            };
            match resolved {
                Ok(id) => out.push(Value::String(id)),
                Err(message) => {
                    self.fail(field, loc, message);
                    return true;
                }
            }
        }
        let value = match many {
            Some(_) => Value::Array(out),
            None => out.pop().unwrap_or(Value::Null),
        };
        self.put(field, value);
        true
    }
}

/// Sets `path` (`rules.weights.area`) in `map`, creating the objects on the way.
fn insert_path(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let inner = map
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Value::Object(inner) = inner {
                insert_path(inner, rest, value);
            }
        }
    }
}

fn form_labels() -> String {
    Form::ALL
        .iter()
        .map(|f| f.label(Lang::Vi))
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_labels() -> String {
    KINDS
        .iter()
        .map(|&k| kind_label(k, Lang::Vi))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole problem tree.
fn document(grids: &[Grid], found: &mut Faults) -> Map<String, Value> {
    let mut doc = Map::new();
    doc.insert("format".into(), Value::String(PROBLEM_FORMAT.into()));

    let mut fixed: HashMap<SheetKind, &Grid> = HashMap::new();
    // Every fixed sheet there, read or not.
    let mut present: HashSet<SheetKind> = HashSet::new();
    let mut others: Vec<&Grid> = Vec::new();
    for grid in grids {
        match SheetKind::from_name(&grid.name) {
            Some(kind) => {
                present.insert(kind);
                if !grid.readable {
                    continue;
                }
                if let Some(first) = fixed.get(&kind) {
                    found.in_sheet(
                        &grid.name,
                        format!(
                            "the sheets {} and {} hold the same list; keep one (the first is read)",
                            quoted_sheet(&first.name),
                            quoted_sheet(&grid.name)
                        ),
                    );
                } else {
                    fixed.insert(kind, grid);
                }
            }
            None => others.push(grid),
        }
    }

    let lang = names_lang(&fixed);
    read_general(
        fixed.get(&SheetKind::General).copied(),
        present.contains(&SheetKind::General),
        lang,
        &mut doc,
        found,
    );

    let mut tables: HashMap<SheetKind, Table<'_>> = HashMap::new();
    for kind in SheetKind::REFERENCE {
        if kind == SheetKind::General {
            continue;
        }
        let Some(grid) = fixed.get(&kind) else {
            // A deleted or renamed sheet would silently empty its list; one that could
            // not be read has its fault already.
            if !present.contains(&kind) {
                let (sheet, named) = missing_sheet(kind, lang);
                found.in_sheet(
                    sheet,
                    format!(
                        "the workbook has no sheet {named}, which holds the {} (if there are none, keep the sheet with its headings and no rows); {}",
                        kind.list().unwrap_or_default(),
                        expected_sheets(lang)
                    ),
                );
            }
            if let Some(list) = kind.list() {
                found.covered.push(list.to_owned());
            }
            continue;
        };
        if grid.range.is_empty() {
            continue; // a blank sheet: an empty list
        }
        match Table::find(grid, kind.columns(), &["id"], found) {
            Some(table) => {
                tables.insert(kind, table);
            }
            None => found.in_sheet(
                &grid.name,
                format!(
                    "no heading row: the sheet needs a row of headings with {}",
                    heading_list(kind.columns(), &["id"])
                ),
            ),
        }
    }
    let resolver = |kind: SheetKind, noun| Resolver::from_table(noun, tables.get(&kind));
    let bodies = resolver(SheetKind::Bodies, "body");
    let people = resolver(SheetKind::People, "person");
    let topics = resolver(SheetKind::Topics, "topic");
    let areas = resolver(SheetKind::Areas, "area");
    let subjects = resolver(SheetKind::Subjects, "subject");
    let events = resolver(SheetKind::Events, "event");
    for kind in SheetKind::REFERENCE {
        let (Some(table), Some(list)) = (tables.get(&kind), kind.list()) else {
            continue;
        };
        let mut values = Vec::new();
        for row in table.rows() {
            let mut r = RowReader::new(table, row);
            r.id("id", "id");
            match kind {
                SheetKind::Bodies => {
                    r.text("name", "name");
                    r.label("kind", "kind", |t| parse_kind(t).map(code), &kind_labels());
                    r.int("rank", "rank");
                    r.int("max_parallel", "max_parallel");
                }
                SheetKind::People => {
                    r.text("name", "name");
                    r.refs(&["bodies"], "bodies", &bodies, false);
                    read_ranges(&mut r, "unavailable", "unavailable");
                }
                SheetKind::Topics => {
                    r.text("name", "name");
                    r.refs(&["parents"], "parents", &topics, false);
                }
                SheetKind::Areas => r.text("name", "name"),
                SheetKind::Subjects => {
                    r.text("name", "name");
                    r.one_ref(&["area"], "area", &areas);
                }
                SheetKind::Events => {
                    r.text("name", "name");
                    r.date("start", "start");
                    r.date("end", "end");
                    r.refs(&["blocks"], "blocks", &bodies, true);
                }
                SheetKind::History => {
                    r.one_ref(&["body"], "body", &bodies);
                    r.refs(&["topics"], "topics", &topics, false);
                    r.refs(&["subjects"], "subjects", &subjects, false);
                    r.date("start", "start");
                    r.date("end", "end");
                }
                SheetKind::Summary | SheetKind::General => {}
            }
            let index = values.len();
            values.push(r.entry.commit(list, index, found));
        }
        doc.insert(list.to_owned(), Value::Array(values));
    }

    let resolvers = Resolvers {
        bodies: &bodies,
        people: &people,
        topics: &topics,
        areas: &areas,
        subjects: &subjects,
    };
    let body_sheets = BodySheets::new(tables.get(&SheetKind::Bodies));
    let mut has_sheet = vec![false; body_sheets.bodies.len()];
    let mut pending = Vec::new();
    for grid in others {
        let Some(index) = body_sheets.body_of(&grid.name) else {
            // Without the bodies sheet no body's sheet can be told; its absence is
            // the fault already reported, as is a sheet that could not be read.
            if tables.contains_key(&SheetKind::Bodies) && grid.readable {
                found.in_sheet(
                    &grid.name,
                    format!(
                        "a sheet the reader does not know: it is neither one of the workbook's sheets nor a body's; rename it, or move what it holds to another file ({})",
                        expected_sheets(lang)
                    ),
                );
            }
            continue;
        };
        has_sheet[index] = true;
        let body = body_sheets.bodies[index].0.clone();
        if grid.range.is_empty() {
            continue; // a body without activities, or a sheet that could not be read
        }
        match Table::find(grid, ACTIVITY_COLUMNS, &["id", "duration"], found) {
            Some(table) => read_activities(&table, &body, &resolvers, &mut pending, found),
            None => found.in_sheet(
                &grid.name,
                format!(
                    "no heading row: the sheet of a body's activities needs a row of headings with {}",
                    heading_list(ACTIVITY_COLUMNS, &["id", "duration"])
                ),
            ),
        }
    }
    // A body listed twice matches one sheet only; the second listing is the fault, not
    // a missing sheet.
    let mut first_listed: HashMap<&str, String> = HashMap::new();
    let with_sheet: HashSet<&str> = body_sheets
        .bodies
        .iter()
        .zip(&has_sheet)
        .filter(|(_, &found)| found)
        .map(|((id, _, _), _)| id.as_str())
        .collect();
    for (id, expected, loc) in &body_sheets.bodies {
        let found_sheet = with_sheet.contains(id.as_str());
        if let Some(first) = first_listed.get(id.as_str()) {
            found.faults.push(Fault::new(
                loc.to_string(),
                format!("the body \"{id}\" is listed twice (first at {first}); remove one row"),
            ));
            continue;
        }
        first_listed.insert(id.as_str(), loc.to_string());
        if !found_sheet {
            found.faults.push(Fault::new(
                loc.to_string(),
                format!(
                    "the body \"{id}\" has no sheet of activities: the workbook has no sheet {} (was it deleted or renamed?). Add it, with its headings or blank for a body without activities, or remove the body",
                    quoted_sheet(expected)
                ),
            ));
        }
    }
    let activities = finish_activities(pending, &events, found);
    doc.insert("activities".into(), Value::Array(activities));
    doc
}

/// A list of date ranges (`unavailable`), one per item.
fn read_ranges(r: &mut RowReader<'_, '_>, key: &str, field: &str) {
    let loc = r.place(field, key);
    let cell = r.cell(key);
    let result = match cell {
        Some(Data::DateTime(_)) => cells::date(cell).map(|d| d.map(|d| vec![(d, d)])),
        _ => cells::text(cell).and_then(|t| match t {
            None => Ok(None),
            Some(t) => split_list(&t)
                .iter()
                .map(|item| parse_range(item))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }),
    };
    let value = result.map(|ranges| {
        ranges.map(|list| {
            Value::Array(
                list.into_iter()
                    .map(|(start, end)| {
                        let mut m = Map::new();
                        m.insert("start".into(), Value::String(start.to_string()));
                        m.insert("end".into(), Value::String(end.to_string()));
                        Value::Object(m)
                    })
                    .collect(),
            )
        })
    });
    r.take(field, loc, value);
}

struct Resolvers<'a> {
    bodies: &'a Resolver,
    people: &'a Resolver,
    topics: &'a Resolver,
    areas: &'a Resolver,
    subjects: &'a Resolver,
}

/// The sheets of the bodies: the names that stand for each body's sheet and the name
/// the bodies sheet expects for it.
struct BodySheets {
    /// A sheet name as compared (see [`sheet_key`]) to the body's index.
    by_name: HashMap<String, usize>,
    /// Each body: its id, the sheet name expected for it, and its row.
    bodies: Vec<(String, String, Location)>,
}

/// A sheet name as Excel compares it: without regard to case (nor, here, to how the
/// accents were typed).
fn sheet_key(name: &str) -> String {
    folded(name)
}

impl BodySheets {
    /// A body's sheet may be named as the bodies sheet's "Trang hoạt động" column says,
    /// as the writer derives it from the id, by the id itself, or by the body's name.
    fn new(table: Option<&Table<'_>>) -> Self {
        let mut rows: Vec<(String, Option<String>, Option<String>, Location)> = Vec::new();
        if let Some(t) = table {
            for row in t.rows() {
                if let Ok(Some(id)) = cells::text(t.cell(row, "id")) {
                    let name = cells::trimmed(t.cell(row, "name")).ok().flatten();
                    let sheet = cells::trimmed(t.cell(row, "sheet")).ok().flatten();
                    rows.push((id, name, sheet, t.loc(row, "id")));
                }
            }
        }
        let ids: Vec<&str> = rows.iter().map(|(id, ..)| id.as_str()).collect();
        let derived = body_sheet_names(&ids);
        let mut by_name = HashMap::new();
        let mut bodies = Vec::new();
        for (i, ((id, _, sheet, loc), derived)) in rows.iter().zip(&derived).enumerate() {
            if let Some(sheet) = sheet {
                by_name.entry(sheet_key(sheet)).or_insert(i);
            }
            by_name.entry(sheet_key(derived)).or_insert(i);
            let expected = sheet.clone().unwrap_or_else(|| derived.clone());
            bodies.push((id.clone(), expected, loc.clone()));
        }
        for (i, (id, name, ..)) in rows.iter().enumerate() {
            by_name.entry(sheet_key(id)).or_insert(i);
            if let Some(name) = name {
                by_name.entry(sheet_key(name)).or_insert(i);
            }
        }
        BodySheets { by_name, bodies }
    }

    /// The index of the body whose sheet `name` is.
    fn body_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(&sheet_key(name)).copied()
    }
}

/// The language of a workbook's sheet names: English when its fixed sheets are named
/// in English only.
fn names_lang(fixed: &HashMap<SheetKind, &Grid>) -> Lang {
    let named = |lang| {
        fixed
            .iter()
            .any(|(kind, grid)| folded(&grid.name) == folded(kind.name(lang)))
    };
    if named(Lang::En) && !named(Lang::Vi) {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// Names a missing sheet in the workbook's language and the other.
fn missing_sheet(kind: SheetKind, lang: Lang) -> (&'static str, String) {
    let other = match lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    };
    (
        kind.name(lang),
        format!("\"{}\" ({})", kind.name(lang), kind.name(other)),
    )
}

/// The sheets a workbook holds, for messages.
fn expected_sheets(lang: Lang) -> String {
    let names: Vec<String> = SheetKind::REFERENCE
        .iter()
        .map(|k| format!("\"{}\"", k.name(lang)))
        .collect();
    format!(
        "the workbook's sheets are {} (or their {} names), one per body as the sheet \"{}\" names it, and \"{}\" in a programme",
        names.join(", "),
        match lang {
            Lang::Vi => "English",
            Lang::En => "Vietnamese",
        },
        SheetKind::Bodies.name(lang),
        SheetKind::Summary.name(lang),
    )
}

/// An activity read from a row, waiting for every activity id to be known (its
/// `after` and `before` may name activities of later sheets).
struct Pending {
    entry: Entry,
    order: Option<i64>,
    links: Vec<(&'static str, Location, String)>,
}

fn read_activities(
    table: &Table<'_>,
    sheet_body: &str,
    res: &Resolvers<'_>,
    pending: &mut Vec<Pending>,
    found: &mut Faults,
) {
    let missing: Vec<&str> = ["title", "form"]
        .into_iter()
        .filter(|k| !table.has(k))
        .collect();
    if !missing.is_empty() {
        found.in_sheet(
            table.sheet,
            format!(
                "no column {}: the sheet's activities are not read",
                heading_list(ACTIVITY_COLUMNS, &missing)
            ),
        );
        return;
    }
    for row in table.rows() {
        let mut r = RowReader::new(table, row);
        r.id("id", "id");
        // A body column, when filled in, wins over the sheet.
        if !r.one_ref(&["body", "body_name"], "body", res.bodies) {
            r.place("body", "body");
            r.put("body", Value::String(sheet_body.to_owned()));
        }
        r.text("title", "title");
        r.label("form", "form", |t| parse_form(t).map(code), &form_labels());
        r.refs(&["topics", "topic_names"], "topics", res.topics, false);
        r.refs(
            &["subjects", "subject_names"],
            "subjects",
            res.subjects,
            false,
        );
        r.refs(&["areas", "area_names"], "areas", res.areas, false);
        r.refs(&["members", "member_names"], "members", res.people, false);
        r.refs(&["invite", "invite_names"], "invite", res.bodies, false);
        r.int("duration", "duration");
        r.date("window.start", "window.start");
        r.date("window.end", "window.end");
        r.date("preferred.start", "preferred.start");
        r.date("preferred.end", "preferred.end");
        r.date("fixed_start", "fixed_start");
        let mut links = Vec::new();
        for field in ["after", "before"] {
            let loc = r.place(field, field);
            match cells::text(r.cell(field)) {
                Ok(Some(text)) => links.push((field, loc, text)),
                Ok(None) => {}
                Err(message) => r.fail(field, loc, message),
            }
        }
        let order = match cells::integer(r.cell("order")) {
            Ok(n) => n.and_then(|n| n.as_i64()),
            Err(message) => {
                let loc = table.loc(row, "order");
                found.faults.push(Fault::new(loc.to_string(), message));
                None
            }
        };
        pending.push(Pending {
            entry: r.entry,
            order,
            links,
        });
    }
}

/// Resolves `after`/`before`, puts the activities in the problem's order (the order
/// column; rows without one after, as read) and commits them.
fn finish_activities(
    mut pending: Vec<Pending>,
    events: &Resolver,
    found: &mut Faults,
) -> Vec<Value> {
    let ids: HashSet<String> = pending
        .iter()
        .filter_map(|p| {
            p.entry
                .value
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect();
    // Typed ids first, then ids whose accents were typed another way.
    let mut composed: HashMap<String, Vec<&str>> = HashMap::new();
    for id in &ids {
        composed.entry(nfc(id)).or_default().push(id);
    }
    let resolve = |item: &str| -> Result<String, String> {
        if ids.contains(item) {
            return Ok(item.to_owned());
        }
        match composed.get(&nfc(item)).map(Vec::as_slice) {
            Some([one]) => Ok((*one).to_owned()),
            _ => events.resolve(item),
        }
    };
    let known = |item: &str| {
        let (reference, _) = parse_precedence(item);
        ids.contains(&reference)
            || composed.contains_key(&nfc(&reference))
            || events.knows(&reference)
    };
    for p in &mut pending {
        for (field, loc, text) in std::mem::take(&mut p.links) {
            let mut items = Vec::new();
            for item in split_known(&text, known) {
                let (reference, gap) = parse_precedence(&item);
                match resolve(&reference) {
                    Ok(id) => {
                        let mut m = Map::new();
                        m.insert("ref".into(), Value::String(id));
                        m.insert("gap".into(), Value::from(gap));
                        items.push(Value::Object(m));
                    }
                    Err(message) => p
                        .entry
                        .faults
                        .push((field.to_owned(), loc.clone(), message)),
                }
            }
            p.entry.value.insert(field.to_owned(), Value::Array(items));
        }
    }
    // Stable: rows without an order keep the order they were read in.
    pending.sort_by_key(|p| (p.order.is_none(), p.order.unwrap_or(0)));
    pending
        .into_iter()
        .enumerate()
        .map(|(i, p)| p.entry.commit("activities", i, found))
        .collect()
}

/// The general sheet: one setting a row, found by its key or its label.
fn read_general(
    grid: Option<&Grid>,
    present: bool,
    lang: Lang,
    doc: &mut Map<String, Value>,
    found: &mut Faults,
) {
    const TOP: [&str; 4] = ["name", "horizon", "calendar", "rules"];
    let general = SheetKind::General;
    let Some(grid) = grid else {
        if present {
            // It could not be read, and says so.
            found.covered.extend(TOP.iter().map(|s| s.to_string()));
            return;
        }
        let (sheet, named) = missing_sheet(general, lang);
        found.in_sheet(
            sheet,
            format!(
                "the workbook has no sheet {named}, which holds the name, horizon, calendar and rules; {}",
                expected_sheets(lang)
            ),
        );
        found.covered.extend(TOP.iter().map(|s| s.to_string()));
        return;
    };
    for top in TOP {
        found.place(top.to_owned(), Location::sheet(&grid.name));
    }
    let columns = general.columns();
    let Some(table) = Table::find(grid, columns, &["value"], found) else {
        found.in_sheet(
            &grid.name,
            format!(
                "no heading row: the sheet needs a row of headings with {}",
                heading_list(columns, &["value"])
            ),
        );
        found.covered.extend(TOP.iter().map(|s| s.to_string()));
        return;
    };
    if !table.has("key") && !table.has("label") {
        found.in_sheet(
            &grid.name,
            format!("no column {}", heading_list(columns, &["key"])),
        );
        found.covered.extend(TOP.iter().map(|s| s.to_string()));
        return;
    }
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for row in table.rows() {
        let key = cells::trimmed(table.cell(row, "key")).ok().flatten();
        let label = cells::trimmed(table.cell(row, "label")).ok().flatten();
        let setting = key
            .as_deref()
            .and_then(find_setting)
            .or_else(|| label.as_deref().and_then(find_setting));
        let Some(setting) = setting else {
            if let Some(shown) = key.or(label) {
                let loc = table.loc(row, if table.has("key") { "key" } else { "label" });
                found.faults.push(Fault::new(
                    loc.to_string(),
                    format!("unknown setting \"{shown}\""),
                ));
            }
            continue;
        };
        let loc = table.loc(row, "value");
        if let Some(first) = seen.insert(setting.key, row) {
            found.faults.push(Fault::new(
                format!("{loc} ({})", setting.key),
                format!(
                    "the setting appears twice (first in row {}); the first is read",
                    first + 1
                ),
            ));
            seen.insert(setting.key, first);
            continue;
        }
        found.place(setting.key.to_owned(), loc.clone());
        match setting_value(setting, table.cell(row, "value")) {
            Ok(Some(value)) => insert_path(doc, setting.key, value),
            Ok(None) => {}
            Err(message) => found.at(setting.key, &loc, message),
        }
    }
}

fn setting_value(setting: &Setting, cell: Option<&Data>) -> Result<Option<Value>, String> {
    let strings = |list: Vec<String>| Value::Array(list.into_iter().map(Value::String).collect());
    Ok(match setting.kind {
        SettingType::Text if setting.key == "name" => Some(Value::String(cells::free_text(cell)?)),
        SettingType::Text => {
            cells::trimmed(cell)?.map(|t| Value::String(setting_code(setting, &t)))
        }
        SettingType::Date => cells::date(cell)?.map(|d| Value::String(d.to_string())),
        SettingType::Integer => cells::integer(cell)?.map(Value::Number),
        SettingType::DateList => match cell {
            Some(Data::DateTime(_)) => cells::date(cell)?.map(|d| strings(vec![d.to_string()])),
            _ => match cells::text(cell)? {
                None => None,
                Some(t) if is_none_word(&t) => Some(Value::Array(Vec::new())),
                Some(t) => {
                    let days = split_list(&t)
                        .iter()
                        .map(|item| {
                            parse_date(item).map(|d| d.to_string()).ok_or_else(|| {
                                format!("expected dates such as 29/04/2024, separated by \";\"; found \"{item}\"")
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Some(strings(days))
                }
            },
        },
        SettingType::Weekdays => match cells::text(cell)? {
            None => None,
            Some(t) if is_none_word(&t) => Some(Value::Array(Vec::new())),
            Some(t) => {
                let days = split_list(&t)
                    .iter()
                    .map(|item| {
                        parse_weekday(item).map(code).ok_or_else(|| {
                            format!("expected days of the week such as \"Thứ Bảy; Chủ nhật\" or \"sat; sun\"; found \"{item}\"")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Some(strings(days))
            }
        },
    })
}

/// The format's code for a text setting typed with another spelling.
fn setting_code(setting: &Setting, text: &str) -> String {
    let lower = folded(text);
    match (setting.key, lower.as_str()) {
        ("calendar.country", "vn" | "việt nam" | "vietnam") => "VN".into(),
        ("calendar.country", "none" | "không" | "không có") => "none".into(),
        ("rules.merge", "auto" | "tự động" | "có") => "auto".into(),
        ("rules.merge", "off" | "không" | "không gộp") => "off".into(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_parents() {
        assert_eq!(
            parent("activities[3].members[1]"),
            Some("activities[3].members")
        );
        assert_eq!(parent("activities[3].members"), Some("activities[3]"));
        assert_eq!(parent("activities[3]"), Some("activities"));
        assert_eq!(parent("name"), None);
        assert!(within("activities[3].window.start", "activities[3].window"));
        assert!(within("activities[3]", "activities[3]"));
        assert!(!within("activities[31]", "activities[3]"));
    }

    #[test]
    fn faults_are_located_at_the_nearest_cell() {
        let mut found = Faults::default();
        let cell = Location {
            sheet: "dbqh".into(),
            row: Some(6),
            col: Some(8),
        };
        found.place("activities[12].duration".into(), cell);
        found.place(
            "activities[12]".into(),
            Location {
                sheet: "dbqh".into(),
                row: Some(6),
                col: None,
            },
        );
        let f = found.locate(Fault::new("activities[12].duration", "too short"));
        assert_eq!(f.path, "'dbqh'!I7 (activities[12].duration)");
        let f = found.locate(Fault::new("activities[12].title", "missing"));
        assert_eq!(f.path, "'dbqh'!7:7 (activities[12].title)");
        let f = found.locate(Fault::new("$", "bad"));
        assert_eq!(f.path, "$");
    }

    #[test]
    fn nested_insert() {
        let mut m = Map::new();
        insert_path(&mut m, "rules.weights.area", Value::from(3));
        insert_path(&mut m, "rules.merge", Value::from("off"));
        assert_eq!(
            Value::Object(m),
            serde_json::json!({"rules": {"weights": {"area": 3}, "merge": "off"}})
        );
    }

    #[test]
    fn names_resolve_when_unique() {
        let mut r = Resolver::new("body");
        r.add("tc", Some("Sở Tài chính"));
        r.add("b1", Some("Ban"));
        r.add("b2", Some("Ban"));
        assert_eq!(r.resolve("tc"), Ok("tc".into()));
        assert_eq!(r.resolve("Sở Tài chính"), Ok("tc".into()));
        assert_eq!(r.resolve("unknown"), Ok("unknown".into()));
        assert!(r.resolve("Ban").expect_err("ambiguous").contains("b1, b2"));
    }
}
