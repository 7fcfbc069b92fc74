//! Minimal infeasibility cores: a smallest-by-inclusion set of rules over a few groups
//! that cannot all hold, proven by an exact search restricted to them, and such that
//! dropping any one of them makes the rest satisfiable (proven the same way).
//!
//! The exact search is a backtracking search with forward checking over the groups the
//! rules mention: each group's domain is its calendar-valid starts, unary rules filter
//! domains, binary rules prune neighbours' domains on each assignment, and the
//! `parallel` capacity is counted per body and day. Cores are small, so this is fast;
//! a node budget keeps it bounded, and a core whose checks hit the budget is reported
//! as not proven rather than passed off as minimal.

use std::collections::{BTreeSet, HashMap};

use crate::calendar::working::Day;
use crate::rules;
use crate::score::{evaluate, Rule, ScoreModel, Target};

/// One rule instance that can take part in a core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Constraint {
    /// The group has a start that is a working day with all its days in the horizon.
    Calendar { group: usize },
    /// The activity's window holds its group.
    Window { activity: usize },
    /// The activity's group starts on its fixed start.
    Fixed { activity: usize },
    /// The group avoids the days its bodies' events and its members' absences block.
    Blocked { group: usize },
    /// Two groups sharing a member do not meet.
    Person { first: usize, second: usize },
    /// Two groups sharing a subject are at least `subject_gap` apart.
    SubjectGap { first: usize, second: usize },
    /// Item `item` of the activity's `after` (or `before`) list holds.
    Order {
        activity: usize,
        item: usize,
        after: bool,
    },
    /// The body leads at most `max_parallel` groups a day.
    Parallel { body: usize },
}

impl Constraint {
    /// The rule of the format this instance belongs to.
    pub fn rule(&self) -> Rule {
        match self {
            Constraint::Calendar { .. } => Rule::Calendar,
            Constraint::Window { .. } => Rule::Window,
            Constraint::Fixed { .. } => Rule::Fixed,
            Constraint::Blocked { .. } => Rule::Blocked,
            Constraint::Person { .. } => Rule::Person,
            Constraint::SubjectGap { .. } => Rule::SubjectGap,
            Constraint::Order { after: true, .. } => Rule::After,
            Constraint::Order { after: false, .. } => Rule::Before,
            Constraint::Parallel { .. } => Rule::Parallel,
        }
    }
}

/// A set of rules that cannot all hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Core {
    /// The rules, in a stable order.
    pub constraints: Vec<Constraint>,
    /// The groups they concern.
    pub groups: Vec<usize>,
    /// Whether every check finished within the search budget: infeasibility of the
    /// core and feasibility after dropping each member are then proven.
    pub proven: bool,
}

/// The outcome of one exact check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Feasible,
    Infeasible,
    Unknown,
}

/// Search nodes one check may visit before it gives up.
const NODE_BUDGET: u64 = 2_000_000;

/// The groups a constraint mentions.
fn groups_of(model: &ScoreModel, c: &Constraint) -> Vec<usize> {
    match *c {
        Constraint::Calendar { group } | Constraint::Blocked { group } => vec![group],
        Constraint::Window { activity } | Constraint::Fixed { activity } => {
            vec![model.activities[activity].group]
        }
        Constraint::Person { first, second } | Constraint::SubjectGap { first, second } => {
            vec![first, second]
        }
        Constraint::Order {
            activity,
            item,
            after,
        } => {
            let rules = &model.activities[activity];
            let mut out = vec![rules.group];
            if let Some(Target::Group(h)) = rules.order(item, after).map(|o| o.target) {
                out.push(h);
            }
            out
        }
        Constraint::Parallel { .. } => vec![],
    }
}

