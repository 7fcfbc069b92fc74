//! The precedence graph of groups and events (from the activities' `after`/`before`
//! items), its cycles, and for each group the earliest and latest start a feasible
//! plan could give it.
//!
//! ## Edges and what a gap means
//!
//! `a after {ref r, gap g}` is the edge `r → group(a)`, and `a before {ref r, gap g}`
//! the edge `group(a) → r`, both weighted `g`. An edge `x → y` of weight `g` means what
//! the format says: `x` wholly before `y` with at least `g` calendar days strictly
//! between, i.e. `first(y) ≥ last(x) + 1 + g`.
//!
//! The bounds do not turn this into a fixed difference of start dates (a group's span
//! in calendar days depends on where weekends and holidays fall). They work with the
//! calendar exactly: a group's candidate starts are positions in the list of working
//! days, and `last` of a start is read off the calendar. `last` grows with the start,
//! so the least `first(y)` an edge allows is `last(x at its earliest start) + 1 + g`,
//! and the greatest `last(x)` is `first(y at its latest start) − 1 − g`. No
//! working-day approximation is made, so nothing feasible is cut off.
//!
//! ## Bounds
//!
//! Each group starts from its *candidate starts*: the starts its own rules allow (a
//! working day whose `duration` days fit the horizon, every activity's window and
//! `fixed_start`, and the `blocked` rule: no day on an event blocking the lead's body
//! or a member's body, nor on a member's `unavailable` day). A forward pass in
//! topological order raises each group's earliest start along the edges into it; a
//! backward pass lowers its latest start along the edges out of it. A group on a cycle
//! has no feasible start at all (every edge is strict: `x` wholly before `y`).
//!
//! These are bounds, not a schedule: they ignore the rules between groups other than
//! the orders (shared members, subject gaps, `max_parallel`), so they never exclude a
//! start that a feasible plan uses. Without those rules they are exact: starting every
//! group at its earliest start (or every one at its latest) satisfies all orders.

use std::collections::VecDeque;

use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::groups::Grouping;
use crate::calendar::interval::{
    free_starts, merge_intervals, positions_in, restrict_to_fixed, start_positions,
};
use crate::calendar::working::Day;
use crate::calendar::WorkCalendar;
use crate::model::index::Index;
use crate::model::Problem;
use crate::rules;

/// A node of the precedence graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrecedenceNode {
    /// A group, by its position in [`Grouping::groups`].
    Group(usize),
    /// An event, by its position in the problem's `events`.
    Event(usize),
}

/// Whether an order comes from an activity's `after` list or its `before` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderKind {
    /// `after`: the reference comes first.
    After,
    /// `before`: the activity comes first.
    Before,
}

/// The weight of an edge `x → y`: the item it comes from and its gap, the least
/// number of calendar days strictly between `last(x)` and `first(y)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderEdge {
    /// The position of the activity whose item this is.
    pub activity: usize,
    /// Which of its lists holds the item.
    pub kind: OrderKind,
    /// The item's position in that list.
    pub item: usize,
    /// The item's gap.
    pub gap: u32,
}

/// The precedence graph over groups and events.
///
/// Nodes are added groups first (in group order) then events (in problem order), so
/// node indices order the same way as [`PrecedenceNode`].
#[derive(Debug, Clone)]
pub struct PrecedenceGraph {
    /// One node per group and per event; one edge per resolved `after`/`before` item.
    pub graph: DiGraph<PrecedenceNode, OrderEdge>,
    /// The node of each group.
    pub group_nodes: Vec<NodeIndex>,
    /// The node of each event.
    pub event_nodes: Vec<NodeIndex>,
}

