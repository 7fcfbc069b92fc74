//! Vietnamese public holidays: the statutory days of the Labour Code, the compensatory
//! days for those that fall on a weekly rest day, and the days off the government
//! swaps for make-up working Saturdays.
//!
//! The law is data: [`FIXED_HOLIDAYS`], [`LUNAR_HOLIDAYS`], [`TET_LENGTHS`] and
//! [`ARRANGEMENTS`]. A holiday the law adds later, or a swap the government announces,
//! is a new table entry. The code holds only the rules that decide where compensatory
//! days go, which follow the Labour Code 2019, Art. 112 (and the codes of 1994 and
//! 2012 before it) as the `holidays` package reads them: the two gave the same dates
//! for every year from 1976 to 2100 when this was written.
//!
//! Years before the Labour Code 1994 took effect (1995) are not modelled from their own
//! regulations: the 1994 list applies to them without compensatory days, as in the
//! `holidays` package, except that no day is applied before it could exist.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lunar::{self, LunarDate};
use crate::error::{Error, Result};

/// What makes a day a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A day the Labour Code names (the day next to National Day included).
    Statutory,
    /// A compensatory day off (nghỉ bù) for a statutory day that fell on a weekly
    /// rest day.
    Observed,
    /// A working day the government announced as a day off in exchange for a make-up
    /// working Saturday (see [`makeup_workdays`]).
    Substituted,
}

/// One public holiday.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    /// The day off.
    pub date: NaiveDate,
    /// Its Vietnamese name.
    pub name_vi: String,
    /// Its English name.
    pub name_en: String,
    /// Why the day is off.
    pub kind: HolidayKind,
}

/// A holiday on the same solar date every year.
#[derive(Debug, Clone, Copy)]
pub struct FixedHoliday {
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
    /// The first year the day is off.
    pub since: i32,
    /// The first year the day next to it is off too, by the rule of
    /// [`adjacent_day`], if the law adds one.
    pub adjacent_since: Option<i32>,
    /// The Vietnamese name.
    pub name_vi: &'static str,
    /// The English name.
    pub name_en: &'static str,
}

/// The holidays on fixed solar dates.
pub const FIXED_HOLIDAYS: &[FixedHoliday] = &[
    FixedHoliday {
        month: 1,
        day: 1,
        since: lunar::FIRST_YEAR,
        adjacent_since: None,
        name_vi: "Tết Dương lịch",
        name_en: "New Year's Day",
    },
    FixedHoliday {
        month: 4,
        day: 30,
        // The day of 1975 it commemorates.
        since: 1976,
        adjacent_since: None,
        name_vi: "Ngày Chiến thắng / Ngày Giải phóng miền Nam, thống nhất đất nước",
        name_en: "Victory Day / Liberation of the South and National Reunification Day",
    },
    FixedHoliday {
        month: 5,
        day: 1,
        since: lunar::FIRST_YEAR,
        adjacent_since: None,
        name_vi: "Ngày Quốc tế Lao động",
        name_en: "International Labour Day",
    },
    FixedHoliday {
        month: 9,
        day: 2,
        // The day of 1945 it commemorates.
        since: 1946,
        // Labour Code 2019, Art. 112(1)(đ), in force from 1 January 2021.
        adjacent_since: Some(2021),
        name_vi: "Quốc khánh",
        name_en: "National Day",
    },
    FixedHoliday {
        month: 11,
        day: 24,
        // Resolution 80-NQ/TW; a paid day off from 2026.
        since: 2026,
        adjacent_since: None,
        name_vi: "Ngày Văn hóa Việt Nam",
        name_en: "Vietnamese Culture Day",
    },
];

/// A holiday on the same lunar date every year (in the ordinary, not the leap, month).
#[derive(Debug, Clone, Copy)]
pub struct LunarHoliday {
    /// The lunar month, 1 to 12.
    pub month: u32,
    /// The lunar day.
    pub day: u32,
    /// The first year the day is off.
    pub since: i32,
    /// The Vietnamese name.
    pub name_vi: &'static str,
    /// The English name.
    pub name_en: &'static str,
}

/// The holidays on lunar dates other than Tết.
pub const LUNAR_HOLIDAYS: &[LunarHoliday] = &[LunarHoliday {
    month: 3,
    day: 10,
    // Added to the Labour Code 1994 by the amendment of 2007.
    since: 2007,
    name_vi: "Giỗ Tổ Hùng Vương",
    name_en: "Hùng Kings' Commemoration Day",
}];

