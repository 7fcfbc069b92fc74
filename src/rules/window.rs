//! `window` (hard, one activity and its group): every day of the group lies inside the
//! activity's window (the horizon when it has none).

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The rule's name in the format.
pub const NAME: &str = "window";

/// Whether the group's `[first, last]` lies inside `window`.
#[inline]
pub fn holds(first: Day, last: Day, window: (Day, Day)) -> bool {
    interval::within(first, last, window)
}
