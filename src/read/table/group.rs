//! Rows to projects, before any cell is read: one project per contiguous block (a new id or name
//! starts one), 单位名称 carried across a unit's projects, a project appearing twice caught. This
//! runs under the reader's lock; [`super::Assembler`] reads the cells afterwards, outside it.

use super::Row;
use super::columns::{Columns, Field};
use super::seen::Seen;
use crate::error::InputError;
use crate::i18n::Text;

struct RawRow {
    line: u64,
    /// Index of the row's first field in the chunk's `bounds`.
    start: u32,
    /// Where the row's text starts in the chunk's `text`; its fields' bounds are relative to
    /// it, so a row's bounds are copied as they are.
    base: u32,
    len: u32,
    /// Boxed: errors are rare, and a row is copied for every line of the file.
    error: Option<Box<InputError>>,
}

/// A project of a chunk: where its key cells and its rows lie in the chunk.
pub struct RawProject {
    id: (u32, u32),
    name: (u32, u32),
    department: (u32, u32),
    pub first_line: u64,
    /// A reason the project cannot be read, found while grouping.
    pub error: Option<InputError>,
    rows: std::ops::Range<u32>,
}

impl RawProject {
    /// How many rows the project has.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }
}

/// Projects read one after another, their rows copied into buffers they share: a few
/// allocations per chunk rather than several per project.
#[derive(Default)]
pub struct RawChunk {
    text: String,
    bounds: Vec<(u32, u32)>,
    rows: Vec<RawRow>,
    pub projects: Vec<RawProject>,
}

impl RawChunk {
    /// An empty chunk with room for one like `other` and a half again: chunks differ in size,
    /// and growing a buffer of a few hundred KiB copies it whole.
    fn with_capacity_of(other: &RawChunk) -> RawChunk {
        let room = |n: usize| n + n / 2;
        RawChunk {
            text: String::with_capacity(room(other.text.len())),
            bounds: Vec::with_capacity(room(other.bounds.len())),
            rows: Vec::with_capacity(room(other.rows.len())),
            projects: Vec::with_capacity(other.projects.len() + 1),
        }
    }

    /// The bytes its buffers have allocated.
    fn room(&self) -> usize {
        use std::mem::size_of;
        self.text.capacity()
            + self.bounds.capacity() * size_of::<(u32, u32)>()
            + self.rows.capacity() * size_of::<RawRow>()
            + self.projects.capacity() * size_of::<RawProject>()
    }

    /// Empties the chunk, keeping what its buffers have allocated.
    fn clear(&mut self) {
        self.text.clear();
        self.bounds.clear();
        self.rows.clear();
        self.projects.clear();
    }

    fn cell(&self, (a, b): (u32, u32)) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    /// A project's id as written (empty when it has none).
    pub fn id(&self, p: &RawProject) -> &str {
        self.cell(p.id)
    }

    pub fn name(&self, p: &RawProject) -> &str {
        self.cell(p.name)
    }

    /// The project's department: its own, or carried down from the unit's first row.
    pub fn department(&self, p: &RawProject) -> &str {
        self.cell(p.department)
    }

    /// Copies `s` in, and gives where it lies.
    fn copy_in(&mut self, s: &str) -> (u32, u32) {
        let a = self.text.len() as u32;
        self.text.push_str(s);
        (a, self.text.len() as u32)
    }

    /// The rows of a project of this chunk: each one's line, its fields, and the error met
    /// decoding it.
    pub fn rows(
        &self,
        p: &RawProject,
    ) -> impl Iterator<Item = (u64, Row<'_>, Option<&InputError>)> {
        let rows = self
            .rows
            .get(p.rows.start as usize..p.rows.end as usize)
            .unwrap_or_default();
        rows.iter().map(|r| {
            let b = &self.bounds[r.start as usize..(r.start + r.len) as usize];
            let text = self.text.get(r.base as usize..).unwrap_or("");
            (r.line, Row::new(text, b), r.error.as_deref())
        })
    }
}

/// Groups rows into projects as they stream by.
pub struct Grouper {
    cols: Columns,
    file: String,
    /// Projects per chunk.
    size: usize,
    /// The chunk being filled; its last project is the one being read.
    chunk: RawChunk,
    department: String,
    /// Each project's key (see [`project_key`]) and first line: a few bytes a project when
    /// the file is sorted by project.
    seen: Seen,
    /// The key of the project starting.
    key: Vec<u8>,
    /// Chunks handed back once read: the next chunks fill their buffers.
    spare: Vec<RawChunk>,
}

/// Chunks kept for reuse at most (as many as are in flight, which the batch bounds).
const SPARE: usize = 8;
/// A chunk's buffers are kept for reuse only up to this size: one made for a project of
/// thousands of rows is freed rather than held for the rest of the file (a chunk of the
/// benchmark's projects takes about 650 KiB).
const SPARE_ROOM: usize = 4 << 20;

