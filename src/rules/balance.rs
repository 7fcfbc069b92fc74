//! `balance` (soft, a body and a month, over the groups it leads): the sum over bodies
//! and months of the squared number of days the body leads.

/// The term's name in the format.
pub const NAME: &str = "balance";

/// What a body leading `days` days in one month costs (saturating).
#[inline]
pub fn cost(days: u64) -> u64 {
    days.saturating_mul(days)
}

/// How the cost changes when a month goes from `before` to `after` days.
#[inline]
pub fn change(before: i64, after: i64) -> i64 {
    after * after - before * before
}