/// How many days of the new lunar year Tết gives, besides the last day of the old
/// year, from a year on: `(since, days)`, in order of `since`.
pub const TET_LENGTHS: &[(i32, u32)] = &[
    // Labour Code 1994, Art. 73: four days of Tết, taken (as in the `holidays`
    // package) as the eve and days 1 to 3.
    (lunar::FIRST_YEAR, 3),
    // Labour Code 2012, Art. 115: five days, the eve and days 1 to 4, applied from
    // Tết 2013 as in the `holidays` package, though the code took effect in May 2013.
    (2013, 4),
];

/// A swap the government announced: a working day becomes a day off, and a Saturday
/// becomes a working day to make up for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrangement {
    /// The year whose holidays the swap extends (the year of `day_off`).
    pub year: i32,
    /// The substituted day off.
    pub day_off: NaiveDate,
    /// The make-up working Saturday, possibly in the year before or after.
    pub workday: NaiveDate,
}

/// The announced swaps, in order of `day_off`, as the `holidays` package lists them
/// (its `VietnamStaticHolidays`, with the references it cites).
pub const ARRANGEMENTS: &[Arrangement] = &[
    // 2010–2015: listed by the package without a reference.
    swap(2010, ymd(2010, 2, 19), ymd(2010, 2, 27)),
    swap(2012, ymd(2012, 1, 27), ymd(2012, 2, 4)),
    swap(2013, ymd(2013, 4, 29), ymd(2013, 5, 4)),
    swap(2014, ymd(2014, 5, 2), ymd(2014, 4, 26)),
    swap(2014, ymd(2014, 9, 1), ymd(2014, 9, 6)),
    swap(2015, ymd(2015, 1, 2), ymd(2014, 12, 27)),
    swap(2015, ymd(2015, 2, 16), ymd(2015, 2, 14)),
    swap(2015, ymd(2015, 4, 29), ymd(2015, 4, 25)),
    // Official Dispatch 6519/VPCP-KGVX (2018): the holidays of 2018–2019.
    swap(2018, ymd(2018, 12, 31), ymd(2019, 1, 5)),
    swap(2019, ymd(2019, 4, 29), ymd(2019, 5, 4)),
    // Official Dispatch 2450/VPCP-KGVX (2024): Reunification Day 2024.
    swap(2024, ymd(2024, 4, 29), ymd(2024, 5, 4)),
    // Announcement 6150/TB-BLĐTBXH (2024): the holidays of 2025.
    swap(2025, ymd(2025, 5, 2), ymd(2025, 4, 26)),
    // The National Day schedule of 2026 (as reported by thuvienphapluat.vn).
    swap(2026, ymd(2026, 8, 31), ymd(2026, 8, 22)),
];

/// The first year compensatory days are given (the Labour Code 1994 took effect).
pub const OBSERVED_SINCE: i32 = 1995;

/// From this year a day of Tết on a Saturday is made up on the working day before
/// Tết instead of the one after, so that the break stays in one piece.
pub const TET_SATURDAY_BACK_SINCE: i32 = 2014;

