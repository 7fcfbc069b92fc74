//! What the workbook looks like: its sheets, their columns and headings in both
//! languages, the labels of enum values, and the rules that turn a body id into a
//! valid sheet name. Both the writer and the reader work from these tables, so a
//! heading is spelled in one place only.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;
use crate::model::{BodyKind, Form, Weekday};

/// A column of a tabular sheet: the key the code uses, its headings, its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// The field it holds (`"window.start"`), or a display-only key (`"stt"`).
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// Width in Excel character units.
    pub width: u16,
}

impl Column {
    /// The heading in `lang`.
    pub fn heading(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }

    /// Whether `text` (a heading found in a workbook) names this column, in either
    /// language.
    #[cfg(test)]
    pub fn matches(&self, text: &str) -> bool {
        self.matches_normalized(&normalize_heading(text))
    }

    /// Whether a heading already passed through [`normalize_heading`] names this
    /// column: a row of cells is normalised once, not once a column.
    pub fn matches_normalized(&self, found: &str) -> bool {
        !found.is_empty()
            && (found == normalize_heading(self.vi) || found == normalize_heading(self.en))
    }
}

const fn col(key: &'static str, vi: &'static str, en: &'static str, width: u16) -> Column {
    Column { key, vi, en, width }
}

/// The sheets of a workbook, other than the one sheet per body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SheetKind {
    Summary,
    General,
    Bodies,
    People,
    Topics,
    Areas,
    Subjects,
    Events,
    History,
}

impl SheetKind {
    /// The reference sheets, in the order they are written.
    pub const REFERENCE: [SheetKind; 8] = [
        SheetKind::General,
        SheetKind::Bodies,
        SheetKind::People,
        SheetKind::Topics,
        SheetKind::Areas,
        SheetKind::Subjects,
        SheetKind::Events,
        SheetKind::History,
    ];

    /// Every fixed sheet.
    pub const ALL: [SheetKind; 9] = [
        SheetKind::Summary,
        SheetKind::General,
        SheetKind::Bodies,
        SheetKind::People,
        SheetKind::Topics,
        SheetKind::Areas,
        SheetKind::Subjects,
        SheetKind::Events,
        SheetKind::History,
    ];

    /// The sheet's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            SheetKind::Summary => ("Tổng hợp", "Summary"),
            SheetKind::General => ("Thông tin chung", "General"),
            SheetKind::Bodies => ("Cơ quan", "Bodies"),
            SheetKind::People => ("Đại biểu", "People"),
            SheetKind::Topics => ("Chủ đề", "Topics"),
            SheetKind::Areas => ("Địa bàn", "Areas"),
            SheetKind::Subjects => ("Đơn vị chịu giám sát", "Subjects"),
            SheetKind::Events => ("Sự kiện", "Events"),
            SheetKind::History => ("Lịch sử giám sát", "Supervision history"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The kind whose name, in either language, is `name` (Excel compares sheet names
    /// without regard to case; the accents may be typed either way, see [`folded`]).
    pub fn from_name(name: &str) -> Option<SheetKind> {
        let name = folded(name);
        SheetKind::ALL.into_iter().find(|kind| {
            [Lang::Vi, Lang::En]
                .iter()
                .any(|&lang| folded(kind.name(lang)) == name)
        })
    }

    /// The list of the problem document this sheet fills (`"bodies"`), if any.
    pub fn list(self) -> Option<&'static str> {
        match self {
            SheetKind::Summary | SheetKind::General => None,
            SheetKind::Bodies => Some("bodies"),
            SheetKind::People => Some("people"),
            SheetKind::Topics => Some("topics"),
            SheetKind::Areas => Some("areas"),
            SheetKind::Subjects => Some("subjects"),
            SheetKind::Events => Some("events"),
            SheetKind::History => Some("history"),
        }
    }

    /// The columns of a tabular reference sheet (empty for the summary and the
    /// key/value general sheet, which have their own tables).
    pub fn columns(self) -> &'static [Column] {
        match self {
            SheetKind::Summary => SUMMARY_COLUMNS,
            SheetKind::General => GENERAL_COLUMNS,
            SheetKind::Bodies => BODY_COLUMNS,
            SheetKind::People => PERSON_COLUMNS,
            SheetKind::Topics => TOPIC_COLUMNS,
            SheetKind::Areas => AREA_COLUMNS,
            SheetKind::Subjects => SUBJECT_COLUMNS,
            SheetKind::Events => EVENT_COLUMNS,
            SheetKind::History => HISTORY_COLUMNS,
        }
    }
}

