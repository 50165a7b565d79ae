//! What a batch writes: a CSV row (or a JSON line) per project, and optionally a CSV row per
//! indicator.

use std::io::Write;

use super::cell_guard::{csv_needs_guard, csv_text, push_csv_text};
use crate::error::InputError;
use crate::i18n::Lang;
use crate::render::json;
use crate::report::Report;
use crate::report::labels;

use crate::flags::{Flag, Severity};
use crate::num::{fmt2, push_fmt2, push_uint, push_value};

/// The stable header set of the project rows, the one for pipelines (`--headers en`).
pub const PROJECT_HEADER: [&str; 16] = [
    "project_id",
    "project_name",
    "department",
    "authority",
    "total",
    "grade",
    "execution_rate",
    "execution_score",
    "claimed_total",
    "claimed_grade",
    "difference",
    "errors",
    "warnings",
    "flag_codes",
    "status",
    "reason",
];

/// The project rows' headers for a person: the forms' words where the forms have the field
/// (项目编号, 项目名称, 实施单位, 主管部门, 自评总分, 自评等级), 复核 before what jixiao
/// recomputed (a form's 预算执行率 is the unit's own figure, which a batch input reads as such).
pub const PROJECT_HEADER_ZH: [&str; 16] = [
    "项目编号",
    "项目名称",
    "实施单位",
    "主管部门",
    "复核总分",
    "复核等级",
    "复核执行率",
    "复核执行率得分",
    "自评总分",
    "自评等级",
    "差额",
    "错误数",
    "警告数",
    "标记代码",
    "状态",
    "原因",
];

/// The header of the flag messages' column (`--messages`), after the others.
const MESSAGES_HEADER: [&str; 2] = ["标记说明", "flag_messages"];

/// The stable header set of the indicator rows.
pub const INDICATOR_HEADER: [&str; 13] = [
    "project_id",
    "project_name",
    "indicator",
    "level1",
    "level2",
    "target",
    "actual",
    "max",
    "score",
    "status",
    "flag_codes",
    "deviation",
    "line",
];

/// The indicator rows' headers for a person, in the words a batch input accepts (三级指标,
/// 指标值, 实际完成值, 分值, 偏差原因分析及改进措施 …); the recomputed score is 复核得分, not
/// the form's 得分 (the unit's own score).
pub const INDICATOR_HEADER_ZH: [&str; 13] = [
    "项目编号",
    "项目名称",
    "三级指标",
    "一级指标",
    "二级指标",
    "指标值",
    "实际完成值",
    "分值",
    "复核得分",
    "状态",
    "标记代码",
    "偏差原因分析及改进措施",
    "行号",
];

/// How a batch's CSV rows are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The language of the grades, the reasons and the flag messages.
    pub lang: Lang,
    /// The headers' language. Chinese headers come with a UTF-8 byte-order mark (Excel reads
    /// a CSV without one in the system's code page) and status words in Chinese; English
    /// headers are the stable set, status keys (`ok`, `met`) and no mark.
    pub headers: Lang,
    /// Project rows end with the flags' messages.
    pub messages: bool,
}

impl Layout {
    /// The project rows' header row, after the byte-order mark when there is one.
    pub fn project_header(&self) -> Vec<u8> {
        let mut out = self.mark();
        let names = match self.headers {
            Lang::Zh => &PROJECT_HEADER_ZH,
            Lang::En => &PROJECT_HEADER,
        };
        let messages = self.messages.then_some(match self.headers {
            Lang::Zh => MESSAGES_HEADER[0],
            Lang::En => MESSAGES_HEADER[1],
        });
        write_row(&mut out, names.iter().copied().chain(messages));
        out
    }

    /// The indicator rows' header row, after the byte-order mark when there is one.
    pub fn indicator_header(&self) -> Vec<u8> {
        let mut out = self.mark();
        let names = match self.headers {
            Lang::Zh => &INDICATOR_HEADER_ZH,
            Lang::En => &INDICATOR_HEADER,
        };
        write_row(&mut out, names.iter().copied());
        out
    }

    fn mark(&self) -> Vec<u8> {
        match self.headers {
            Lang::Zh => "\u{feff}".as_bytes().to_vec(),
            Lang::En => Vec::new(),
        }
    }

    /// A project row's status: scored or in error.
    fn status(&self, ok: bool) -> &'static str {
        match (self.headers, ok) {
            (Lang::Zh, true) => "已评分",
            (Lang::Zh, false) => "出错",
            (Lang::En, true) => "ok",
            (Lang::En, false) => "error",
        }
    }
}

