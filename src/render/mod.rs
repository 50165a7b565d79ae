//! Renderers: a report (or a rubric, or a rule's doc) turned into what a person or a program
//! reads. Each format is one file; the words all of them share are in [`crate::report::labels`].
//!
//! - [`table`]: the scorecard, the re-check and a rubric as aligned text tables.
//! - [`json`]: one JSON object per report, numbers written exactly.
//! - [`csv_rows`]: the batch's project and indicator rows (CSV, and JSON lines).
//! - [`cell_guard`]: text from the forms kept from starting a spreadsheet formula.
//! - [`explain`]: the rules' docs, as `explain` prints them.
//! - [`html`]: the self-contained HTML report (overview, review opinions, rows).
//! - [`review`]: `jixiao review`'s linter view and JSON.

pub mod cell_guard;
pub mod csv_rows;
pub mod explain;
pub mod form_xlsx;
pub mod html;
pub mod json;
pub mod monitor;
pub mod review;
pub mod table;
pub mod xlsx;