/// The bytes that name a project in `seen`: its id when it has one, else its department and
/// name, with a tag first, so that no id reads as a department and name. The department ends
/// with two zero bytes (a zero byte in it is written as zero and one): keys sort as their
/// parts do, so a file sorted by id, or by department then name, gives increasing keys.
fn project_key(key: &mut Vec<u8>, id: &str, department: &str, name: &str) {
    key.clear();
    if id.is_empty() {
        key.push(1);
        for &b in department.as_bytes() {
            key.push(b);
            if b == 0 {
                key.push(1);
            }
        }
        key.extend_from_slice(&[0, 0]);
        key.extend_from_slice(name.as_bytes());
    } else {
        key.push(0);
        key.extend_from_slice(id.as_bytes());
    }
}

impl Grouper {
    /// Groups the rows of `file` into chunks of `size` projects.
    pub fn new(file: &str, cols: Columns, size: usize) -> Grouper {
        Grouper {
            cols,
            file: file.to_string(),
            size: size.max(1),
            chunk: RawChunk::default(),
            department: String::new(),
            seen: Seen::new(),
            key: Vec::new(),
            spare: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn columns(&self) -> &Columns {
        &self.cols
    }

    /// Takes one row with the error met decoding it, if any. Returns the chunk filled so far
    /// when this row starts a project that does not fit in it.
    pub fn push(
        &mut self,
        line: u64,
        row: &Row,
        error: Option<Box<InputError>>,
    ) -> Option<RawChunk> {
        let c = &self.cols;
        let id = c.get(Field::ProjectId, row);
        let name = c.get(Field::ProjectName, row);
        let dept = c.get(Field::Department, row);
        let ch = &self.chunk;
        let starts = match ch.projects.last() {
            None => true,
            Some(p) => {
                (!id.is_empty() && id != ch.id(p))
                    || (id.is_empty() && !name.is_empty() && name != ch.name(p))
                    || (!dept.is_empty()
                        && dept != ch.department(p)
                        && !(id.is_empty() && name.is_empty()))
            }
        };
        if !dept.is_empty() {
            self.department.clear();
            self.department.push_str(dept);
        }
        let full = if starts {
            self.start(line, id, name)
        } else {
            None
        };
        let ch = &mut self.chunk;
        let start = ch.bounds.len() as u32;
        let (text, bounds) = row.parts();
        let base = ch.text.len() as u32;
        ch.text.push_str(text);
        ch.bounds.extend_from_slice(bounds);
        ch.rows.push(RawRow {
            line,
            start,
            base,
            len: row.len() as u32,
            error,
        });
        let rows = ch.rows.len() as u32;
        if starts {
            // the key cells where they now lie in the chunk: a cell of this row where the row
            // was copied, a department carried down from an earlier row copied in
            let dept = if dept.is_empty() {
                self.department.as_str()
            } else {
                dept
            };
            let spans = [id, name, dept].map(|s| {
                let (t, p) = (text.as_ptr() as usize, s.as_ptr() as usize);
                if p >= t && p + s.len() <= t + text.len() {
                    let off = (p - t) as u32;
                    (base + off, base + off + s.len() as u32)
                } else {
                    ch.copy_in(s)
                }
            });
            if let Some(p) = ch.projects.last_mut() {
                [p.id, p.name, p.department] = spans;
            }
        }
        if let Some(p) = ch.projects.last_mut() {
            p.rows.end = rows;
        }
        full
    }

    /// Takes back a chunk whose projects are read: its buffers hold a later chunk, rather
    /// than each chunk allocating its own and freeing them on another thread.
    pub fn recycle(&mut self, mut chunk: RawChunk) {
        if self.spare.len() < SPARE && chunk.room() <= SPARE_ROOM {
            chunk.clear();
            self.spare.push(chunk);
        }
    }

    /// Ends the file: the last chunk, unless it is empty.
    pub fn finish(&mut self) -> Option<RawChunk> {
        let chunk = std::mem::take(&mut self.chunk);
        (!chunk.projects.is_empty()).then_some(chunk)
    }

    fn start(&mut self, line: u64, id: &str, name: &str) -> Option<RawChunk> {
        let full = (self.chunk.projects.len() >= self.size).then(|| {
            // a chunk handed back keeps its buffers, which grow to the largest chunk and then
            // stay (replacing one too small by a new one each time made memory churn again);
            // its projects' vector was taken by the worker
            let next = match self.spare.pop() {
                Some(mut spare) => {
                    spare.projects.reserve(self.chunk.projects.len() + 1);
                    spare
                }
                None => RawChunk::with_capacity_of(&self.chunk),
            };
            std::mem::replace(&mut self.chunk, next)
        });
        let first_row = self.chunk.rows.len() as u32;
        let mut p = RawProject {
            id: (0, 0),
            name: (0, 0),
            department: (0, 0),
            first_line: line,
            error: None,
            rows: first_row..first_row,
        };
        if id.is_empty() && name.is_empty() {
            let h = self.cols.header(Field::ProjectName);
            p.error = Some(
                InputError::new(
                    &self.file,
                    Text::new(
                        format!("`{h}` 列：此行不属于任何项目：项目名称和项目编码都是空的"),
                        format!("column `{h}`: this row belongs to no project: project name and id are both empty"),
                    ),
                )
                .at(Some(line as usize), None),
            );
        } else {
            project_key(&mut self.key, id, &self.department, name);
            let shown = if id.is_empty() { name } else { id };
            if let Some(first) = self.seen.first_line_or_insert(&self.key, line) {
                p.error = Some(InputError::new(
                    &self.file,
                    Text::new(
                        format!("项目 `{shown}` 已在第 {first} 行出现，又在第 {line} 行另起一段：同一项目的行必须相连，不会自动合并"),
                        format!("project `{shown}` first appears at line {first} and again at line {line}: the rows of a project must be contiguous; nothing is merged"),
                    ),
                ).at(Some(line as usize), None));
            }
        }
        self.chunk.projects.push(p);
        full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each project of the chunks the rows of `projects` (id, rows) make, read in chunks of
    /// two projects: id, first line, error, and each row's line and fields.
    fn grouped(projects: &[(&str, usize)], recycle: bool) -> Vec<String> {
        let headers = "项目编码,项目名称,一级指标,二级指标,三级指标,指标值,权重,实际完成值";
        let headers: Vec<String> = headers.split(',').map(String::from).collect();
        let cols = Columns::from_headers(&headers).unwrap();
        let mut g = Grouper::new("in.csv", cols, 2);
        let mut out = Vec::new();
        let mut take = |chunk: RawChunk, g: &mut Grouper| {
            for p in &chunk.projects {
                out.push(format!("{} {} {:?}", chunk.id(p), p.first_line, p.error));
                for (line, row, _) in chunk.rows(p) {
                    let cells: Vec<&str> = (0..row.len()).map(|i| row.get(i)).collect();
                    out.push(format!("  {line} {cells:?}"));
                }
            }
            if recycle {
                g.recycle(chunk);
            }
        };
        let mut line = 1;
        for &(id, rows) in projects {
            for r in 0..rows {
                line += 1;
                let text = format!("{id},名称{id},指标{r},{}", "x".repeat(r % 7));
                let mut bounds = Vec::new();
                let mut start = 0;
                for (i, _) in text.match_indices(',') {
                    bounds.push((start, i as u32));
                    start = i as u32 + 1;
                }
                bounds.push((start, text.len() as u32));
                if let Some(chunk) = g.push(line, &Row::new(&text, &bounds), None) {
                    take(chunk, &mut g);
                }
            }
        }
        if let Some(chunk) = g.finish() {
            take(chunk, &mut g);
        }
        out
    }

    #[test]
    fn chunks_read_into_recycled_buffers_hold_the_same_projects() {
        // chunks of very different sizes, so a recycled chunk is both too large and too small
        // for the next one; P1 comes again, after others
        let projects = [
            ("P1", 1),
            ("P2", 40),
            ("P3", 2),
            ("P4", 1),
            ("P5", 300),
            ("P6", 1),
            ("P1", 3),
            ("P7", 2),
            ("P8", 90),
            ("P9", 1),
        ];
        let fresh = grouped(&projects, false);
        assert_eq!(fresh.len(), projects.len() + 441);
        assert!(fresh.iter().any(|l| l.starts_with("P1 347 Some")));
        assert_eq!(grouped(&projects, true), fresh);
    }

    fn key(id: &str, department: &str, name: &str) -> Vec<u8> {
        let mut k = Vec::new();
        project_key(&mut k, id, department, name);
        k
    }

    #[test]
    fn keys_tell_parts_apart_and_sort_as_the_parts_do() {
        // no department and name read as another pair, nor as an id
        let keys = [
            key("", "a", "b"),
            key("", "ab", ""),
            key("", "", "ab"),
            key("", "a\0", "b"),
            key("", "a", "\0b"),
            key("", "a\0\u{1}", ""),
            key("ab", "", ""),
            key("\u{1}", "", ""),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // the id alone names a project that has one
        assert_eq!(key("LS-1", "x", "y"), key("LS-1", "", "z"));
        let sorted = [
            ("LS2020-0000009", "", ""),
            ("LS2020-0000010", "", ""),
            ("", "", "z"),
            ("", "A", "b"),
            ("", "A", "c"),
            ("", "A\0", "a"),
            ("", "A\u{1}", "a"),
            ("", "AB", ""),
            ("", "AB", "a"),
            ("", "教育局", "项目甲"),
        ];
        for w in sorted.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(key(a.0, a.1, a.2) < key(b.0, b.1, b.2), "{a:?} < {b:?}");
        }
    }
}
