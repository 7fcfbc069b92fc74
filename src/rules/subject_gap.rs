//! `subject_gap` (hard, a pair of groups sharing a subject): the two groups are at
//! least `subject_gap` calendar days apart (`dist` of the format).

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The rule's name in the format.
pub const NAME: &str = "subject_gap";

/// The distance the rule compares with the gap.
#[inline]
pub fn distance(x: (Day, Day), y: (Day, Day)) -> i64 {
    interval::dist(x, y)
}

/// Whether two groups sharing a subject at `distance` keep the gap.
#[inline]
pub fn holds(distance: i64, gap: i64) -> bool {
    distance >= gap
}
