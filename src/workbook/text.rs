//! How values that have no cell type of their own are written as text and read back:
//! lists ("a; b" or one item a line), date ranges ("04/03/2024 – 06/03/2024"),
//! precedence items ("qh6+10") and dates typed as text.

use chrono::NaiveDate;

use crate::lang::Lang;

/// The separator between the items of a multi-valued cell.
const SEPARATOR: &str = "; ";

/// Joins items into one cell: "a; b", or one item a line when an item holds a `;`
/// itself, so that it still reads back as one item.
pub(crate) fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    if parts.iter().any(|p| p.contains(';')) {
        parts.join("\n")
    } else {
        parts.join(SEPARATOR)
    }
}

/// Splits a multi-valued cell: by lines when it has several, otherwise by `;`. Items
/// are trimmed and blank ones dropped.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    let items: Vec<&str> = if text.trim().contains('\n') {
        text.lines().collect()
    } else {
        text.split(';').collect()
    };
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits a multi-valued cell of references: as [`split_list`], except that text
/// `known` takes as one item (the whole cell, or a whole line) is not split at `;`, so
/// an id holding a `;` still reads back.
pub(crate) fn split_known(text: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let whole = text.trim();
    if whole.is_empty() {
        return Vec::new();
    }
    if known(whole) {
        return vec![whole.to_owned()];
    }
    let mut items = Vec::new();
    for line in whole.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if known(line) {
            items.push(line.to_owned());
        } else {
            items.extend(split_list(line));
        }
    }
    items
}

/// A range of days as planners write it; a single day alone.
pub(crate) fn format_range(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        lang.date(start)
    } else {
        format!("{} – {}", lang.date(start), lang.date(end))
    }
}

/// A date typed as text: ISO `2024-03-04`, or `04/03/2024` (also `4/3/2024` and
/// `04.03.2024`), day first as in Vietnam.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

/// A range typed as text: two dates separated by a dash (`–`, `—`, or a spaced or
/// unspaced `-` between day-first dates) or `..`; a single date is a one-day range.
pub(crate) fn parse_range(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let text = text.trim();
    let bad = || {
        format!("expected a date or a range such as \"05/08/2024 – 09/08/2024\", found \"{text}\"")
    };
    if let Some(day) = parse_date(text) {
        return Ok((day, day));
    }
    let parts: Option<(&str, &str)> = ["–", "—", " - ", ".."]
        .iter()
        .find_map(|sep| text.split_once(sep))
        .or_else(|| {
            // "05/08/2024-09/08/2024": only day-first dates can be split on a bare dash.
            if text.matches('-').count() == 1 {
                text.split_once('-')
            } else {
                None
            }
        });
    let (a, b) = parts.ok_or_else(bad)?;
    match (parse_date(a), parse_date(b)) {
        (Some(start), Some(end)) => Ok((start, end)),
        _ => Err(bad()),
    }
}

/// An `after`/`before` item as text: `ref+gap`.
pub(crate) fn format_precedence(reference: &str, gap: u32) -> String {
    format!("{reference}+{gap}")
}

/// Reads `ref+gap` (or `ref` alone, gap 0). The gap is what follows the last `+` when
/// that is a whole number, so ids holding a `+` still read back.
pub(crate) fn parse_precedence(item: &str) -> (String, u64) {
    if let Some((reference, gap)) = item.rsplit_once('+') {
        let gap = gap.trim();
        if !gap.is_empty() && gap.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(gap) = gap.parse::<u64>() {
                return (reference.trim().to_string(), gap);
            }
        }
    }
    (item.trim().to_string(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn lists_round_trip() {
        assert_eq!(join_list(&["a", "b"]), "a; b");
        assert_eq!(split_list("a; b;;  c "), vec!["a", "b", "c"]);
        assert_eq!(split_list("a;x\nb"), vec!["a;x", "b"]);
        let odd = ["x;y", "z"];
        assert_eq!(split_list(&join_list(&odd)), odd);
        assert!(split_list("  ").is_empty());
        assert_eq!(join_list::<&str>(&[]), "");
    }

    #[test]
    fn known_items_are_not_split() {
        let known = |s: &str| s == "x;y" || s == "z";
        assert_eq!(split_known("x;y", known), vec!["x;y"]);
        assert_eq!(split_known("x;y\nz", known), vec!["x;y", "z"]);
        assert_eq!(split_known("a; b", known), vec!["a", "b"]);
        assert_eq!(split_known("a; b\nx;y", known), vec!["a", "b", "x;y"]);
        assert!(split_known(" ", known).is_empty());
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(parse_date("2024-03-04"), Some(d(2024, 3, 4)));
        assert_eq!(parse_date(" 04/03/2024 "), Some(d(2024, 3, 4)));
        assert_eq!(parse_date("4/3/2024"), Some(d(2024, 3, 4)));
        assert_eq!(parse_date("04.03.2024"), Some(d(2024, 3, 4)));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("mùng 4"), None);
    }

    #[test]
    fn ranges_in_text() {
        let r = (d(2024, 8, 5), d(2024, 8, 9));
        assert_eq!(parse_range("05/08/2024 – 09/08/2024"), Ok(r));
        assert_eq!(parse_range("2024-08-05 - 2024-08-09"), Ok(r));
        assert_eq!(parse_range("05/08/2024-09/08/2024"), Ok(r));
        assert_eq!(parse_range("2024-08-05..2024-08-09"), Ok(r));
        assert_eq!(parse_range("05/08/2024"), Ok((r.0, r.0)));
        assert!(parse_range("tuần sau").is_err());
        assert_eq!(format_range(r.0, r.1, Lang::Vi), "05/08/2024 – 09/08/2024");
        assert_eq!(format_range(r.0, r.0, Lang::En), "2024-08-05");
        assert_eq!(parse_range(&format_range(r.0, r.1, Lang::En)), Ok(r));
    }

    #[test]
    fn precedence_items() {
        assert_eq!(parse_precedence("qh6+0"), ("qh6".into(), 0));
        assert_eq!(parse_precedence("hd20 + 10"), ("hd20".into(), 10));
        assert_eq!(parse_precedence("qh6"), ("qh6".into(), 0));
        assert_eq!(parse_precedence("a+b"), ("a+b".into(), 0));
        let odd = format_precedence("x+5", 0);
        assert_eq!(parse_precedence(&odd), ("x+5".into(), 0));
    }
}
