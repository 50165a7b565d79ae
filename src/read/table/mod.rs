//! The table stage, format-neutral: one row per indicator, header words in English or as on the
//! forms, merged cells filled down, projects streamed out one block at a time. Rows come from a
//! [`RowSource`] (CSV today); [`Chunks`] groups them into chunks of projects and [`Assembler`]
//! makes records of them.

mod assemble;
mod chunks;
mod collect;
mod columns;
mod group;
mod row;
mod seen;

pub use assemble::{Assembler, Block};
pub use chunks::{Broken, Chunks, Next, RowSource, SourceRow};
pub use collect::records;
pub use columns::{Columns, Field, key};
pub use group::{Grouper, RawChunk, RawProject};
pub use row::Row;
