//! Writing a problem (the proposals template) or a plan (the harmonised programme) as
//! an Excel workbook.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::layout::{
    body_sheet_names, code, kind_label, none_word, setting_label, weekday_label, Column,
    SettingType, SheetKind, ACTIVITY_COLUMNS, FIRST_DATA_ROW, HEADER_ROW, KINDS, SETTINGS,
    SUBTITLE_ROW, TITLE_ROW,
};
use super::print::{self, Table};
use super::text::{format_precedence, format_range, join_list};
use super::writable::{self, utf16_len, MAX_CELL_TEXT};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::{Activity, Form, Problem};
use crate::plan::{Plan, PlanGroup};

/// One cell's value before it is written.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Blank,
    Text(String),
    Int(u64),
    Date(NaiveDate),
}

/// Integers above this are not exact as an Excel number (a double) and are written as
/// text.
const MAX_EXACT: u64 = 1 << 53;

/// Excel's serial dates begin in 1900 and count a 29 February 1900 that never was:
/// dates before March 1900 are written as ISO text so they read back exactly.
fn excel_safe(date: NaiveDate) -> bool {
    date >= NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or(NaiveDate::MIN) && date.year() <= 9999
}

/// Rows left for new entries below the data when a dropdown is attached to a column.
const SPARE_ROWS: u32 = 300;

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    month: Format,
}

impl Styles {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xDDEBF7),
            number: cell.clone().set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            text: cell,
            month: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(0xFFF2CC),
        }
    }
}

/// Looks up names by id for the display columns; an unknown id shows as itself.
struct Names<'p> {
    maps: [HashMap<&'p str, &'p str>; 5],
}

#[derive(Clone, Copy)]
enum Kind {
    Body = 0,
    Person = 1,
    Topic = 2,
    Area = 3,
    Subject = 4,
}

impl<'p> Names<'p> {
    fn new(p: &'p Problem) -> Self {
        fn map<'a, T>(
            items: &'a [T],
            f: impl Fn(&'a T) -> (&'a str, &'a str),
        ) -> HashMap<&'a str, &'a str> {
            // The first of duplicate ids wins, as validation reports the later ones.
            let mut out = HashMap::new();
            for item in items {
                let (id, name) = f(item);
                out.entry(id).or_insert(name);
            }
            out
        }
        Names {
            maps: [
                map(&p.bodies, |b| (&b.id, &b.name)),
                map(&p.people, |x| (&x.id, &x.name)),
                map(&p.topics, |x| (&x.id, &x.name)),
                map(&p.areas, |x| (&x.id, &x.name)),
                map(&p.subjects, |x| (&x.id, &x.name)),
            ],
        }
    }

    fn name<'a>(&'a self, kind: Kind, id: &'a str) -> &'a str {
        self.maps[kind as usize].get(id).copied().unwrap_or(id)
    }

    fn names(&self, kind: Kind, ids: &[String]) -> String {
        let names: Vec<&str> = ids.iter().map(|id| self.name(kind, id)).collect();
        join_list(&names)
    }
}

/// The bytes of the workbook of `problem` (with the programme of `plan`, scored against
/// it), or the faults of every value it could not give back unchanged: nothing is
/// returned, so nothing is written, unless reading the bytes gives `problem` back.
/// `path` names the file in errors.
pub(crate) fn to_bytes(
    problem: &Problem,
    plan: Option<&Plan>,
    lang: Lang,
    path: &Path,
) -> Result<Vec<u8>> {
    writable::check(problem)?;
    let mut workbook = build(problem, plan, lang).map_err(|e| xlsx_error(e, path))?;
    let bytes = workbook.save_to_buffer().map_err(|e| xlsx_error(e, path))?;
    writable::verify(problem, &bytes)?;
    Ok(bytes)
}

/// A workbook that cannot be made is a write failure of its file.
fn xlsx_error(err: XlsxError, path: &Path) -> Error {
    let source = match err {
        XlsxError::IoError(io) => io,
        other => std::io::Error::other(other.to_string()),
    };
    Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    }
}

