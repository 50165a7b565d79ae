//! A decoded row borrowed from the reader's buffers: its text and the bounds of each field, so
//! that reading a row copies nothing. A field is trimmed when it is read.

use crate::model::lexeme;

/// One row of the batch file.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    bounds: &'a [(u32, u32)],
}

impl<'a> Row<'a> {
    /// `bounds` are byte ranges of `text`; a range not on character boundaries reads empty.
    pub fn new(text: &'a str, bounds: &'a [(u32, u32)]) -> Row<'a> {
        Row { text, bounds }
    }

    /// Field `i`, trimmed; empty when the row is shorter.
    #[inline]
    pub fn get(&self, i: usize) -> &'a str {
        match self.bounds.get(i) {
            Some(&(a, b)) if a < b => self
                .text
                .get(a as usize..b as usize)
                .map_or("", lexeme::trim),
            _ => "",
        }
    }

    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// The text the fields are in, and their bounds in it.
    pub fn parts(&self) -> (&'a str, &'a [(u32, u32)]) {
        (self.text, self.bounds)
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_trimmed_and_short_rows_read_empty() {
        let text = " 产出指标 ,≥5次,\u{3000}";
        let commas: Vec<u32> = text.match_indices(',').map(|(i, _)| i as u32).collect();
        let bounds = [
            (0, commas[0]),
            (commas[0] + 1, commas[1]),
            (commas[1] + 1, text.len() as u32),
        ];
        let row = Row::new(text, &bounds);
        assert_eq!(row.get(0), "产出指标");
        assert_eq!(row.get(1), "≥5次");
        assert_eq!(row.get(2), "");
        assert_eq!(row.get(9), "");
        assert_eq!(row.len(), 3);
    }
}
