//! The batch CSV as a table source: encodings sniffed or forced (UTF-16 decoded as it streams),
//! lines split in place (quoted ones by csv-core), each row decoded and handed to the table stage
//! with its line.

mod decode;
mod records;
mod scan;
mod source;
mod utf16;

pub use decode::{Basis, Content, Encoding, OpenError, open};
pub use records::{CsvRecord, MAX_LINE, ReadError, Records};
pub use source::{CsvSource, Opened, open_table};