/// Every constraint instance that concerns only groups of `groups` (and the parallel
/// capacity of their lead bodies).
fn constraints_among(model: &ScoreModel, groups: &BTreeSet<usize>) -> Vec<Constraint> {
    let mut out = BTreeSet::new();
    let all = &model.grouping.groups;
    for &g in groups {
        out.insert(Constraint::Calendar { group: g });
        out.insert(Constraint::Blocked { group: g });
        out.insert(Constraint::Parallel {
            body: all[g].lead_body,
        });
        for &a in &all[g].activities {
            let rules = &model.activities[a];
            out.insert(Constraint::Window { activity: a });
            if rules.fixed_start.is_some() {
                out.insert(Constraint::Fixed { activity: a });
            }
            for (after, list) in [(true, &rules.after), (false, &rules.before)] {
                for o in list {
                    let inside = match o.target {
                        Target::Group(h) => groups.contains(&h),
                        Target::Event { .. } => true,
                    };
                    if inside {
                        out.insert(Constraint::Order {
                            activity: a,
                            item: o.item,
                            after,
                        });
                    }
                }
            }
        }
        for &h in groups.range(g + 1..) {
            if all[g].members.iter().any(|p| all[h].members.contains(p)) {
                out.insert(Constraint::Person {
                    first: g,
                    second: h,
                });
            }
            if all[g].subjects.iter().any(|s| all[h].subjects.contains(s)) {
                out.insert(Constraint::SubjectGap {
                    first: g,
                    second: h,
                });
            }
        }
    }
    out.into_iter().collect()
}

/// The exact search over the groups a constraint set mentions.
struct Exact<'m> {
    model: &'m ScoreModel,
    groups: Vec<usize>,
    domains: Vec<Vec<Day>>,
    /// Binary constraints by local group index: (other, constraint).
    binary: Vec<Vec<(usize, Constraint)>>,
    /// Bodies whose parallel capacity is enforced.
    capacity: HashMap<usize, u32>,
    nodes: u64,
}

impl<'m> Exact<'m> {
    fn new(model: &'m ScoreModel, constraints: &[Constraint]) -> Self {
        let mut groups: BTreeSet<usize> = BTreeSet::new();
        for c in constraints {
            groups.extend(groups_of(model, c));
        }
        let groups: Vec<usize> = groups.into_iter().collect();
        let local: HashMap<usize, usize> =
            groups.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        let calendar_on: BTreeSet<usize> = constraints
            .iter()
            .filter_map(|c| match c {
                Constraint::Calendar { group } => Some(*group),
                _ => None,
            })
            .collect();
        let horizon_days: Vec<Day> = (0..model.calendar.len() as Day).collect();
        let mut domains: Vec<Vec<Day>> = groups
            .iter()
            .map(|&g| {
                let duration = model.grouping.groups[g].duration;
                if calendar_on.contains(&g) {
                    model
                        .calendar
                        .working_days()
                        .iter()
                        .copied()
                        .filter(|&d| rules::calendar::holds(&model.calendar, d, duration))
                        .collect()
                } else {
                    // Without the calendar rule a group may start on any day of the
                    // horizon; its days still follow the working-day calendar.
                    horizon_days.clone()
                }
            })
            .collect();
        let mut binary = vec![Vec::new(); groups.len()];
        let mut capacity = HashMap::new();
        for c in constraints {
            match *c {
                Constraint::Window { activity } => {
                    let act = &model.activities[activity];
                    let g = act.group;
                    domains[local[&g]].retain(|&d| {
                        let (f, l) = model.first_last(g, d);
                        rules::window::holds(f, l, act.window)
                    });
                }
                Constraint::Fixed { activity } => {
                    let act = &model.activities[activity];
                    if let Some(fixed) = act.fixed_start {
                        let g = act.group;
                        domains[local[&g]]
                            .retain(|&d| rules::fixed::holds(model.first_last(g, d).0, fixed));
                    }
                }
                Constraint::Blocked { group } => {
                    domains[local[&group]].retain(|&d| model.first_blocked_day(group, d).is_none());
                }
                Constraint::Order {
                    activity,
                    item,
                    after,
                } => {
                    let act = &model.activities[activity];
                    let Some(order) = act.order(item, after) else {
                        continue;
                    };
                    let g = act.group;
                    match order.target {
                        Target::Event { first, last, .. } => {
                            domains[local[&g]].retain(|&d| {
                                rules::order::holds_between(
                                    after,
                                    model.first_last(g, d),
                                    (first, last),
                                    order.gap,
                                )
                            });
                        }
                        Target::Group(h) if h == g => domains[local[&g]].clear(),
                        Target::Group(h) => {
                            binary[local[&g]].push((local[&h], *c));
                            binary[local[&h]].push((local[&g], *c));
                        }
                    }
                }
                Constraint::Person { first, second } | Constraint::SubjectGap { first, second } => {
                    binary[local[&first]].push((local[&second], *c));
                    binary[local[&second]].push((local[&first], *c));
                }
                Constraint::Parallel { body } => {
                    capacity.insert(body, model.max_parallel[body]);
                }
                Constraint::Calendar { .. } => {}
            }
        }
        Exact {
            model,
            groups,
            domains,
            binary,
            capacity,
            nodes: 0,
        }
    }

