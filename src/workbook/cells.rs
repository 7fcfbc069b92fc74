//! Reading one cell as the type a field needs, whatever the planner typed: a real
//! Excel date or a date written as text, a number or a number written as text. Each
//! reader returns `Ok(None)` for a blank cell and a planner-readable message when the
//! cell cannot be what the column asks for.

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use chrono::NaiveDate;
use serde_json::Number;

use super::text::parse_date;

/// Whether a cell holds nothing (or only white space).
pub(crate) fn is_blank(cell: Option<&Data>) -> bool {
    match cell {
        None | Some(Data::Empty) => true,
        Some(Data::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// A cell as text. Numbers typed into a text column (an id such as `2024`) are read
/// as they show; dates as ISO text.
pub(crate) fn text(cell: Option<&Data>) -> Result<Option<String>, String> {
    if is_blank(cell) {
        return Ok(None);
    }
    let Some(cell) = cell else {
        return Ok(None);
    };
    Ok(Some(match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => whole(*f).map_or_else(|| f.to_string(), |i| i.to_string()),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match excel_date(dt) {
            Some(date) => date.to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => return Err(excel_error(e)),
        Data::Empty => return Ok(None),
    }))
}

/// A cell of free text (a title, a name) exactly as typed: white space and line breaks
/// kept, a blank cell the empty text, which the format allows and the writer writes
/// as a blank cell.
pub(crate) fn free_text(cell: Option<&Data>) -> Result<String, String> {
    match cell {
        Some(Data::String(s)) => Ok(s.clone()),
        other => Ok(text(other)?.unwrap_or_default()),
    }
}

/// A cell as trimmed text, for codes.
pub(crate) fn trimmed(cell: Option<&Data>) -> Result<Option<String>, String> {
    Ok(text(cell)?.map(|s| s.trim().to_owned()))
}

/// A cell as a whole number (negative ones included: validation says why they are
/// wrong for the field).
pub(crate) fn integer(cell: Option<&Data>) -> Result<Option<Number>, String> {
    let Some(cell) = cell.filter(|c| !is_blank(Some(c))) else {
        return Ok(None);
    };
    let found = |shown: String| format!("expected a whole number, found {shown}");
    match cell {
        Data::Int(i) => Ok(Some(Number::from(*i))),
        Data::Float(f) => whole(*f)
            .map(|i| Some(Number::from(i)))
            .ok_or_else(|| found(f.to_string())),
        Data::String(s) => {
            let t = s.trim();
            if let Ok(u) = t.parse::<u64>() {
                Ok(Some(Number::from(u)))
            } else if let Ok(i) = t.parse::<i64>() {
                Ok(Some(Number::from(i)))
            } else {
                Err(found(format!("\"{t}\"")))
            }
        }
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err(found("a date".to_string()))
        }
        Data::Bool(b) => Err(found(b.to_string())),
        Data::Error(e) => Err(excel_error(e)),
        Data::Empty => Ok(None),
    }
}

/// A cell as a date: a real Excel date, a serial number, or text (`2024-03-04`,
/// `04/03/2024`).
pub(crate) fn date(cell: Option<&Data>) -> Result<Option<NaiveDate>, String> {
    let Some(cell) = cell.filter(|c| !is_blank(Some(c))) else {
        return Ok(None);
    };
    let expected =
        |shown: String| format!("expected a date such as 04/03/2024 or 2024-03-04, found {shown}");
    match cell {
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt)
            .map(Some)
            .ok_or_else(|| expected(dt.as_f64().to_string())),
        Data::DateTime(dt) => Err(expected(format!("a duration ({})", dt.as_f64()))),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(parse_date)
            .map(Some)
            .ok_or_else(|| expected(format!("\"{s}\""))),
        Data::String(s) => parse_date(s)
            .map(Some)
            .ok_or_else(|| expected(format!("\"{}\"", s.trim()))),
        Data::Int(_) | Data::Float(_) => {
            let serial = match cell {
                Data::Int(i) => whole_f64(*i),
                Data::Float(f) => Some(*f),
                _ => None,
            };
            serial
                .filter(|f| (1.0..2_958_466.0).contains(f))
                .and_then(|f| {
                    excel_date(&ExcelDateTime::new(f, ExcelDateTimeType::DateTime, false))
                })
                .map(Some)
                .ok_or_else(|| expected(text(Some(cell)).ok().flatten().unwrap_or_default()))
        }
        Data::Bool(b) => Err(expected(b.to_string())),
        Data::DurationIso(s) => Err(expected(format!("\"{s}\""))),
        Data::Error(e) => Err(excel_error(e)),
        Data::Empty => Ok(None),
    }
}

fn excel_date(dt: &ExcelDateTime) -> Option<NaiveDate> {
    dt.as_datetime().map(|t| t.date())
}

fn excel_error(e: &calamine::CellErrorType) -> String {
    format!("the cell holds the Excel error {e}")
}

/// `f` as an integer when it is one and fits exactly.
fn whole(f: f64) -> Option<i64> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53: beyond it a double skips integers
                                                // The range check makes the conversion exact.
    #[allow(clippy::cast_possible_truncation)]
    (f.is_finite() && f.fract() == 0.0 && f.abs() <= LIMIT).then_some(f as i64)
}