/// The whole workbook: the summary (plans only), one sheet per body, then the
/// reference sheets. `plan` must have been scored against `problem`.
fn build(problem: &Problem, plan: Option<&Plan>, lang: Lang) -> Result<Workbook, XlsxError> {
    let styles = Styles::new();
    let names = Names::new(problem);
    let mut workbook = Workbook::new();
    if let Some(plan) = plan {
        let sheet = workbook.add_worksheet();
        sheet.set_name(SheetKind::Summary.name(lang))?;
        write_summary(sheet, problem, plan, &names, &styles, lang)?;
    }
    let bodies = body_ids(problem);
    let sheet_names = body_sheet_names(&bodies);
    let groups: HashMap<&str, &PlanGroup> = plan
        .map(|p| {
            p.groups
                .iter()
                .flat_map(|g| g.activities.iter().map(move |a| (a.as_str(), g)))
                .collect()
        })
        .unwrap_or_default();
    for (body, sheet_name) in bodies.iter().zip(&sheet_names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name)?;
        let ctx = ActivityContext {
            problem,
            names: &names,
            groups: plan.map(|_| &groups),
            lang,
        };
        write_body_sheet(sheet, body, &ctx, &styles)?;
    }
    for kind in SheetKind::REFERENCE {
        let sheet = workbook.add_worksheet();
        sheet.set_name(kind.name(lang))?;
        let rows = reference_rows(kind, problem, &sheet_names, lang);
        let title = format!("{} — {}", kind.name(lang), problem.name);
        let columns = kind.columns();
        let table = TableSpec {
            title: &title,
            subtitle: &horizon_line(problem, lang),
            columns,
            widths: widths(Table::Reference, columns),
        };
        write_table(sheet, &styles, lang, &table, &rows)?;
        print::set_page(sheet, lang, last_row(rows.len()), last_col(columns))?;
        if kind == SheetKind::Bodies {
            let labels: Vec<&str> = KINDS.iter().map(|&k| kind_label(k, lang)).collect();
            dropdown(sheet, kind.columns(), "kind", &labels, rows.len(), lang)?;
        }
    }
    Ok(workbook)
}

/// The bodies that get a sheet: every declared body, then any body an activity names
/// without declaring it (a problem built in code need not be valid to be written).
fn body_ids(problem: &Problem) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    let bodies = problem.bodies.iter().map(|b| b.id.as_str());
    let used = problem.activities.iter().map(|a| a.body.as_str());
    for id in bodies.chain(used) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

fn horizon_line(problem: &Problem, lang: Lang) -> String {
    let range = format_range(problem.horizon.start, problem.horizon.end, lang);
    match lang {
        Lang::Vi => format!("Thời kỳ: {range}"),
        Lang::En => format!("Horizon: {range}"),
    }
}

/// A table's title rows and columns, with the width each column gets.
struct TableSpec<'a> {
    title: &'a str,
    subtitle: &'a str,
    columns: &'a [Column],
    widths: Vec<u16>,
}

fn widths(table: Table, columns: &[Column]) -> Vec<u16> {
    columns.iter().map(|c| print::width(table, c)).collect()
}

/// The last row of a table of `rows` rows.
fn last_row(rows: usize) -> u32 {
    FIRST_DATA_ROW + to_u32(rows).saturating_sub(1)
}

/// Writes the title rows, the headings and the rows of a table, with widths, a frozen
/// heading row and a filter.
fn write_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    lang: Lang,
    table: &TableSpec<'_>,
    rows: &[Vec<Val>],
) -> Result<(), XlsxError> {
    write_heading(sheet, styles, lang, table)?;
    for (r, row) in rows.iter().enumerate() {
        write_row(
            sheet,
            styles,
            FIRST_DATA_ROW + to_u32(r),
            row,
            &table.widths,
        )?;
    }
    let last = last_row(rows.len());
    sheet.autofilter(HEADER_ROW, 0, last.max(HEADER_ROW), last_col(table.columns))?;
    Ok(())
}

