//! Reading the batch CSV: one row per indicator, merged cells filled down, projects streamed out
//! one block at a time.

mod assemble;
mod columns;
mod decode;
mod group;
mod lines;
mod row;

pub use assemble::{Assembler, Block};
pub use columns::{Columns, Field};
pub use decode::{Encoding, open};
pub use group::{Grouper, RawProject};
pub use lines::{LineCounter, Lines};
pub use row::{Row, trimmed};
