//! The batch CSV as a table source: encodings sniffed or forced, lines split in place (quoted
//! ones by csv-core), each row decoded and handed to the table stage with its line.

mod decode;
mod records;
mod scan;
mod source;

pub use decode::{Basis, Encoding, OpenError, Sniffed, open};
pub use records::{CsvRecord, MAX_LINE, ReadError, Records};
pub use source::{CsvSource, Opened, open_table};
