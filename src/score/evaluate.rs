//! The full v1 scorer: every hard violation and every soft term of a schedule, computed
//! from scratch. This is the reference the incremental scorer is checked against.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::model::{ScoreModel, Target};
use crate::calendar::working::Day;
use crate::rules;

/// A hard rule of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Calendar,
    Window,
    Fixed,
    Blocked,
    Person,
    Parallel,
    SubjectGap,
    After,
    Before,
}

impl Rule {
    /// Every rule, in the format's order.
    pub const ALL: [Rule; 9] = [
        Rule::Calendar,
        Rule::Window,
        Rule::Fixed,
        Rule::Blocked,
        Rule::Person,
        Rule::Parallel,
        Rule::SubjectGap,
        Rule::After,
        Rule::Before,
    ];

    /// The rule's name in the format (`"subject_gap"`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Calendar => rules::calendar::NAME,
            Rule::Window => rules::window::NAME,
            Rule::Fixed => rules::fixed::NAME,
            Rule::Blocked => rules::blocked::NAME,
            Rule::Person => rules::person::NAME,
            Rule::Parallel => rules::parallel::NAME,
            Rule::SubjectGap => rules::subject_gap::NAME,
            Rule::After => rules::order::AFTER,
            Rule::Before => rules::order::BEFORE,
        }
    }
}

/// The soft terms, already multiplied by their weights.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    pub balance: u64,
    pub area: u64,
    pub invite: u64,
    pub preferred: u64,
    #[serde(rename = "move")]
    pub r#move: u64,
    pub shift: u64,
}

impl Terms {
    /// The soft total.
    pub fn total(&self) -> u64 {
        [
            self.balance,
            self.area,
            self.invite,
            self.preferred,
            self.r#move,
            self.shift,
        ]
        .iter()
        .fold(0u64, |acc, &t| acc.saturating_add(t))
    }
}

/// A plan's score: fewer hard violations is better, then a smaller soft total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub hard: u64,
    pub soft: u64,
    pub terms: Terms,
}

impl Score {
    /// The key by which plans compare: (hard, soft), smaller is better.
    pub fn key(&self) -> (u64, u64) {
        (self.hard, self.soft)
    }
}

/// What a violation is about, in numbers; `plan::explain` turns it into sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// The start is not a working day, or the horizon ends before all its days.
    Calendar {
        start: Day,
        start_is_working: bool,
        days_in_horizon: usize,
    },
    /// `first`/`last` of the group against the activity's window.
    Window {
        window: (Day, Day),
        first: Day,
        last: Day,
    },
    Fixed {
        fixed: Day,
        first: Day,
    },
    /// The first day of `D` that the group may not use.
    Blocked {
        day: Day,
    },
    /// Members booked in both groups, and the first common day.
    Person {
        people: Vec<usize>,
        day: Day,
    },
    /// A body leads `led` groups on `day`, more than `max`.
    Parallel {
        body: usize,
        day: Day,
        led: u32,
        max: u32,
    },
    /// Shared subjects and the distance between the two groups.
    SubjectGap {
        subjects: Vec<usize>,
        distance: i64,
        gap: i64,
    },
    /// An `after` or `before` item that does not hold.
    Order {
        item: usize,
        target: Target,
        distance: i64,
        gap: i64,
        same_group: bool,
    },
}

/// One hard violation: its rule, the groups (and activity) it concerns, how much it
/// counts, and the numbers behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub rule: Rule,
    /// Group positions, ascending.
    pub groups: Vec<usize>,
    /// The activity concerned, for the per-activity rules.
    pub activity: Option<usize>,
    /// What the violation adds to `hard` (the excess, for `parallel`).
    pub count: u64,
    pub detail: Detail,
}

/// A score and the violations behind its hard part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub score: Score,
    pub breaches: Vec<Breach>,
}