/// The first rows of every tabular sheet: a title, a subtitle, then the headings.
pub(crate) const TITLE_ROW: u32 = 0;
pub(crate) const SUBTITLE_ROW: u32 = 1;
pub(crate) const HEADER_ROW: u32 = 2;
pub(crate) const FIRST_DATA_ROW: u32 = 3;

/// How many rows below the top the reader looks for the heading row, so that a
/// planner may add or remove title rows.
pub(crate) const HEADER_SEARCH_ROWS: u32 = 20;

/// The consolidated programme, one row per group.
pub(crate) const SUMMARY_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("title", "Nội dung giám sát", "Supervision content", 42),
    col("form", "Hình thức", "Form", 18),
    col(
        "subjects",
        "Đối tượng chịu giám sát",
        "Supervised agencies",
        32,
    ),
    col("time", "Thời gian", "Dates", 25),
    col("lead", "Cơ quan chủ trì", "Lead body", 22),
    col("partners", "Cơ quan phối hợp", "Partner bodies", 26),
    col("members", "Thành phần", "Members", 32),
    col("activities", "Mã hoạt động", "Activity ids", 16),
];

/// One body's activities. Display columns (names, dates as text) come first, as a
/// programme is read; the id and date columns after them make every field of an
/// activity round-trip.
pub(crate) const ACTIVITY_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã hoạt động", "Activity id", 13),
    col("title", "Nội dung giám sát", "Supervision content", 42),
    col("form", "Hình thức", "Form", 18),
    col("topic_names", "Chủ đề", "Topics", 26),
    col(
        "subject_names",
        "Đối tượng chịu giám sát",
        "Supervised agencies",
        30,
    ),
    col("area_names", "Địa bàn", "Areas", 24),
    col("time", "Thời gian", "Dates", 25),
    col("duration", "Số ngày", "Working days", 8),
    col("body_name", "Cơ quan chủ trì", "Lead body", 22),
    col("invite_names", "Cơ quan phối hợp", "Invited bodies", 24),
    col("member_names", "Thành phần", "Members", 30),
    col("group", "Hoạt động chủ trì nhóm", "Group lead", 14),
    col("window.start", "Khung thời gian từ", "Window start", 12),
    col("window.end", "Khung thời gian đến", "Window end", 12),
    col("preferred.start", "Ưu tiên từ", "Preferred start", 12),
    col("preferred.end", "Ưu tiên đến", "Preferred end", 12),
    col("fixed_start", "Ngày bắt đầu cố định", "Fixed start", 12),
    col("after", "Sau (mã+số ngày cách)", "After (id+gap)", 18),
    col("before", "Trước (mã+số ngày cách)", "Before (id+gap)", 18),
    col("body", "Mã cơ quan", "Body id", 10),
    col("topics", "Mã chủ đề", "Topic ids", 20),
    col("subjects", "Mã đối tượng", "Subject ids", 20),
    col("areas", "Mã địa bàn", "Area ids", 20),
    col("members", "Mã thành phần", "Member ids", 20),
    col("invite", "Mã cơ quan phối hợp", "Invited body ids", 14),
    col("order", "Thứ tự", "Order", 7),
];

/// The key/value sheet of settings.
pub(crate) const GENERAL_COLUMNS: &[Column] = &[
    col("key", "Mã", "Key", 26),
    col("label", "Nội dung", "Setting", 48),
    col("value", "Giá trị", "Value", 36),
];

