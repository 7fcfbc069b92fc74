//! The start days worth trying for each group.
//!
//! A start that breaks a unary rule (calendar, window, fixed, blocked) can never be
//! part of a plan without hard violations, so the search leaves such starts out. When a
//! group has no start that keeps all of them, rules are given up in order — blocked
//! first, then window and fixed — so that the solver still returns a complete plan
//! with its violations listed.

use crate::calendar::working::Day;
use crate::rules;
use crate::score::ScoreModel;

/// For each group, the candidate starts in increasing order (never empty when the
/// horizon has a working day).
pub fn candidate_starts(model: &ScoreModel) -> Vec<Vec<Day>> {
    (0..model.group_count())
        .map(|g| candidates_for(model, g))
        .collect()
}

fn candidates_for(model: &ScoreModel, g: usize) -> Vec<Day> {
    let group = &model.grouping.groups[g];
    let all: Vec<Day> = model
        .calendar
        .working_days()
        .iter()
        .copied()
        .filter(|&d| rules::calendar::holds(&model.calendar, d, group.duration))
        .collect();
    let window_ok = |d: Day| {
        let (first, last) = model.first_last(g, d);
        group.activities.iter().all(|&a| {
            let act = &model.activities[a];
            rules::window::holds(first, last, act.window)
                && rules::fixed::holds_if_any(first, act.fixed_start)
        })
    };
    let strict: Vec<Day> = all
        .iter()
        .copied()
        .filter(|&d| window_ok(d) && model.first_blocked_day(g, d).is_none())
        .collect();
    if !strict.is_empty() {
        return strict;
    }
    let windowed: Vec<Day> = all.iter().copied().filter(|&d| window_ok(d)).collect();
    if !windowed.is_empty() {
        return windowed;
    }
    if !all.is_empty() {
        return all;
    }
    model.calendar.working_days().to_vec()
}
