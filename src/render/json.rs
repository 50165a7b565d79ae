//! JSON output: one object per record, on one line, numbers printed exactly.

use std::fmt::Write;

use crate::flags::Flag;
use crate::i18n::Lang;
use crate::model::{Figures, Notes};
use crate::num::{fmt_value, fmt2};
use crate::report::Report;
use crate::report::labels;

/// Escapes a string for JSON.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builds a JSON object field by field.
pub(crate) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub(crate) fn open(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    pub(crate) fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, k);
        self.out.push(':');
        self.out
    }

    pub(crate) fn str(&mut self, k: &str, v: &str) {
        let o = self.key(k);
        string(o, v);
    }

    pub(crate) fn opt_str(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.key(k).push_str("null"),
        }
    }

    /// A number already formatted as JSON.
    pub(crate) fn num(&mut self, k: &str, v: &str) {
        self.key(k).push_str(v);
    }

    pub(crate) fn opt_num(&mut self, k: &str, v: Option<String>) {
        let o = self.key(k);
        match v {
            Some(v) => o.push_str(&v),
            None => o.push_str("null"),
        }
    }

    pub(crate) fn close(self) {
        self.out.push('}');
    }
}

/// `initial`, `annual`, `executed` (全年预算数 …), null where not given.
fn figures(o: &mut Obj, f: &Figures) {
    o.opt_num("initial", f.initial.map(fmt_value));
    o.opt_num("annual", f.annual.map(fmt_value));
    o.opt_num("executed", f.executed.map(fmt_value));
}

/// The report as one JSON object (no trailing newline).
pub fn report(r: &Report, lang: Lang) -> String {
    let mut out = String::with_capacity(2048);
    let rec = &r.record;
    let mut o = Obj::open(&mut out);
    {
        let p = o.key("project");
        let mut p = Obj::open(p);
        p.str("id", &rec.id);
        p.str("name", &rec.name);
        p.opt_str("department", rec.department.as_deref());
        if rec.authority.is_some() {
            p.opt_str("authority", rec.authority.as_deref());
        }
        if let Some(f) = &rec.filled_by {
            p.str("filled_by", f);
        }
        p.opt_num("year", rec.year.map(|y| y.to_string()));
        p.close();
    }
    o.str("rubric", &r.rubric);
    o.num("total", &fmt2(r.card.total));
    o.str("grade", labels::grade(&r.card, lang));
    {
        let e = o.key("execution");
        let mut e = Obj::open(e);
        let b = &rec.budget;
        figures(&mut e, &b.totals());
        // the budget the rate is measured against, and which figure it is
        e.opt_str("basis", b.base().map(|(basis, _)| basis.key()));
        e.num("planned", &fmt_value(b.planned()));
        e.str("unit", b.unit.as_str());
        e.opt_num("rate", r.card.execution.rate.map(fmt2));
        e.num("score", &fmt2(r.card.execution.score));
        e.num("max", &fmt2(r.card.execution.max));
        if !b.sources.is_empty() {
            let o = e.key("sources");
            let mut o = Obj::open(o);
            for (src, f) in &b.sources {
                let mut x = Obj::open(o.key(src.key()));
                figures(&mut x, f);
                x.close();
            }
            o.close();
        }
        e.close();
    }
    {
        let c = o.key("claimed");
        let mut c = Obj::open(c);
        let cl = &rec.claimed;
        c.opt_num("total", cl.total.map(fmt_value));
        c.opt_str("grade", cl.grade.as_deref());
        c.opt_num("execution_rate", cl.execution_rate.map(fmt_value));
        c.opt_num("execution_score", cl.execution_score.map(fmt_value));
        c.opt_num("difference", r.difference().map(fmt2));
        c.close();
    }
    {
        let arr = o.key("indicators");
        arr.push('[');
        for (i, line) in r.card.lines.iter().enumerate() {
            if i > 0 {
                arr.push(',');
            }
            let ind = &rec.indicators[line.index];
            let mut x = Obj::open(arr);
            x.str("name", &ind.name);
            x.str("level1", ind.level1.en());
            x.str("level2", ind.level2.en());
            x.str("target", &ind.target_text);
            x.opt_str("actual", ind.actual_text.as_deref());
            x.str("direction", line.direction.en());
            x.num("max", &fmt2(line.max));
            x.num("score", &fmt2(line.score));
            x.opt_num("claimed_score", ind.claimed_score.map(fmt_value));
            x.str("status", line.status.key());
            x.opt_str("tier", line.tier.map(|t| t.key()));
            x.str("reason", &line.reason.render(ind, lang));
            if ind.deviation.is_some() {
                x.opt_str("deviation", ind.deviation.as_deref());
            }
            if let Some(n) = &ind.notes {
                notes(&mut x, n);
            }
            x.close();
        }
        arr.push(']');
    }
    if !r.card.items.is_empty() {
        let arr = o.key("items");
        arr.push('[');
        for (i, it) in r.card.items.iter().enumerate() {
            if i > 0 {
                arr.push(',');
            }
            let mut x = Obj::open(arr);
            x.str("name", &it.name);
            {
                let p = x.key("path");
                p.push('[');
                for (k, s) in it.path.iter().enumerate() {
                    if k > 0 {
                        p.push(',');
                    }
                    string(p, s);
                }
                p.push(']');
            }
            x.str("rule", it.kind);
            x.opt_str("value", it.value_text().as_deref());
            x.num("max", &fmt2(it.max));
            x.num("score", &fmt2(it.score));
            let claimed = r.record.claimed.items.get(&*it.name).or_else(|| {
                it.input
                    .as_ref()
                    .and_then(|i| r.record.claimed.items.get(&**i))
            });
            x.opt_num("claimed", claimed.map(|d| fmt_value(*d)));
            x.str("reason", &it.reason(lang));
            x.close();
        }
        arr.push(']');
    }
    // the words of the rows of measures (the department form), as given
    if !rec.item_notes.is_empty() {
        let arr = o.key("notes");
        arr.push('[');
        for (i, n) in rec.item_notes.iter().enumerate() {
            if i > 0 {
                arr.push(',');
            }
            let mut x = Obj::open(arr);
            x.str("item", &n.item);
            for (k, v) in [
                ("target", &n.target),
                ("actual", &n.actual),
                ("deviation", &n.deviation),
            ] {
                if let Some(v) = v {
                    x.str(k, v);
                }
            }
            notes(&mut x, &n.notes);
            x.close();
        }
        arr.push(']');
    }
    {
        let arr = o.key("flags");
        arr.push('[');
        for (i, f) in r.flags.iter().enumerate() {
            if i > 0 {
                arr.push(',');
            }
            flag(arr, f, lang);
        }
        arr.push(']');
    }
    o.close();
    out
}

/// The department form's words on a row, those given.
fn notes(o: &mut Obj, n: &Notes) {
    for (k, v) in n.fields() {
        if let Some(v) = v {
            o.str(k, v);
        }
    }
}

fn flag(out: &mut String, f: &Flag, lang: Lang) {
    let mut x = Obj::open(out);
    x.str("code", f.code);
    x.str("severity", f.severity.key());
    x.opt_str("indicator", f.indicator());
    x.str("message", f.message(lang));
    {
        let figs = x.key("figures");
        let mut g = Obj::open(figs);
        for (k, v) in f.figures() {
            g.str(k, v);
        }
        g.close();
    }
    x.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\nd\u{1}");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
