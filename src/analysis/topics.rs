//! The topic hierarchy: which topics are ancestors of which, so that "land" overlaps
//! "land.compensation" as the format's duplicate rule requires.

use std::collections::HashSet;

use crate::model::index::Index;
use crate::model::Problem;

/// For each topic, the set of its ancestors and itself.
#[derive(Debug, Clone)]
pub struct TopicTree {
    lineage: Vec<HashSet<usize>>,
}

impl TopicTree {
    /// Builds the ancestor closure. Parents form a DAG in a valid problem; a cycle would
    /// only make the closure larger, never loop, since each visit is recorded first.
    pub fn new(problem: &Problem, index: &Index) -> Self {
        let parents: Vec<Vec<usize>> = problem
            .topics
            .iter()
            .map(|t| Index::resolve(&index.topics, &t.parents))
            .collect();
        let lineage = (0..problem.topics.len())
            .map(|start| {
                let mut seen = HashSet::from([start]);
                let mut stack = vec![start];
                while let Some(t) = stack.pop() {
                    for &p in &parents[t] {
                        if seen.insert(p) {
                            stack.push(p);
                        }
                    }
                }
                seen
            })
            .collect();
        TopicTree { lineage }
    }

    /// The topic and its ancestors, ascending.
    pub fn lineage_of(&self, topic: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .lineage
            .get(topic)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        out.sort_unstable();
        out
    }

    /// Whether `ancestor` equals `topic` or is one of its ancestors.
    pub fn is_ancestor_or_self(&self, ancestor: usize, topic: usize) -> bool {
        self.lineage
            .get(topic)
            .is_some_and(|set| set.contains(&ancestor))
    }

    /// Whether two topic lists overlap: some topic of one equals, or is an ancestor
    /// of, some topic of the other.
    pub fn overlap(&self, a: &[usize], b: &[usize]) -> bool {
        a.iter().any(|&x| {
            b.iter()
                .any(|&y| self.is_ancestor_or_self(x, y) || self.is_ancestor_or_self(y, x))
        })
    }

    /// The pairs (topic of `a`, topic of `b`) that overlap, for explanations.
    pub fn overlapping_pairs(&self, a: &[usize], b: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &x in a {
            for &y in b {
                if self.is_ancestor_or_self(x, y) || self.is_ancestor_or_self(y, x) {
                    out.push((x, y));
                }
            }
        }
        out
    }
}
