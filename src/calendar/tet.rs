//! Tết as planners block it: the run of days off around the first day of the lunar
//! year, and the year's name in the sexagenary cycle ("Giáp Thìn").

use chrono::{Days, NaiveDate};

use super::lunar::lunar_new_year;
use super::working::WorkCalendar;
use crate::error::Result;
use crate::model::{CalendarSpec, DateRange};

const STEMS: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];
const BRANCHES: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

/// The Vietnamese name of lunar year `year` (heavenly stem and earthly branch):
/// 2024 → "Giáp Thìn". 1984 began a cycle, so the stem is `(year + 6) mod 10` and the
/// branch `(year + 8) mod 12`.
pub fn year_name(year: i32) -> String {
    let stem = STEMS[usize::try_from((year + 6).rem_euclid(10)).unwrap_or(0)];
    let branch = BRANCHES[usize::try_from((year + 8).rem_euclid(12)).unwrap_or(0)];
    format!("{stem} {branch}")
}

/// The Tết break of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TetBreak {
    /// The first day off.
    pub start: NaiveDate,
    /// The last day off.
    pub end: NaiveDate,
    /// "Nghỉ Tết Nguyên đán Giáp Thìn".
    pub name_vi: String,
    /// "Lunar New Year holiday (Giáp Thìn)".
    pub name_en: String,
}

/// The Tết break of lunar year `year`: the run of consecutive non-working days (public
/// holidays, the government's swapped days off, Saturdays and Sundays) around the
/// first day of the year, under the standard Vietnamese calendar. 2024 → 8–14 Feb.
pub fn tet_break(year: i32) -> Result<TetBreak> {
    let new_year = lunar_new_year(year)?;
    // Tết falls between 21 January and 20 February, and its break never reaches past a
    // fortnight either side, so this range holds it whole.
    let horizon = DateRange {
        start: new_year - Days::new(20),
        end: new_year + Days::new(20),
    };
    let calendar = WorkCalendar::new(&CalendarSpec::default(), horizon)?;
    let mut start = new_year;
    while start > horizon.start && !calendar.is_working(start - Days::new(1)) {
        start = start - Days::new(1);
    }
    let mut end = new_year;
    while end < horizon.end && !calendar.is_working(end + Days::new(1)) {
        end = end + Days::new(1);
    }
    let name = year_name(year);
    Ok(TetBreak {
        start,
        end,
        name_vi: format!("Nghỉ Tết Nguyên đán {name}"),
        name_en: format!("Lunar New Year holiday ({name})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn year_names_follow_the_cycle() {
        assert_eq!(year_name(2024), "Giáp Thìn");
        assert_eq!(year_name(2025), "Ất Tỵ");
        assert_eq!(year_name(1984), "Giáp Tý");
        assert_eq!(year_name(1975), "Ất Mão");
    }

    #[test]
    fn tet_breaks_match_the_announced_days_off() {
        // Government announcements: 2024 8–14 Feb, 2025 25 Jan – 2 Feb, 2023 20–26 Jan.
        let b = tet_break(2024).expect("2024 is supported");
        assert_eq!((b.start, b.end), (ymd(2024, 2, 8), ymd(2024, 2, 14)));
        assert_eq!(b.name_vi, "Nghỉ Tết Nguyên đán Giáp Thìn");
        let b = tet_break(2025).expect("2025 is supported");
        assert_eq!((b.start, b.end), (ymd(2025, 1, 25), ymd(2025, 2, 2)));
        let b = tet_break(2023).expect("2023 is supported");
        assert_eq!((b.start, b.end), (ymd(2023, 1, 20), ymd(2023, 1, 26)));
    }
}
