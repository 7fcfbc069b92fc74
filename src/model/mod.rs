//! The problem model: the `oversight.problem/1` types, reading documents, and the
//! consistency checks that need no calendar.

pub mod check;
pub(crate) mod cycle;
pub mod decode;
pub mod document;
pub mod index;
pub mod iso_date;
pub mod nfc;
pub mod problem;
mod weights;

pub use document::Syntax;
pub use problem::*;
