//! `fixed` (hard, one activity and its group): the group's first day is the activity's
//! `fixed_start`.

use crate::calendar::working::Day;

/// The rule's name in the format.
pub const NAME: &str = "fixed";

/// Whether a group whose first day is `first` keeps the fixed start `fixed`.
#[inline]
pub fn holds(first: Day, fixed: Day) -> bool {
    first == fixed
}

/// Whether it keeps the fixed start, when there is one.
#[inline]
pub fn holds_if_any(first: Day, fixed: Option<Day>) -> bool {
    fixed.is_none_or(|f| holds(first, f))
}
