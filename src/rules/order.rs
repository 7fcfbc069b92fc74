//! `after` and `before` (hard, an activity's item and the groups it links: its own
//! group and the referenced group, or an event): `a after {ref r, gap g}` holds when at
//! least `g` calendar days lie strictly between the end of `r` and the start of `a`;
//! `before` is the mirror. An item linking two activities of one group never holds.

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The rules' names in the format.
pub const AFTER: &str = "after";
/// See [`AFTER`].
pub const BEFORE: &str = "before";

/// The days strictly between the target's last day and the own first day (`after`).
#[inline]
pub fn distance_after(first: Day, target_last: Day) -> i64 {
    interval::between(target_last, first)
}

/// The days strictly between the own last day and the target's first day (`before`).
#[inline]
pub fn distance_before(last: Day, target_first: Day) -> i64 {
    interval::between(last, target_first)
}

/// The item's distance, for the own bounds `own` and the target's `target`.
#[inline]
pub fn distance(after: bool, own: (Day, Day), target: (Day, Day)) -> i64 {
    if after {
        distance_after(own.0, target.1)
    } else {
        distance_before(own.1, target.0)
    }
}

/// Whether an item at `distance` keeps its gap.
#[inline]
pub fn holds(distance: i64, gap: i64) -> bool {
    distance >= gap
}

/// Whether the item holds for the own bounds `own` and the target's `target`.
#[inline]
pub fn holds_between(after: bool, own: (Day, Day), target: (Day, Day), gap: i64) -> bool {
    holds(distance(after, own, target), gap)
}

/// The earliest first day an `after` item allows, as an unclamped offset.
#[inline]
pub fn earliest_first(target_last: Day, gap: i64) -> i64 {
    i64::from(target_last) + 1 + gap
}

/// The latest last day a `before` item allows, as an unclamped offset.
#[inline]
pub fn latest_last(target_first: Day, gap: i64) -> i64 {
    i64::from(target_first) - 1 - gap
}