fn whole_f64(i: i64) -> Option<f64> {
    // Serial dates are small; anything that is not exact is not a date anyway.
    #[allow(clippy::cast_precision_loss)]
    (i.unsigned_abs() < (1 << 53)).then_some(i as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn blank_cells() {
        assert!(is_blank(None));
        assert!(is_blank(Some(&Data::Empty)));
        assert!(is_blank(Some(&Data::String("  \n".into()))));
        assert!(!is_blank(Some(&Data::Int(0))));
        assert_eq!(text(Some(&Data::String(" ".into()))), Ok(None));
        assert_eq!(integer(Some(&Data::Empty)), Ok(None));
        assert_eq!(date(None), Ok(None));
    }

    #[test]
    fn text_of_other_types() {
        assert_eq!(text(Some(&Data::Float(2024.0))), Ok(Some("2024".into())));
        assert_eq!(text(Some(&Data::Float(2.5))), Ok(Some("2.5".into())));
        assert_eq!(text(Some(&Data::Int(7))), Ok(Some("7".into())));
        assert_eq!(
            trimmed(Some(&Data::String(" a ".into()))),
            Ok(Some("a".into()))
        );
        assert!(text(Some(&Data::Error(calamine::CellErrorType::NA))).is_err());
    }

    #[test]
    fn free_text_is_kept_as_typed() {
        assert_eq!(free_text(None), Ok(String::new()));
        assert_eq!(free_text(Some(&Data::Empty)), Ok(String::new()));
        assert_eq!(free_text(Some(&Data::String("  ".into()))), Ok("  ".into()));
        assert_eq!(
            free_text(Some(&Data::String(" a\nb ".into()))),
            Ok(" a\nb ".into())
        );
        assert_eq!(free_text(Some(&Data::Float(2024.0))), Ok("2024".into()));
    }

    #[test]
    fn integers() {
        assert_eq!(integer(Some(&Data::Float(3.0))), Ok(Some(3.into())));
        assert_eq!(
            integer(Some(&Data::String(" 12 ".into()))),
            Ok(Some(12.into()))
        );
        assert_eq!(
            integer(Some(&Data::String("-2".into()))),
            Ok(Some((-2).into()))
        );
        let ba = integer(Some(&Data::String("ba".into()))).expect_err("not a number");
        assert!(ba.contains("\"ba\""), "{ba}");
        assert!(integer(Some(&Data::Float(2.5))).is_err());
    }

    #[test]
    fn dates() {
        // 45355 is 2024-03-04 in Excel's 1900 system.
        let serial = ExcelDateTime::new(45355.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(date(Some(&Data::DateTime(serial))), Ok(Some(d(2024, 3, 4))));
        assert_eq!(date(Some(&Data::Float(45355.0))), Ok(Some(d(2024, 3, 4))));
        assert_eq!(
            date(Some(&Data::String("04/03/2024".into()))),
            Ok(Some(d(2024, 3, 4)))
        );
        assert_eq!(
            date(Some(&Data::DateTimeIso("2024-03-04T00:00:00".into()))),
            Ok(Some(d(2024, 3, 4)))
        );
        let bad = date(Some(&Data::String("31/02/2024".into()))).expect_err("no such day");
        assert!(bad.contains("31/02/2024"), "{bad}");
        assert!(date(Some(&Data::Float(-4.0))).is_err());
    }
}
