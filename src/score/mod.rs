//! The v1 rules: hard violations and soft terms.

pub mod evaluate;
pub mod export;
pub mod incremental;
pub mod model;

pub use evaluate::{evaluate, Breach, Detail, Evaluation, Rule, Score, Terms};
pub use incremental::IncrementalScore;
pub use model::{ScoreModel, Target};