pub(crate) const BODY_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã cơ quan", "Body id", 12),
    col("name", "Tên cơ quan", "Name", 36),
    col("kind", "Loại", "Kind", 20),
    col("rank", "Thứ tự chủ trì", "Rank", 10),
    col(
        "max_parallel",
        "Số nhóm chủ trì cùng ngày",
        "Max parallel groups",
        12,
    ),
    col("sheet", "Trang hoạt động", "Activity sheet", 16),
];

pub(crate) const PERSON_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã đại biểu", "Person id", 12),
    col("name", "Họ và tên", "Name", 28),
    col("bodies", "Cơ quan (mã)", "Body ids", 18),
    col("unavailable", "Thời gian vắng mặt", "Unavailable", 30),
];

pub(crate) const TOPIC_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã chủ đề", "Topic id", 24),
    col("name", "Tên chủ đề", "Name", 40),
    col("parents", "Chủ đề cha (mã)", "Parent topic ids", 24),
];

pub(crate) const AREA_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã địa bàn", "Area id", 24),
    col("name", "Tên địa bàn", "Name", 36),
];

pub(crate) const SUBJECT_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã đơn vị", "Subject id", 24),
    col("name", "Tên đơn vị", "Name", 40),
    col("area", "Địa bàn (mã)", "Area id", 24),
];

pub(crate) const EVENT_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã sự kiện", "Event id", 18),
    col("name", "Tên sự kiện", "Name", 40),
    col("start", "Từ ngày", "Start", 12),
    col("end", "Đến ngày", "End", 12),
    col(
        "blocks",
        "Cơ quan phải dành thời gian (mã, * = tất cả)",
        "Blocked bodies (ids, * = all)",
        26,
    ),
];

pub(crate) const HISTORY_COLUMNS: &[Column] = &[
    col("stt", "STT", "No.", 5),
    col("id", "Mã", "Id", 14),
    col("body", "Cơ quan (mã)", "Body id", 12),
    col("topics", "Chủ đề (mã)", "Topic ids", 24),
    col("subjects", "Đơn vị chịu giám sát (mã)", "Subject ids", 28),
    col("start", "Từ ngày", "Start", 12),
    col("end", "Đến ngày", "End", 12),
];

/// What a setting's value cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SettingType {
    Text,
    Date,
    DateList,
    Weekdays,
    Integer,
}

/// One row of the general sheet: the JSON path it fills, its labels, its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Setting {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub kind: SettingType,
}

const fn setting(
    key: &'static str,
    vi: &'static str,
    en: &'static str,
    kind: SettingType,
) -> Setting {
    Setting { key, vi, en, kind }
}

