//! Reading the batch CSV: one row per indicator, merged cells filled down, projects streamed out
//! one block at a time.

mod assemble;
mod columns;
mod decode;
mod group;
mod records;
mod row;
mod scan;

pub use assemble::{Assembler, Block};
pub use columns::{Columns, Field};
pub use decode::{Encoding, open};
pub use group::{Grouper, RawChunk, RawProject};
pub use records::{Record, Records};
pub use row::Row;
