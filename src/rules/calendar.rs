//! `calendar` (hard, one group): the start is a working day and the horizon holds all
//! `duration` working days from it.

use crate::calendar::working::Day;
use crate::calendar::WorkCalendar;

/// The rule's name in the format.
pub const NAME: &str = "calendar";

/// Whether a group of `duration` days may start on `start`.
#[inline]
pub fn holds(calendar: &WorkCalendar, start: Day, duration: u32) -> bool {
    calendar.start_is_valid(start, duration)
}
