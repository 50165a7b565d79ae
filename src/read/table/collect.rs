//! Every record of a table, read but not scored: for commands that take the targets of a table
//! (a fill-in form per project) rather than score it.

use super::{Assembler, Chunks, Columns, Grouper, Next, RowSource};
use crate::error::InputError;
use crate::model::Record;

/// The records of the table whose rows `source` gives under `cols`, in file order; a project
/// that cannot be read is its error, and the rest are still read.
pub fn records<S: RowSource>(
    file: &str,
    cols: Columns,
    source: S,
) -> Vec<Result<Record, InputError>> {
    let assembler = Assembler::new(file, cols.clone());
    let mut chunks = Chunks::new(source, Grouper::new(file, cols, 64));
    let mut out = Vec::new();
    while let Some(next) = chunks.next_chunk() {
        match next {
            Next::Projects(mut chunk) => {
                for raw in std::mem::take(&mut chunk.projects) {
                    out.push(assembler.assemble(&chunk, raw).result);
                }
            }
            Next::Fatal(e) => out.push(Err(e)),
        }
    }
    out
}