/// Scores the schedule `starts` (one start day per group). With a `baseline` (the
/// earlier start of each group, `None` for a group it does not hold), the `move` and
/// `shift` terms count the groups that moved.
pub fn evaluate(
    model: &ScoreModel,
    starts: &[Day],
    baseline: Option<&[Option<Day>]>,
) -> Evaluation {
    let groups = &model.grouping.groups;
    let n = groups.len();
    let bounds: Vec<(Day, Day)> = (0..n).map(|g| model.first_last(g, starts[g])).collect();
    let spans: Vec<&[Day]> = (0..n).map(|g| model.span(g, starts[g])).collect();
    let mut breaches = Vec::new();

    // calendar and blocked: one per group.
    for g in 0..n {
        let duration = groups[g].duration as usize;
        if !rules::calendar::holds(&model.calendar, starts[g], groups[g].duration) {
            breaches.push(Breach {
                rule: Rule::Calendar,
                groups: vec![g],
                activity: None,
                count: 1,
                detail: Detail::Calendar {
                    start: starts[g],
                    start_is_working: model.calendar.is_working_day(starts[g]),
                    days_in_horizon: spans[g].len().min(duration),
                },
            });
        }
        if let Some(day) = model.first_blocked_day(g, starts[g]) {
            breaches.push(Breach {
                rule: Rule::Blocked,
                groups: vec![g],
                activity: None,
                count: 1,
                detail: Detail::Blocked { day },
            });
        }
    }

    // window, fixed, after, before: per activity (and item).
    for (a, act) in model.activities.iter().enumerate() {
        let g = act.group;
        let (first, last) = bounds[g];
        if !rules::window::holds(first, last, act.window) {
            breaches.push(Breach {
                rule: Rule::Window,
                groups: vec![g],
                activity: Some(a),
                count: 1,
                detail: Detail::Window {
                    window: act.window,
                    first,
                    last,
                },
            });
        }
        if let Some(fixed) = act.fixed_start {
            if !rules::fixed::holds(first, fixed) {
                breaches.push(Breach {
                    rule: Rule::Fixed,
                    groups: vec![g],
                    activity: Some(a),
                    count: 1,
                    detail: Detail::Fixed { fixed, first },
                });
            }
        }
        for (rule, orders) in [(Rule::After, &act.after), (Rule::Before, &act.before)] {
            for order in orders {
                let (target_first, target_last, other) = match order.target {
                    Target::Group(h) => (bounds[h].0, bounds[h].1, Some(h)),
                    Target::Event { first, last, .. } => (first, last, None),
                };
                let distance = rules::order::distance(
                    rule == Rule::After,
                    (first, last),
                    (target_first, target_last),
                );
                let same_group = other == Some(g);
                if same_group || !rules::order::holds(distance, order.gap) {
                    let mut involved = vec![g];
                    if let Some(h) = other.filter(|&h| h != g) {
                        involved.push(h);
                        involved.sort_unstable();
                    }
                    breaches.push(Breach {
                        rule,
                        groups: involved,
                        activity: Some(a),
                        count: 1,
                        detail: Detail::Order {
                            item: order.item,
                            target: order.target,
                            distance,
                            gap: order.gap,
                            same_group,
                        },
                    });
                }
            }
        }
    }

    // person: pairs of groups sharing a member whose days meet.
    let by_person = invert(n, |g| &groups[g].members);
    for (x, y) in pairs(&by_person) {
        if !rules::person::holds(bounds[x], bounds[y], spans[x], spans[y]) {
            let people: Vec<usize> = groups[x]
                .members
                .iter()
                .copied()
                .filter(|p| groups[y].members.contains(p))
                .collect();
            breaches.push(Breach {
                rule: Rule::Person,
                groups: vec![x, y],
                activity: None,
                count: 1,
                detail: Detail::Person {
                    people,
                    day: bounds[x].0.max(bounds[y].0),
                },
            });
        }
    }

    // parallel: per (body, day), the excess over max_parallel.
    let mut led: HashMap<(usize, Day), u32> = HashMap::new();
    for g in 0..n {
        for &d in spans[g] {
            *led.entry((groups[g].lead_body, d)).or_default() += 1;
        }
    }
    let mut over: Vec<((usize, Day), u32)> = led
        .into_iter()
        .filter(|&((body, _), count)| {
            rules::parallel::excess(i64::from(count), i64::from(model.max_parallel[body])) > 0
        })
        .collect();
    over.sort_unstable();
    for ((body, day), count) in over {
        let max = model.max_parallel[body];
        let involved: Vec<usize> = (0..n)
            .filter(|&g| groups[g].lead_body == body && spans[g].contains(&day))
            .collect();
        breaches.push(Breach {
            rule: Rule::Parallel,
            groups: involved,
            activity: None,
            count: rules::parallel::excess(i64::from(count), i64::from(max)) as u64,
            detail: Detail::Parallel {
                body,
                day,
                led: count,
                max,
            },
        });
    }

    // subject_gap: pairs sharing a subject closer than the gap.
    let by_subject = invert(n, |g| &groups[g].subjects);
    for (x, y) in pairs(&by_subject) {
        let distance = rules::subject_gap::distance(bounds[x], bounds[y]);
        if !rules::subject_gap::holds(distance, model.subject_gap) {
            let subjects: Vec<usize> = groups[x]
                .subjects
                .iter()
                .copied()
                .filter(|s| groups[y].subjects.contains(s))
                .collect();
            breaches.push(Breach {
                rule: Rule::SubjectGap,
                groups: vec![x, y],
                activity: None,
                count: 1,
                detail: Detail::SubjectGap {
                    subjects,
                    distance,
                    gap: model.subject_gap,
                },
            });
        }
    }

    breaches.sort_by(|a, b| (a.rule, &a.groups, a.activity).cmp(&(b.rule, &b.groups, b.activity)));
    let hard = breaches.iter().map(|b| b.count).sum();
    let terms = soft_terms(model, starts, &bounds, &spans, baseline);
    Evaluation {
        score: Score {
            hard,
            soft: terms.total(),
            terms,
        },
        breaches,
    }
}