/// Appends the codes of `flags`, each once, in report order, joined by `;`. A rule's place in
/// the registry marks the codes already written.
fn push_codes<'a>(out: &mut String, flags: impl Iterator<Item = &'a Flag>) {
    let start = out.len();
    let mut seen = 0u64;
    for f in flags {
        let new = if f.order < 64 {
            let bit = 1u64 << f.order;
            let new = seen & bit == 0;
            seen |= bit;
            new
        } else {
            !out[start..].split(';').any(|c| c == f.code)
        };
        if new {
            if out.len() > start {
                out.push(';');
            }
            out.push_str(f.code);
        }
    }
}

/// Appends one CSV row to `out` as the csv crate writes it: a field is quoted (its quotes
/// doubled) only when it holds a comma, a quote or a line break. Writing straight into the
/// chunk's buffer skips the csv writer's own buffering, a third of the cost of a project row.
pub fn write_row<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_field(out, f);
    }
    out.push(b'\n');
}

/// One field, quoted when it must be.
fn write_field(out: &mut Vec<u8>, f: &str) {
    let b = f.as_bytes();
    // fields are short: a plain loop beats memchr's set-up
    if b.iter().any(|c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for part in f.split('"').enumerate() {
            if part.0 > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.1.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(b);
    }
}

/// The cells of one output row, written one after another into a buffer kept between rows.
#[derive(Default)]
pub struct Cells {
    text: String,
    ends: Vec<usize>,
    /// Bit `i` set: cell `i` was written by us (numbers, codes) and needs no quoting.
    plain: u64,
}

impl Cells {
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.plain = 0;
    }

    /// Ends the cell written into `text` since the last one.
    fn end(&mut self) {
        self.ends.push(self.text.len());
    }

    /// Ends a cell of digits, signs, points or flag codes: nothing in it needs quoting.
    fn end_plain(&mut self) {
        debug_assert!(
            !self.text[self.ends.last().copied().unwrap_or(0)..].contains([',', '"', '\n', '\r'])
        );
        if self.ends.len() < 64 {
            self.plain |= 1 << self.ends.len();
        }
        self.end();
    }

    /// A cell of text from the forms, kept from starting a formula.
    fn push_text(&mut self, s: &str) {
        push_csv_text(&mut self.text, s);
        self.end();
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.text[a..b])
    }

    /// The row, as [`write_row`] writes it, looking for characters to quote only in the cells
    /// that came from the input.
    fn write(&self, out: &mut Vec<u8>) {
        for (i, f) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if i < 64 && self.plain & (1 << i) != 0 {
                out.extend_from_slice(f.as_bytes());
            } else {
                write_field(out, f);
            }
        }
        out.push(b'\n');
    }
}

/// The project row of a scored report. With [`Layout::messages`] the report's flags need
/// their details (messages).
pub fn project_ok(out: &mut Vec<u8>, cells: &mut Cells, r: &Report, layout: &Layout) {
    let rec = &r.record;
    let c = &rec.claimed;
    let grade = &**labels::grade(&r.card, layout.lang);
    cells.clear();
    cells.push_text(&rec.id);
    cells.push_text(&rec.name);
    cells.push_text(rec.department.as_deref().unwrap_or(""));
    cells.push_text(rec.authority.as_deref().unwrap_or(""));
    push_fmt2(&mut cells.text, r.card.total);
    cells.end_plain();
    cells.push_text(grade);
    if let Some(rate) = r.card.execution.rate {
        push_fmt2(&mut cells.text, rate);
    }
    cells.end_plain();
    push_fmt2(&mut cells.text, r.card.execution.score);
    cells.end_plain();
    if let Some(t) = c.total {
        push_value(&mut cells.text, t);
    }
    cells.end_plain();
    cells.push_text(c.grade.as_deref().unwrap_or(""));
    if let Some(d) = r.difference() {
        push_fmt2(&mut cells.text, d);
    }
    cells.end_plain();
    let (mut errors, mut warnings) = (0u128, 0u128);
    for f in &r.flags {
        match f.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
    }
    push_uint(&mut cells.text, errors);
    cells.end_plain();
    push_uint(&mut cells.text, warnings);
    cells.end_plain();
    push_codes(&mut cells.text, r.flags.iter());
    cells.end_plain();
    cells.text.push_str(layout.status(true));
    cells.end_plain();
    cells.end_plain();
    if layout.messages {
        push_messages(&mut cells.text, &r.flags, layout.lang);
        cells.end();
    }
    cells.write(out);
}