/// Writes one row of values, as tall as its wrapped text needs.
fn write_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    values: &[Val],
    widths: &[u16],
) -> Result<(), XlsxError> {
    for (c, value) in values.iter().enumerate() {
        write_val(sheet, styles, row, to_u16(c), value)?;
    }
    let texts = values.iter().zip(widths).filter_map(|(v, &w)| match v {
        Val::Text(text) => Some((text.as_str(), w)),
        _ => None,
    });
    if let Some(height) = print::row_height(texts) {
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

fn write_heading(
    sheet: &mut Worksheet,
    styles: &Styles,
    lang: Lang,
    table: &TableSpec<'_>,
) -> Result<(), XlsxError> {
    let last = last_col(table.columns);
    let (title, subtitle) = (fit(table.title), fit(table.subtitle));
    if last > 0 {
        sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last, &title, &styles.title)?;
        sheet.merge_range(
            SUBTITLE_ROW,
            0,
            SUBTITLE_ROW,
            last,
            &subtitle,
            &styles.subtitle,
        )?;
    } else {
        sheet.write_string_with_format(TITLE_ROW, 0, title, &styles.title)?;
        sheet.write_string_with_format(SUBTITLE_ROW, 0, subtitle, &styles.subtitle)?;
    }
    sheet.set_row_height(TITLE_ROW, 22)?;
    sheet.set_row_height(HEADER_ROW, 45)?;
    for (c, (column, &width)) in table.columns.iter().zip(&table.widths).enumerate() {
        let c = to_u16(c);
        sheet.write_string_with_format(HEADER_ROW, c, column.heading(lang), &styles.header)?;
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    Ok(())
}

/// `text` cut to what a cell holds. Only text that is shown, never read back, can be
/// this long: [`writable::check`] refuses a field that does not fit, and
/// [`writable::verify`] any other cell that would come back cut.
fn fit(text: &str) -> Cow<'_, str> {
    if utf16_len(text) <= MAX_CELL_TEXT {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        // One unit is kept for the ellipsis.
        if units + c.len_utf16() > MAX_CELL_TEXT - 1 {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

fn write_val(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    value: &Val,
) -> Result<(), XlsxError> {
    match value {
        Val::Blank => sheet.write_blank(row, col, &styles.text)?,
        Val::Text(text) if text.is_empty() => sheet.write_blank(row, col, &styles.text)?,
        Val::Text(text) => sheet.write_string_with_format(row, col, fit(text), &styles.text)?,
        Val::Int(n) if *n <= MAX_EXACT => {
            // Exact: checked against 2^53 just above.
            #[allow(clippy::cast_precision_loss)]
            let number = *n as f64;
            sheet.write_number_with_format(row, col, number, &styles.number)?
        }
        Val::Int(n) => sheet.write_string_with_format(row, col, n.to_string(), &styles.number)?,
        Val::Date(date) if excel_safe(*date) => {
            sheet.write_date_with_format(row, col, date, &styles.date)?
        }
        Val::Date(date) => {
            sheet.write_string_with_format(row, col, date.to_string(), &styles.date)?
        }
    };
    Ok(())
}

/// A dropdown of `labels` on the column `key`; a warning rather than a refusal, so a
/// planner may still type a code or the other language's label.
fn dropdown(
    sheet: &mut Worksheet,
    columns: &[Column],
    key: &str,
    labels: &[&str],
    rows: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let Some(c) = columns.iter().position(|c| c.key == key) else {
        return Ok(());
    };
    let message = match lang {
        Lang::Vi => "Chọn một giá trị trong danh sách.",
        Lang::En => "Pick a value from the list.",
    };
    let validation = DataValidation::new()
        .allow_list_strings(labels)?
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message(message)?;
    let last = FIRST_DATA_ROW + to_u32(rows) + SPARE_ROWS;
    sheet.add_data_validation(FIRST_DATA_ROW, to_u16(c), last, to_u16(c), &validation)?;
    Ok(())
}

fn last_col(columns: &[Column]) -> u16 {
    to_u16(columns.len().saturating_sub(1))
}

/// Row and column counts are bounded by the problem's size and Excel's limits are
/// checked by rust_xlsxwriter; saturating keeps an absurd count an Excel error, not a
/// wrapped index.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

struct ActivityContext<'a> {
    problem: &'a Problem,
    names: &'a Names<'a>,
    /// The group of each activity, for a plan.
    groups: Option<&'a HashMap<&'a str, &'a PlanGroup>>,
    lang: Lang,
}

impl ActivityContext<'_> {
    fn columns(&self) -> Vec<Column> {
        ACTIVITY_COLUMNS
            .iter()
            .filter(|c| self.groups.is_some() || c.key != "group")
            .copied()
            .collect()
    }

    fn group(&self, id: &str) -> Option<&PlanGroup> {
        self.groups.and_then(|g| g.get(id).copied())
    }

    fn cell(&self, key: &str, stt: usize, order: usize, a: &Activity) -> Val {
        let names = self.names;
        let text = Val::Text;
        let ids = |list: &[String]| Val::Text(join_list(list));
        let date = |d: Option<NaiveDate>| d.map_or(Val::Blank, Val::Date);
        match key {
            "stt" => Val::Int(stt as u64),
            "id" => text(a.id.clone()),
            "title" => text(a.title.clone()),
            "form" => text(a.form.label(self.lang).to_owned()),
            "topic_names" => text(names.names(Kind::Topic, &a.topics)),
            "subject_names" => text(names.names(Kind::Subject, &a.subjects)),
            "area_names" => text(names.names(Kind::Area, &a.areas)),
            "member_names" => text(names.names(Kind::Person, &a.members)),
            "invite_names" => text(names.names(Kind::Body, &a.invite)),
            "body_name" => text(names.name(Kind::Body, &a.body).to_owned()),
            "time" => text(self.time(a)),
            "duration" => Val::Int(u64::from(a.duration)),
            "group" => match self.group(&a.id) {
                Some(g) if g.activities.len() > 1 => text(g.lead.clone()),
                _ => Val::Blank,
            },
            "window.start" => date(a.window.map(|w| w.start)),
            "window.end" => date(a.window.map(|w| w.end)),
            "preferred.start" => date(a.preferred.map(|w| w.start)),
            "preferred.end" => date(a.preferred.map(|w| w.end)),
            "fixed_start" => date(a.fixed_start),
            "after" | "before" => {
                let list = if key == "after" { &a.after } else { &a.before };
                let items: Vec<String> = list
                    .iter()
                    .map(|p| format_precedence(&p.reference, p.gap))
                    .collect();
                text(join_list(&items))
            }
            "body" => text(a.body.clone()),
            "topics" => ids(&a.topics),
            "subjects" => ids(&a.subjects),
            "areas" => ids(&a.areas),
            "members" => ids(&a.members),
            "invite" => ids(&a.invite),
            "order" => Val::Int(order as u64 + 1),
            _ => Val::Blank,
        }
    }

    /// The scheduled days in a plan; the window (or the horizon) in a template.
    fn time(&self, a: &Activity) -> String {
        if let Some(group) = self.group(&a.id) {
            let first = group.days.first().copied().unwrap_or(group.start);
            let last = group.days.last().copied().unwrap_or(group.start);
            return format_range(first, last, self.lang);
        }
        let range = a.window.unwrap_or(self.problem.horizon);
        format_range(range.start, range.end, self.lang)
    }
}

fn write_body_sheet(
    sheet: &mut Worksheet,
    body: &str,
    ctx: &ActivityContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let problem = ctx.problem;
    let mut activities: Vec<(usize, &Activity)> = problem
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.body == body)
        .collect();
    if ctx.groups.is_some() {
        // A programme is read in date order; the order column keeps the problem's.
        activities.sort_by_key(|(i, a)| (ctx.group(&a.id).map(|g| g.start), *i));
    }
    let columns = ctx.columns();
    let rows: Vec<Vec<Val>> = activities
        .iter()
        .enumerate()
        .map(|(n, (order, a))| {
            columns
                .iter()
                .map(|c| ctx.cell(c.key, n + 1, *order, a))
                .collect()
        })
        .collect();
    let body_name = ctx.names.name(Kind::Body, body);
    let title = match (ctx.lang, ctx.groups.is_some()) {
        (Lang::Vi, false) => format!("Đề xuất chương trình giám sát — {body_name}"),
        (Lang::Vi, true) => format!("Chương trình giám sát — {body_name}"),
        (Lang::En, false) => format!("Proposed supervision programme — {body_name}"),
        (Lang::En, true) => format!("Supervision programme — {body_name}"),
    };
    let subtitle = format!(
        "{} · {} ({body}) · {} {}",
        problem.name,
        body_name,
        rows.len(),
        match ctx.lang {
            Lang::Vi => "hoạt động",
            Lang::En => "activities",
        }
    );
    let table = TableSpec {
        title: &title,
        subtitle: &subtitle,
        columns: &columns,
        widths: widths(Table::Activities, &columns),
    };
    write_table(sheet, styles, ctx.lang, &table, &rows)?;
    let labels: Vec<&str> = Form::ALL.iter().map(|f| f.label(ctx.lang)).collect();
    dropdown(sheet, &columns, "form", &labels, rows.len(), ctx.lang)?;
    // The columns a programme shows print; the round-trip columns after them do not.
    let printed = columns
        .iter()
        .position(|c| c.key == print::LAST_PRINTED_ACTIVITY_COLUMN)
        .map_or(last_col(&columns), to_u16);
    print::set_page(sheet, ctx.lang, last_row(rows.len()), printed)?;
    Ok(())
}

fn write_summary(
    sheet: &mut Worksheet,
    problem: &Problem,
    plan: &Plan,
    names: &Names<'_>,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let columns = SheetKind::Summary.columns();
    let title = match lang {
        Lang::Vi => format!("CHƯƠNG TRÌNH GIÁM SÁT — {}", problem.name),
        Lang::En => format!("SUPERVISION PROGRAMME — {}", problem.name),
    };
    let subtitle = match lang {
        Lang::Vi => format!(
            "{} · {} nhóm, {} hoạt động · vi phạm bắt buộc: {}, điểm phạt: {}",
            horizon_line(problem, lang),
            plan.groups.len(),
            problem.activities.len(),
            plan.score.hard,
            plan.score.soft
        ),
        Lang::En => format!(
            "{} · {} groups, {} activities · hard violations: {}, soft score: {}",
            horizon_line(problem, lang),
            plan.groups.len(),
            problem.activities.len(),
            plan.score.hard,
            plan.score.soft
        ),
    };
    let table = TableSpec {
        title: &title,
        subtitle: &subtitle,
        columns,
        widths: widths(Table::Summary, columns),
    };
    write_heading(sheet, styles, lang, &table)?;
    let by_id: HashMap<&str, &Activity> = problem
        .activities
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut groups: Vec<&PlanGroup> = plan.groups.iter().collect();
    groups.sort_by_key(|g| (first_day(g), g.lead.as_str()));
    let last = last_col(columns);
    let mut row = FIRST_DATA_ROW;
    let mut month = None;
    for (n, group) in groups.iter().enumerate() {
        let first = first_day(group);
        if month != Some((first.year(), first.month())) {
            month = Some((first.year(), first.month()));
            sheet.merge_range(row, 0, row, last, &month_title(first, lang), &styles.month)?;
            row += 1;
        }
        let values = summary_row(group, n + 1, &by_id, names, lang);
        write_row(sheet, styles, row, &values, &table.widths)?;
        row += 1;
    }
    print::set_page(sheet, lang, row.saturating_sub(1), last)?;
    Ok(())
}

fn first_day(group: &PlanGroup) -> NaiveDate {
    group.days.first().copied().unwrap_or(group.start)
}

/// "Tháng 3/2024" or "March 2024".
pub(crate) fn month_title(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tháng {}/{}", date.month(), date.year()),
        Lang::En => date.format("%B %Y").to_string(),
    }
}

