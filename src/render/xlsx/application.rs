//! 结果应用: for each rubric met and each of its grades, what the grade means for next year's
//! budget (the rubric's `application:` table), how many projects were recomputed at it, and
//! the basis.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cells::{Cells, Column, Formats, Style};
use crate::i18n::{Lang, Text};
use crate::rubric::Rubric;

pub(super) const COLUMNS: &[Column] = &[
    ("评分规则", "Rubric", 18.0),
    ("评价等级", "Grade", 8.0),
    ("分数线", "From", 8.0),
    ("结果应用", "Consequence", 48.0),
    ("预算增减（%）", "Budget change (%)", 10.0),
    ("项目数（复核等级）", "Projects (recomputed grade)", 10.0),
    ("依据", "Basis", 48.0),
];

pub(super) fn write(
    ws: &mut Worksheet,
    f: &Formats,
    rubrics: &[(Arc<str>, Option<Rubric>)],
    counts: &BTreeMap<(Arc<str>, usize), u64>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let unstated = Text::new("（评分规则未载明结果应用）", "(the rubric states none)");
    let mut row = 0;
    for (id, rubric) in rubrics {
        let Some(r) = rubric else {
            row += 1;
            let mut c = cells(ws, f, row);
            c.text(id)?
                .text("")?
                .text("")?
                .text(Text::new("（找不到评分规则）", "(rubric not found)").get(lang))?;
            continue;
        };
        for (rank, g) in r.grades.iter().enumerate() {
            row += 1;
            let n = counts.get(&(id.clone(), rank)).copied().unwrap_or(0);
            let word = match lang {
                Lang::Zh => &g.grade,
                Lang::En => &g.en,
            };
            let entry = r.application.as_ref().and_then(|a| {
                a.grades
                    .iter()
                    .find(|c| r.grade_rank(&c.grade) == Some(rank))
                    .map(|c| (a, c))
            });
            let mut c = cells(ws, f, row);
            c.text(id)?.text(word)?.num(Some(g.min))?;
            match entry {
                Some((a, e)) => c
                    .text(e.text(lang))?
                    .num(e.change)?
                    .count(n)?
                    .text(a.basis(e, lang))?,
                None => c.text(unstated.get(lang))?.num(None)?.count(n)?.text("")?,
            };
        }
    }
    ws.autofilter(0, 0, row, COLUMNS.len() as u16 - 1)?;
    Ok(())
}

fn cells<'a>(ws: &'a mut Worksheet, f: &'a Formats, row: u32) -> Cells<'a> {
    Cells {
        ws,
        row,
        col: 0,
        f,
        style: Style::Plain,
    }
}
