//! Topic-only overlaps: activities of different bodies on overlapping topics at
//! different agencies. Not duplicates, but worth a look when harmonising (one body could
//! invite the other, or results could be shared).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::Problem;

/// Two activities of different bodies whose topics overlap but share no subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicOverlap {
    pub activities: [String; 2],
    pub bodies: [String; 2],
    /// Overlapping topic pairs (topic of the first, topic of the second).
    pub topics: Vec<[String; 2]>,
}

/// Every topic-only overlap, ordered by the activities' positions. Candidates come from
/// an index over topic lineages (each activity is filed under its topics and their
/// ancestors), so unrelated activities are never compared.
pub fn topic_overlaps(problem: &Problem, index: &Index, tree: &TopicTree) -> Vec<TopicOverlap> {
    let acts = &problem.activities;
    let topics: Vec<Vec<usize>> = acts
        .iter()
        .map(|a| Index::resolve(&index.topics, &a.topics))
        .collect();
    let subjects: Vec<Vec<usize>> = acts
        .iter()
        .map(|a| Index::resolve(&index.subjects, &a.subjects))
        .collect();
    // An activity on topic t is filed under t and every ancestor of t: two activities
    // overlap exactly when one's topic is filed where the other's topic itself is.
    let mut filed: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, list) in topics.iter().enumerate() {
        let mut under = BTreeSet::new();
        for &t in list {
            under.extend(tree.lineage_of(t));
        }
        for t in under {
            filed.entry(t).or_default().push(a);
        }
    }
    let mut pairs = BTreeSet::new();
    for (a, list) in topics.iter().enumerate() {
        for t in list {
            for &b in filed.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                if a != b && acts[a].body != acts[b].body {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs
        .into_iter()
        .filter(|&(a, b)| !subjects[a].iter().any(|s| subjects[b].contains(s)))
        .map(|(a, b)| TopicOverlap {
            activities: [acts[a].id.clone(), acts[b].id.clone()],
            bodies: [acts[a].body.clone(), acts[b].body.clone()],
            topics: tree
                .overlapping_pairs(&topics[a], &topics[b])
                .into_iter()
                .map(|(x, y)| [problem.topics[x].id.clone(), problem.topics[y].id.clone()])
                .collect(),
        })
        .collect()
}
