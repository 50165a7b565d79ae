//! Renderers: a report (or a rubric, or a rule's doc) turned into what a person or a program
//! reads. Each format is one file.
//!
//! - [`table`]: the scorecard, the re-check and a rubric as aligned text tables.
//! - [`json`]: one JSON object per report, numbers written exactly.
//! - [`csv_rows`]: the batch's project and indicator rows (CSV, and JSON lines).

pub mod csv_rows;
pub mod json;
pub mod table;
