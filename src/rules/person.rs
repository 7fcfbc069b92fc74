//! `person` (hard, a pair of groups sharing a member): the two groups' days do not
//! meet.

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The rule's name in the format.
pub const NAME: &str = "person";

/// Whether two groups with bounds `x`, `y` and days `dx`, `dy` share a day. `D` is a
/// run of consecutive working days, so two runs share a day exactly when their
/// [first, last] ranges overlap and neither is empty.
#[inline]
pub fn meet(x: (Day, Day), y: (Day, Day), dx: &[Day], dy: &[Day]) -> bool {
    !dx.is_empty() && !dy.is_empty() && interval::ranges_meet(x, y)
}

/// The same, for days given as runs of working-day positions (end exclusive).
#[inline]
pub fn runs_meet(a: (usize, usize), b: (usize, usize)) -> bool {
    interval::runs_meet(a, b)
}

/// Whether the rule holds for two groups sharing a member.
#[inline]
pub fn holds(x: (Day, Day), y: (Day, Day), dx: &[Day], dy: &[Day]) -> bool {
    !meet(x, y, dx, dy)
}
