//! Plans as other software reads them: a row per activity (the basis of data frames
//! and CSV), RFC 5545 calendars, and CSV files. The Excel workbook lives in
//! `crate::workbook`.

pub mod csv;
pub mod ics;
pub mod programme;
pub mod table;

pub use table::{activity_rows, ActivityRow};
