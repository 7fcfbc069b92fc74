//! `move` and `shift` (soft, one group against a baseline): a group without a fixed
//! start that the baseline holds counts one `move` when its start changed, and
//! `shift` counts the calendar days it moved.

use crate::calendar::working::Day;

/// The terms' names in the format.
pub const MOVE: &str = "move";
/// See [`MOVE`].
pub const SHIFT: &str = "shift";

/// Whether a group starting on `start`, on `was` in the baseline, counts as moved.
#[inline]
pub fn moved(fixed: bool, start: Day, was: Day) -> bool {
    !fixed && start != was
}

/// The calendar days between the two starts.
#[inline]
pub fn shift(start: Day, was: Day) -> u64 {
    (i64::from(start) - i64::from(was)).unsigned_abs()
}
