//! Id → position maps for every kind of the problem, so the layers above work on
//! integer indices. Built from a validated problem, where every reference resolves.

use std::collections::HashMap;

use super::problem::Problem;

/// Positions of ids, one map per kind.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub bodies: HashMap<String, usize>,
    pub people: HashMap<String, usize>,
    pub topics: HashMap<String, usize>,
    pub areas: HashMap<String, usize>,
    pub subjects: HashMap<String, usize>,
    pub events: HashMap<String, usize>,
    pub activities: HashMap<String, usize>,
}

fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

impl Index {
    /// Indexes every kind of `problem`.
    pub fn new(problem: &Problem) -> Self {
        Index {
            bodies: positions(problem.bodies.iter().map(|x| &x.id)),
            people: positions(problem.people.iter().map(|x| &x.id)),
            topics: positions(problem.topics.iter().map(|x| &x.id)),
            areas: positions(problem.areas.iter().map(|x| &x.id)),
            subjects: positions(problem.subjects.iter().map(|x| &x.id)),
            events: positions(problem.events.iter().map(|x| &x.id)),
            activities: positions(problem.activities.iter().map(|x| &x.id)),
        }
    }

    /// The positions of the ids in `ids` that `map` knows, in order, without repeats.
    pub fn resolve(map: &HashMap<String, usize>, ids: &[String]) -> Vec<usize> {
        let mut out: Vec<usize> = ids.iter().filter_map(|id| map.get(id).copied()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