impl PrecedenceGraph {
    /// Builds the graph of a validated problem's orders, at group level: an order
    /// between two activities of one group becomes a self-loop.
    pub fn new(problem: &Problem, index: &Index, grouping: &Grouping) -> Self {
        let mut graph = DiGraph::new();
        let group_nodes: Vec<NodeIndex> = (0..grouping.groups.len())
            .map(|g| graph.add_node(PrecedenceNode::Group(g)))
            .collect();
        let event_nodes: Vec<NodeIndex> = (0..problem.events.len())
            .map(|e| graph.add_node(PrecedenceNode::Event(e)))
            .collect();
        let node_of = |id: &str| -> Option<NodeIndex> {
            match index.activities.get(id) {
                Some(&a) => grouping.group_of.get(a).map(|&g| group_nodes[g]),
                None => index.events.get(id).map(|&e| event_nodes[e]),
            }
        };
        for (a, act) in problem.activities.iter().enumerate() {
            let Some(&own) = grouping.group_of.get(a).map(|&g| &group_nodes[g]) else {
                continue;
            };
            for (kind, items) in [
                (OrderKind::After, &act.after),
                (OrderKind::Before, &act.before),
            ] {
                for (item, order) in items.iter().enumerate() {
                    let Some(other) = node_of(&order.reference) else {
                        continue;
                    };
                    let (from, to) = match kind {
                        OrderKind::After => (other, own),
                        OrderKind::Before => (own, other),
                    };
                    let weight = OrderEdge {
                        activity: a,
                        kind,
                        item,
                        gap: order.gap,
                    };
                    graph.add_edge(from, to, weight);
                }
            }
        }
        PrecedenceGraph {
            graph,
            group_nodes,
            event_nodes,
        }
    }

    /// For each node (by index), whether it lies on a cycle: in a strongly connected
    /// component of two nodes or more, or on a self-loop.
    pub fn on_cycle(&self) -> Vec<bool> {
        let mut out = vec![false; self.graph.node_count()];
        for component in petgraph::algo::tarjan_scc(&self.graph) {
            if component.len() > 1 {
                for n in component {
                    out[n.index()] = true;
                }
            }
        }
        for e in self.graph.edge_references() {
            if e.source() == e.target() {
                out[e.source().index()] = true;
            }
        }
        out
    }

    /// The cycles, one per self-loop and one per larger strongly connected component
    /// (the shortest one through the component's first node). Each is a list of nodes
    /// where each has an edge to the next and the last one to the first; the list is
    /// ordered by first node, then length.
    pub fn cycles(&self) -> Vec<Vec<PrecedenceNode>> {
        let mut cycles: Vec<Vec<NodeIndex>> = Vec::new();
        for e in self.graph.edge_references() {
            if e.source() == e.target() {
                cycles.push(vec![e.source()]);
            }
        }
        // Which component each node is in, so each search stays inside its own
        // component and costs its size, not the whole graph's.
        let components = petgraph::algo::tarjan_scc(&self.graph);
        let mut component_of = vec![usize::MAX; self.graph.node_count()];
        for (c, nodes) in components.iter().enumerate() {
            for n in nodes {
                component_of[n.index()] = c;
            }
        }
        for (c, nodes) in components.iter().enumerate() {
            if nodes.len() < 2 {
                continue;
            }
            let Some(&start) = nodes.iter().min() else {
                continue;
            };
            if let Some(path) = self.shortest_cycle(start, |n| component_of[n.index()] == c) {
                cycles.push(path);
            }
        }
        cycles.sort_by(|x, y| (x[0], x.len(), x).cmp(&(y[0], y.len(), y)));
        cycles.dedup();
        cycles
            .into_iter()
            .map(|c| c.into_iter().map(|n| self.graph[n]).collect())
            .collect()
    }

    /// The shortest cycle through `start` using only nodes `inside` accepts and no
    /// self-loop (breadth-first, neighbours in index order, so the choice is stable).
    fn shortest_cycle(
        &self,
        start: NodeIndex,
        inside: impl Fn(NodeIndex) -> bool,
    ) -> Option<Vec<NodeIndex>> {
        crate::model::cycle::shortest_cycle(start, |n| {
            let mut next: Vec<NodeIndex> = self
                .graph
                .neighbors_directed(n, Direction::Outgoing)
                .filter(|&m| m != n && inside(m))
                .collect();
            next.sort_unstable();
            next.dedup();
            next
        })
    }
}