/// Every row of the general sheet, in the order written.
pub(crate) const SETTINGS: &[Setting] = &[
    setting("name", "Tên kế hoạch", "Name", SettingType::Text),
    setting(
        "horizon.start",
        "Thời kỳ: từ ngày",
        "Horizon start",
        SettingType::Date,
    ),
    setting(
        "horizon.end",
        "Thời kỳ: đến ngày",
        "Horizon end",
        SettingType::Date,
    ),
    setting(
        "calendar.country",
        "Lịch nghỉ lễ (VN hoặc none)",
        "Public holidays (VN or none)",
        SettingType::Text,
    ),
    setting(
        "calendar.weekend",
        "Ngày nghỉ cuối tuần",
        "Weekend days",
        SettingType::Weekdays,
    ),
    setting(
        "calendar.days_off",
        "Ngày nghỉ thêm",
        "Extra days off",
        SettingType::DateList,
    ),
    setting(
        "calendar.workdays",
        "Ngày làm việc bù",
        "Make-up working days",
        SettingType::DateList,
    ),
    setting(
        "rules.subject_gap",
        "Khoảng cách tối thiểu giữa hai lần giám sát một đơn vị (ngày)",
        "Least gap between two visits to one agency (days)",
        SettingType::Integer,
    ),
    setting(
        "rules.area_gap",
        "Khoảng cách nên có giữa hai lần về một địa bàn (ngày)",
        "Desired gap between two visits to one area (days)",
        SettingType::Integer,
    ),
    setting(
        "rules.merge",
        "Gộp hoạt động trùng lặp (auto hoặc off)",
        "Merge duplicates (auto or off)",
        SettingType::Text,
    ),
    setting(
        "rules.repeat_months",
        "Thời gian xem lại lịch sử giám sát (tháng)",
        "Look-back for repeats (months)",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.balance",
        "Trọng số: dàn đều khối lượng",
        "Weight: balance",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.area",
        "Trọng số: về một địa bàn quá gần nhau",
        "Weight: area",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.invite",
        "Trọng số: cơ quan được mời đang bận",
        "Weight: invite",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.preferred",
        "Trọng số: ngoài thời gian ưu tiên",
        "Weight: preferred",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.move",
        "Trọng số: dời lịch so với kế hoạch cũ",
        "Weight: move",
        SettingType::Integer,
    ),
    setting(
        "rules.weights.shift",
        "Trọng số: mỗi ngày dời lịch",
        "Weight: shift",
        SettingType::Integer,
    ),
];

/// The setting whose key, or label in either language, is `text`.
pub(crate) fn find_setting(text: &str) -> Option<&'static Setting> {
    let found = normalize_heading(text);
    SETTINGS.iter().find(|s| {
        s.key == text.trim() || found == normalize_heading(s.vi) || found == normalize_heading(s.en)
    })
}

/// The label of a setting in `lang`.
pub(crate) fn setting_label(setting: &Setting, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => setting.vi,
        Lang::En => setting.en,
    }
}

/// Text in its composed form (NFC). Some Vietnamese input methods type "ả" as "a" and
/// a combining hook (NFD); the two look the same and must compare the same.
pub(crate) fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Text as the reader compares labels, codes and names: composed (see [`nfc`]),
/// trimmed, without regard to case.
pub(crate) fn folded(text: &str) -> String {
    nfc(text.trim()).to_lowercase()
}

/// A heading as compared: how accents were typed, case, surrounding and repeated white
/// space, and a trailing remark in parentheses do not matter, so "Sau" finds
/// "Sau (mã+số ngày cách)".
pub(crate) fn normalize_heading(text: &str) -> String {
    let lower = folded(text);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    match joined.find(" (") {
        Some(at) if joined.ends_with(')') => joined[..at].to_string(),
        _ => joined,
    }
}

/// The format's code of a serde unit enum value (`"thematic_supervision"`).
pub(crate) fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The form whose code or label (either language) is `text`.
pub(crate) fn parse_form(text: &str) -> Option<Form> {
    let text = folded(text);
    Form::ALL.into_iter().find(|&form| {
        code(form) == text
            || folded(form.label(Lang::Vi)) == text
            || folded(form.label(Lang::En)) == text
    })
}

/// Every body kind, in the format's order.
pub(crate) const KINDS: [BodyKind; 4] = [
    BodyKind::NaDelegation,
    BodyKind::StandingCommittee,
    BodyKind::Committee,
    BodyKind::Other,
];

/// A body kind as planners name it.
pub(crate) fn kind_label(kind: BodyKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (BodyKind::NaDelegation, Lang::Vi) => "Đoàn ĐBQH",
        (BodyKind::NaDelegation, Lang::En) => "NA delegation",
        (BodyKind::StandingCommittee, Lang::Vi) => "Thường trực HĐND",
        (BodyKind::StandingCommittee, Lang::En) => "Standing committee",
        (BodyKind::Committee, Lang::Vi) => "Ban HĐND",
        (BodyKind::Committee, Lang::En) => "Council committee",
        (BodyKind::Other, Lang::Vi) => "Khác",
        (BodyKind::Other, Lang::En) => "Other",
    }
}

