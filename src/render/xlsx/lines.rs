//! 明细: one row per indicator, its claimed and recomputed scores and the reason in one line.

use rust_xlsxwriter::XlsxError;

use super::cells::{Column, Style};
use super::{Book, Which};
use crate::report::digest::Digest;

pub(super) const COLUMNS: &[Column] = &[
    ("项目编码", "Project ID", 14.0),
    ("项目名称", "Project name", 24.0),
    ("一级指标", "Level 1", 10.0),
    ("二级指标", "Level 2", 12.0),
    ("三级指标", "Indicator", 24.0),
    ("年度指标值", "Target", 12.0),
    ("实际完成值", "Actual", 12.0),
    ("分值", "Weight", 8.0),
    ("自评得分", "Claimed score", 9.0),
    ("复核得分", "Recomputed score", 9.0),
    ("评分情况", "Status", 10.0),
    ("说明", "Reason", 48.0),
    ("偏差原因分析及改进措施", "Deviation, as written", 30.0),
    ("行号", "Line", 7.0),
];

pub(super) fn write(book: &mut Book, d: &Digest) -> Result<(), XlsxError> {
    let Some(s) = d.scored() else { return Ok(()) };
    for l in &s.lines {
        let mut c = book.row(Which::Lines, Style::Plain)?;
        c.text(&d.id)?
            .text(&d.name)?
            .text(l.level1)?
            .text(l.level2)?
            .text(&l.name)?
            .text(&l.target)?
            .opt_text(l.actual.as_deref())?
            .num(Some(l.weight))?
            .num(l.claimed)?
            .num(Some(l.score))?
            .text(l.status)?
            .text(&l.reason)?
            .opt_text(l.deviation.as_deref())?;
        match l.line {
            Some(n) => c.count(n as u64)?,
            None => c.text("")?,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Book;
    use crate::i18n::Lang;
    use crate::report::digest::{Digest, LineRow, Outcome, Scored};
    use rust_decimal::Decimal;

    fn digest(lines: usize) -> Digest {
        let line = |i: usize| LineRow {
            level1: "产出指标",
            level2: "数量指标",
            name: format!("指标{i}"),
            target: ">=1".into(),
            actual: Some("1".into()),
            weight: Decimal::ONE,
            claimed: None,
            score: Decimal::ONE,
            status: "达标",
            reason: "r".into(),
            deviation: None,
            line: Some(i),
        };
        Digest {
            file: "f.csv".into(),
            id: "P1".into(),
            name: "项目".into(),
            department: None,
            authority: None,
            budget: None,
            executed: None,
            money: "万元",
            outcome: Outcome::Scored(Box::new(Scored {
                rubric: "national-2020".into(),
                rate: None,
                execution_score: Decimal::ZERO,
                execution_max: Decimal::TEN,
                claimed_total: None,
                claimed_grade: None,
                claimed_as: None,
                total: Decimal::from(90),
                grade: "优".into(),
                grade_rank: 0,
                lines: (1..=lines).map(line).collect(),
                flags: vec![],
            })),
        }
    }

    #[test]
    fn past_the_row_limit_the_lines_go_on_on_a_second_sheet_and_a_third() {
        // 4 rows a sheet: the header and 3 lines; 8 lines fill 明细, 明细(2) and part of 明细(3)
        let mut book = Book::with_row_limit(Lang::Zh, 4, None).unwrap();
        book.add(&digest(8)).unwrap();
        let mut wb = book.finish(&[]).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        use calamine::{Reader, Xlsx};
        let mut x: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = x.sheet_names();
        assert!(names.contains(&"明细(2)".to_string()), "{names:?}");
        assert!(names.contains(&"明细(3)".to_string()), "{names:?}");
        let col = |sheet: &str, x: &mut Xlsx<_>| -> Vec<String> {
            let r = x.worksheet_range(sheet).unwrap();
            r.rows().map(|row| row[4].to_string()).collect()
        };
        assert_eq!(col("明细", &mut x), ["三级指标", "指标1", "指标2", "指标3"]);
        assert_eq!(
            col("明细(2)", &mut x),
            ["三级指标", "指标4", "指标5", "指标6"]
        );
        assert_eq!(col("明细(3)", &mut x), ["三级指标", "指标7", "指标8"]);
        // the summary row is still one
        assert_eq!(x.worksheet_range("汇总").unwrap().height(), 2);
    }
}