/// One order at group level, for reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderLink {
    /// The activity whose item this is.
    pub activity: String,
    /// `after` or `before`.
    pub kind: OrderKind,
    /// The item's reference (an activity or an event id).
    pub reference: String,
    /// The item's gap in calendar days.
    pub gap: u32,
    /// What must come first: a group (by its lead's id) or an event id.
    pub from: String,
    /// What must come second.
    pub to: String,
}

/// Earliest and latest feasible start of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StartBounds {
    /// The id of the group's lead activity.
    pub lead: String,
    /// The earliest start a feasible plan could give the group (`None`: none can).
    pub earliest: Option<NaiveDate>,
    /// The latest such start.
    pub latest: Option<NaiveDate>,
    /// How many of the group's candidate starts lie between the two bounds.
    pub candidates: usize,
    /// Whether an activity of the group has a `fixed_start` (then at most one start
    /// is possible, by the planner's choice rather than by the constraints).
    pub fixed: bool,
}

/// What the precedence analysis finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Precedence {
    /// Every order at group level, in the order of the activities and their items.
    pub orders: Vec<OrderLink>,
    /// Each cycle of orders, as the leads of its groups and the ids of its events;
    /// each has an order to the next and the last one to the first. An order between
    /// two activities merged into one group is a cycle of one. Validation rejects
    /// cycles between activities, so these only come from merging.
    pub cycles: Vec<Vec<String>>,
    /// The start bounds of every group, in group order.
    pub bounds: Vec<StartBounds>,
}

/// The name of a node: a group's lead id or an event id.
fn node_name(problem: &Problem, grouping: &Grouping, node: PrecedenceNode) -> String {
    match node {
        PrecedenceNode::Group(g) => problem.activities[grouping.groups[g].lead].id.clone(),
        PrecedenceNode::Event(e) => problem.events[e].id.clone(),
    }
}

/// Analyses the orders of a validated problem.
pub fn precedence(
    problem: &Problem,
    index: &Index,
    grouping: &Grouping,
    calendar: &WorkCalendar,
) -> Precedence {
    let graph = PrecedenceGraph::new(problem, index, grouping);
    let name = |n: PrecedenceNode| node_name(problem, grouping, n);
    let orders = graph
        .graph
        .edge_references()
        .map(|e| {
            let w = e.weight();
            let act = &problem.activities[w.activity];
            let items = match w.kind {
                OrderKind::After => &act.after,
                OrderKind::Before => &act.before,
            };
            OrderLink {
                activity: act.id.clone(),
                kind: w.kind,
                reference: items
                    .get(w.item)
                    .map(|o| o.reference.clone())
                    .unwrap_or_default(),
                gap: w.gap,
                from: name(graph.graph[e.source()]),
                to: name(graph.graph[e.target()]),
            }
        })
        .collect();
    let cycles = graph
        .cycles()
        .into_iter()
        .map(|c| c.into_iter().map(name).collect())
        .collect();
    let ranges = start_ranges(problem, grouping, calendar, &graph);
    let bounds = ranges
        .iter()
        .enumerate()
        .map(|(g, r)| StartBounds {
            lead: name(PrecedenceNode::Group(g)),
            earliest: r.as_ref().map(|r| calendar.date(r.earliest)),
            latest: r.as_ref().map(|r| calendar.date(r.latest)),
            candidates: r.as_ref().map_or(0, |r| r.candidates),
            fixed: grouping.groups[g]
                .activities
                .iter()
                .any(|&a| problem.activities[a].fixed_start.is_some()),
        })
        .collect();
    Precedence {
        orders,
        cycles,
        bounds,
    }
}

/// A group's start bounds as day offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartRange {
    /// The earliest feasible start.
    pub earliest: Day,
    /// The latest feasible start.
    pub latest: Day,
    /// How many candidate starts lie between them.
    pub candidates: usize,
}

