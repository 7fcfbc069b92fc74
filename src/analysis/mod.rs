//! What can be learnt from a problem before scheduling it: the topic hierarchy,
//! duplicates and groups (merges).

pub mod groups;
pub mod topics;

pub use groups::{find_duplicates, DuplicatePair, Group, Grouping};
pub use topics::TopicTree;