/// The Vietnamese public holidays of solar year `year`, sorted by date, one entry per
/// date.
///
/// A date that two rules make a holiday keeps the first: statutory before observed
/// before substituted (two statutory days on one date share the entry, their names
/// joined by "; "). Fails with [`Error::DateOutOfRange`] for a year the lunar calendar
/// does not support.
pub fn public_holidays(year: i32) -> Result<Vec<Holiday>> {
    if !(lunar::FIRST_YEAR..=lunar::LAST_YEAR).contains(&year) {
        return Err(Error::DateOutOfRange {
            date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(if year < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            }),
            min: ymd(lunar::FIRST_YEAR, 1, 1),
            max: ymd(lunar::LAST_YEAR, 12, 31),
        });
    }
    let mut days = Days::new(year);

    // Statutory days. Every date is a valid date of `year`, so the lunar look-ups are
    // the only fallible steps.
    let tet = lunar::lunar_new_year(year)?;
    let tet_days = tet_days(year, tet);
    for (date, name_vi, name_en) in &tet_days {
        days.add(*date, name_vi, name_en, HolidayKind::Statutory);
    }
    // Holidays that earn a compensatory day by the general rule (Tết has its own, and
    // the day next to National Day is never on a weekend).
    let mut general = Vec::new();
    for h in FIXED_HOLIDAYS.iter().filter(|h| year >= h.since) {
        let Some(date) = NaiveDate::from_ymd_opt(year, h.month, h.day) else {
            continue;
        };
        days.add(date, h.name_vi, h.name_en, HolidayKind::Statutory);
        general.push((date, h.name_vi, h.name_en));
        if h.adjacent_since.is_some_and(|since| year >= since) {
            let next = adjacent_day(date);
            days.add(
                next,
                &format!("{}, ngày liền kề", h.name_vi),
                &format!("{}, adjacent day", h.name_en),
                HolidayKind::Statutory,
            );
        }
    }
    for h in LUNAR_HOLIDAYS.iter().filter(|h| year >= h.since) {
        let date = lunar::lunar_to_solar(LunarDate {
            year,
            month: h.month,
            day: h.day,
            leap: false,
        })?;
        days.add(date, h.name_vi, h.name_en, HolidayKind::Statutory);
        general.push((date, h.name_vi, h.name_en));
    }

    if year >= OBSERVED_SINCE {
        // Tết first, day by day from the eve, each placed before the next is sought,
        // so two of them never share a compensatory day.
        for (date, name_vi, name_en) in &tet_days {
            let direction = match date.weekday() {
                Weekday::Sat if year >= TET_SATURDAY_BACK_SINCE => -1,
                Weekday::Sat | Weekday::Sun => 1,
                _ => continue,
            };
            if let Some(free) = days.next_workday(*date, direction) {
                days.add(
                    free,
                    &nghi_bu(name_vi),
                    &observed(name_en),
                    HolidayKind::Observed,
                );
            }
        }
        // Then the rest in date order, each to the next working day not yet taken.
        general.sort_by_key(|(date, _, _)| *date);
        general.dedup_by_key(|(date, _, _)| *date);
        for (date, name_vi, name_en) in general {
            if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                if let Some(free) = days.next_workday(date, 1) {
                    days.add(
                        free,
                        &nghi_bu(name_vi),
                        &observed(name_en),
                        HolidayKind::Observed,
                    );
                }
            }
        }
    }

    // The announced swaps come last: they were decided knowing the days above.
    for a in ARRANGEMENTS.iter().filter(|a| a.year == year) {
        days.add(
            a.day_off,
            &format!(
                "Ngày nghỉ hoán đổi (làm bù thứ Bảy {})",
                a.workday.format("%d/%m/%Y")
            ),
            &format!("Swapped day off (made up on Saturday {})", a.workday),
            HolidayKind::Substituted,
        );
    }
    Ok(days.into_sorted())
}

/// The make-up working Saturdays the government announced that fall in solar year
/// `year`, sorted, whichever year's swap they belong to (the one for 31 December 2018
/// is worked on 5 January 2019, so it is listed for 2019).
///
/// A problem's calendar applies them only when it lists them in `workdays`: they bind
/// the public sector, and the planner never assumes them.
pub fn makeup_workdays(year: i32) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = ARRANGEMENTS
        .iter()
        .map(|a| a.workday)
        .filter(|d| d.year() == year)
        .collect();
    days.sort();
    days
}

/// The day off next to a holiday on `date`. The Labour Code 2019 (Art. 112(1)(đ))
/// gives National Day "one day before or after" and leaves the choice to the
/// government; this is the choice it made every year from 2021 to 2026, by the weekday
/// of 2 September (Monday → Tuesday, Tuesday → Monday, Wednesday → Tuesday, Thursday →
/// Friday, Friday → Thursday, Saturday → Friday, Sunday → Monday), which the `holidays`
/// package extends to later years too.
pub fn adjacent_day(date: NaiveDate) -> NaiveDate {
    let step = match date.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => 1,
        Weekday::Tue | Weekday::Wed | Weekday::Fri | Weekday::Sat => -1,
    };
    date + Duration::days(step)
}

/// The Tết days of solar year `year` whose lunar new year falls on `tet`: the last day
/// of the old lunar year, then days 1 to n of the new, with their names.
fn tet_days(year: i32, tet: NaiveDate) -> Vec<(NaiveDate, String, String)> {
    let length = TET_LENGTHS
        .iter()
        .rev()
        .find(|(since, _)| year >= *since)
        .map_or(0, |(_, days)| *days);
    let mut days = vec![(
        tet - Duration::days(1),
        "Tết Nguyên đán, ngày cuối năm âm lịch".to_string(),
        "Lunar New Year's Eve".to_string(),
    )];
    for n in 1..=length {
        days.push((
            tet + Duration::days(i64::from(n) - 1),
            format!("Tết Nguyên đán, mùng {n}"),
            format!("Lunar New Year, day {n}"),
        ));
    }
    days
}

