//! Loads: how many working days each person is booked for against the days they have,
//! which members cannot fit an activity at all, and how often each agency and each
//! commune is visited.
//!
//! Days are handled as *positions* in [`WorkCalendar::working_days`] (the k-th working
//! day of the horizon), so "`duration` consecutive working days" is simply a run of
//! consecutive positions; the interval algebra over positions is
//! [`crate::calendar::interval`].

use chrono::NaiveDate;
use serde::Serialize;

use super::groups::Grouping;
use crate::calendar::interval::{
    covered_count, free_starts, longest_gap, merge_intervals, positions_in, restrict_to_fixed,
    start_positions,
};
use crate::calendar::WorkCalendar;
use crate::model::index::Index;
use crate::model::Problem;
use crate::rules;

/// One person's load over the horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLoad {
    /// The person's id.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// Working days of the groups the person is a member of: the sum of the groups'
    /// durations, so a merged joint activity counts once.
    pub required_days: u32,
    /// Working days of the horizon not covered by the person's `unavailable` ranges.
    pub available_days: u32,
    /// How many groups the person is a member of.
    pub groups: usize,
}

impl PersonLoad {
    /// Whether the person is booked for more days than they have.
    pub fn overloaded(&self) -> bool {
        self.required_days > self.available_days
    }
}

/// A member who cannot take part in an activity: no start inside the activity's
/// window (at its `fixed_start`, when it has one) gives them `duration` consecutive
/// working days that are free for them.
///
/// A day is not free for the member when one of their `unavailable` ranges covers it,
/// or an event blocks the activity's body or one of the member's own bodies on it (the
/// format's `blocked` rule bars both from any group the member is in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CannotFit {
    /// The activity's id.
    pub activity: String,
    /// The member's id.
    pub person: String,
    /// The activity's duration in working days.
    pub duration: u32,
    /// Working days of the window that are free for the member.
    pub free_days: u32,
    /// The longest run of consecutive free working days in the window. It can be
    /// shorter than `duration` while `free_days` is not: the days of an activity are
    /// consecutive working days, so scattered free days do not help.
    pub longest_run: u32,
    /// The activity's fixed start, when it has one (the only start it may use).
    pub fixed_start: Option<NaiveDate>,
}

/// How often one subject or area is visited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitLoad {
    /// The subject's or area's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How many groups visit it.
    pub groups: usize,
    /// The total duration of those groups, in working days.
    pub days: u32,
}

/// Per-person loads, in the order of the problem's `people`.
pub fn person_loads(
    problem: &Problem,
    grouping: &Grouping,
    calendar: &WorkCalendar,
) -> Vec<PersonLoad> {
    // One pass over the groups, rather than one per person, so the cost follows the
    // number of memberships.
    let mut booked = vec![(0u32, 0usize); problem.people.len()];
    for g in &grouping.groups {
        for &p in &g.members {
            if let Some(slot) = booked.get_mut(p) {
                slot.0 = slot.0.saturating_add(g.duration);
                slot.1 += 1;
            }
        }
    }
    let total = calendar.working_days().len();
    problem
        .people
        .iter()
        .zip(booked)
        .map(|(person, (required_days, groups))| {
            let away = merge_intervals(
                person
                    .unavailable
                    .iter()
                    .filter_map(|r| positions_in(calendar, *r))
                    .collect(),
            );
            PersonLoad {
                person: person.id.clone(),
                name: person.name.clone(),
                required_days,
                available_days: to_u32(total - covered_count(&away, 0, total)),
                groups,
            }
        })
        .collect()
}

