//! Rows from any source grouped into chunks of projects: the seam a new table format joins by
//! implementing [`RowSource`].

use super::{Grouper, RawChunk, Row};
use crate::error::InputError;
use crate::i18n::Text;

/// One row of a table as its source read it.
pub struct SourceRow<'a> {
    /// Where it is: the 1-based line of a text file (or row of a sheet).
    pub line: u64,
    pub row: Row<'a>,
    /// What is wrong with the row as read (a cell not in the file's encoding, an unclosed
    /// quote): its project is put in error with this message.
    pub problem: Option<Text>,
}

/// The input broke off (an I/O error, a line too long): why, and at which line.
pub struct Broken {
    pub cause: Text,
    pub line: u64,
}

/// A table read one row at a time: its rows after the header, with their positions.
pub trait RowSource {
    /// Reads the next row that carries something (blank rows are skipped) and hands it to
    /// `take`; `Ok(None)` at the end of the table.
    fn next_row<T>(&mut self, take: impl FnOnce(SourceRow<'_>) -> T) -> Result<Option<T>, Broken>;
}

/// What [`Chunks`] hands out: projects, or the error that broke the input off.
pub enum Next {
    Projects(RawChunk),
    /// The input broke off: what was read before is handed out first.
    Fatal(InputError),
}

/// Rows of a source grouped into chunks of projects, one chunk each time one is asked for.
pub struct Chunks<S> {
    source: S,
    grouper: Grouper,
    /// Rows read so far (blank rows not counted).
    pub rows: u64,
    /// What is left to hand out once the input has ended or broken off.
    ending: Vec<Next>,
    ended: bool,
}

impl<S: RowSource> Chunks<S> {
    pub fn new(source: S, grouper: Grouper) -> Chunks<S> {
        Chunks {
            source,
            grouper,
            rows: 0,
            ending: Vec::new(),
            ended: false,
        }
    }

    /// Takes back a chunk whose projects are read, to hold a later one.
    pub fn recycle(&mut self, chunk: RawChunk) {
        self.grouper.recycle(chunk);
    }

    /// The next chunk of projects, in file order; after the last, the error that broke the
    /// input off, if one did; then `None`.
    pub fn next_chunk(&mut self) -> Option<Next> {
        if self.ended {
            return self.ending.pop();
        }
        let Chunks {
            source,
            grouper,
            rows,
            ..
        } = self;
        loop {
            let pushed = source.next_row(|r| {
                *rows += 1;
                let problem = r.problem.map(|t| {
                    Box::new(InputError::new(grouper.file(), t).at(Some(r.line as usize), None))
                });
                grouper.push(r.line, &r.row, problem)
            });
            match pushed {
                Ok(Some(Some(chunk))) => return Some(Next::Projects(chunk)),
                Ok(Some(None)) => {}
                Ok(None) => break,
                Err(b) => {
                    // handed out last first: the chunk read, then the error
                    self.ending.push(Next::Fatal(
                        InputError::new(
                            grouper.file(),
                            Text::new(
                                format!("读取中断，其后的行未读：{}", b.cause.zh),
                                format!(
                                    "reading stopped, the rows after it are not read: {}",
                                    b.cause.en
                                ),
                            ),
                        )
                        .at(Some(b.line as usize), None),
                    ));
                    break;
                }
            }
        }
        if let Some(chunk) = self.grouper.finish() {
            self.ending.push(Next::Projects(chunk));
        }
        self.ended = true;
        self.ending.pop()
    }
}
