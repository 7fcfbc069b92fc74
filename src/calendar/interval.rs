//! The interval algebra of the working-day calendar, written once: distances and
//! overlaps between day ranges (offsets, inclusive), days of a range outside a window,
//! and sets of working-day positions (inclusive intervals of indices into
//! [`WorkCalendar::working_days`]) with their clipping, merging and counting. The rules
//! (`crate::rules`), the scorers, the solver and the analysis all reach these.

use chrono::NaiveDate;

use super::working::{Day, WorkCalendar};
use crate::model::DateRange;

// ----- Day ranges (offsets, inclusive) -----

/// `dist` of the format: the calendar days strictly between the earlier range and the
/// later one (negative when they overlap). The earlier is the one with the earlier
/// first day; with equal first days both orders give a negative distance.
#[inline]
pub fn dist(x: (Day, Day), y: (Day, Day)) -> i64 {
    let (early, late) = if x.0 <= y.0 { (x, y) } else { (y, x) };
    between(early.1, late.0)
}

/// The calendar days strictly between `earlier_last` and `later_first` (negative when
/// the second does not come after the first).
#[inline]
pub fn between(earlier_last: Day, later_first: Day) -> i64 {
    i64::from(later_first) - i64::from(earlier_last) - 1
}

/// Whether two ranges share a day.
#[inline]
pub fn ranges_meet(x: (Day, Day), y: (Day, Day)) -> bool {
    x.0 <= y.1 && y.0 <= x.1
}

/// Whether the range `[first, last]` lies inside `window`.
#[inline]
pub fn within(first: Day, last: Day, window: (Day, Day)) -> bool {
    window.0 <= first && last <= window.1
}

/// The calendar days of `[first, last]` outside `window`.
#[inline]
pub fn days_outside(first: Day, last: Day, window: (Day, Day)) -> i64 {
    let total = i64::from(last) - i64::from(first) + 1;
    let inside = (i64::from(last.min(window.1)) - i64::from(first.max(window.0)) + 1).max(0);
    (total - inside).max(0)
}

// ----- Working-day positions -----

/// Whether two runs of positions `from..to` (end exclusive) share a position; an empty
/// run meets nothing.
#[inline]
pub fn runs_meet(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < a.1 && b.0 < b.1 && a.0 < b.1 && b.0 < a.1
}

/// The positions of the working days inside the offsets `from..=to`, as an inclusive
/// interval; `None` when it holds no working day.
pub fn positions_between(calendar: &WorkCalendar, from: Day, to: Day) -> Option<(usize, usize)> {
    let lo = calendar.working_index_at_or_after(from);
    let hi = calendar.working_index_at_or_after(to.saturating_add(1));
    (lo < hi).then(|| (lo, hi - 1))
}

/// The positions of the working days inside `range`.
pub fn positions_in(calendar: &WorkCalendar, range: DateRange) -> Option<(usize, usize)> {
    positions_between(calendar, calendar.day(range.start), calendar.day(range.end))
}

/// Sorts inclusive intervals and merges those that overlap or touch.
pub fn merge_intervals(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// How many positions of `from..to` (end exclusive) the merged intervals cover.
pub fn covered_count(merged: &[(usize, usize)], from: usize, to: usize) -> usize {
    merged
        .iter()
        .map(|&(lo, hi)| {
            let (lo, hi) = (lo.max(from), (hi + 1).min(to));
            hi.saturating_sub(lo)
        })
        .sum()
}

/// The longest run of positions of `from..to` (end exclusive) that the merged
/// intervals leave uncovered.
pub fn longest_gap(merged: &[(usize, usize)], from: usize, to: usize) -> usize {
    let mut best = 0;
    let mut cur = from;
    for &(lo, hi) in merged {
        if hi < cur {
            continue;
        }
        if lo >= to {
            break;
        }
        best = best.max(lo.saturating_sub(cur));
        cur = cur.max(hi + 1);
    }
    best.max(to.saturating_sub(cur))
}

/// The start positions whose `duration` days all lie inside the positions `window`
/// (inclusive), as an inclusive interval; `None` when the window is too short.
pub fn start_positions(window: (usize, usize), duration: usize) -> Option<(usize, usize)> {
    let last_start = (window.1 + 1).checked_sub(duration.max(1))?;
    (window.0 <= last_start).then_some((window.0, last_start))
}

/// Narrows start positions to the one of `fixed` (none when `fixed` is not a working
/// day, or not among `starts`).
pub fn restrict_to_fixed(
    calendar: &WorkCalendar,
    starts: (usize, usize),
    fixed: NaiveDate,
) -> Option<(usize, usize)> {
    let day = calendar.day(fixed);
    if !calendar.is_working_day(day) {
        return None;
    }
    let at = calendar.working_index_at_or_after(day);
    (starts.0 <= at && at <= starts.1).then_some((at, at))
}

/// The start positions among `starts` (inclusive) whose `duration` consecutive
/// positions meet none of the merged `blocked` intervals, as sorted disjoint inclusive
/// intervals.
pub fn free_starts(
    starts: (usize, usize),
    duration: usize,
    blocked: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if starts.0 > starts.1 {
        return out;
    }
    let mut cur = starts.0;
    for &(b0, b1) in blocked {
        // A blocked position b bars the starts b - duration + 1 ..= b.
        let first_barred = (b0 + 1).saturating_sub(duration.max(1));
        if b1 < cur {
            continue;
        }
        if first_barred > starts.1 {
            break;
        }
        if first_barred > cur {
            out.push((cur, first_barred - 1));
        }
        cur = b1 + 1;
        if cur > starts.1 {
            return out;
        }
    }
    out.push((cur, starts.1));
    out
}
