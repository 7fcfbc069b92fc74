//! The full v1 scorer: every hard violation and every soft term of a schedule, computed
//! from scratch. This is the reference the incremental scorer is checked against.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::model::{ScoreModel, Target};
use crate::calendar::working::Day;

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
            Rule::Calendar => "calendar",
            Rule::Window => "window",
            Rule::Fixed => "fixed",
            Rule::Blocked => "blocked",
            Rule::Person => "person",
            Rule::Parallel => "parallel",
            Rule::SubjectGap => "subject_gap",
            Rule::After => "after",
            Rule::Before => "before",
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
        if !model.calendar.start_is_valid(starts[g], groups[g].duration) {
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
    for (a, rules) in model.activities.iter().enumerate() {
        let g = rules.group;
        let (first, last) = bounds[g];
        let (ws, we) = rules.window;
        if first < ws || last > we {
            breaches.push(Breach {
                rule: Rule::Window,
                groups: vec![g],
                activity: Some(a),
                count: 1,
                detail: Detail::Window {
                    window: rules.window,
                    first,
                    last,
                },
            });
        }
        if let Some(fixed) = rules.fixed_start {
            if first != fixed {
                breaches.push(Breach {
                    rule: Rule::Fixed,
                    groups: vec![g],
                    activity: Some(a),
                    count: 1,
                    detail: Detail::Fixed { fixed, first },
                });
            }
        }
        for (rule, orders) in [(Rule::After, &rules.after), (Rule::Before, &rules.before)] {
            for order in orders {
                let (target_first, target_last, other) = match order.target {
                    Target::Group(h) => (bounds[h].0, bounds[h].1, Some(h)),
                    Target::Event { first, last, .. } => (first, last, None),
                };
                let distance = if rule == Rule::After {
                    i64::from(first) - i64::from(target_last) - 1
                } else {
                    i64::from(target_first) - i64::from(last) - 1
                };
                let same_group = other == Some(g);
                if same_group || distance < order.gap {
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
        if meets(bounds[x], bounds[y], spans[x], spans[y]) {
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
        .filter(|&((body, _), count)| count > model.max_parallel[body])
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
            count: u64::from(count - max),
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
        let distance = distance(bounds[x], bounds[y]);
        if distance < model.subject_gap {
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
        .fold(0u64, |acc, &c| acc.saturating_add(c.saturating_mul(c)));

    // area: pairs of groups visiting a common area at distance < area_gap.
    let by_area = invert(n, |g| &groups[g].areas);
    let close_areas = pairs(&by_area)
        .into_iter()
        .filter(|&(x, y)| distance(bounds[x], bounds[y]) < model.area_gap)
        .count() as u64;

    // invite: (group, invited body) where that body leads another group meeting it.
    let mut clashing_invites = 0u64;
    for g in 0..n {
        for &body in &groups[g].invite {
            let busy = (0..n).any(|h| {
                h != g
                    && groups[h].lead_body == body
                    && meets(bounds[g], bounds[h], spans[g], spans[h])
            });
            if busy {
                clashing_invites += 1;
            }
        }
    }

    // preferred: calendar days of [first, last] outside each preferred window.
    let mut outside = 0u64;
    for rules in &model.activities {
        if let Some((ps, pe)) = rules.preferred {
            let (first, last) = bounds[rules.group];
            let total = i64::from(last) - i64::from(first) + 1;
            let inside = (i64::from(last.min(pe)) - i64::from(first.max(ps)) + 1).max(0);
            outside += (total - inside).max(0) as u64;
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
            if !model.group_fixed[g] && start != was {
                moved += 1;
                shifted += (i64::from(start) - i64::from(was)).unsigned_abs();
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

/// `dist` of the format: the calendar days strictly between the earlier thing and the
/// later one (negative when they overlap). The earlier is the one with the earlier
/// first day; with equal first days both orders give a negative distance.
pub fn distance(x: (Day, Day), y: (Day, Day)) -> i64 {
    let (early, late) = if x.0 <= y.0 { (x, y) } else { (y, x) };
    i64::from(late.0) - i64::from(early.1) - 1
}

/// Whether two groups' `D` share a day. `D` is a run of consecutive working days, so
/// two runs share a day exactly when their [first, last] ranges overlap.
pub fn meets(x: (Day, Day), y: (Day, Day), dx: &[Day], dy: &[Day]) -> bool {
    !dx.is_empty() && !dy.is_empty() && x.0 <= y.1 && y.0 <= x.1
}

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
