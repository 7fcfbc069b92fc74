//! Duplicates and groups, exactly as the format defines them.
//!
//! Two activities of different bodies are duplicates when they share a subject and
//! their topics overlap. With `merge: auto` each connected component of the duplicate
//! graph is one group, run as one joint activity; with `merge: off` every activity is
//! its own group. Scheduling is done on groups.

use std::collections::{BTreeSet, HashMap};

use petgraph::unionfind::UnionFind;

use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::{MergePolicy, Problem};

/// A pair of activities that duplicate each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePair {
    /// Activity positions, `first < second`.
    pub first: usize,
    pub second: usize,
    /// Subjects both supervise (positions).
    pub subjects: Vec<usize>,
    /// Overlapping topic pairs (topic of `first`, topic of `second`).
    pub topics: Vec<(usize, usize)>,
}

/// Every duplicate pair, in order of the first activity then the second.
///
/// Candidates are found through the subjects they share, so the cost follows the number
/// of activities per subject rather than the square of all activities.
pub fn find_duplicates(problem: &Problem, index: &Index, tree: &TopicTree) -> Vec<DuplicatePair> {
    let mut by_subject: HashMap<usize, Vec<usize>> = HashMap::new();
    let subjects: Vec<Vec<usize>> = problem
        .activities
        .iter()
        .map(|a| Index::resolve(&index.subjects, &a.subjects))
        .collect();
    let topics: Vec<Vec<usize>> = problem
        .activities
        .iter()
        .map(|a| Index::resolve(&index.topics, &a.topics))
        .collect();
    for (i, list) in subjects.iter().enumerate() {
        for &s in list {
            by_subject.entry(s).or_default().push(i);
        }
    }
    let mut candidates = BTreeSet::new();
    for list in by_subject.values() {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                if problem.activities[a].body != problem.activities[b].body {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let pairs = tree.overlapping_pairs(&topics[a], &topics[b]);
            if pairs.is_empty() {
                return None;
            }
            let shared: Vec<usize> = subjects[a]
                .iter()
                .copied()
                .filter(|s| subjects[b].contains(s))
                .collect();
            Some(DuplicatePair {
                first: a,
                second: b,
                subjects: shared,
                topics: pairs,
            })
        })
        .collect()
}

/// One group: a single activity, or duplicates merged into a joint activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The leading activity: its body has the smallest rank, then its id is smallest.
    pub lead: usize,
    /// Every activity of the group: the lead first, then the others ordered by id.
    pub activities: Vec<usize>,
    /// The body of the lead.
    pub lead_body: usize,
    /// Union of the members (person positions, ascending).
    pub members: Vec<usize>,
    /// Union of the subjects.
    pub subjects: Vec<usize>,
    /// Union of the topics.
    pub topics: Vec<usize>,
    /// Areas visited: the activities' `areas` plus the area of each subject.
    pub areas: Vec<usize>,
    /// Union of the invites and the group's other bodies, minus the lead's body
    /// (body positions, ordered by body id).
    pub invite: Vec<usize>,
    /// The longest duration of the group's activities.
    pub duration: u32,
}

/// The problem's groups and, for each activity, the group that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    /// Ordered by the position of their lead in the problem.
    pub groups: Vec<Group>,
    /// `group_of[activity]` is the position of the activity's group.
    pub group_of: Vec<usize>,
}

impl Grouping {
    /// Groups the activities of a validated problem per its `merge` rule.
    pub fn new(problem: &Problem, index: &Index, duplicates: &[DuplicatePair]) -> Self {
        let n = problem.activities.len();
        let mut components = UnionFind::<usize>::new(n);
        if problem.rules.merge == MergePolicy::Auto {
            for d in duplicates {
                components.union(d.first, d.second);
            }
        }
        let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        for a in 0..n {
            members_of[components.find(a)].push(a);
        }
        let body_of = |a: usize| {
            index
                .bodies
                .get(&problem.activities[a].body)
                .copied()
                .unwrap_or(0)
        };
        let rank_of = |a: usize| problem.bodies.get(body_of(a)).map_or(u32::MAX, |b| b.rank);
        let mut groups: Vec<Group> = members_of
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(|mut acts| {
                acts.sort_by(|&x, &y| problem.activities[x].id.cmp(&problem.activities[y].id));
                let lead = acts
                    .iter()
                    .copied()
                    .min_by(|&x, &y| {
                        rank_of(x)
                            .cmp(&rank_of(y))
                            .then_with(|| problem.activities[x].id.cmp(&problem.activities[y].id))
                    })
                    .unwrap_or(acts[0]);
                // The lead first, then the others by id, as plans list them.
                if let Some(at) = acts.iter().position(|&a| a == lead) {
                    acts[..=at].rotate_right(1);
                }
                Self::merge(problem, index, lead, acts, body_of(lead))
            })
            .collect();
        groups.sort_by_key(|g| g.lead);
        let mut group_of = vec![0; n];
        for (g, group) in groups.iter().enumerate() {
            for &a in &group.activities {
                group_of[a] = g;
            }
        }
        Grouping { groups, group_of }
    }

    fn merge(
        problem: &Problem,
        index: &Index,
        lead: usize,
        activities: Vec<usize>,
        lead_body: usize,
    ) -> Group {
        let mut members = BTreeSet::new();
        let mut subjects = BTreeSet::new();
        let mut topics = BTreeSet::new();
        let mut areas = BTreeSet::new();
        let mut invite = BTreeSet::new();
        let mut duration = 0;
        for &a in &activities {
            let act = &problem.activities[a];
            members.extend(Index::resolve(&index.people, &act.members));
            let subj = Index::resolve(&index.subjects, &act.subjects);
            for &s in &subj {
                if let Some(area) = problem.subjects[s].area.as_ref() {
                    areas.extend(index.areas.get(area).copied());
                }
            }
            subjects.extend(subj);
            topics.extend(Index::resolve(&index.topics, &act.topics));
            areas.extend(Index::resolve(&index.areas, &act.areas));
            invite.extend(Index::resolve(&index.bodies, &act.invite));
            invite.extend(index.bodies.get(&act.body).copied());
            duration = duration.max(act.duration);
        }
        invite.remove(&lead_body);
        let mut invite: Vec<usize> = invite.into_iter().collect();
        invite.sort_by(|&x, &y| problem.bodies[x].id.cmp(&problem.bodies[y].id));
        Group {
            lead,
            activities,
            lead_body,
            members: members.into_iter().collect(),
            subjects: subjects.into_iter().collect(),
            topics: topics.into_iter().collect(),
            areas: areas.into_iter().collect(),
            invite,
            duration,
        }
    }
}