/// The candidate starts of each group from its own rules, as sorted disjoint
/// inclusive intervals of positions in [`WorkCalendar::working_days`].
pub fn candidate_starts(
    problem: &Problem,
    grouping: &Grouping,
    calendar: &WorkCalendar,
) -> Vec<Vec<(usize, usize)>> {
    let total = calendar.working_days().len();
    grouping
        .groups
        .iter()
        .map(|group| {
            let duration = (group.duration as usize).max(1);
            let Some(mut starts) = total
                .checked_sub(1)
                .and_then(|last| start_positions((0, last), duration))
            else {
                return Vec::new();
            };
            for &a in &group.activities {
                let act = &problem.activities[a];
                let allowed = match act.window {
                    None => Some(starts),
                    Some(w) => positions_in(calendar, w).and_then(|w| start_positions(w, duration)),
                };
                let narrowed = allowed
                    .map(|(lo, hi)| (starts.0.max(lo), starts.1.min(hi)))
                    .filter(|(lo, hi)| lo <= hi)
                    .and_then(|s| match act.fixed_start {
                        Some(fixed) => restrict_to_fixed(calendar, s, fixed),
                        None => Some(s),
                    });
                match narrowed {
                    Some(s) => starts = s,
                    None => return Vec::new(),
                }
            }
            let ranges = rules::blocked::ranges(problem, group.lead_body, &group.members)
                .into_iter()
                .filter_map(|r| positions_in(calendar, r))
                .collect();
            free_starts(starts, duration, &merge_intervals(ranges))
        })
        .collect()
}

/// The first position of `set` at or after `p`.
fn first_at_or_after(set: &[(usize, usize)], p: usize) -> Option<usize> {
    let i = set.partition_point(|&(_, hi)| hi < p);
    set.get(i).map(|&(lo, _)| lo.max(p))
}

/// The last position of `set` at or before `p`.
fn last_at_or_before(set: &[(usize, usize)], p: usize) -> Option<usize> {
    let i = set.partition_point(|&(lo, _)| lo <= p);
    i.checked_sub(1).map(|k| set[k].1.min(p))
}

/// How many positions of `set` lie in `lo..=hi`.
fn count_between(set: &[(usize, usize)], lo: usize, hi: usize) -> usize {
    set.iter()
        .map(|&(a, b)| (b.min(hi) + 1).saturating_sub(a.max(lo)))
        .sum()
}

fn to_day(x: i64) -> Day {
    Day::try_from(x.clamp(i64::from(Day::MIN), i64::from(Day::MAX))).unwrap_or(Day::MAX)
}