/// Appends every flag's message in `lang`, each after its indicator (`[name] message`), joined
/// by `；` in Chinese and `; ` in English; kept from starting a formula.
fn push_messages(out: &mut String, flags: &[Flag], lang: Lang) {
    let start = out.len();
    let sep = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    for (i, f) in flags.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if let Some(ind) = f.indicator() {
            out.push('[');
            out.push_str(ind);
            out.push_str("] ");
        }
        out.push_str(f.message(lang));
    }
    if csv_needs_guard(&out[start..]) {
        out.insert(start, '\'');
    }
}

/// Which project a row or line is about.
pub struct Who<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub department: Option<&'a str>,
}

/// The project row of a block that could not be read.
pub fn project_error(out: &mut Vec<u8>, b: &Who, e: &InputError, layout: &Layout) {
    let reason = e.render(layout.lang);
    let fields = [
        &*csv_text(b.id),
        &*csv_text(b.name),
        &*csv_text(b.department.unwrap_or("")),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        layout.status(false),
        &*csv_text(&reason),
    ];
    let messages = layout.messages.then_some("");
    write_row(out, fields.into_iter().chain(messages));
}

/// One row per indicator of a scored report.
pub fn indicators<W: Write>(
    w: &mut csv::Writer<W>,
    r: &Report,
    layout: &Layout,
) -> csv::Result<()> {
    for line in &r.card.lines {
        let ind = &r.record.indicators[line.index];
        let (l1, l2) = labels::levels(ind, layout.lang);
        let mut flags = String::new();
        push_codes(
            &mut flags,
            r.flags.iter().filter(|f| f.position == Some(line.index)),
        );
        let status = match layout.headers {
            Lang::Zh => labels::status(line.status, Lang::Zh),
            Lang::En => line.status.key(),
        };
        w.write_record([
            &*csv_text(&r.record.id),
            &*csv_text(&r.record.name),
            &*csv_text(&ind.name),
            l1,
            l2,
            &*csv_text(&ind.target_text),
            &*csv_text(ind.actual_text.as_deref().unwrap_or("")),
            &fmt2(line.max),
            &fmt2(line.score),
            status,
            &flags,
            &*csv_text(ind.deviation.as_deref().unwrap_or("")),
            &ind.line.map(|l| l.to_string()).unwrap_or_default(),
        ])?;
    }
    Ok(())
}

/// The JSON line of a block that could not be read.
pub fn json_error(b: &Who, e: &InputError, lang: Lang) -> String {
    let mut s = String::from("{\"project\":{\"id\":");
    json::string(&mut s, b.id);
    s.push_str(",\"name\":");
    json::string(&mut s, b.name);
    s.push_str(",\"department\":");
    match b.department {
        Some(d) => json::string(&mut s, d),
        None => s.push_str("null"),
    }
    s.push_str("},\"status\":\"error\",\"error\":{\"line\":");
    s.push_str(&e.line.map_or_else(|| "null".to_string(), |l| l.to_string()));
    s.push_str(",\"message\":");
    json::string(&mut s, e.message.get(lang));
    s.push_str("}}");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_written_once_each_in_report_order() {
        let flag = |code: &'static str, order: usize| Flag {
            code,
            severity: Severity::Error,
            position: None,
            order,
            detail: None,
        };
        // the second code comes before the first in the registry; 70 and 71 lie beyond the
        // 64 places the mask keeps, so they are told apart by their text
        let flags = [
            flag("b", 9),
            flag("a", 3),
            flag("b", 9),
            flag("y", 70),
            flag("z", 71),
            flag("y", 70),
            flag("a", 3),
        ];
        let mut out = String::from("kept|");
        push_codes(&mut out, flags.iter());
        assert_eq!(out, "kept|b;a;y;z");
    }

    #[test]
    fn rows_are_written_as_the_csv_crate_writes_them() {
        let rows: [&[&str]; 5] = [
            &["a", "b", ""],
            &[
                "逗号,在内",
                "引号\"在内\"",
                "换行\n在内",
                "回车\r在内",
                "都,有\"\n",
            ],
            &["", "", ""],
            &["\"", ",", "\r\n"],
            &["正常", "0.00", "score-inflated;actual-missing"],
        ];
        for row in rows {
            // cells from the input are quoted as written; cells of ours are left as they are
            let mut cells = Cells::default();
            for (i, f) in row.iter().enumerate() {
                cells.text.push_str(f);
                if i % 2 == 1 && !f.contains([',', '"', '\n', '\r']) {
                    cells.end_plain();
                } else {
                    cells.end();
                }
            }
            let mut ours = Vec::new();
            cells.write(&mut ours);
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(row).unwrap();
            assert_eq!(ours, w.into_inner().unwrap());
            let mut ours = Vec::new();
            write_row(&mut ours, row.iter().copied());
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(row).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(w.into_inner().unwrap()).unwrap()
            );
        }
    }
}