/// The body kind whose code or label (either language) is `text`.
pub(crate) fn parse_kind(text: &str) -> Option<BodyKind> {
    let text = folded(text);
    KINDS.into_iter().find(|&kind| {
        code(kind) == text
            || folded(kind_label(kind, Lang::Vi)) == text
            || folded(kind_label(kind, Lang::En)) == text
    })
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A weekday as planners name it.
pub(crate) fn weekday_label(day: Weekday, lang: Lang) -> &'static str {
    let i = WEEKDAYS.iter().position(|&d| d == day).unwrap_or(0);
    match lang {
        Lang::Vi => [
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
            "Chủ nhật",
        ][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

/// The weekday whose code (`sat`) or name (either language) is `text`.
pub(crate) fn parse_weekday(text: &str) -> Option<Weekday> {
    let text = folded(text);
    WEEKDAYS.into_iter().find(|&day| {
        code(day) == text
            || folded(weekday_label(day, Lang::Vi)) == text
            || folded(weekday_label(day, Lang::En)) == text
    })
}

/// Written for an empty list whose blank cell would otherwise mean the default (a
/// calendar without weekend days); the reader also accepts the other spellings.
pub(crate) fn none_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "không có",
        Lang::En => "none",
    }
}

/// Whether `text` says "an empty list" explicitly.
pub(crate) fn is_none_word(text: &str) -> bool {
    matches!(
        folded(text).as_str(),
        "none" | "không có" | "không" | "-" | "—"
    )
}

/// Whether `text` means "every body" in an event's `blocks`.
pub(crate) fn is_all_word(text: &str) -> bool {
    matches!(folded(text).as_str(), "*" | "tất cả" | "all")
}

/// Longest sheet name Excel accepts, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;

/// Sheet names Excel refuses or that the workbook already uses, compared without
/// regard to case.
fn reserved_sheet_names() -> HashSet<String> {
    let mut names: HashSet<String> = SheetKind::ALL
        .iter()
        .flat_map(|k| [k.name(Lang::Vi), k.name(Lang::En)])
        .map(str::to_lowercase)
        .collect();
    // Excel keeps "History" for change tracking.
    names.insert("history".to_string());
    names
}

/// The sheet name of each body's activities, in the order of `ids`: the id with the
/// characters Excel forbids replaced, cut to 31 UTF-16 units, and made unique (Excel
/// compares names without regard to case) against the fixed sheets and each other.
pub(crate) fn body_sheet_names(ids: &[&str]) -> Vec<String> {
    let mut taken = reserved_sheet_names();
    ids.iter()
        .map(|id| {
            let base = clean_sheet_name(id);
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name.to_lowercase()) {
                let suffix = format!("~{n}");
                name = format!(
                    "{}{suffix}",
                    cut_utf16(&base, MAX_SHEET_NAME - suffix.len())
                );
                n += 1;
            }
            taken.insert(name.to_lowercase());
            name
        })
        .collect()
}

fn clean_sheet_name(id: &str) -> String {
    let replaced: String = id
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // A name may not begin or end with an apostrophe.
    let trimmed = replaced.trim_matches('\'').trim();
    let cut = cut_utf16(trimmed, MAX_SHEET_NAME);
    let cut = cut.trim_end_matches('\'');
    if cut.is_empty() {
        "_".to_string()
    } else {
        cut.to_string()
    }
}

fn cut_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..at];
        }
    }
    text
}

/// The A1 name of a zero-based cell (`(6, 8)` → `I7`).
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let letters: String = letters.into_iter().collect();
    format!("{letters}{}", u64::from(row) + 1)
}

