//! `parallel` (hard, a body and a day, and the groups it leads that day): a body leads
//! at most `max_parallel` groups a day; each group beyond counts one.

/// The rule's name in the format.
pub const NAME: &str = "parallel";

/// What a body leading `led` groups on one day adds to `hard`.
#[inline]
pub fn excess(led: i64, max: i64) -> i64 {
    (led - max).max(0)
}
