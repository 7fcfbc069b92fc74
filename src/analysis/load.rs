//! Loads: how many working days each person is booked for against the days they have,
//! what cannot fit, and how often each agency and commune is visited.

use std::collections::BTreeMap;

use serde::Serialize;

use super::groups::Grouping;
use crate::calendar::WorkCalendar;
use crate::model::index::Index;
use crate::model::{DateRange, Problem};

/// One person's load over the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLoad {
    pub person: String,
    pub name: String,
    /// Working days of the groups the person is a member of (a joint activity once).
    pub required_days: u32,
    /// Working days of the horizon the person is not unavailable.
    pub available_days: u32,
    pub groups: usize,
}

/// A member who cannot take part in an activity: the activity's window holds fewer
/// days free for them than its duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CannotFit {
    pub activity: String,
    pub person: String,
    pub duration: u32,
    /// Working days of the window that are free for the person and not blocked for
    /// the activity's body.
    pub free_days: u32,
}

/// How often one subject or area is visited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitLoad {
    pub id: String,
    pub name: String,
    pub groups: usize,
    pub days: u32,
}

fn covered(ranges: &[DateRange], date: chrono::NaiveDate) -> bool {
    ranges.iter().any(|r| r.contains(date))
}

/// Per-person loads, in the problem's order.
pub fn person_loads(
    problem: &Problem,
    grouping: &Grouping,
    calendar: &WorkCalendar,
) -> Vec<PersonLoad> {
    problem
        .people
        .iter()
        .enumerate()
        .map(|(p, person)| {
            let mine: Vec<_> = grouping
                .groups
                .iter()
                .filter(|g| g.members.contains(&p))
                .collect();
            let available = calendar
                .working_days()
                .iter()
                .filter(|&&d| !covered(&person.unavailable, calendar.date(d)))
                .count() as u32;
            PersonLoad {
                person: person.id.clone(),
                name: person.name.clone(),
                required_days: mine.iter().map(|g| g.duration).sum(),
                available_days: available,
                groups: mine.len(),
            }
        })
        .collect()
}

/// Every (activity, member) pair where the member has too few free days in the window.
pub fn cannot_fit(problem: &Problem, index: &Index, calendar: &WorkCalendar) -> Vec<CannotFit> {
    let mut out = Vec::new();
    for act in &problem.activities {
        let window = act.window.unwrap_or(problem.horizon);
        let blocked: Vec<DateRange> = problem
            .events
            .iter()
            .filter(|e| e.blocks_body(&act.body))
            .map(|e| e.range())
            .collect();
        for member in &act.members {
            let Some(&p) = index.people.get(member) else {
                continue;
            };
            let person = &problem.people[p];
            let free = calendar
                .working_days()
                .iter()
                .map(|&d| calendar.date(d))
                .filter(|&d| window.contains(d))
                .filter(|&d| !covered(&person.unavailable, d) && !covered(&blocked, d))
                .count() as u32;
            if free < act.duration {
                out.push(CannotFit {
                    activity: act.id.clone(),
                    person: member.clone(),
                    duration: act.duration,
                    free_days: free,
                });
            }
        }
    }
    out
}

/// Visits per subject and per area (groups and their days), busiest first, then by id.
pub fn visit_loads(problem: &Problem, grouping: &Grouping) -> (Vec<VisitLoad>, Vec<VisitLoad>) {
    let mut subjects: BTreeMap<usize, (usize, u32)> = BTreeMap::new();
    let mut areas: BTreeMap<usize, (usize, u32)> = BTreeMap::new();
    for g in &grouping.groups {
        for &s in &g.subjects {
            let e = subjects.entry(s).or_default();
            e.0 += 1;
            e.1 += g.duration;
        }
        for &a in &g.areas {
            let e = areas.entry(a).or_default();
            e.0 += 1;
            e.1 += g.duration;
        }
    }
    let finish = |map: BTreeMap<usize, (usize, u32)>, name: &dyn Fn(usize) -> (String, String)| {
        let mut out: Vec<VisitLoad> = map
            .into_iter()
            .map(|(i, (groups, days))| {
                let (id, name) = name(i);
                VisitLoad {
                    id,
                    name,
                    groups,
                    days,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (b.groups, b.days)
                .cmp(&(a.groups, a.days))
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    };
    (
        finish(subjects, &|s| {
            (
                problem.subjects[s].id.clone(),
                problem.subjects[s].name.clone(),
            )
        }),
        finish(areas, &|a| {
            (problem.areas[a].id.clone(), problem.areas[a].name.clone())
        }),
    )
}