fn soft_terms(
    model: &ScoreModel,
    starts: &[Day],
    bounds: &[(Day, Day)],
    spans: &[&[Day]],
    baseline: Option<&[Option<Day>]>,
) -> Terms {
    let groups = &model.grouping.groups;
    let n = groups.len();
    let w = &model.weights;

    // balance: Σ_body Σ_month days², where a day counts for the body leading the group.
    let mut per_month: HashMap<(usize, i32, u32), u64> = HashMap::new();
    for g in 0..n {
        for &d in spans[g] {
            let date = model.calendar.date(d);
            *per_month
                .entry((groups[g].lead_body, date.year(), date.month()))
                .or_default() += 1;
        }
    }
    let squares = per_month
        .values()
        .fold(0u64, |acc, &c| acc.saturating_add(rules::balance::cost(c)));

    // area: pairs of groups visiting a common area at distance < area_gap.
    let by_area = invert(n, |g| &groups[g].areas);
    let close_areas = pairs(&by_area)
        .into_iter()
        .filter(|&(x, y)| rules::area::close(bounds[x], bounds[y], model.area_gap))
        .count() as u64;

    // invite: (group, invited body) where that body leads another group meeting it.
    let mut clashing_invites = 0u64;
    for g in 0..n {
        for &body in &groups[g].invite {
            let busy = (0..n).any(|h| {
                h != g
                    && groups[h].lead_body == body
                    && rules::invite::clash(bounds[g], bounds[h], spans[g], spans[h])
            });
            if busy {
                clashing_invites += 1;
            }
        }
    }

    // preferred: calendar days of [first, last] outside each preferred window.
    let mut outside = 0u64;
    for act in &model.activities {
        if let Some(window) = act.preferred {
            let (first, last) = bounds[act.group];
            outside += rules::preferred::days_outside(first, last, window) as u64;
        }
    }

    // move / shift against a baseline, for groups without a fixed start.
    let (mut moved, mut shifted) = (0u64, 0u64);
    if let Some(base) = baseline {
        for (g, &start) in starts.iter().enumerate().take(n) {
            // A group the baseline does not hold (a new activity) has nowhere to move from.
            let Some(was) = base.get(g).copied().flatten() else {
                continue;
            };
            if rules::moves::moved(model.group_fixed[g], start, was) {
                moved += 1;
                shifted += rules::moves::shift(start, was);
            }
        }
    }

    Terms {
        balance: w.balance.saturating_mul(squares),
        area: w.area.saturating_mul(close_areas),
        invite: w.invite.saturating_mul(clashing_invites),
        preferred: w.preferred.saturating_mul(outside),
        r#move: w.r#move.saturating_mul(moved),
        shift: w.shift.saturating_mul(shifted),
    }
}

/// `dist` of the format; kept at this path for callers, written once in
/// [`crate::calendar::interval::dist`].
pub use crate::calendar::interval::dist as distance;

/// Whether two groups' `D` share a day; written once in [`rules::person::meet`].
pub use crate::rules::person::meet as meets;

/// For each item (person, subject, area), the groups that hold it.
fn invert<'a>(n: usize, items: impl Fn(usize) -> &'a Vec<usize>) -> HashMap<usize, Vec<usize>> {
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for g in 0..n {
        for &item in items(g) {
            out.entry(item).or_default().push(g);
        }
    }
    out
}

/// The distinct pairs (x < y) of groups that share at least one item.
fn pairs(by_item: &HashMap<usize, Vec<usize>>) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for list in by_item.values() {
        for (k, &x) in list.iter().enumerate() {
            for &y in &list[k + 1..] {
                out.insert((x.min(y), x.max(y)));
            }
        }
    }
    out
}