/// A sheet name as a formula names it: in single quotes, inner quotes doubled.
pub(crate) fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_follow_excel() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 8), "I7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "a".repeat(40);
        let names = body_sheet_names(&[
            "dbqh", "DBQH", "a/b:c", "'quoted'", &long, &long, "Summary", "history", "",
        ]);
        assert_eq!(names[0], "dbqh");
        assert_eq!(names[1], "DBQH~2");
        assert_eq!(names[2], "a_b_c");
        assert_eq!(names[3], "quoted");
        assert_eq!(names[4], "a".repeat(31));
        assert_eq!(names[5], format!("{}~2", "a".repeat(29)));
        assert_eq!(names[6], "Summary~2");
        assert_eq!(names[7], "history~2");
        assert_eq!(names[8], "_");
        for name in &names {
            rust_xlsxwriter::utility::check_sheet_name(name).expect("valid for Excel");
        }
    }

    #[test]
    fn headings_are_unique_within_each_sheet() {
        let mut tables: Vec<&[Column]> = SheetKind::ALL.iter().map(|k| k.columns()).collect();
        tables.push(ACTIVITY_COLUMNS);
        for columns in tables {
            let mut owner = std::collections::HashMap::new();
            for c in columns {
                for heading in [c.vi, c.en] {
                    let previous = owner.insert(normalize_heading(heading), c.key);
                    assert!(
                        previous.is_none() || previous == Some(c.key),
                        "{heading} names two columns"
                    );
                }
            }
        }
    }

    #[test]
    fn headings_match_loosely() {
        let after = ACTIVITY_COLUMNS
            .iter()
            .find(|c| c.key == "after")
            .expect("after column");
        assert!(after.matches("Sau"));
        assert!(after.matches("  sau   (MÃ+SỐ NGÀY CÁCH) "));
        assert!(after.matches("After"));
        assert!(!after.matches("Trước"));
        assert!(!after.matches(""));
    }

    #[test]
    fn decomposed_text_is_recognised() {
        use unicode_normalization::UnicodeNormalization;
        let nfd = |s: &str| s.nfd().collect::<String>();
        assert_ne!(nfd("Khảo sát"), "Khảo sát");
        assert_eq!(parse_form(&nfd("Khảo sát")), Some(Form::Survey));
        assert_eq!(
            parse_kind(&nfd("Thường trực HĐND")),
            Some(BodyKind::StandingCommittee)
        );
        assert_eq!(parse_weekday(&nfd("Thứ Bảy")), Some(Weekday::Sat));
        assert_eq!(
            SheetKind::from_name(&nfd("Lịch sử giám sát")),
            Some(SheetKind::History)
        );
        assert_eq!(
            find_setting(&nfd("Ngày nghỉ cuối tuần")).map(|s| s.key),
            Some("calendar.weekend")
        );
        assert!(is_none_word(&nfd("Không có")));
        assert!(is_all_word(&nfd("Tất cả")));
        let after = ACTIVITY_COLUMNS
            .iter()
            .find(|c| c.key == "after")
            .expect("after column");
        assert!(after.matches(&nfd("Sau (mã+số ngày cách)")));
    }

    #[test]
    fn labels_parse_back() {
        for form in Form::ALL {
            assert_eq!(parse_form(form.label(Lang::Vi)), Some(form));
            assert_eq!(parse_form(form.label(Lang::En)), Some(form));
            assert_eq!(parse_form(&code(form)), Some(form));
        }
        for kind in KINDS {
            assert_eq!(parse_kind(kind_label(kind, Lang::Vi)), Some(kind));
            assert_eq!(parse_kind(&code(kind).to_uppercase()), Some(kind));
        }
        for day in WEEKDAYS {
            assert_eq!(parse_weekday(weekday_label(day, Lang::Vi)), Some(day));
            assert_eq!(parse_weekday(&code(day)), Some(day));
        }
        assert_eq!(parse_form("giám sát"), None);
        assert_eq!(
            find_setting("rules.merge").map(|s| s.key),
            Some("rules.merge")
        );
        assert_eq!(
            find_setting("Weight: area").map(|s| s.key),
            Some("rules.weights.area")
        );
    }
}
