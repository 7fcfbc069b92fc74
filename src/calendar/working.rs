//! The working-day calendar of one problem: which days of the horizon are working days,
//! and the days `D(a)` an activity of a given duration occupies from a start date.
//!
//! Days are handled as offsets from the horizon's first day (`i32`), so the scorer and
//! the solver work on integers; dates appear only at the edges.

use chrono::{Datelike, Duration, NaiveDate};

use super::holidays::{public_holidays, Holiday};
use crate::error::Result;
use crate::model::{CalendarSpec, Country, DateRange};

/// A day as an offset from the horizon's first day (negative before it).
pub type Day = i32;

/// Which days of a horizon are working days.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    horizon: DateRange,
    /// `working[i]`: whether horizon day `i` is a working day.
    working: Vec<bool>,
    /// `before[i]`: the number of working days among horizon days `0..i`
    /// (length `len + 1`), so counts over a range are one subtraction.
    before: Vec<u32>,
    /// The offsets of the working days, in order.
    working_days: Vec<Day>,
    /// The public holidays that fall inside the horizon.
    holidays: Vec<Holiday>,
}

impl WorkCalendar {
    /// Builds the calendar of `spec` over `horizon`: a day works when it is not a
    /// weekend day, not a public holiday of the country and not in `days_off`; a day in
    /// `workdays` works whatever else holds. Days outside the horizon never work.
    pub fn new(spec: &CalendarSpec, horizon: DateRange) -> Result<Self> {
        let len = usize::try_from((horizon.end - horizon.start).num_days() + 1).unwrap_or(0);
        let mut holidays = Vec::new();
        if spec.country == Country::Vietnam && len > 0 {
            for year in horizon.start.year()..=horizon.end.year() {
                holidays.extend(
                    public_holidays(year)?
                        .into_iter()
                        .filter(|h| horizon.contains(h.date)),
                );
            }
        }
        let weekend: Vec<chrono::Weekday> = spec.weekend.iter().map(|w| w.to_chrono()).collect();
        let mut working = Vec::with_capacity(len);
        let mut date = horizon.start;
        for _ in 0..len {
            working.push(!weekend.contains(&date.weekday()));
            date += Duration::days(1);
        }
        let offset_in = |d: NaiveDate| -> Option<usize> {
            horizon
                .contains(d)
                .then(|| usize::try_from((d - horizon.start).num_days()).ok())
                .flatten()
        };
        for d in holidays
            .iter()
            .map(|h| h.date)
            .chain(spec.days_off.iter().copied())
        {
            if let Some(i) = offset_in(d) {
                working[i] = false;
            }
        }
        for d in &spec.workdays {
            if let Some(i) = offset_in(*d) {
                working[i] = true;
            }
        }
        let mut before = Vec::with_capacity(len + 1);
        let mut working_days = Vec::new();
        let mut count = 0u32;
        for (i, &w) in working.iter().enumerate() {
            before.push(count);
            if w {
                count += 1;
                working_days.push(i as Day);
            }
        }
        before.push(count);
        Ok(WorkCalendar {
            horizon,
            working,
            before,
            working_days,
            holidays,
        })
    }

    /// The planning period.
    pub fn horizon(&self) -> DateRange {
        self.horizon
    }

    /// The number of days in the horizon.
    pub fn len(&self) -> usize {
        self.working.len()
    }

    /// Whether the horizon is empty (its end is before its start).
    pub fn is_empty(&self) -> bool {
        self.working.is_empty()
    }

    /// The offset of `date` from the horizon's first day.
    pub fn day(&self, date: NaiveDate) -> Day {
        let days = (date - self.horizon.start).num_days();
        days.clamp(i64::from(Day::MIN), i64::from(Day::MAX)) as Day
    }

    /// The date at offset `day`.
    pub fn date(&self, day: Day) -> NaiveDate {
        self.horizon.start + Duration::days(i64::from(day))
    }