/// Every (activity, member) pair where the member cannot fit the activity, in the
/// order of the activities and then of their `members` lists.
pub fn cannot_fit(problem: &Problem, index: &Index, calendar: &WorkCalendar) -> Vec<CannotFit> {
    let mut out = Vec::new();
    for act in &problem.activities {
        let window = act.window.unwrap_or(problem.horizon);
        let Some((w0, w1)) = positions_in(calendar, window) else {
            // No working day at all: validation rejects this; nothing to tell apart.
            continue;
        };
        let duration = act.duration as usize;
        let mut starts = start_positions((w0, w1), duration);
        if let Some(fixed) = act.fixed_start {
            starts = starts.and_then(|s| restrict_to_fixed(calendar, s, fixed));
        }
        let mut seen = Vec::new();
        for member in &act.members {
            let Some(&p) = index.people.get(member) else {
                continue;
            };
            if seen.contains(&p) {
                continue; // a member listed twice is reported once
            }
            seen.push(p);
            let blocked = merge_intervals(
                rules::blocked::ranges_of(problem, &act.body, &[p])
                    .into_iter()
                    .filter_map(|r| positions_in(calendar, r))
                    .collect(),
            );
            let fits = starts.is_some_and(|s| !free_starts(s, duration, &blocked).is_empty());
            if !fits {
                out.push(CannotFit {
                    activity: act.id.clone(),
                    person: member.clone(),
                    duration: act.duration,
                    free_days: to_u32(w1 + 1 - w0 - covered_count(&blocked, w0, w1 + 1)),
                    longest_run: to_u32(longest_gap(&blocked, w0, w1 + 1)),
                    fixed_start: act.fixed_start,
                });
            }
        }
    }
    out
}

/// Visits per subject and per area: how many groups visit each and their total days,
/// busiest first (most groups, then most days), then by id. A group visits the
/// areas of [`super::groups::Group::areas`]: its own areas and its subjects' areas.
/// Subjects and areas no group visits are left out.
pub fn visit_loads(problem: &Problem, grouping: &Grouping) -> (Vec<VisitLoad>, Vec<VisitLoad>) {
    let mut subjects = vec![(0usize, 0u32); problem.subjects.len()];
    let mut areas = vec![(0usize, 0u32); problem.areas.len()];
    for g in &grouping.groups {
        for (list, counts) in [(&g.subjects, &mut subjects), (&g.areas, &mut areas)] {
            for &i in list {
                if let Some(c) = counts.get_mut(i) {
                    c.0 += 1;
                    c.1 = c.1.saturating_add(g.duration);
                }
            }
        }
    }
    let subjects = ranked(
        subjects,
        problem
            .subjects
            .iter()
            .map(|x| (x.id.as_str(), x.name.as_str())),
    );
    let areas = ranked(
        areas,
        problem
            .areas
            .iter()
            .map(|x| (x.id.as_str(), x.name.as_str())),
    );
    (subjects, areas)
}