/// The start bounds of every group (in group order), `None` for a group that no
/// feasible plan can start: one on a cycle, or whose candidate starts the orders
/// leave empty. Edges from a group with no feasible start are not followed (the
/// problem is infeasible anyway; the other groups keep informative bounds).
pub fn start_ranges(
    problem: &Problem,
    grouping: &Grouping,
    calendar: &WorkCalendar,
    graph: &PrecedenceGraph,
) -> Vec<Option<StartRange>> {
    let wd = calendar.working_days();
    let groups = &grouping.groups;
    let n = groups.len();
    let candidates = candidate_starts(problem, grouping, calendar);
    let cyclic = graph.on_cycle();
    let usable = |g: usize| !cyclic[graph.group_nodes[g].index()];
    // Validation guarantees durations ≥ 1; `max` keeps an unchecked problem from
    // underflowing below.
    let duration = |g: usize| (groups[g].duration as usize).max(1);
    // The last day of group g started at position p (p is a candidate, so it fits).
    let last_day = |g: usize, p: usize| wd[p + duration(g) - 1];

    // Topological order of the groups off cycles. Events have fixed dates, so only
    // group → group edges order the passes.
    let group_of_node = |v: NodeIndex| match graph.graph[v] {
        PrecedenceNode::Group(g) if usable(g) => Some(g),
        _ => None,
    };
    let mut indegree = vec![0usize; n];
    for e in graph.graph.edge_references() {
        if let (Some(_), Some(h)) = (group_of_node(e.source()), group_of_node(e.target())) {
            indegree[h] += 1;
        }
    }
    let mut queue: VecDeque<usize> = (0..n).filter(|&g| usable(g) && indegree[g] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(g) = queue.pop_front() {
        order.push(g);
        for e in graph
            .graph
            .edges_directed(graph.group_nodes[g], Direction::Outgoing)
        {
            if let Some(h) = group_of_node(e.target()) {
                indegree[h] -= 1;
                if indegree[h] == 0 {
                    queue.push_back(h);
                }
            }
        }
    }

    let mut lo: Vec<Option<usize>> = (0..n)
        .map(|g| {
            if usable(g) {
                candidates[g].first().map(|r| r.0)
            } else {
                None
            }
        })
        .collect();
    let mut hi: Vec<Option<usize>> = (0..n)
        .map(|g| {
            if usable(g) {
                candidates[g].last().map(|r| r.1)
            } else {
                None
            }
        })
        .collect();

    // Forward: first(g) ≥ last(x at its earliest) + 1 + gap for every edge x → g.
    for &g in &order {
        for e in graph
            .graph
            .edges_directed(graph.group_nodes[g], Direction::Incoming)
        {
            let Some(current) = lo[g] else { break };
            let earliest_last = match graph.graph[e.source()] {
                PrecedenceNode::Group(x) => lo[x].map(|p| last_day(x, p)),
                PrecedenceNode::Event(v) => Some(calendar.day(problem.events[v].end)),
            };
            let Some(last) = earliest_last else { continue };
            let least = to_day(rules::order::earliest_first(
                last,
                i64::from(e.weight().gap),
            ));
            let at = calendar.working_index_at_or_after(least);
            lo[g] = first_at_or_after(&candidates[g], at.max(current));
        }
    }
    // Backward: last(g) ≤ first(y at its latest) − 1 − gap for every edge g → y.
    for &g in order.iter().rev() {
        for e in graph
            .graph
            .edges_directed(graph.group_nodes[g], Direction::Outgoing)
        {
            let Some(current) = hi[g] else { break };
            let latest_first = match graph.graph[e.target()] {
                PrecedenceNode::Group(y) => hi[y].map(|p| wd[p]),
                PrecedenceNode::Event(v) => Some(calendar.day(problem.events[v].start)),
            };
            let Some(first) = latest_first else { continue };
            let most = to_day(rules::order::latest_last(first, i64::from(e.weight().gap)));
            // Working days on or before `most`; the start may be at most that many
            // minus the duration.
            let upto = calendar.working_index_at_or_after(most.saturating_add(1));
            hi[g] = upto
                .checked_sub(duration(g))
                .and_then(|p| last_at_or_before(&candidates[g], p.min(current)));
        }
    }
    (0..n)
        .map(|g| match (lo[g], hi[g]) {
            (Some(l), Some(h)) if l <= h => Some(StartRange {
                earliest: wd[l],
                latest: wd[h],
                candidates: count_between(&candidates[g], l, h),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Structure;
    use crate::score::{evaluate, ScoreModel};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn analyse(problem: &Problem) -> (Grouping, Precedence) {
        let Structure {
            index, grouping, ..
        } = Structure::new(problem);
        let calendar = WorkCalendar::new(&problem.calendar, problem.horizon).expect("calendar");
        let result = precedence(problem, &index, &grouping, &calendar);
        (grouping, result)
    }

    /// For each group, the starts used by some plan with no hard violation, by
    /// trying every combination of working-day starts.
    fn feasible_starts(problem: &Problem) -> Vec<Vec<NaiveDate>> {
        let model = ScoreModel::new(problem).expect("model");
        let days = model.calendar.working_days().to_vec();
        let n = model.group_count();
        let mut seen = vec![Vec::new(); n];
        let mut choice = vec![0usize; n];
        'all: loop {
            let starts: Vec<Day> = choice.iter().map(|&i| days[i]).collect();
            if evaluate(&model, &starts, None).score.hard == 0 {
                for g in 0..n {
                    seen[g].push(model.calendar.date(starts[g]));
                }
            }
            for slot in choice.iter_mut() {
                *slot += 1;
                if *slot < days.len() {
                    continue 'all;
                }
                *slot = 0;
            }
            break;
        }
        for s in &mut seen {
            s.sort_unstable();
            s.dedup();
        }
        seen
    }

    const CHAIN: &str = r#"{
      "format": "oversight.problem/1", "name": "chain",
      "horizon": {"start": "2024-03-04", "end": "2024-03-29"},
      "calendar": {"country": "none"},
      "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation"},
                 {"id": "sc", "name": "SC", "kind": "standing_committee"},
                 {"id": "ec", "name": "EC", "kind": "committee"}],
      "topics": [{"id": "t1", "name": "T1"}, {"id": "t2", "name": "T2"}, {"id": "t3", "name": "T3"}],
      "subjects": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}, {"id": "s3", "name": "S3"}],
      "events": [{"id": "ev", "name": "Session", "start": "2024-03-27", "end": "2024-03-28"}],
      "activities": [
        {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["t1"],
         "subjects": ["s1"], "duration": 2,
         "window": {"start": "2024-03-04", "end": "2024-03-15"}},
        {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["t2"],
         "subjects": ["s2"], "duration": 3, "after": [{"ref": "a", "gap": 2}]},
        {"id": "c", "body": "ec", "title": "C", "form": "survey", "topics": ["t3"],
         "subjects": ["s3"], "duration": 1, "after": [{"ref": "b"}],
         "before": [{"ref": "ev"}]}
      ]
    }"#;

    #[test]
    fn bounds_of_a_chain_are_exact() {
        let problem = Problem::from_text(CHAIN).expect("valid");
        let (_, result) = analyse(&problem);
        assert!(result.cycles.is_empty());
        let got: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)> = result
            .bounds
            .iter()
            .map(|b| (b.lead.clone(), b.earliest, b.latest))
            .collect();
        // a: 4–5 March at the earliest; b then starts after two clear days (8th) and
        // ends on the 12th; c on the 13th. Backwards: c ends before the session (26th),
        // b ends by the 25th (starts Thu 21st), a must end by the 18th but its window
        // ends on the 15th, so it starts by Thu 14th.
        let want = vec![
            (
                "a".to_string(),
                Some(d("2024-03-04")),
                Some(d("2024-03-14")),
            ),
            (
                "b".to_string(),
                Some(d("2024-03-08")),
                Some(d("2024-03-21")),
            ),
            (
                "c".to_string(),
                Some(d("2024-03-13")),
                Some(d("2024-03-26")),
            ),
        ];
        assert_eq!(got, want);
        // With no rule between groups but the orders, brute force finds the same.
        let feasible = feasible_starts(&problem);
        for (g, b) in result.bounds.iter().enumerate() {
            assert_eq!(feasible[g].first().copied(), b.earliest);
            assert_eq!(feasible[g].last().copied(), b.latest);
        }
        assert_eq!(result.bounds[0].candidates, 9);
        assert_eq!(
            result.orders[0],
            OrderLink {
                activity: "b".into(),
                kind: OrderKind::After,
                reference: "a".into(),
                gap: 2,
                from: "a".into(),
                to: "b".into(),
            }
        );
        assert_eq!(result.orders.len(), 3);
    }

    #[test]
    fn merging_turns_orders_into_cycles() {
        let text = r#"{
          "format": "oversight.problem/1", "name": "cycles",
          "horizon": {"start": "2024-03-04", "end": "2024-03-08"},
          "calendar": {"country": "none"},
          "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation", "rank": 1},
                     {"id": "sc", "name": "SC", "kind": "standing_committee"},
                     {"id": "ec", "name": "EC", "kind": "committee"}],
          "topics": [{"id": "t", "name": "T"}, {"id": "u", "name": "U"}],
          "subjects": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"},
                       {"id": "s3", "name": "S3"}, {"id": "s4", "name": "S4"}],
          "events": [{"id": "ev", "name": "Session", "start": "2024-03-06", "end": "2024-03-06"}],
          "activities": [
            {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["t"],
             "subjects": ["s1"], "duration": 1, "after": [{"ref": "x"}]},
            {"id": "x", "body": "ec", "title": "X", "form": "survey", "topics": ["u"],
             "subjects": ["s2"], "duration": 1, "after": [{"ref": "y"}]},
            {"id": "y", "body": "ec", "title": "Y", "form": "survey", "topics": ["u"],
             "subjects": ["s2"], "duration": 1, "after": [{"ref": "b"}]},
            {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["t"],
             "subjects": ["s1"], "duration": 1},
            {"id": "c", "body": "na", "title": "C", "form": "survey", "topics": ["u"],
             "subjects": ["s3"], "duration": 1, "before": [{"ref": "ev"}]},
            {"id": "d", "body": "sc", "title": "D", "form": "survey", "topics": ["u"],
             "subjects": ["s3"], "duration": 1, "after": [{"ref": "ev"}]},
            {"id": "e", "body": "na", "title": "E", "form": "survey", "topics": ["t"],
             "subjects": ["s4"], "duration": 1},
            {"id": "f", "body": "sc", "title": "F", "form": "survey", "topics": ["t"],
             "subjects": ["s4"], "duration": 1, "after": [{"ref": "e", "gap": 1}]}
          ]
        }"#;
        let problem = Problem::from_text(text).expect("valid: no cycle between activities");
        let (grouping, result) = analyse(&problem);
        // Groups: {a, b}, {x}, {y}, {c, d}, {e, f}.
        assert_eq!(grouping.groups.len(), 5);
        let s = |x: &str| x.to_string();
        assert_eq!(
            result.cycles,
            vec![
                // b → y → x → a, and a and b are one group.
                vec![s("a"), s("y"), s("x")],
                // c before the session, d after it, one group.
                vec![s("c"), s("ev")],
                // f after e inside one group: a cycle of one.
                vec![s("e")],
            ]
        );
        // Every group on a cycle has no feasible start.
        let none: Vec<&str> = result
            .bounds
            .iter()
            .filter(|b| b.earliest.is_none())
            .map(|b| b.lead.as_str())
            .collect();
        assert_eq!(none, ["a", "x", "y", "c", "e"]);
        // And indeed no plan is feasible.
        assert!(feasible_starts(&problem).iter().all(Vec::is_empty));
    }

    /// A tiny deterministic generator, so the property test needs no extra crate.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// A random small problem: up to three activities of three bodies over two weeks,
    /// with windows, fixed starts, members away, a blocking event, orders and merges.
    fn random_problem(seed: u64) -> String {
        let mut dice = Dice(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let days: Vec<String> = [4, 5, 6, 7, 8, 11, 12, 13, 14, 15]
            .iter()
            .map(|x| format!("2024-03-{x:02}"))
            .collect();
        let bodies = ["na", "sc", "ec"];
        let count = 2 + dice.roll(2);
        let ev = dice.roll(10);
        let ev_len = dice.roll(2);
        let blocks = ["", "", "\"sc\"", "\"*\""][dice.roll(4)];
        let away = dice.roll(10);
        let mut acts = Vec::new();
        for i in 0..count {
            let duration = 1 + dice.roll(3);
            let mut fields = vec![
                format!("\"id\": \"a{i}\""),
                format!("\"body\": \"{}\"", bodies[dice.roll(3)]),
                "\"title\": \"T\"".to_string(),
                "\"form\": \"survey\"".to_string(),
                format!("\"topics\": [\"t{}\"]", dice.roll(2)),
                format!("\"subjects\": [\"s{}\"]", dice.roll(4)),
                format!("\"duration\": {duration}"),
            ];
            if dice.roll(2) == 0 {
                let ws = dice.roll(11 - duration);
                let we = ws + duration - 1 + dice.roll(10 - (ws + duration - 1));
                fields.push(format!(
                    "\"window\": {{\"start\": \"{}\", \"end\": \"{}\"}}",
                    days[ws], days[we]
                ));
            }
            if dice.roll(8) == 0 {
                fields.push(format!("\"fixed_start\": \"{}\"", days[dice.roll(10)]));
            }
            let members = ["", "\"p1\"", "\"p2\"", "\"p1\", \"p2\""][dice.roll(4)];
            fields.push(format!("\"members\": [{members}]"));
            let mut after = Vec::new();
            let mut before = Vec::new();
            if i > 0 && dice.roll(3) > 0 {
                after.push(format!(
                    "{{\"ref\": \"a{}\", \"gap\": {}}}",
                    dice.roll(i),
                    dice.roll(4)
                ));
            }
            match dice.roll(4) {
                0 => after.push(format!("{{\"ref\": \"ev\", \"gap\": {}}}", dice.roll(3))),
                1 => before.push(format!("{{\"ref\": \"ev\", \"gap\": {}}}", dice.roll(3))),
                _ => {}
            }
            fields.push(format!("\"after\": [{}]", after.join(", ")));
            fields.push(format!("\"before\": [{}]", before.join(", ")));
            acts.push(format!("{{{}}}", fields.join(", ")));
        }
        format!(
            r#"{{
              "format": "oversight.problem/1", "name": "random",
              "horizon": {{"start": "2024-03-04", "end": "2024-03-15"}},
              "calendar": {{"country": "none"}},
              "bodies": [{{"id": "na", "name": "NA", "kind": "na_delegation", "rank": 1}},
                         {{"id": "sc", "name": "SC", "kind": "standing_committee", "rank": 2}},
                         {{"id": "ec", "name": "EC", "kind": "committee"}}],
              "people": [{{"id": "p1", "name": "P1", "bodies": ["sc"],
                          "unavailable": [{{"start": "{away}", "end": "{away}"}}]}},
                         {{"id": "p2", "name": "P2", "bodies": ["ec"]}}],
              "topics": [{{"id": "t0", "name": "T0"}}, {{"id": "t1", "name": "T1", "parents": ["t0"]}}],
              "subjects": [{{"id": "s0", "name": "S0"}}, {{"id": "s1", "name": "S1"}}, {{"id": "s2", "name": "S2"}}, {{"id": "s3", "name": "S3"}}],
              "events": [{{"id": "ev", "name": "Event", "start": "{}", "end": "{}", "blocks": [{blocks}]}}],
              "activities": [{}],
              "rules": {{"subject_gap": {}}}
            }}"#,
            days[ev],
            days[(ev + ev_len).min(9)],
            acts.join(",\n"),
            dice.roll(3),
            away = days[away],
        )
    }

    /// The property the bounds promise: no start that a feasible plan uses lies
    /// outside them, and a group without bounds has no feasible plan at all.
    #[test]
    fn bounds_never_exclude_a_feasible_start() {
        let (mut tried, mut feasible, mut tightened) = (0, 0, 0);
        for seed in 0..600 {
            let text = random_problem(seed);
            let Ok(problem) = Problem::from_text(&text) else {
                continue; // e.g. an activity both before and after the event
            };
            tried += 1;
            let (_, result) = analyse(&problem);
            let starts = feasible_starts(&problem);
            if starts.iter().all(|s| !s.is_empty()) {
                feasible += 1;
            }
            for (b, s) in result.bounds.iter().zip(&starts) {
                if s.is_empty() {
                    continue;
                }
                let (Some(lo), Some(hi)) = (b.earliest, b.latest) else {
                    panic!(
                        "seed {seed}: {} has feasible starts {s:?} but no bounds\n{text}",
                        b.lead
                    );
                };
                for &start in s {
                    assert!(
                        lo <= start && start <= hi,
                        "seed {seed}: {} starts on {start} outside {lo}..{hi}\n{text}",
                        b.lead
                    );
                }
                if (lo, hi) != (d("2024-03-04"), d("2024-03-15")) {
                    tightened += 1;
                }
            }
        }
        // The property was really exercised.
        assert!(tried > 450, "{tried}");
        assert!(feasible > 80, "{tried} {feasible} {tightened}");
        assert!(tightened > 150, "{tightened}");
    }
}
