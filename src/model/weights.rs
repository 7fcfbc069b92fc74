//! The bound on the weights that keeps every score exact.
//!
//! A score is a sum of `weight × count` over the soft terms, held in a `u64` and
//! compared as `(hard, soft)`. With a weight near `u64::MAX` the sum saturates: every
//! plan then has the same soft score, the search loses its guidance and returned plans
//! with hard violations that a sane weight avoids. Rather than widen every score (and
//! slow the incremental scorer), validation refuses a weight that could make its term
//! exceed its share of `i64::MAX` on this problem: each of the six terms may reach at
//! most `i64::MAX / 6`, so their sum fits in an `i64` and every change of score the
//! library reports (recommendations, diffs) is exact. The counts are bounded from the
//! problem's size, generously: a real programme's weights are many orders of magnitude
//! below the bound.

use std::collections::HashMap;

use super::problem::Problem;
use crate::error::Fault;

/// What each term may reach: the six terms together stay within `i64::MAX`.
const TERM_SHARE: u128 = (i64::MAX / 6) as u128;

/// Most calendar days between two starts a plan may hold: plans are read only inside
/// the 400 years the Vietnamese calendar covers (1800–2199).
const MAX_START_DISTANCE: u128 = 400 * 366;

/// Upper bounds of each soft term's count on `problem`, in the order of the weights.
fn count_bounds(problem: &Problem) -> [(&'static str, u128); 6] {
    let horizon_days = (problem.horizon.end - problem.horizon.start)
        .num_days()
        .max(0) as u128
        + 1;
    let n = problem.activities.len() as u128;
    // balance: Σ over bodies and months of days², at most (Σ days)², and no group
    // occupies more days than its longest activity, nor more than the horizon.
    let days: u128 = problem
        .activities
        .iter()
        .map(|a| u128::from(a.duration).min(horizon_days))
        .sum();
    // area: pairs of groups meeting in an area, at most Σ_area k² for k activities there.
    let mut per_area: HashMap<&str, u128> = HashMap::new();
    for a in &problem.activities {
        for area in &a.areas {
            *per_area.entry(area.as_str()).or_default() += 1;
        }
    }
    let area_pairs: u128 = per_area.values().map(|k| k * k).sum();
    let bodies = problem.bodies.len() as u128;
    [
        ("balance", days.saturating_mul(days)),
        ("area", area_pairs),
        ("invite", n.saturating_mul(bodies)),
        ("preferred", n.saturating_mul(horizon_days)),
        ("move", n),
        ("shift", n.saturating_mul(MAX_START_DISTANCE)),
    ]
}

/// Refuses, at `rules.weights.<term>`, a weight that could make its term overflow on
/// this problem, naming the largest weight that cannot.
pub fn check_weights(problem: &Problem, faults: &mut Vec<Fault>) {
    let w = &problem.rules.weights;
    let weights = [w.balance, w.area, w.invite, w.preferred, w.r#move, w.shift];
    for ((term, count), weight) in count_bounds(problem).into_iter().zip(weights) {
        if count == 0 || u128::from(weight).saturating_mul(count) <= TERM_SHARE {
            continue;
        }
        let most = TERM_SHARE / count;
        faults.push(Fault::new(
            format!("rules.weights.{term}"),
            format!(
                "the weight {weight} is too large for this problem: the {term} term could \
                 exceed what a score holds exactly; at most {most} here"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Problem {
        let text = std::fs::read_to_string("examples/nghe-an-2024.json").expect("bundled example");
        Problem::from_text(&text).expect("valid example")
    }

    #[test]
    fn default_weights_are_far_below_the_bound() {
        let mut faults = Vec::new();
        check_weights(&example(), &mut faults);
        assert!(faults.is_empty(), "{faults:?}");
    }

    #[test]
    fn the_bound_is_exact_at_the_edge() {
        let mut problem = example();
        let (_, count) = count_bounds(&problem)[0];
        problem.rules.weights.balance = (TERM_SHARE / count) as u64;
        let mut faults = Vec::new();
        check_weights(&problem, &mut faults);
        assert!(faults.is_empty(), "{faults:?}");
        problem.rules.weights.balance += 1;
        check_weights(&problem, &mut faults);
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].path, "rules.weights.balance");
    }
}