/// The visited entries (groups > 0) of `counts`, busiest first, then by id.
fn ranked<'a>(
    counts: Vec<(usize, u32)>,
    names: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<VisitLoad> {
    let mut out: Vec<VisitLoad> = counts
        .into_iter()
        .zip(names)
        .filter(|((groups, _), _)| *groups > 0)
        .map(|((groups, days), (id, name))| VisitLoad {
            id: id.to_string(),
            name: name.to_string(),
            groups,
            days,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.groups, b.days)
            .cmp(&(a.groups, a.days))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// Counts and positions never exceed the number of days of a horizon.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Structure;

    fn analyse(text: &str) -> (Problem, Index, Grouping, WorkCalendar) {
        let problem = Problem::from_text(text).expect("valid problem");
        let Structure {
            index, grouping, ..
        } = Structure::new(&problem);
        let calendar = WorkCalendar::new(&problem.calendar, problem.horizon).expect("calendar");
        (problem, index, grouping, calendar)
    }

    // March 2024: Fri 1, Mon 4 … Fri 8, Mon 11 … Fri 15, Mon 18 … Fri 22, 25 … 29.
    const PROBLEM: &str = r#"{
      "format": "oversight.problem/1", "name": "loads",
      "horizon": {"start": "2024-03-04", "end": "2024-03-29"},
      "calendar": {"country": "none"},
      "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation", "rank": 1},
                 {"id": "sc", "name": "SC", "kind": "standing_committee"},
                 {"id": "ec", "name": "EC", "kind": "committee"}],
      "people": [
        {"id": "p1", "name": "One", "bodies": ["na"],
         "unavailable": [{"start": "2024-03-08", "end": "2024-03-11"}]},
        {"id": "p2", "name": "Two", "bodies": ["sc"],
         "unavailable": [{"start": "2024-03-13", "end": "2024-03-13"}]},
        {"id": "p3", "name": "Three", "bodies": ["ec"]},
        {"id": "p4", "name": "Four"}
      ],
      "topics": [{"id": "land", "name": "Land"},
                 {"id": "land.c", "name": "Comp", "parents": ["land"]},
                 {"id": "health", "name": "Health"}],
      "areas": [{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}, {"id": "z", "name": "Z"}],
      "subjects": [{"id": "s1", "name": "S1", "area": "x"}, {"id": "s2", "name": "S2", "area": "y"},
                   {"id": "s3", "name": "S3"}],
      "events": [{"id": "ec-session", "name": "EC session", "start": "2024-03-18",
                  "end": "2024-03-22", "blocks": ["ec"]}],
      "activities": [
        {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["land"],
         "subjects": ["s1"], "duration": 2, "members": ["p1", "p2"],
         "window": {"start": "2024-03-04", "end": "2024-03-15"}},
        {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["land.c"],
         "subjects": ["s1", "s2"], "duration": 3, "members": ["p1", "p4"]},
        {"id": "c", "body": "sc", "title": "C", "form": "survey", "topics": ["health"],
         "subjects": ["s2"], "areas": ["z"], "duration": 2, "members": ["p2", "p3"],
         "window": {"start": "2024-03-12", "end": "2024-03-22"}},
        {"id": "d", "body": "na", "title": "D", "form": "survey", "topics": ["health"],
         "subjects": ["s3"], "duration": 1, "members": ["p4"],
         "fixed_start": "2024-03-08"}
      ]
    }"#;

    #[test]
    fn a_joint_activity_counts_once_per_person() {
        let (problem, _, grouping, calendar) = analyse(PROBLEM);
        // a and b share s1 on land/land.c across bodies: one group of 3 days.
        assert_eq!(grouping.groups.len(), 3);
        let loads = person_loads(&problem, &grouping, &calendar);
        let ids: Vec<&str> = loads.iter().map(|l| l.person.as_str()).collect();
        assert_eq!(ids, ["p1", "p2", "p3", "p4"]);
        // p1 is in a and b, merged: 3 days once, not 2 + 3.
        assert_eq!((loads[0].required_days, loads[0].groups), (3, 1));
        // p2 is in the a+b group and in c.
        assert_eq!((loads[1].required_days, loads[1].groups), (5, 2));
        assert_eq!((loads[3].required_days, loads[3].groups), (4, 2));
        // 20 working days; p1's 8–11 March holds 2 of them (Fri, Mon), p2's one.
        assert_eq!(loads[0].available_days, 18);
        assert_eq!(loads[1].available_days, 19);
        assert_eq!(loads[2].available_days, 20);
        assert!(!loads[1].overloaded());
    }

    #[test]
    fn members_who_cannot_fit_are_found_with_runs_events_and_fixed_starts() {
        let (problem, index, _, calendar) = analyse(PROBLEM);
        let found = cannot_fit(&problem, &index, &calendar);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (c.activity.as_str(), c.person.as_str()))
            .collect();
        // a (4–15 March, 2 days): p1 is away Fri 8 and Mon 11 but has 4–7 and 12–15;
        // p2 is away on the 13th but has 4–12. Both fit.
        // c (12–22 March, 2 days): p2 has only the 12th before the 13th and 14–22
        // after, so fits; p3's body is blocked 18–22, leaving 12–15: fits.
        // d is fixed on Fri 8 March: p4 is free that day, so fits.
        assert!(pairs.is_empty(), "{pairs:?}");

        // c needs 4 days: p3 keeps exactly 12–15 (the session blocks 18–22).
        let text = PROBLEM.replace(
            r#""areas": ["z"], "duration": 2"#,
            r#""areas": ["z"], "duration": 4"#,
        );
        let (problem, index, _, calendar) = analyse(&text);
        let found = cannot_fit(&problem, &index, &calendar);
        // p2: the window's 9 working days minus the 13th, longest run 14–22 (7): fits.
        assert!(found.is_empty(), "{found:?}");

        let text = PROBLEM.replace(
            r#""areas": ["z"], "duration": 2"#,
            r#""areas": ["z"], "duration": 5"#,
        );
        // c needs 5 days: p3's 4 free days are too few.
        let (problem, index, _, calendar) = analyse(&text);
        let found = cannot_fit(&problem, &index, &calendar);
        assert_eq!(
            found,
            vec![CannotFit {
                activity: "c".into(),
                person: "p3".into(),
                duration: 5,
                free_days: 4,
                longest_run: 4,
                fixed_start: None,
            }]
        );
    }

    #[test]
    fn scattered_free_days_do_not_make_a_run() {
        // 6 free days in the window but never 3 in a row.
        let text = PROBLEM
            .replace(
                r#""unavailable": [{"start": "2024-03-08", "end": "2024-03-11"}]"#,
                r#""unavailable": [{"start": "2024-03-06", "end": "2024-03-06"},
                              {"start": "2024-03-08", "end": "2024-03-08"},
                              {"start": "2024-03-12", "end": "2024-03-12"},
                              {"start": "2024-03-14", "end": "2024-03-14"}]"#,
            )
            .replace(
                r#""duration": 2, "members": ["p1", "p2"]"#,
                r#""duration": 3, "members": ["p1", "p2"]"#,
            );
        let (problem, index, _, calendar) = analyse(&text);
        let found = cannot_fit(&problem, &index, &calendar);
        let a: Vec<&CannotFit> = found.iter().filter(|c| c.activity == "a").collect();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].person, "p1");
        assert_eq!((a[0].free_days, a[0].longest_run), (6, 2));
    }

    #[test]
    fn a_fixed_start_on_an_unavailable_day_cannot_fit() {
        let text = PROBLEM.replace(r#"{"id": "p4", "name": "Four"}"#, r#"{"id": "p4", "name": "Four", "unavailable": [{"start": "2024-03-08", "end": "2024-03-08"}]}"#);
        let (problem, index, _, calendar) = analyse(&text);
        let found = cannot_fit(&problem, &index, &calendar);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].activity, "d");
        assert_eq!(found[0].person, "p4");
        assert_eq!(found[0].fixed_start, NaiveDate::from_ymd_opt(2024, 3, 8));
        // The rest of the horizon is free: the fixed start alone rules p4 out.
        assert_eq!(found[0].free_days, 19);
    }

    #[test]
    fn subjects_and_areas_are_ordered_by_load_then_id() {
        let (problem, _, grouping, _) = analyse(PROBLEM);
        let (subjects, areas) = visit_loads(&problem, &grouping);
        let s: Vec<(&str, usize, u32)> = subjects
            .iter()
            .map(|v| (v.id.as_str(), v.groups, v.days))
            .collect();
        // Group a+b (3 days) visits s1, s2; c (2) visits s2; d (1) visits s3.
        assert_eq!(s, [("s2", 2, 5), ("s1", 1, 3), ("s3", 1, 1)]);
        let a: Vec<(&str, usize, u32)> = areas
            .iter()
            .map(|v| (v.id.as_str(), v.groups, v.days))
            .collect();
        // Areas come from the subjects (s1 → x, s2 → y) and c's own z.
        assert_eq!(a, [("y", 2, 5), ("x", 1, 3), ("z", 1, 2)]);
    }

    #[test]
    fn interval_helpers() {
        assert_eq!(
            merge_intervals(vec![(5, 6), (0, 1), (2, 3), (9, 9)]),
            [(0, 3), (5, 6), (9, 9)]
        );
        assert_eq!(covered_count(&[(0, 3), (5, 6)], 2, 6), 3);
        assert_eq!(longest_gap(&[(2, 3), (7, 7)], 0, 10), 3);
        assert_eq!(longest_gap(&[], 4, 9), 5);
        assert_eq!(start_positions((3, 7), 5), Some((3, 3)));
        assert_eq!(start_positions((3, 7), 6), None);
        // Starts 0..=9, duration 3, blocked 4 and 8..=9: starts 0–1 and 5.
        assert_eq!(free_starts((0, 9), 3, &[(4, 4), (8, 9)]), [(0, 1), (5, 5)]);
        assert_eq!(free_starts((0, 9), 1, &[]), [(0, 9)]);
        assert!(free_starts((2, 3), 2, &[(0, 9)]).is_empty());
    }
}
