//! The problem compiled for scoring: groups, days as integer offsets, and for each
//! group the working days it may not use. Built once; every evaluation reads it.

use crate::analysis::{Grouping, Structure};
use crate::calendar::working::Day;
use crate::calendar::WorkCalendar;
use crate::error::Result;
use crate::model::index::Index;
use crate::model::{Activity, Problem};

/// What an `after`/`before` item refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The group holding the referenced activity.
    Group(usize),
    /// An event's first and last day.
    Event { event: usize, first: Day, last: Day },
}

/// One `after` or `before` item of an activity, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Position of the item in the activity's `after` or `before` list.
    pub item: usize,
    pub target: Target,
    pub gap: i64,
}

/// The per-activity rules, with days as offsets.
#[derive(Debug, Clone)]
pub struct ActivityRules {
    pub group: usize,
    pub window: (Day, Day),
    pub preferred: Option<(Day, Day)>,
    pub fixed_start: Option<Day>,
    pub after: Vec<Order>,
    pub before: Vec<Order>,
}

impl ActivityRules {
    /// Item `item` of the `after` list (or of `before`).
    pub fn order(&self, item: usize, after: bool) -> Option<&Order> {
        let list = if after { &self.after } else { &self.before };
        list.iter().find(|o| o.item == item)
    }
}

/// A validated problem ready to be scored.
#[derive(Debug, Clone)]
pub struct ScoreModel {
    pub calendar: WorkCalendar,
    pub index: Index,
    pub grouping: Grouping,
    pub activities: Vec<ActivityRules>,
    /// `blocked_before[g][k]`: how many of the first `k` working days of the horizon
    /// group `g` may not use (events blocking its bodies, members' unavailability).
    blocked_before: Vec<Vec<u32>>,
    /// `max_parallel` of each body.
    pub max_parallel: Vec<u32>,
    /// Whether some activity of the group has a `fixed_start`.
    pub group_fixed: Vec<bool>,
    /// Rules copied from the problem.
    pub subject_gap: i64,
    pub area_gap: i64,
    pub weights: crate::model::Weights,
    /// The number of bodies.
    pub bodies: usize,
}

impl ScoreModel {
    /// Compiles a validated problem.
    pub fn new(problem: &Problem) -> Result<Self> {
        let calendar = WorkCalendar::new(&problem.calendar, problem.horizon)?;
        let Structure {
            index, grouping, ..
        } = Structure::new(problem);
        let activities = problem
            .activities
            .iter()
            .enumerate()
            .map(|(a, act)| {
                compile_activity(
                    act,
                    grouping.group_of[a],
                    &grouping.group_of,
                    &calendar,
                    &index,
                    problem,
                )
            })
            .collect();
        let blocked_before = grouping
            .groups
            .iter()
            .map(|g| blocked_prefix(problem, &calendar, g))
            .collect();
        let group_fixed = grouping
            .groups
            .iter()
            .map(|g| {
                g.activities
                    .iter()
                    .any(|&a| problem.activities[a].fixed_start.is_some())
            })
            .collect();
        Ok(ScoreModel {
            max_parallel: problem.bodies.iter().map(|b| b.max_parallel).collect(),
            bodies: problem.bodies.len(),
            subject_gap: i64::from(problem.rules.subject_gap),
            area_gap: i64::from(problem.rules.area_gap),
            weights: problem.rules.weights.clone(),
            calendar,
            index,
            grouping,
            activities,
            blocked_before,
            group_fixed,
        })
    }

    /// The number of groups.
    pub fn group_count(&self) -> usize {
        self.grouping.groups.len()
    }

    /// The days `D` group `g` occupies when it starts on `start`.
    pub fn span(&self, g: usize, start: Day) -> &[Day] {
        self.calendar.span(start, self.grouping.groups[g].duration)
    }

    /// `first(g)` and `last(g)`; the start itself when `D` is empty (a start after the
    /// horizon's last working day), so that distances stay defined.
    pub fn first_last(&self, g: usize, start: Day) -> (Day, Day) {
        let days = self.span(g, start);
        match (days.first(), days.last()) {
            (Some(&f), Some(&l)) => (f, l),
            _ => (start, start),
        }
    }

    /// The first day of `D(g)` that the group may not use, if any.
    pub fn first_blocked_day(&self, g: usize, start: Day) -> Option<Day> {
        let from = self.calendar.working_index_at_or_after(start);
        let duration = self.grouping.groups[g].duration as usize;
        let days = self.calendar.working_days();
        let to = (from + duration).min(days.len());
        let prefix = &self.blocked_before[g];
        if from >= to || prefix[to] == prefix[from] {
            return None;
        }
        (from..to)
            .find(|&k| prefix[k + 1] > prefix[k])
            .map(|k| days[k])
    }
}

impl Problem {
    /// Compiles the validated problem once: calendar positions, index, topic tree,
    /// grouping, blocked positions. The `*_compiled` variants of scoring, solving,
    /// re-planning and recommending take the result, so a caller doing several of them
    /// (the Python `Problem`) compiles once.
    pub fn compile(&self) -> Result<ScoreModel> {
        ScoreModel::new(self)
    }
}

fn compile_activity(
    act: &Activity,
    group: usize,
    group_of: &[usize],
    calendar: &WorkCalendar,
    index: &Index,
    problem: &Problem,
) -> ActivityRules {
    let range = |r: &crate::model::DateRange| (calendar.day(r.start), calendar.day(r.end));
    let horizon = calendar.horizon();
    let resolve = |items: &[crate::model::Precedence]| {
        items
            .iter()
            .enumerate()
            .filter_map(|(item, p)| {
                let target = if let Some(&a) = index.activities.get(&p.reference) {
                    Target::Group(group_of[a])
                } else {
                    let e = *index.events.get(&p.reference)?;
                    let ev = &problem.events[e];
                    Target::Event {
                        event: e,
                        first: calendar.day(ev.start),
                        last: calendar.day(ev.end),
                    }
                };
                Some(Order {
                    item,
                    target,
                    gap: i64::from(p.gap),
                })
            })
            .collect()
    };
    let after = resolve(&act.after);
    let before = resolve(&act.before);
    ActivityRules {
        group,
        window: range(act.window.as_ref().unwrap_or(&horizon)),
        preferred: act.preferred.as_ref().map(range),
        fixed_start: act.fixed_start.map(|d| calendar.day(d)),
        after,
        before,
    }
}

fn blocked_prefix(
    problem: &Problem,
    calendar: &WorkCalendar,
    group: &crate::analysis::Group,
) -> Vec<u32> {
    let ranges: Vec<(Day, Day)> =
        crate::rules::blocked::ranges(problem, group.lead_body, &group.members)
            .into_iter()
            .map(|r| (calendar.day(r.start), calendar.day(r.end)))
            .collect();
    let days = calendar.working_days();
    let mut prefix = Vec::with_capacity(days.len() + 1);
    let mut count = 0u32;
    prefix.push(0);
    for &d in days {
        if ranges.iter().any(|&(s, e)| s <= d && d <= e) {
            count += 1;
        }
        prefix.push(count);
    }
    prefix
}