    /// Whether the binary constraint `c` holds with local groups `x` on `dx`, `y` on `dy`.
    fn binary_holds(&self, c: &Constraint, x: usize, dx: Day, y: usize, dy: Day) -> bool {
        let model = self.model;
        let (gx, gy) = (self.groups[x], self.groups[y]);
        let bx = model.first_last(gx, dx);
        let by = model.first_last(gy, dy);
        match *c {
            Constraint::Person { .. } => {
                let (sx, sy) = (model.span(gx, dx), model.span(gy, dy));
                rules::person::holds(bx, by, sx, sy)
            }
            Constraint::SubjectGap { .. } => {
                rules::subject_gap::holds(rules::subject_gap::distance(bx, by), model.subject_gap)
            }
            Constraint::Order {
                activity,
                item,
                after,
            } => {
                let act = &model.activities[activity];
                let Some(order) = act.order(item, after) else {
                    return true;
                };
                // The activity's group is `act.group`; the other is the reference.
                let (own, other) = if gx == act.group { (bx, by) } else { (by, bx) };
                rules::order::holds_between(after, own, other, order.gap)
            }
            _ => true,
        }
    }

    fn solve(&mut self) -> Verdict {
        if self.domains.iter().any(Vec::is_empty) {
            return Verdict::Infeasible;
        }
        let n = self.groups.len();
        let mut assigned: Vec<Option<Day>> = vec![None; n];
        let mut load: HashMap<(usize, Day), u32> = HashMap::new();
        let domains = self.domains.clone();
        match self.search(&mut assigned, domains, &mut load) {
            Some(true) => Verdict::Feasible,
            Some(false) => Verdict::Infeasible,
            None => Verdict::Unknown,
        }
    }

    /// `Some(found)`, or `None` when the node budget ran out.
    fn search(
        &mut self,
        assigned: &mut Vec<Option<Day>>,
        domains: Vec<Vec<Day>>,
        load: &mut HashMap<(usize, Day), u32>,
    ) -> Option<bool> {
        // Most constrained unassigned group first.
        let Some(x) = (0..assigned.len())
            .filter(|&i| assigned[i].is_none())
            .min_by_key(|&i| (domains[i].len(), i))
        else {
            return Some(true);
        };
        let g = self.groups[x];
        let body = self.model.grouping.groups[g].lead_body;
        for &d in &domains[x] {
            self.nodes += 1;
            if self.nodes > NODE_BUDGET {
                return None;
            }
            let days: Vec<Day> = self.model.span(g, d).to_vec();
            if let Some(&cap) = self.capacity.get(&body) {
                if days
                    .iter()
                    .any(|&day| load.get(&(body, day)).copied().unwrap_or(0) >= cap)
                {
                    continue;
                }
            }
            // Forward checking: prune the domains of unassigned neighbours.
            let mut next = domains.clone();
            next[x] = vec![d];
            let mut wiped = false;
            for &(y, c) in &self.binary[x] {
                if assigned[y].is_some() {
                    continue;
                }
                let keep: Vec<Day> = next[y]
                    .iter()
                    .copied()
                    .filter(|&dy| self.binary_holds(&c, x, d, y, dy))
                    .collect();
                if keep.is_empty() {
                    wiped = true;
                    break;
                }
                next[y] = keep;
            }
            // Constraints with already assigned groups were checked when those were
            // assigned (their pruning kept only compatible values), so `d` is consistent.
            if wiped {
                continue;
            }
            assigned[x] = Some(d);
            if self.capacity.contains_key(&body) {
                for &day in &days {
                    *load.entry((body, day)).or_default() += 1;
                }
            }
            let found = self.search(assigned, next, load);
            assigned[x] = None;
            if self.capacity.contains_key(&body) {
                for &day in &days {
                    if let Some(count) = load.get_mut(&(body, day)) {
                        *count -= 1;
                    }
                }
            }
            match found {
                Some(true) => return Some(true),
                None => return None,
                Some(false) => {}
            }
        }
        Some(false)
    }
}

