//! Readers: what users give jixiao, turned into records of the model.
//!
//! - [`project`]: one project per YAML file.
//! - [`table`]: the format-neutral table stage: header words to columns, rows grouped into
//!   projects (merged cells filled down), projects assembled into records. It reads rows from
//!   any [`table::RowSource`].
//! - [`csv`]: the batch CSV, a [`table::RowSource`] (encodings, delimiters, quotes).
//! - [`workbook`]: xlsx, xls and ods: the forms (one project per sheet) and long tables, each
//!   sheet read by the table stage as a [`table::RowSource`].
//!
//! - [`targets`]: a target table in any of these layouts, for the commands that take targets.
//! - [`folder`]: folders given as input, replaced by the files inside that a command reads.
//!
//! A new input format is one new file: a `RowSource` for a table format, or a reader beside
//! `project` for a document format.

pub mod csv;
pub mod folder;
pub mod project;
pub mod table;
pub mod targets;
pub mod workbook;
