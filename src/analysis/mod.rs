//! What can be learnt from a problem before scheduling it: the topic hierarchy,
//! duplicates and groups (merges), topic overlaps, look-back repeats, loads and the
//! precedence graph.

pub mod groups;
pub mod load;
pub mod overlaps;
pub mod precedence;
pub mod repeats;
pub mod report;
pub mod structure;
pub mod topics;

pub use groups::{find_duplicates, DuplicatePair, Group, Grouping};
pub use load::{cannot_fit, person_loads, visit_loads, CannotFit, PersonLoad, VisitLoad};
pub use overlaps::{topic_overlaps, TopicOverlap};
pub use precedence::{
    candidate_starts, precedence, start_ranges, OrderEdge, OrderKind, OrderLink, Precedence,
    PrecedenceGraph, PrecedenceNode, StartBounds, StartRange,
};
pub use repeats::{repeat_cutoff, repeats, Repeat};
pub use report::{analyze, Analysis, Duplicate, GroupSummary};
pub use structure::Structure;
pub use topics::TopicTree;
