//! `preferred` (soft, one activity and its group): the calendar days of the group's
//! `[first, last]` outside the activity's preferred window.

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The term's name in the format.
pub const NAME: &str = "preferred";

/// The days of `[first, last]` outside `window`.
#[inline]
pub fn days_outside(first: Day, last: Day, window: (Day, Day)) -> i64 {
    interval::days_outside(first, last, window)
}
