//! The format's consistency rules that need no calendar: unique ids, references that
//! resolve, ranges that do not run backwards, dates inside the horizon, acyclic topic
//! parents and acyclic `after`/`before` references. Every fault is collected.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use petgraph::graphmap::DiGraphMap;

use super::document::index;
use super::problem::{DateRange, Problem};
use crate::error::Fault;

/// Ids of one kind, with the path where each was first declared.
struct IdTable<'p> {
    kind: &'static str,
    first: HashMap<&'p str, String>,
}

impl<'p> IdTable<'p> {
    fn build(
        kind: &'static str,
        list: &str,
        ids: impl Iterator<Item = &'p str>,
        faults: &mut Vec<Fault>,
    ) -> Self {
        let mut first: HashMap<&'p str, String> = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = index(list, i);
            if id.is_empty() {
                faults.push(Fault::new(
                    format!("{path}.id"),
                    format!("the {kind} id is empty"),
                ));
                continue;
            }
            match first.get(id) {
                Some(at) => faults.push(Fault::new(
                    format!("{path}.id"),
                    format!("duplicate {kind} id \"{id}\" (first declared at {at})"),
                )),
                None => {
                    first.insert(id, path);
                }
            }
        }
        IdTable { kind, first }
    }

    fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }
}

/// Checks references of one kind; ids dropped during decoding count as known so that
/// a malformed element is reported once, not again at every place that names it.
struct RefChecker<'a, 'p> {
    faults: &'a mut Vec<Fault>,
    dropped: &'a HashSet<String>,
    _problem: std::marker::PhantomData<&'p ()>,
}

impl RefChecker<'_, '_> {
    fn check(&mut self, table: &IdTable<'_>, id: &str, path: String) {
        if !table.contains(id) && !self.dropped.contains(id) {
            self.faults
                .push(Fault::new(path, format!("unknown {} \"{id}\"", table.kind)));
        }
    }

    fn check_all(&mut self, table: &IdTable<'_>, ids: &[String], list_path: &str) {
        for (j, id) in ids.iter().enumerate() {
            self.check(table, id, index(list_path, j));
        }
    }
}

