//! `invite` (soft, a group and a body it invites): counts the (group, invited body)
//! entries where that body leads another group whose days meet the group's.

use crate::calendar::working::Day;

/// The term's name in the format.
pub const NAME: &str = "invite";

/// Whether the inviting group (`x`, `dx`) and a group led by the invited body (`y`,
/// `dy`) clash; the same meeting as [`super::person`]'s.
#[inline]
pub fn clash(x: (Day, Day), y: (Day, Day), dx: &[Day], dy: &[Day]) -> bool {
    super::person::meet(x, y, dx, dy)
}

/// The same, for days given as runs of working-day positions (end exclusive).
#[inline]
pub fn runs_clash(a: (usize, usize), b: (usize, usize)) -> bool {
    super::person::runs_meet(a, b)
}