fn check(model: &ScoreModel, constraints: &[Constraint]) -> Verdict {
    Exact::new(model, constraints).solve()
}

/// Finds a minimal core, starting from the groups `best` (the solver's best schedule)
/// violates hard rules with. `None` when that schedule has no violation, or no conflict
/// could be isolated among the groups around its violations.
pub fn find_core(model: &ScoreModel, best: &[Day]) -> Option<Core> {
    let evaluation = evaluate(model, best, None);
    if evaluation.breaches.is_empty() {
        return None;
    }
    // A group whose calendar rule alone fails is a core by itself.
    for b in &evaluation.breaches {
        if b.rule == Rule::Calendar {
            let c = Constraint::Calendar { group: b.groups[0] };
            if check(model, &[c]) == Verdict::Infeasible {
                return Some(Core {
                    constraints: vec![c],
                    groups: b.groups.clone(),
                    proven: true,
                });
            }
        }
    }
    // Each violation of the best schedule is a lead: grow the set of groups around it
    // (groups sharing a member or a subject, or linked by an order; for `parallel`, the
    // body's other groups) until the rules among them are infeasible.
    let all = &model.grouping.groups;
    let mut adjacent: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); all.len()];
    for (g, a) in all.iter().enumerate() {
        for (h, b) in all.iter().enumerate().skip(g + 1) {
            let shares = a.members.iter().any(|p| b.members.contains(p))
                || a.subjects.iter().any(|x| b.subjects.contains(x));
            if shares {
                adjacent[g].insert(h);
                adjacent[h].insert(g);
            }
        }
    }
    for rules in &model.activities {
        for o in rules.after.iter().chain(&rules.before) {
            if let Target::Group(h) = o.target {
                if h != rules.group {
                    adjacent[rules.group].insert(h);
                    adjacent[h].insert(rules.group);
                }
            }
        }
    }
    let linked = |g: usize, h: usize, parallel: bool| {
        adjacent[g].contains(&h) || (parallel && all[g].lead_body == all[h].lead_body)
    };
    let mut candidate: Option<Vec<Constraint>> = None;
    'leads: for b in &evaluation.breaches {
        let parallel = b.rule == Rule::Parallel;
        let mut groups: BTreeSet<usize> = b.groups.iter().copied().collect();
        for _ in 0..4 {
            let constraints = constraints_among(model, &groups);
            if check(model, &constraints) == Verdict::Infeasible {
                candidate = Some(constraints);
                break 'leads;
            }
            let mut grown = groups.clone();
            for &g in &groups {
                grown.extend((0..all.len()).filter(|&h| h != g && linked(g, h, parallel)));
            }
            if grown.len() == groups.len() || grown.len() > 60 {
                break;
            }
            groups = grown;
        }
    }
    let mut core = candidate?;
    // Deletion filter: drop each constraint whose removal leaves the rest infeasible.
    let mut proven = true;
    let mut i = 0;
    while i < core.len() {
        let mut without = core.clone();
        without.remove(i);
        match check(model, &without) {
            Verdict::Infeasible => core = without,
            Verdict::Feasible => i += 1,
            Verdict::Unknown => {
                proven = false;
                i += 1;
            }
        }
    }
    let mut core_groups: BTreeSet<usize> = BTreeSet::new();
    for c in &core {
        core_groups.extend(groups_of(model, c));
    }
    Some(Core {
        groups: core_groups.into_iter().collect(),
        constraints: core,
        proven,
    })
}

/// Whether `constraints` are infeasible and each is needed, by exact search: for tests
/// and for callers that want to re-check a core.
pub fn verify_core(model: &ScoreModel, constraints: &[Constraint]) -> (bool, bool) {
    let infeasible = check(model, constraints) == Verdict::Infeasible;
    let minimal = (0..constraints.len()).all(|i| {
        let mut without = constraints.to_vec();
        without.remove(i);
        check(model, &without) == Verdict::Feasible
    });
    (infeasible, minimal)
}
