//! # oversight
//!
//! Plans and harmonises the annual supervision programmes of a Vietnamese province's
//! elected bodies: the National Assembly delegation (Đoàn ĐBQH), the People's Council
//! Standing Committee (Thường trực HĐND) and the council's committees (các Ban HĐND).
//!
//! The layers, each depending only on those before it:
//!
//! | module | job |
//! |---|---|
//! | [`model`] | the `oversight.problem/1` types, reading and consistency checks |
//! | [`calendar`] | the Vietnamese lunar calendar, public holidays, working days |
//! | [`analysis`] | groups (merges), duplicates, overlaps, repeats, loads, precedence |
//! | [`rules`] | each hard rule and soft term: its name and predicate, written once |
//! | [`score`] | the v1 scorers, full and incremental, over the rules |
//! | [`solve`] | candidate starts, the local search and infeasibility cores |
//! | [`plan`] | plans, violations and their explanations, `oversight.plan/1` |
//!
//! The format is the contract: `docs/FORMAT.md`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod calendar;
pub mod error;
pub mod export;
mod files;
pub mod generate;
pub mod lang;
pub mod model;
pub mod plan;
pub mod rules;
pub mod score;
pub mod solve;
pub mod text;
mod validate;
pub mod workbook;

#[cfg(feature = "python")]
mod python;

pub use error::{Document, Error, Fault, Result};
pub use model::{Problem, Syntax};
pub use plan::{Lang, Plan, PlanGroup, Violation};
pub use score::{Rule, Score, Terms};