fn summary_row(
    group: &PlanGroup,
    stt: usize,
    by_id: &HashMap<&str, &Activity>,
    names: &Names<'_>,
    lang: Lang,
) -> Vec<Val> {
    let activities: Vec<&Activity> = group
        .activities
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    let lead = by_id.get(group.lead.as_str()).copied();
    let union = |field: fn(&Activity) -> &[String]| {
        let mut out: Vec<String> = Vec::new();
        for a in &activities {
            for id in field(a) {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
        }
        out
    };
    let first = first_day(group);
    let last = group.days.last().copied().unwrap_or(first);
    vec![
        Val::Int(stt as u64),
        Val::Text(lead.map(|a| a.title.clone()).unwrap_or_default()),
        Val::Text(
            lead.map(|a| a.form.label(lang).to_owned())
                .unwrap_or_default(),
        ),
        Val::Text(names.names(Kind::Subject, &union(|a| &a.subjects))),
        Val::Text(format_range(first, last, lang)),
        Val::Text(
            lead.map(|a| names.name(Kind::Body, &a.body).to_owned())
                .unwrap_or_default(),
        ),
        Val::Text(names.names(Kind::Body, &group.invite)),
        Val::Text(names.names(Kind::Person, &union(|a| &a.members))),
        Val::Text(join_list(&group.activities)),
    ]
}

fn reference_rows(
    kind: SheetKind,
    p: &Problem,
    sheet_names: &[String],
    lang: Lang,
) -> Vec<Vec<Val>> {
    let text = |s: &str| Val::Text(s.to_owned());
    let list = |items: &[String]| Val::Text(join_list(items));
    let stt = |i: usize| Val::Int(i as u64 + 1);
    match kind {
        SheetKind::Summary => Vec::new(),
        SheetKind::General => general_rows(p, lang),
        SheetKind::Bodies => p
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                vec![
                    stt(i),
                    text(&b.id),
                    text(&b.name),
                    text(kind_label(b.kind, lang)),
                    Val::Int(u64::from(b.rank)),
                    Val::Int(u64::from(b.max_parallel)),
                    sheet_names.get(i).map_or(Val::Blank, |s| text(s)),
                ]
            })
            .collect(),
        SheetKind::People => p
            .people
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let ranges: Vec<String> = x
                    .unavailable
                    .iter()
                    .map(|r| format_range(r.start, r.end, lang))
                    .collect();
                vec![
                    stt(i),
                    text(&x.id),
                    text(&x.name),
                    list(&x.bodies),
                    list(&ranges),
                ]
            })
            .collect(),
        SheetKind::Topics => p
            .topics
            .iter()
            .enumerate()
            .map(|(i, x)| vec![stt(i), text(&x.id), text(&x.name), list(&x.parents)])
            .collect(),
        SheetKind::Areas => p
            .areas
            .iter()
            .enumerate()
            .map(|(i, x)| vec![stt(i), text(&x.id), text(&x.name)])
            .collect(),
        SheetKind::Subjects => p
            .subjects
            .iter()
            .enumerate()
            .map(|(i, x)| {
                vec![
                    stt(i),
                    text(&x.id),
                    text(&x.name),
                    x.area.as_deref().map_or(Val::Blank, text),
                ]
            })
            .collect(),
        SheetKind::Events => p
            .events
            .iter()
            .enumerate()
            .map(|(i, x)| {
                vec![
                    stt(i),
                    text(&x.id),
                    text(&x.name),
                    Val::Date(x.start),
                    Val::Date(x.end),
                    list(&x.blocks),
                ]
            })
            .collect(),
        SheetKind::History => p
            .history
            .iter()
            .enumerate()
            .map(|(i, x)| {
                vec![
                    stt(i),
                    text(&x.id),
                    text(&x.body),
                    list(&x.topics),
                    list(&x.subjects),
                    Val::Date(x.start),
                    Val::Date(x.end),
                ]
            })
            .collect(),
    }
}

