//! The batch CSV as a table source: encodings sniffed or forced (UTF-16 decoded as it streams),
//! lines split in place (quoted ones by csv-core), each row decoded and handed to the table stage
//! with its line.

mod decode;
mod records;
mod scan;
mod source;
mod utf16;

/// A reader that hands out at most `n` bytes per read: the readers' tests cut their input at
/// every chunk size with it.
#[cfg(test)]
struct Chunked<'a>(&'a [u8], usize);

#[cfg(test)]
impl std::io::Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

pub use decode::{Basis, Content, Encoding, OpenError, open};
pub use records::{CsvRecord, MAX_LINE, ReadError, Records};
pub use source::{CsvSource, Opened, open_table};
