//! A decoded row borrowed from the reader's buffers: its text and the trimmed bounds of each
//! field, so that reading a row copies nothing.

use crate::model::lexeme::edges_clean;

/// One row of the batch file.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    bounds: &'a [(u32, u32)],
}

impl<'a> Row<'a> {
    /// `bounds` are byte ranges of `text`, on character boundaries.
    pub fn new(text: &'a str, bounds: &'a [(u32, u32)]) -> Row<'a> {
        Row { text, bounds }
    }

    /// Field `i`, trimmed; empty when the row is shorter.
    #[inline]
    pub fn get(&self, i: usize) -> &'a str {
        self.bounds
            .get(i)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
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

/// The bounds of `text[start..end]` without surrounding white space.
#[inline]
pub fn trimmed(text: &str, start: usize, end: usize) -> (u32, u32) {
    // the usual field: nothing to trim, told from its first and last characters' lead bytes
    if edges_clean(&text.as_bytes()[start..end]) {
        return (start as u32, end as u32);
    }
    let field = &text[start..end];
    let lead = field.len() - field.trim_start().len();
    let t = field.trim();
    ((start + lead) as u32, (start + lead + t.len()) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_trimmed_and_short_rows_read_empty() {
        let text = " 产出指标 ,≥5次,\u{3000}";
        let commas: Vec<usize> = text.match_indices(',').map(|(i, _)| i).collect();
        let bounds = [
            trimmed(text, 0, commas[0]),
            trimmed(text, commas[0] + 1, commas[1]),
            trimmed(text, commas[1] + 1, text.len()),
        ];
        let row = Row::new(text, &bounds);
        assert_eq!(row.get(0), "产出指标");
        assert_eq!(row.get(1), "≥5次");
        assert_eq!(row.get(2), "");
        assert_eq!(row.get(9), "");
        assert_eq!(row.len(), 3);
    }
}