/// Runs every calendar-free consistency check on `problem`.
pub fn check_problem(problem: &Problem, dropped: &HashSet<String>, faults: &mut Vec<Fault>) {
    let p = problem;
    let bodies = IdTable::build(
        "body",
        "bodies",
        p.bodies.iter().map(|b| b.id.as_str()),
        faults,
    );
    let people = IdTable::build(
        "person",
        "people",
        p.people.iter().map(|x| x.id.as_str()),
        faults,
    );
    let topics = IdTable::build(
        "topic",
        "topics",
        p.topics.iter().map(|x| x.id.as_str()),
        faults,
    );
    let areas = IdTable::build(
        "area",
        "areas",
        p.areas.iter().map(|x| x.id.as_str()),
        faults,
    );
    let subjects = IdTable::build(
        "subject",
        "subjects",
        p.subjects.iter().map(|x| x.id.as_str()),
        faults,
    );
    let events = IdTable::build(
        "event",
        "events",
        p.events.iter().map(|x| x.id.as_str()),
        faults,
    );
    let activities = IdTable::build(
        "activity",
        "activities",
        p.activities.iter().map(|x| x.id.as_str()),
        faults,
    );
    IdTable::build(
        "history entry",
        "history",
        p.history.iter().map(|x| x.id.as_str()),
        faults,
    );

    let horizon = p.horizon;
    let horizon_ok = check_range(&horizon, "horizon", faults);
    let inside = |date: NaiveDate, path: String, faults: &mut Vec<Fault>| {
        if horizon_ok && !horizon.contains(date) {
            faults.push(Fault::new(
                path,
                format!(
                    "{date} lies outside the horizon {} – {}",
                    horizon.start, horizon.end
                ),
            ));
        }
    };

    for (i, d) in p.calendar.days_off.iter().enumerate() {
        inside(*d, index("calendar.days_off", i), faults);
    }
    for (i, d) in p.calendar.workdays.iter().enumerate() {
        inside(*d, index("calendar.workdays", i), faults);
    }

    let mut refs = RefChecker {
        faults,
        dropped,
        _problem: std::marker::PhantomData,
    };

    for (i, body) in p.bodies.iter().enumerate() {
        if body.max_parallel == 0 {
            refs.faults.push(Fault::new(
                format!("bodies[{i}].max_parallel"),
                "max_parallel must be at least 1 (a body that may lead nothing cannot hold its programme)",
            ));
        }
    }

    for (i, person) in p.people.iter().enumerate() {
        refs.check_all(&bodies, &person.bodies, &format!("people[{i}].bodies"));
        for (j, range) in person.unavailable.iter().enumerate() {
            check_range(range, &format!("people[{i}].unavailable[{j}]"), refs.faults);
        }
    }

    for (i, topic) in p.topics.iter().enumerate() {
        refs.check_all(&topics, &topic.parents, &format!("topics[{i}].parents"));
    }

    for (i, subject) in p.subjects.iter().enumerate() {
        if let Some(area) = &subject.area {
            refs.check(&areas, area, format!("subjects[{i}].area"));
        }
    }

    for (i, event) in p.events.iter().enumerate() {
        let path = format!("events[{i}]");
        if check_range(&event.range(), &path, refs.faults) {
            inside(event.start, format!("{path}.start"), refs.faults);
            inside(event.end, format!("{path}.end"), refs.faults);
        }
        for (j, b) in event.blocks.iter().enumerate() {
            if b != "*" {
                refs.check(&bodies, b, format!("{path}.blocks[{j}]"));
            }
        }
    }

    for (i, a) in p.activities.iter().enumerate() {
        let path = format!("activities[{i}]");
        refs.check(&bodies, &a.body, format!("{path}.body"));
        refs.check_all(&topics, &a.topics, &format!("{path}.topics"));
        refs.check_all(&subjects, &a.subjects, &format!("{path}.subjects"));
        refs.check_all(&areas, &a.areas, &format!("{path}.areas"));
        refs.check_all(&people, &a.members, &format!("{path}.members"));
        refs.check_all(&bodies, &a.invite, &format!("{path}.invite"));
        if a.duration < 1 {
            refs.faults.push(Fault::new(
                format!("{path}.duration"),
                "the duration must be at least 1 working day",
            ));
        }
        for (field, range) in [("window", &a.window), ("preferred", &a.preferred)] {
            if let Some(range) = range {
                let rp = format!("{path}.{field}");
                if check_range(range, &rp, refs.faults) {
                    inside(range.start, format!("{rp}.start"), refs.faults);
                    inside(range.end, format!("{rp}.end"), refs.faults);
                }
            }
        }
        if let Some(fixed) = a.fixed_start {
            inside(fixed, format!("{path}.fixed_start"), refs.faults);
        }
        for (field, items) in [("after", &a.after), ("before", &a.before)] {
            for (j, item) in items.iter().enumerate() {
                let rp = format!("{path}.{field}[{j}].ref");
                let r = item.reference.as_str();
                match (activities.contains(r), events.contains(r)) {
                    (true, true) => refs.faults.push(Fault::new(
                        rp,
                        format!("\"{r}\" names both an activity and an event; rename one of them"),
                    )),
                    (false, false) if !dropped.contains(r) => refs
                        .faults
                        .push(Fault::new(rp, format!("unknown activity or event \"{r}\""))),
                    _ => {}
                }
            }
        }
    }

    for (i, h) in p.history.iter().enumerate() {
        let path = format!("history[{i}]");
        refs.check(&bodies, &h.body, format!("{path}.body"));
        refs.check_all(&topics, &h.topics, &format!("{path}.topics"));
        refs.check_all(&subjects, &h.subjects, &format!("{path}.subjects"));
        let range = DateRange {
            start: h.start,
            end: h.end,
        };
        if check_range(&range, &path, refs.faults) && horizon_ok && h.end >= horizon.start {
            refs.faults.push(Fault::new(
                format!("{path}.end"),
                format!(
                    "a past supervision must end before the horizon starts ({}), found {}",
                    horizon.start, h.end
                ),
            ));
        }
    }

    check_topic_cycles(p, faults);
    check_precedence_cycles(p, faults);
    super::weights::check_weights(p, faults);
}