    /// Whether the day at offset `day` is a working day (never outside the horizon).
    pub fn is_working_day(&self, day: Day) -> bool {
        usize::try_from(day)
            .ok()
            .and_then(|i| self.working.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether `date` is a working day.
    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.is_working_day(self.day(date))
    }

    /// The number of working days in the inclusive range of offsets `from..=to`
    /// (clipped to the horizon).
    pub fn count_working(&self, from: Day, to: Day) -> u32 {
        let last = self.working.len() as i64;
        let lo = i64::from(from).clamp(0, last) as usize;
        let hi = (i64::from(to) + 1).clamp(0, last) as usize;
        if hi <= lo {
            0
        } else {
            self.before[hi] - self.before[lo]
        }
    }

    /// The number of working days in `range`.
    pub fn working_days_in(&self, range: DateRange) -> u32 {
        self.count_working(self.day(range.start), self.day(range.end))
    }

    /// The offsets of every working day of the horizon, in order.
    pub fn working_days(&self) -> &[Day] {
        &self.working_days
    }

    /// The first working day at or after `day`, if the horizon has one.
    pub fn next_working_day(&self, day: Day) -> Option<Day> {
        let idx = self.working_index_at_or_after(day);
        self.working_days.get(idx).copied()
    }

    /// The position in [`Self::working_days`] of the first working day at or after
    /// `day`.
    pub fn working_index_at_or_after(&self, day: Day) -> usize {
        let last = self.working.len() as i64;
        let clipped = i64::from(day).clamp(0, last) as usize;
        self.before[clipped] as usize
    }

    /// The days `D` an activity of `duration` working days occupies when it starts on
    /// `start`: the `duration` consecutive working days from `start` (from the next
    /// working day when `start` is not one), cut at the horizon's end.
    pub fn span(&self, start: Day, duration: u32) -> &[Day] {
        let from = self.working_index_at_or_after(start);
        let to = (from + duration as usize).min(self.working_days.len());
        &self.working_days[from.min(to)..to]
    }

    /// Whether an activity of `duration` starting on `start` meets the `calendar` rule:
    /// the start is a working day and the horizon holds all its days.
    pub fn start_is_valid(&self, start: Day, duration: u32) -> bool {
        self.is_working_day(start) && self.span(start, duration).len() == duration as usize
    }

    /// The public holidays inside the horizon (empty for `country: "none"`).
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Weekday;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn plain(start: &str, end: &str) -> WorkCalendar {
        let spec = CalendarSpec {
            country: Country::NoHolidays,
            weekend: vec![Weekday::Sat, Weekday::Sun],
            days_off: vec![date("2024-03-06")],
            workdays: vec![date("2024-03-09")],
        };
        WorkCalendar::new(
            &spec,
            DateRange {
                start: date(start),
                end: date(end),
            },
        )
        .expect("calendar")
    }

    #[test]
    fn weekends_days_off_and_workdays() {
        let cal = plain("2024-03-01", "2024-03-31");
        assert!(cal.is_working(date("2024-03-01"))); // Friday
        assert!(!cal.is_working(date("2024-03-02"))); // Saturday
        assert!(!cal.is_working(date("2024-03-06"))); // day off
        assert!(cal.is_working(date("2024-03-09"))); // make-up Saturday
        assert!(!cal.is_working(date("2024-04-01"))); // outside the horizon
    }

    #[test]
    fn span_skips_free_days_and_stops_at_the_horizon() {
        let cal = plain("2024-03-01", "2024-03-31");
        let s = cal.day(date("2024-03-05"));
        let days: Vec<NaiveDate> = cal.span(s, 3).iter().map(|&d| cal.date(d)).collect();
        assert_eq!(
            days,
            vec![date("2024-03-05"), date("2024-03-07"), date("2024-03-08")]
        );
        // From a Sunday, D starts on the Monday.
        let sunday = cal.day(date("2024-03-03"));
        assert_eq!(cal.span(sunday, 1), &[cal.day(date("2024-03-04"))]);
        assert!(!cal.start_is_valid(sunday, 1));
        // Near the end the span is cut.
        let last = cal.day(date("2024-03-29"));
        assert_eq!(cal.span(last, 5).len(), 1);
        assert!(!cal.start_is_valid(last, 5));
        assert_eq!(cal.working_days_in(cal.horizon()), 21 - 1 + 1);
    }
}
