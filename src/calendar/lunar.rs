//! The Vietnamese lunar calendar, computed by Hồ Ngọc Đức's astronomical method for the
//! meridian of UTC+7.
//!
//! A lunar month starts on the local day of a new moon; month 11 is the month holding
//! the winter solstice; a lunar year with 13 months between two months 11 repeats the
//! first month after month 11 that holds no major solar term (a multiple of 30° of the
//! sun's longitude). Vietnam and China share these rules but not the meridian, so
//! their calendars differ whenever a new moon or a solar term falls between 16:00 and
//! 17:00 UTC: Tết fell a month apart in 1985 and a day apart in 2007 and 2030.
//!
//! The new-moon and sun-longitude series are the truncated ones from Meeus that
//! Hồ Ngọc Đức's conversion program uses, coefficient for coefficient, so the results
//! are his program's (and those of the `lunar_vn` and `vnlunar` packages' astronomical
//! mode) day for day. His printed tables differ in two ways this module does not
//! follow: before 1968 they give the UTC+8 calendar then in use, and eight months of
//! 2054–2199 start a day earlier there, where a finer ephemeris puts a new moon a few
//! minutes before midnight and the series a few minutes after.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// The first lunar year whose dates are supported.
pub const FIRST_YEAR: i32 = 1800;

/// The last lunar year whose dates are supported.
pub const LAST_YEAR: i32 = 2199;

/// Hours east of Greenwich of the meridian the calendar is reckoned for (UTC+7, the
/// official one since 1968; the packages it is checked against apply it to every
/// year).
const TIME_ZONE: f64 = 7.0;

/// `NaiveDate::num_days_from_ce` plus this is the Julian day number.
const JDN_OF_CE_DAY_ZERO: i64 = 1_721_425;

/// The Julian day of the mean new moon the lunation numbers count from (January 1900).
const EPOCH_NEW_MOON: f64 = 2_415_021.076_998_695;

/// The mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// A date of the Vietnamese lunar calendar.
///
/// The derived order compares year, month, day, then `leap`, so it is the order in
/// time except across a leap month: a leap month follows the ordinary month of the
/// same number, yet its early days sort before that month's late days. Compare
/// `(year, month, leap, day)` or the solar dates when time order matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct LunarDate {
    /// The lunar year; it starts on Tết, 21 January to 20 February of the solar year
    /// of the same number.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 29 or 30.
    pub day: u32,
    /// Whether this is the leap (intercalary) month that repeats `month`.
    pub leap: bool,
}

/// The lunar date of the solar (Gregorian) date `date`.
///
/// Fails with [`Error::DateOutOfRange`] outside the lunar years
/// [`FIRST_YEAR`]`..=`[`LAST_YEAR`].
pub fn solar_to_lunar(date: NaiveDate) -> Result<LunarDate> {
    let out_of_range = || {
        let (min, max) = solar_range();
        Error::DateOutOfRange { date, min, max }
    };
    let year = date.year();
    // Only solar years FIRST_YEAR..=LAST_YEAR + 1 hold days of supported lunar years;
    // the exact bounds are checked on the lunar year below. Turning the rest away
    // first keeps chrono's extreme years out of the astronomy.
    if !(FIRST_YEAR..=LAST_YEAR + 1).contains(&year) {
        return Err(out_of_range());
    }
    let day = jdn(date);
    let lunation = lunation_containing(day);
    // The month belongs to the frame ending at the month 11 that starts in `year`
    // when it starts no later than that month; otherwise to the next frame.
    let month11 = Month11::of(year);
    let frame_year = if lunation <= month11.lunation {
        year
    } else {
        year + 1
    };
    let frame = Frame::ending_in(frame_year);
    let (lunar_year, month, leap) = frame.label(lunation - frame.start.lunation);
    if !(FIRST_YEAR..=LAST_YEAR).contains(&lunar_year) {
        return Err(out_of_range());
    }
    let day_of_month = day - new_moon_day(lunation) + 1;
    Ok(LunarDate {
        year: lunar_year,
        month,
        // A day of a month is 1..=30; the conversion cannot fail.
        day: u32::try_from(day_of_month).map_err(|_| out_of_range())?,
        leap,
    })
}

