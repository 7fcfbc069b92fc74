//! The compile chain of a problem's structure, in its one order: the index of ids, the
//! topic tree over it, the duplicate pairs the tree reveals, and the grouping those
//! pairs merge into. Scoring, the analysis and the generator all start from it.

use super::groups::{find_duplicates, DuplicatePair, Grouping};
use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::Problem;

/// A problem's index, topic tree, duplicates and groups, derived once.
#[derive(Debug, Clone)]
pub struct Structure {
    /// Positions of ids.
    pub index: Index,
    /// The topic hierarchy.
    pub tree: TopicTree,
    /// The pairs of activities that duplicate each other.
    pub duplicates: Vec<DuplicatePair>,
    /// The groups the duplicates merge into.
    pub grouping: Grouping,
}

impl Structure {
    /// Derives the structure of a problem (validated, or a sketch the generator makes).
    pub fn new(problem: &Problem) -> Self {
        let index = Index::new(problem);
        let tree = TopicTree::new(problem, &index);
        let duplicates = find_duplicates(problem, &index, &tree);
        let grouping = Grouping::new(problem, &index, &duplicates);
        Structure {
            index,
            tree,
            duplicates,
            grouping,
        }
    }
}
