//! What can be learnt from a problem before scheduling it: the topic hierarchy,
//! duplicates and groups (merges), topic overlaps, look-back repeats, loads and the
//! precedence graph.

pub mod groups;
pub mod load;
pub mod overlaps;
pub mod precedence;
pub mod repeats;
pub mod report;
pub mod topics;

pub use groups::{find_duplicates, DuplicatePair, Group, Grouping};
pub use report::{analyze, Analysis};
pub use topics::TopicTree;