/// The solar (Gregorian) date of the lunar date `date`.
///
/// Fails with [`Error::NoSuchLunarDate`] when the date does not exist: a year outside
/// [`FIRST_YEAR`]`..=`[`LAST_YEAR`], a month outside 1..=12, a day outside 1..=30,
/// day 30 of a 29-day month, or a leap month the year does not have.
pub fn lunar_to_solar(date: LunarDate) -> Result<NaiveDate> {
    let LunarDate {
        year,
        month,
        day,
        leap,
    } = date;
    let missing = || Error::NoSuchLunarDate {
        year,
        month,
        day,
        leap,
    };
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=30).contains(&day)
    {
        return Err(missing());
    }
    // Months 11 and 12 (and their leap months) open the frame that ends with the
    // next year's month 11; every other month lies in the frame ending in `year`.
    let frame = Frame::ending_in(if month >= 11 { year + 1 } else { year });
    let offset = (0..frame.months)
        .find(|&offset| frame.label(offset) == (year, month, leap))
        .ok_or_else(missing)?;
    let lunation = frame.start.lunation + offset;
    let start = new_moon_day(lunation);
    let length = new_moon_day(lunation + 1) - start;
    if i64::from(day) > length {
        return Err(missing());
    }
    date_of_jdn(start + i64::from(day) - 1).ok_or_else(missing)
}

/// Tết Nguyên đán: the solar date of the first day of lunar year `year`.
///
/// Fails with [`Error::NoSuchLunarDate`] for a year outside
/// [`FIRST_YEAR`]`..=`[`LAST_YEAR`].
pub fn lunar_new_year(year: i32) -> Result<NaiveDate> {
    lunar_to_solar(LunarDate {
        year,
        month: 1,
        day: 1,
        leap: false,
    })
}

/// The first and last solar dates whose lunar year is supported: Tết of
/// [`FIRST_YEAR`] and the eve of Tết of the year after [`LAST_YEAR`].
pub fn solar_range() -> (NaiveDate, NaiveDate) {
    // Checked against the computation by a unit test; constants keep an error path
    // from needing the conversion it reports on.
    (ymd(1800, 1, 25), ymd(2200, 2, 14))
}

/// A date from its parts, checked when the constant is compiled.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date constant"),
    }
}

/// The Julian day number of `date`.
fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_OF_CE_DAY_ZERO
}