fn nghi_bu(name_vi: &str) -> String {
    format!("{name_vi} (nghỉ bù)")
}

fn observed(name_en: &str) -> String {
    format!("{name_en} (observed)")
}

/// The holidays of one year as they are decided, one per date.
struct Days {
    year: i32,
    by_date: BTreeMap<NaiveDate, Holiday>,
}

impl Days {
    fn new(year: i32) -> Self {
        Days {
            year,
            by_date: BTreeMap::new(),
        }
    }

    /// Adds a holiday; a date already taken keeps its holiday, and two statutory
    /// days on one date share it.
    fn add(&mut self, date: NaiveDate, name_vi: &str, name_en: &str, kind: HolidayKind) {
        match self.by_date.get_mut(&date) {
            Some(h) => {
                if h.kind == HolidayKind::Statutory && kind == HolidayKind::Statutory {
                    h.name_vi = format!("{}; {name_vi}", h.name_vi);
                    h.name_en = format!("{}; {name_en}", h.name_en);
                }
            }
            None => {
                self.by_date.insert(
                    date,
                    Holiday {
                        date,
                        name_vi: name_vi.to_string(),
                        name_en: name_en.to_string(),
                        kind,
                    },
                );
            }
        }
    }

    /// The first day from `date` in `direction` (+1 or −1) that is neither a weekend
    /// day nor already a holiday, within the year: a compensatory day is given in the
    /// year of the day it replaces, or not at all.
    fn next_workday(&self, date: NaiveDate, direction: i64) -> Option<NaiveDate> {
        let mut d = date + Duration::days(direction);
        while d.year() == self.year {
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.by_date.contains_key(&d)
            {
                return Some(d);
            }
            d += Duration::days(direction);
        }
        None
    }

    fn into_sorted(self) -> Vec<Holiday> {
        self.by_date.into_values().collect()
    }
}

/// A swap, for the table.
const fn swap(year: i32, day_off: NaiveDate, workday: NaiveDate) -> Arrangement {
    Arrangement {
        year,
        day_off,
        workday,
    }
}

