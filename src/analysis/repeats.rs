//! Look-back repeats: proposed activities that supervise again, at the same agency and
//! on an overlapping topic, what was supervised less than `repeat_months` months before
//! the horizon — a repeat the law's look-back rules discourage. Reported, not scored.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::Problem;

/// An activity that repeats a past supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeat {
    pub activity: String,
    pub history: String,
    /// The bodies of the activity and of the past supervision.
    pub bodies: [String; 2],
    pub subjects: Vec<String>,
    pub past_start: NaiveDate,
    pub past_end: NaiveDate,
    /// Whole months from the past supervision's end to the horizon's start.
    pub months_before: u32,
}

/// Whole months from `from` to `to` (`from` ≤ `to`).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= to)
    {
        months += 1;
    }
    months
}

/// Every repeat, ordered by activity then history position.
pub fn repeats(problem: &Problem, index: &Index, tree: &TopicTree) -> Vec<Repeat> {
    let start = problem.horizon.start;
    let cutoff = start
        .checked_sub_months(Months::new(problem.rules.repeat_months))
        .unwrap_or(NaiveDate::MIN);
    let mut out = Vec::new();
    for act in &problem.activities {
        let topics = Index::resolve(&index.topics, &act.topics);
        for past in problem.history.iter().filter(|h| h.end > cutoff) {
            let shared: Vec<String> = act
                .subjects
                .iter()
                .filter(|s| past.subjects.contains(s))
                .cloned()
                .collect();
            if shared.is_empty() {
                continue;
            }
            if !tree.overlap(&topics, &Index::resolve(&index.topics, &past.topics)) {
                continue;
            }
            out.push(Repeat {
                activity: act.id.clone(),
                history: past.id.clone(),
                bodies: [act.body.clone(), past.body.clone()],
                subjects: shared,
                past_start: past.start,
                past_end: past.end,
                months_before: months_between(past.end.min(start), start),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_are_counted() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(months_between(d("2023-05-12"), d("2024-01-01")), 7);
        assert_eq!(months_between(d("2022-12-31"), d("2024-01-01")), 12);
    }
}