/// A range whose end is before its start is a fault at `<path>.end`. Returns whether
/// the range is well formed.
fn check_range(range: &DateRange, path: &str, faults: &mut Vec<Fault>) -> bool {
    if range.end < range.start {
        faults.push(Fault::new(
            format!("{path}.end"),
            format!("the end {} is before the start {}", range.end, range.start),
        ));
        false
    } else {
        true
    }
}

/// Reports each cycle of `graph` once, at the path of the edge that closes it.
fn report_cycles(
    graph: &DiGraphMap<usize, usize>,
    edge_paths: &[String],
    name: impl Fn(usize) -> String,
    what: &str,
    faults: &mut Vec<Fault>,
) {
    // Kosaraju's search is iterative: a 100,000-link chain must not overflow the stack.
    for component in petgraph::algo::kosaraju_scc(graph) {
        let is_cycle = component.len() > 1
            || component
                .first()
                .is_some_and(|&n| graph.contains_edge(n, n));
        if !is_cycle {
            continue;
        }
        let members: HashSet<usize> = component.iter().copied().collect();
        let Some(&start) = component.iter().min() else {
            continue;
        };
        let cycle = shortest_cycle(graph, start, &members);
        let closing_edge = cycle
            .windows(2)
            .last()
            .and_then(|w| graph.edge_weight(w[0], w[1]))
            .copied();
        let path = closing_edge
            .and_then(|e| edge_paths.get(e).cloned())
            .unwrap_or_else(|| "$".to_string());
        let names: Vec<String> = cycle.iter().map(|&n| format!("\"{}\"", name(n))).collect();
        faults.push(Fault::new(
            path,
            format!("{what} form a cycle: {}", names.join(" → ")),
        ));
    }
}

/// The shortest walk start → … → start inside `members` (breadth-first), with `start`
/// at both ends; `[start, start]` for a self-loop.
fn shortest_cycle(
    graph: &DiGraphMap<usize, usize>,
    start: usize,
    members: &HashSet<usize>,
) -> Vec<usize> {
    let mut cycle = super::cycle::shortest_cycle(start, |node| {
        graph.neighbors(node).filter(|next| members.contains(next))
    })
    .unwrap_or_else(|| vec![start]);
    cycle.push(start);
    cycle
}

fn check_topic_cycles(p: &Problem, faults: &mut Vec<Fault>) {
    let position: HashMap<&str, usize> = p
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut graph = DiGraphMap::new();
    let mut edge_paths = Vec::new();
    for (i, topic) in p.topics.iter().enumerate() {
        graph.add_node(i);
        for (j, parent) in topic.parents.iter().enumerate() {
            if let Some(&pi) = position.get(parent.as_str()) {
                graph.add_edge(pi, i, edge_paths.len());
                edge_paths.push(format!("topics[{i}].parents[{j}]"));
            }
        }
    }
    report_cycles(
        &graph,
        &edge_paths,
        |n| p.topics[n].id.clone(),
        "topic parents",
        faults,
    );
}

fn check_precedence_cycles(p: &Problem, faults: &mut Vec<Fault>) {
    // Nodes: activities 0..n, then events n..n+m. `a after r` is the edge r → a and
    // `a before r` the edge a → r, so a cycle is a set of orders that cannot all hold.
    let n = p.activities.len();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, e) in p.events.iter().enumerate() {
        position.insert(e.id.as_str(), n + i);
    }
    for (i, a) in p.activities.iter().enumerate() {
        position.insert(a.id.as_str(), i);
    }
    let name = |node: usize| {
        if node < n {
            p.activities[node].id.clone()
        } else {
            p.events[node - n].id.clone()
        }
    };
    let mut graph = DiGraphMap::new();
    let mut edge_paths = Vec::new();
    for (i, a) in p.activities.iter().enumerate() {
        graph.add_node(i);
        for (j, item) in a.after.iter().enumerate() {
            if let Some(&r) = position.get(item.reference.as_str()) {
                graph.add_edge(r, i, edge_paths.len());
                edge_paths.push(format!("activities[{i}].after[{j}].ref"));
            }
        }
        for (j, item) in a.before.iter().enumerate() {
            if let Some(&r) = position.get(item.reference.as_str()) {
                graph.add_edge(i, r, edge_paths.len());
                edge_paths.push(format!("activities[{i}].before[{j}].ref"));
            }
        }
    }
    report_cycles(&graph, &edge_paths, name, "after/before references", faults);
}