/// A date from its parts, checked when the constant is compiled.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date constant"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn dates(year: i32) -> Vec<(String, HolidayKind)> {
        public_holidays(year)
            .expect("holidays")
            .into_iter()
            .map(|h| (h.date.to_string(), h.kind))
            .collect()
    }

    fn kinds(list: &[(&str, HolidayKind)]) -> Vec<(String, HolidayKind)> {
        list.iter().map(|(d, k)| (d.to_string(), *k)).collect()
    }

    use HolidayKind::{Observed as O, Statutory as S, Substituted as X};

    #[test]
    fn year_2024() {
        // Tết day 1 on a Saturday goes back to Thursday 8 February, day 2 on a Sunday
        // forward past Tết to Wednesday 14; 29 April is swapped for Saturday 4 May.
        assert_eq!(
            dates(2024),
            kinds(&[
                ("2024-01-01", S),
                ("2024-02-08", O),
                ("2024-02-09", S),
                ("2024-02-10", S),
                ("2024-02-11", S),
                ("2024-02-12", S),
                ("2024-02-13", S),
                ("2024-02-14", O),
                ("2024-04-18", S),
                ("2024-04-29", X),
                ("2024-04-30", S),
                ("2024-05-01", S),
                ("2024-09-02", S),
                ("2024-09-03", S),
            ])
        );
        assert_eq!(makeup_workdays(2024), vec![date("2024-05-04")]);
    }

    #[test]
    fn year_2022_chains_compensatory_days() {
        // 30 April on a Saturday and 1 May on a Sunday: Monday 2 and Tuesday 3 May.
        assert_eq!(
            dates(2022),
            kinds(&[
                ("2022-01-01", S),
                ("2022-01-03", O),
                ("2022-01-31", S),
                ("2022-02-01", S),
                ("2022-02-02", S),
                ("2022-02-03", S),
                ("2022-02-04", S),
                ("2022-04-10", S),
                ("2022-04-11", O),
                ("2022-04-30", S),
                ("2022-05-01", S),
                ("2022-05-02", O),
                ("2022-05-03", O),
                ("2022-09-01", S),
                ("2022-09-02", S),
            ])
        );
    }

    #[test]
    fn year_2026_adds_culture_day() {
        let list = public_holidays(2026).expect("holidays");
        let culture = list
            .iter()
            .find(|h| h.date == date("2026-11-24"))
            .expect("24 November");
        assert_eq!(culture.name_vi, "Ngày Văn hóa Việt Nam");
        assert_eq!(culture.kind, S);
        assert!(!public_holidays(2025)
            .expect("holidays")
            .iter()
            .any(|h| h.date == date("2025-11-24")));
        let swapped = list
            .iter()
            .find(|h| h.date == date("2026-08-31"))
            .expect("swapped day");
        assert_eq!(swapped.kind, X);
        assert_eq!(makeup_workdays(2026), vec![date("2026-08-22")]);
    }

    #[test]
    fn national_day_adjacent_rule() {
        for (day, adjacent) in [
            ("2025-09-02", "2025-09-01"), // Tuesday → Monday
            ("2026-09-02", "2026-09-01"), // Wednesday → Tuesday
            ("2021-09-02", "2021-09-03"), // Thursday → Friday
            ("2022-09-02", "2022-09-01"), // Friday → Thursday
            ("2023-09-02", "2023-09-01"), // Saturday → Friday
            ("2029-09-02", "2029-09-03"), // Sunday → Monday
            ("2024-09-02", "2024-09-03"), // Monday → Tuesday
        ] {
            assert_eq!(adjacent_day(date(day)), date(adjacent), "{day}");
        }
        // 2 September 2023 on a Saturday: Friday 1 is the adjacent day, Monday 4 the
        // compensatory one.
        let list = dates(2023);
        assert!(list.contains(&("2023-09-01".to_string(), S)));
        assert!(list.contains(&("2023-09-04".to_string(), O)));
        // No adjacent day before 2021.
        assert!(!dates(2020)
            .iter()
            .any(|(d, _)| d == "2020-09-01" || d == "2020-09-03"));
    }

    #[test]
    fn tet_length_and_saturday_rule_change() {
        // 2012: the eve and days 1–3. 2013: the eve and days 1–4.
        let tet_days = |year: i32| {
            let tet = lunar::lunar_new_year(year).expect("tet");
            public_holidays(year)
                .expect("holidays")
                .iter()
                .filter(|h| {
                    h.kind == S
                        && h.date >= tet - Duration::days(1)
                        && h.date < tet + Duration::days(10)
                })
                .count()
        };
        assert_eq!(tet_days(2012), 4);
        assert_eq!(tet_days(2013), 5);
        // Before 1995 no compensatory days at all.
        assert!(public_holidays(1990)
            .expect("holidays")
            .iter()
            .all(|h| h.kind == S));
    }

    #[test]
    fn every_year_is_sorted_unique_and_in_its_year() {
        for year in lunar::FIRST_YEAR..=lunar::LAST_YEAR {
            let list = public_holidays(year).expect("holidays");
            assert!(list.windows(2).all(|w| w[0].date < w[1].date), "{year}");
            assert!(list.iter().all(|h| h.date.year() == year), "{year}");
            for h in &list {
                if h.kind != S {
                    assert!(
                        !matches!(h.date.weekday(), Weekday::Sat | Weekday::Sun),
                        "{year}: {h:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn arrangements_are_consistent() {
        for a in ARRANGEMENTS {
            assert_eq!(a.year, a.day_off.year(), "{a:?}");
            assert_eq!(a.workday.weekday(), Weekday::Sat, "{a:?}");
            assert!(
                !matches!(a.day_off.weekday(), Weekday::Sat | Weekday::Sun),
                "{a:?}"
            );
            let list = public_holidays(a.year).expect("holidays");
            let h = list.iter().find(|h| h.date == a.day_off).expect("day off");
            assert_eq!(h.kind, X, "{a:?}");
            assert!(makeup_workdays(a.workday.year()).contains(&a.workday));
        }
        // The swap for 31 December 2018 is worked on 5 January 2019.
        assert_eq!(
            makeup_workdays(2019),
            vec![date("2019-01-05"), date("2019-05-04")]
        );
        assert!(makeup_workdays(2023).is_empty());
    }

    #[test]
    fn out_of_range_years_fail() {
        for year in [
            lunar::FIRST_YEAR - 1,
            lunar::LAST_YEAR + 1,
            i32::MAX,
            i32::MIN,
        ] {
            assert!(
                matches!(public_holidays(year), Err(Error::DateOutOfRange { .. })),
                "{year}"
            );
        }
        assert!(makeup_workdays(i32::MAX).is_empty());
    }
}