/// The date of Julian day number `jdn`, if chrono can represent it.
fn date_of_jdn(jdn: i64) -> Option<NaiveDate> {
    i32::try_from(jdn - JDN_OF_CE_DAY_ZERO)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The local (UTC+7) Julian day number of new moon number `k`, counted from the new
/// moon of January 1900.
fn new_moon_day(k: i64) -> i64 {
    // Every coefficient is Hồ Ngọc Đức's: dropping or refining a term would move a
    // month's first day, now and then, away from his program's.
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let rad = std::f64::consts::PI / 180.0;
    let mut jd = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * rad).sin();
    let m = (359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * rad;
    let mpr = (306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * rad;
    let f = (21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * rad;
    let correction = (0.1734 - 0.000_393 * t) * m.sin() + 0.0021 * (2.0 * m).sin()
        - 0.4068 * mpr.sin()
        + 0.0161 * (2.0 * mpr).sin()
        - 0.0004 * (3.0 * mpr).sin()
        + 0.0104 * (2.0 * f).sin()
        - 0.0051 * (m + mpr).sin()
        - 0.0074 * (m - mpr).sin()
        + 0.0004 * (2.0 * f + m).sin()
        - 0.0004 * (2.0 * f - m).sin()
        - 0.0006 * (2.0 * f + mpr).sin()
        + 0.0010 * (2.0 * f - mpr).sin()
        + 0.0005 * (2.0 * mpr + m).sin();
    // ΔT, the gap between dynamical and universal time.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    (jd + correction - delta_t + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// Which twelfth of the ecliptic (0..=11, 30° each from the March equinox) the sun is
/// in at the local midnight that starts Julian day number `jdn`.
fn sun_sector(jdn: i64) -> i64 {
    let t = (jdn as f64 - 0.5 - TIME_ZONE / 24.0 - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let rad = std::f64::consts::PI / 180.0;
    let m = (357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2) * rad;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_290 * (3.0 * m).sin();
    let longitude = ((l0 + dl) * rad).rem_euclid(2.0 * std::f64::consts::PI);
    (longitude / std::f64::consts::PI * 6.0).floor() as i64
}

/// The new moon number whose month holds `day` (a Julian day number).
fn lunation_containing(day: i64) -> i64 {
    // The mean lunation is a guess that can be one off near a month's edges.
    let mut k = ((day as f64 - EPOCH_NEW_MOON) / SYNODIC_MONTH).floor() as i64;
    while new_moon_day(k) > day {
        k -= 1;
    }
    while new_moon_day(k + 1) <= day {
        k += 1;
    }
    k
}

/// The start of lunar month 11, the month that holds the winter solstice.
#[derive(Debug, Clone, Copy)]
struct Month11 {
    /// Its new moon number.
    lunation: i64,
}

impl Month11 {
    /// Month 11 of lunar year `year`, which starts in November or December of the
    /// solar year `year`.
    fn of(year: i32) -> Self {
        // The last new moon before 31 December, by the mean lunation from the epoch;
        // when the sun is already past 270° then, the solstice came before it and
        // month 11 is the month before.
        let k = ((jdn_of_dec31(year) as f64 - 2_415_021.0) / SYNODIC_MONTH).floor() as i64;
        let lunation = if sun_sector(new_moon_day(k)) >= 9 {
            k - 1
        } else {
            k
        };
        Month11 { lunation }
    }
}

/// The Julian day number of 31 December of `year` (Gregorian), by integer arithmetic
/// so that no year can fail.
fn jdn_of_dec31(year: i32) -> i64 {
    let y = i64::from(year) + 4800;
    31 + (153 * 9 + 2) / 5 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
        - 32045
}

/// The months from month 11 of one lunar year up to, not including, month 11 of the
/// next: 12 months, or 13 with a leap month.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Month 11 of lunar year `year - 1`, the frame's first month.
    start: Month11,
    /// The lunar year whose month 11 ends the frame.
    year: i32,
    /// 12 or 13.
    months: i64,
    /// The offset from `start` of the leap month, if the frame has one.
    leap: Option<i64>,
}

impl Frame {
    /// The frame that ends with month 11 of lunar year `year`.
    fn ending_in(year: i32) -> Self {
        let start = Month11::of(year - 1);
        let end = Month11::of(year);
        let months = end.lunation - start.lunation;
        // Thirteen new moons between two winter solstices: the first month with no
        // major solar term is the leap month. The sector at the start of a month and
        // at the start of the next are equal exactly when no term falls inside it.
        let leap = (months > 12)
            .then(|| {
                let mut previous = sun_sector(new_moon_day(start.lunation + 1));
                (2..=13).find_map(|i| {
                    let next = sun_sector(new_moon_day(start.lunation + i));
                    let found = (next == previous).then_some(i - 1);
                    previous = next;
                    found
                })
            })
            .flatten();
        Frame {
            start,
            year,
            months,
            leap,
        }
    }

    /// The (lunar year, month number, leap) of the month `offset` months after the
    /// frame's month 11; `offset == months` is month 11 of `year`.
    fn label(&self, offset: i64) -> (i32, u32, bool) {
        let (number, leap) = match self.leap {
            Some(l) if offset >= l => (offset + 10, offset == l),
            _ => (offset + 11, false),
        };
        let number = (number - 1).rem_euclid(12) + 1;
        // The months numbered 11 or 12 among the first four (a leap 11 or 12 makes
        // them three) are the previous lunar year's; a month 11 at the frame's end
        // (`offset == months`) is `year`'s own.
        let year = if number >= 11 && offset < 4 {
            self.year - 1
        } else {
            self.year
        };
        (year, u32::try_from(number).unwrap_or(0), leap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            leap,
        }
    }

    #[test]
    fn tet_dates() {
        // Checked against the packages lunar_vn, vnlunar (time_zone=7) and holidays;
        // 1985, 2007 and 2030 are the years where UTC+7 and the Chinese UTC+8 differ.
        for (year, tet) in [
            (1900, "1900-01-31"),
            (1968, "1968-01-29"),
            (1985, "1985-01-21"),
            (2007, "2007-02-17"),
            (2020, "2020-01-25"),
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
            (2026, "2026-02-17"),
            (2030, "2030-02-02"),
            (2053, "2053-02-18"),
            // Hồ Ngọc Đức's printed tables say 22 January 2175 and 26 January 2199:
            // the series used here puts those new moons 2 minutes after midnight.
            (2175, "2175-01-23"),
            (2199, "2199-01-27"),
        ] {
            assert_eq!(lunar_new_year(year).expect("tet"), date(tet), "{year}");
        }
    }

    #[test]
    fn known_conversions() {
        // 2023 has a leap second month; 2020 a leap fourth.
        assert_eq!(
            solar_to_lunar(date("2023-03-22")).expect("lunar"),
            lunar(2023, 2, 1, true)
        );
        assert_eq!(
            solar_to_lunar(date("2020-05-23")).expect("lunar"),
            lunar(2020, 4, 1, true)
        );
        assert_eq!(
            solar_to_lunar(date("2024-04-18")).expect("lunar"),
            lunar(2024, 3, 10, false)
        );
        assert_eq!(
            solar_to_lunar(date("1900-01-01")).expect("lunar"),
            lunar(1899, 12, 1, false)
        );
        assert_eq!(
            lunar_to_solar(lunar(2025, 6, 1, true)).expect("solar"),
            date("2025-07-25")
        );
    }

    #[test]
    fn range_constants_match_the_computation() {
        let (min, max) = solar_range();
        assert_eq!(min, lunar_new_year(FIRST_YEAR).expect("first tet"));
        let next = lunar_to_solar(lunar(LAST_YEAR, 12, 1, false)).expect("last month");
        assert!(max >= next && max < next + chrono::Duration::days(30));
        assert_eq!(
            solar_to_lunar(max).expect("last day").year,
            LAST_YEAR,
            "{max}"
        );
        assert!(matches!(
            solar_to_lunar(max + chrono::Duration::days(1)),
            Err(Error::DateOutOfRange { .. })
        ));
        assert!(matches!(
            solar_to_lunar(min - chrono::Duration::days(1)),
            Err(Error::DateOutOfRange { .. })
        ));
        assert!(matches!(
            solar_to_lunar(date("2400-01-01")),
            Err(Error::DateOutOfRange { .. })
        ));
    }

    /// Every supported day: the round trip holds, days follow each other, months
    /// have 29 or 30 days and start on day 1 after the last day of the previous one.
    #[test]
    fn every_day_round_trips() {
        let (min, max) = solar_range();
        let mut previous: Option<LunarDate> = None;
        let mut d = min;
        let mut leap_months = 0;
        while d <= max {
            let l = solar_to_lunar(d).expect("supported day");
            assert_eq!(lunar_to_solar(l).expect("exists"), d, "{d} {l:?}");
            match previous {
                None => assert_eq!(l, lunar(FIRST_YEAR, 1, 1, false)),
                Some(p) if l.day == 1 => {
                    assert!(p.day == 29 || p.day == 30, "{d}: {p:?} then {l:?}");
                    let key = |x: LunarDate| (x.year, x.month, x.leap, x.day);
                    assert!(key(p) < key(l), "{d}: {p:?} then {l:?}");
                    if l.leap {
                        leap_months += 1;
                        assert_eq!((l.year, l.month), (p.year, p.month), "{d}");
                    }
                    let day30 = LunarDate { day: 30, ..p };
                    if p.day == 29 {
                        assert!(matches!(
                            lunar_to_solar(day30),
                            Err(Error::NoSuchLunarDate { .. })
                        ));
                    }
                }
                Some(p) => assert_eq!(
                    l,
                    LunarDate {
                        day: p.day + 1,
                        ..p
                    },
                    "{d}"
                ),
            }
            previous = Some(l);
            d += chrono::Duration::days(1);
        }
        // 400 years hold 147 leap months (7 in every 19 years, near enough).
        assert!((140..=155).contains(&leap_months), "{leap_months}");
    }

    #[test]
    fn julian_day_numbers() {
        assert_eq!(jdn(date("2000-01-01")), 2_451_545);
        for year in [1799, 1900, 2000, 2024, 2200] {
            let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).expect("date");
            assert_eq!(jdn_of_dec31(year), jdn(dec31), "{year}");
            assert_eq!(date_of_jdn(jdn(dec31)), Some(dec31));
        }
    }

    #[test]
    fn invalid_lunar_dates_are_rejected() {
        let no_such = |l: LunarDate| {
            matches!(
                lunar_to_solar(l),
                Err(Error::NoSuchLunarDate { year, month, day, leap })
                    if (year, month, day, leap) == (l.year, l.month, l.day, l.leap)
            )
        };
        assert!(no_such(lunar(2024, 0, 1, false)));
        assert!(no_such(lunar(2024, 13, 1, false)));
        assert!(no_such(lunar(2024, 1, 0, false)));
        assert!(no_such(lunar(2024, 1, 31, false)));
        assert!(no_such(lunar(FIRST_YEAR - 1, 1, 1, false)));
        assert!(no_such(lunar(LAST_YEAR + 1, 1, 1, false)));
        // 2024 has no leap month; 2023's is the second.
        assert!(no_such(lunar(2024, 2, 1, true)));
        assert!(no_such(lunar(2023, 3, 1, true)));
        assert!(lunar_to_solar(lunar(2023, 2, 1, true)).is_ok());
        // Month 1 of 2024 has 29 days (10 February to 9 March).
        assert_eq!(
            lunar_to_solar(lunar(2024, 1, 29, false)).expect("29th"),
            date("2024-03-09")
        );
        assert!(no_such(lunar(2024, 1, 30, false)));
        assert!(matches!(
            lunar_new_year(LAST_YEAR + 1),
            Err(Error::NoSuchLunarDate { .. })
        ));
    }
}
