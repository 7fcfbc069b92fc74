//! The precedence graph of groups (from `after`/`before` orders), its cycles, and for
//! each group the earliest and latest start a feasible plan could give it.
//!
//! Bounds come from each group's unary rules (working day, horizon, windows, fixed
//! starts) tightened along the orders until nothing changes. A group's days grow with
//! its start, so "r's earliest last day + 1 + gap" is the least first day an `after r`
//! allows, and symmetrically backwards: the bounds never exclude a start a feasible
//! plan could use.

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use super::groups::Grouping;
use crate::calendar::working::Day;
use crate::calendar::WorkCalendar;
use crate::model::index::Index;
use crate::model::Problem;

/// An order between two groups, or between a group and an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Group(usize),
    Event(usize),
}

/// Earliest and latest feasible start of a group (None when nothing is feasible).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StartBounds {
    pub lead: String,
    pub earliest: Option<chrono::NaiveDate>,
    pub latest: Option<chrono::NaiveDate>,
}

/// The precedence analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Precedence {
    /// Each cycle of orders as the leads of its groups (an order between two activities
    /// merged into one group is a cycle of one).
    pub cycles: Vec<Vec<String>>,
    pub bounds: Vec<StartBounds>,
}

/// Analyses the orders of a validated problem.
pub fn precedence(
    problem: &Problem,
    index: &Index,
    grouping: &Grouping,
    calendar: &WorkCalendar,
) -> Precedence {
    let groups = &grouping.groups;
    let n = groups.len();
    let mut graph: DiGraph<Node, i64> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..n).map(|g| graph.add_node(Node::Group(g))).collect();
    let events: Vec<NodeIndex> = (0..problem.events.len())
        .map(|e| graph.add_node(Node::Event(e)))
        .collect();
    let node_of = |id: &str| -> Option<NodeIndex> {
        index
            .activities
            .get(id)
            .map(|&a| nodes[grouping.group_of[a]])
            .or_else(|| index.events.get(id).map(|&e| events[e]))
    };
    for (a, act) in problem.activities.iter().enumerate() {
        let own = nodes[grouping.group_of[a]];
        for o in &act.after {
            if let Some(r) = node_of(&o.reference) {
                graph.add_edge(r, own, i64::from(o.gap));
            }
        }
        for o in &act.before {
            if let Some(r) = node_of(&o.reference) {
                graph.add_edge(own, r, i64::from(o.gap));
            }
        }
    }
    let lead = |g: usize| problem.activities[groups[g].lead].id.clone();
    let mut cycles = Vec::new();
    for component in petgraph::algo::kosaraju_scc(&graph) {
        let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
        if component.len() > 1 || self_loop {
            let mut leads: Vec<usize> = component
                .iter()
                .filter_map(|&i| match graph[i] {
                    Node::Group(g) => Some(g),
                    Node::Event(_) => None,
                })
                .collect();
            leads.sort_unstable();
            cycles.push(leads.into_iter().map(lead).collect());
        }
    }

    // Unary bounds: the valid starts of each group.
    let valid: Vec<Vec<Day>> = (0..n)
        .map(|g| {
            let group = &groups[g];
            calendar
                .working_days()
                .iter()
                .copied()
                .filter(|&s| calendar.start_is_valid(s, group.duration))
                .filter(|&s| {
                    let days = calendar.span(s, group.duration);
                    let (first, last) = (days[0], days[days.len() - 1]);
                    group.activities.iter().all(|&a| {
                        let act = &problem.activities[a];
                        let w = act.window.unwrap_or(problem.horizon);
                        calendar.day(w.start) <= first
                            && last <= calendar.day(w.end)
                            && act.fixed_start.is_none_or(|f| calendar.day(f) == first)
                    })
                })
                .collect()
        })
        .collect();
    let last_of = |g: usize, s: Day| {
        calendar
            .span(s, groups[g].duration)
            .last()
            .copied()
            .unwrap_or(s)
    };
    let mut lo: Vec<Option<usize>> = valid.iter().map(|v| (!v.is_empty()).then_some(0)).collect();
    let mut hi: Vec<Option<usize>> = valid.iter().map(|v| v.len().checked_sub(1)).collect();
    let bounds_of = |node: Node,
                     lo: &[Option<usize>],
                     hi: &[Option<usize>]|
     -> Option<((Day, Day), (Day, Day))> {
        // ((earliest first, earliest last), (latest first, latest last))
        match node {
            Node::Group(g) => {
                let (l, h) = (lo[g]?, hi[g]?);
                let (s, t) = (valid[g][l], valid[g][h]);
                Some(((s, last_of(g, s)), (t, last_of(g, t))))
            }
            Node::Event(e) => {
                let ev = &problem.events[e];
                let r = (calendar.day(ev.start), calendar.day(ev.end));
                Some((r, r))
            }
        }
    };
    // Propagate to a fixpoint; each round only raises `lo` or lowers `hi`, so it ends.
    for _ in 0..=n + events.len() {
        let mut changed = false;
        for edge in graph.edge_indices() {
            let Some((from, to)) = graph.edge_endpoints(edge) else {
                continue;
            };
            let gap = graph[edge];
            let (Some(fb), Some(tb)) = (
                bounds_of(graph[from], &lo, &hi),
                bounds_of(graph[to], &lo, &hi),
            ) else {
                continue;
            };
            // `to` starts at least gap + 1 days after `from`'s earliest last day.
            if let Node::Group(g) = graph[to] {
                let least = i64::from(fb.0 .1) + 1 + gap;
                let at = valid[g].partition_point(|&s| i64::from(s) < least);
                if lo[g].is_some_and(|l| at > l) {
                    lo[g] = Some(at);
                    changed = true;
                }
            }
            // `from` ends at least gap + 1 days before `to`'s latest first day.
            if let Node::Group(g) = graph[from] {
                let most = i64::from(tb.1 .0) - 1 - gap;
                let count = valid[g].partition_point(|&s| i64::from(last_of(g, s)) <= most);
                if hi[g].is_some_and(|h| count <= h) {
                    hi[g] = count.checked_sub(1);
                    changed = true;
                }
            }
        }
        for g in 0..n {
            if let (Some(l), Some(h)) = (lo[g], hi[g]) {
                if l > h {
                    lo[g] = None;
                    hi[g] = None;
                }
            } else if lo[g].is_some() || hi[g].is_some() {
                lo[g] = None;
                hi[g] = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let bounds = (0..n)
        .map(|g| StartBounds {
            lead: lead(g),
            earliest: lo[g].map(|l| calendar.date(valid[g][l])),
            latest: hi[g].map(|h| calendar.date(valid[g][h])),
        })
        .collect();
    Precedence { cycles, bounds }
}
