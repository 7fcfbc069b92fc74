//! The rules of the format, one file each: the hard rules (`calendar`, `window`,
//! `fixed`, `blocked`, `person`, `parallel`, `subject_gap`, `order` for `after` and
//! `before`) and the soft terms (`balance`, `area`, `invite`, `preferred`, `moves` for
//! `move` and `shift`). Each file holds the rule's name, which groups it concerns and
//! its predicate over first/last days and spans; the full scorer, the incremental
//! scorer, the exact core search, the domains, the analysis and the generator all call
//! these, so a rule's formula is written once. The predicates are small `#[inline]`
//! functions so that the incremental scorer's loops stay as fast as hand-written ones.
//!
//! The readings are in `docs/FORMAT.md` and `docs/INTERPRETATION.md`.

pub mod area;
pub mod balance;
pub mod blocked;
pub mod calendar;
pub mod fixed;
pub mod invite;
pub mod moves;
pub mod order;
pub mod parallel;
pub mod person;
pub mod preferred;
pub mod subject_gap;
pub mod window;