/// The settings as key, label, value rows.
fn general_rows(p: &Problem, lang: Lang) -> Vec<Vec<Val>> {
    let weights = &p.rules.weights;
    SETTINGS
        .iter()
        .map(|s| {
            let dates = |list: &[NaiveDate]| {
                let items: Vec<String> = list.iter().map(|&d| lang.date(d)).collect();
                Val::Text(join_list(&items))
            };
            let value = match s.key {
                "name" => Val::Text(p.name.clone()),
                "horizon.start" => Val::Date(p.horizon.start),
                "horizon.end" => Val::Date(p.horizon.end),
                "calendar.country" => Val::Text(code(p.calendar.country)),
                "calendar.weekend" if p.calendar.weekend.is_empty() => {
                    Val::Text(none_word(lang).to_owned())
                }
                "calendar.weekend" => {
                    let days: Vec<&str> = p
                        .calendar
                        .weekend
                        .iter()
                        .map(|&d| weekday_label(d, lang))
                        .collect();
                    Val::Text(join_list(&days))
                }
                "calendar.days_off" => dates(&p.calendar.days_off),
                "calendar.workdays" => dates(&p.calendar.workdays),
                "rules.subject_gap" => Val::Int(u64::from(p.rules.subject_gap)),
                "rules.area_gap" => Val::Int(u64::from(p.rules.area_gap)),
                "rules.merge" => Val::Text(code(p.rules.merge)),
                "rules.repeat_months" => Val::Int(u64::from(p.rules.repeat_months)),
                "rules.weights.balance" => Val::Int(weights.balance),
                "rules.weights.area" => Val::Int(weights.area),
                "rules.weights.invite" => Val::Int(weights.invite),
                "rules.weights.preferred" => Val::Int(weights.preferred),
                "rules.weights.move" => Val::Int(weights.r#move),
                "rules.weights.shift" => Val::Int(weights.shift),
                _ => Val::Blank,
            };
            debug_assert!(
                s.kind != SettingType::Date || matches!(value, Val::Date(_)),
                "{} is a date",
                s.key
            );
            vec![
                Val::Text(s.key.to_owned()),
                Val::Text(setting_label(s, lang).to_owned()),
                value,
            ]
        })
        .collect()
}
