//! `area` (soft, a pair of groups visiting a common area): counts the pairs closer than
//! `area_gap` calendar days.

use crate::calendar::interval;
use crate::calendar::working::Day;

/// The term's name in the format.
pub const NAME: &str = "area";

/// Whether two groups sharing an area count.
#[inline]
pub fn close(x: (Day, Day), y: (Day, Day), gap: i64) -> bool {
    interval::dist(x, y) < gap
}
