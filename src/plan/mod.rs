//! Plans: the `oversight.plan/1` document, reading one against its problem, scoring it,
//! and explaining each violation in words a planner understands.

pub mod build;
pub mod diff;
pub mod explain;
pub mod infeasible;

pub mod read;
pub mod recommend;
pub mod report;
pub mod solve;
pub mod types;

pub use crate::lang::Lang;
pub use diff::{Moved, PlanDiff};
pub use infeasible::{Conflict, CoreRule};
pub use recommend::Recommendation;
pub use types::{Plan, PlanGroup, Violation, PLAN_FORMAT};
