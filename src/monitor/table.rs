//! A monitoring table in CSV: one row per indicator, the project's columns on its first row
//! (rows below with them blank belong to the same project, as merged cells export), headers in
//! the words of the forms (项目名称, 全年预算数, 截至执行数, 三级指标, 年度指标值, 1–N月执行情况,
//! 全年预计完成情况, 偏差原因, 完成可能性, 纠偏措施) or the YAML keys.

use rust_decimal::Decimal;

use super::input::{Cause, Likelihood, Line, Project, word};
use crate::error::InputError;
use crate::i18n::Text;
use crate::model::Target;
use crate::model::lexeme::parse_decimal;

/// The columns, each with the headers read as it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Name,
    Department,
    Year,
    Budget,
    Executed,
    Indicator,
    Target,
    Progress,
    Forecast,
    Cause,
    Likelihood,
    Correction,
}

const HEADERS: &[(Col, &[&str])] = &[
    (Col::Id, &["项目编号", "项目代码", "id"]),
    (Col::Name, &["项目名称", "name"]),
    (
        Col::Department,
        &["实施单位", "单位名称", "预算单位", "department"],
    ),
    (Col::Year, &["年度", "year"]),
    (Col::Budget, &["全年预算数", "预算数", "budget"]),
    (
        Col::Executed,
        &["截至执行数", "截至目前执行数", "执行数", "executed_to_date"],
    ),
    (Col::Indicator, &["三级指标", "绩效指标", "indicator"]),
    (Col::Target, &["年度指标值", "指标值", "target"]),
    (Col::Progress, &["执行情况", "progress"]),
    (
        Col::Forecast,
        &["全年预计完成情况", "全年预计完成值", "forecast"],
    ),
    (Col::Cause, &["偏差原因", "偏差原因分析", "deviation_cause"]),
    (
        Col::Likelihood,
        &["完成可能性", "完成目标可能性", "likelihood"],
    ),
    (Col::Correction, &["纠偏措施", "correction"]),
];

/// The column a header names: its words without white space; `1–8月执行情况` (any months) is
/// the progress.
fn column(header: &str) -> Option<Col> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let h = h.trim_start_matches('\u{feff}');
    if let Some(found) = HEADERS.iter().find(|(_, w)| w.contains(&h)) {
        return Some(found.0);
    }
    h.ends_with("月执行情况").then_some(Col::Progress)
}

/// The projects read, and the errors of those that could not be (each stops its own project
/// only).
pub type Read = (Vec<Project>, Vec<InputError>);

/// Reads a monitoring CSV's text.
pub fn parse(file: &str, text: &str) -> Result<Read, InputError> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| InputError::new(file, Text::same(e.to_string())))?;
        let line = rec.position().map_or(0, |p| p.line()) as usize;
        rows.push((line, rec.iter().map(str::to_string).collect()));
    }
    parse_rows(file, rows)
}

/// Reads a monitoring workbook: its sheet 监控表, else its first sheet; errors name
/// `FILE[SHEET]:ROW`.
pub fn parse_book(file: &str, bytes: &[u8]) -> Result<Read, InputError> {
    let sheets = crate::read::workbook::read_sheets(file, bytes)?;
    let mut sheets: Vec<_> = sheets.into_iter().collect::<Result<_, _>>()?;
    let k = sheets.iter().position(|s| s.name == "监控表").unwrap_or(0);
    if sheets.is_empty() {
        return Err(InputError::new(
            file,
            Text::new("工作簿中没有工作表", "the workbook has no sheet"),
        ));
    }
    let sheet = sheets.swap_remove(k);
    let place = format!("{file}[{}]", sheet.name);
    let rows = sheet
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .collect();
    let (mut ps, errors) = parse_rows(&place, rows)?;
    for p in &mut ps {
        p.file = file.to_string();
    }
    Ok((ps, errors))
}

/// Reads the rows of a table (its line or row number, its cells), the first the header.
fn parse_rows(file: &str, rows: Vec<(usize, Vec<String>)>) -> Result<Read, InputError> {
    let located = |line: usize, t: Text| InputError::new(file, t).at(Some(line), None);
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(InputError::new(
            file,
            Text::new("监控表是空的", "the monitoring table is empty"),
        ));
    };
    let cols: Vec<Option<Col>> = header.iter().map(|h| column(h)).collect();
    for need in [
        Col::Name,
        Col::Budget,
        Col::Executed,
        Col::Indicator,
        Col::Target,
    ] {
        if !cols.contains(&Some(need)) {
            let words = HEADERS.iter().find(|(c, _)| *c == need).map(|h| h.1[0]);
            let w = words.unwrap_or("");
            return Err(located(
                1,
                Text::new(
                    format!("表头缺少“{w}”列"),
                    format!("the header has no “{w}” column"),
                ),
            ));
        }
    }
    let mut out: Vec<Project> = Vec::new();
    let mut errors = Vec::new();
    // after an error, the rest of that project's rows are skipped
    let mut poisoned = false;
    for (line, rec) in rows {
        let name_col = cols.iter().position(|x| *x == Some(Col::Name));
        let starts = name_col
            .and_then(|k| rec.get(k))
            .is_some_and(|s| !s.trim().is_empty());
        if starts {
            poisoned = false;
        }
        if poisoned {
            continue;
        }
        let before = out.len();
        let step = |out: &mut Vec<Project>| -> Result<(), InputError> {
            let cell = |c: Col| -> Option<&str> {
                let k = cols.iter().position(|x| *x == Some(c))?;
                rec.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
            };
            if rec.iter().all(|s| s.trim().is_empty()) {
                return Ok(());
            }
            let number = |c: Col, what: (&str, &str)| -> Result<Option<Decimal>, InputError> {
                match cell(c) {
                    None => Ok(None),
                    Some(s) => parse_decimal(s).map(Some).ok_or_else(|| {
                        located(
                            line,
                            Text::new(
                                format!("{}“{s}”不是数值", what.0),
                                format!("{} “{s}” is not a number", what.1),
                            ),
                        )
                    }),
                }
            };
            if let Some(name) = cell(Col::Name) {
                let missing = |what: (&str, &str)| {
                    located(
                        line,
                        Text::new(
                            format!("项目“{name}”缺少{}", what.0),
                            format!("project “{name}” has no {}", what.1),
                        ),
                    )
                };
                let budget = number(Col::Budget, ("全年预算数", "budget"))?
                    .ok_or_else(|| missing(("全年预算数", "budget")))?;
                let executed = number(Col::Executed, ("截至执行数", "executed to date"))?
                    .ok_or_else(|| missing(("截至执行数", "executed to date")))?;
                let year = match cell(Col::Year) {
                    None => None,
                    Some(y) => Some(y.trim_end_matches('年').parse::<i32>().map_err(|_| {
                        located(
                            line,
                            Text::new(
                                format!("年度“{y}”不是年份"),
                                format!("year “{y}” is not a year"),
                            ),
                        )
                    })?),
                };
                out.push(Project {
                    file: file.to_string(),
                    id: cell(Col::Id).unwrap_or(name).to_string(),
                    name: name.to_string(),
                    department: cell(Col::Department).map(str::to_string),
                    year,
                    money_unit: "万元".to_string(),
                    budget,
                    executed,
                    lines: Vec::new(),
                    line: Some(line),
                });
            }
            let Some(project) = out.last_mut() else {
                return Err(located(
                    line,
                    Text::new(
                        "指标行之前没有项目：第一行数据应填写项目名称",
                        "an indicator row before any project: the first data row needs the project's name",
                    ),
                ));
            };
            let Some(indicator) = cell(Col::Indicator) else {
                return Ok(());
            };
            let target_text = cell(Col::Target).unwrap_or("").to_string();
            let target = Target::parse(&target_text)
                .map_err(|t| located(line, t).indicator(indicator.to_string()))?;
            let cause = match cell(Col::Cause) {
                None => None,
                Some(s) => Some(
                    word::<Cause>(s, Cause::WORDS, ("偏差原因", "deviation cause"))
                        .map_err(|t| located(line, t))?,
                ),
            };
            let likelihood = match cell(Col::Likelihood) {
                None => None,
                Some(s) => Some(
                    word::<Likelihood>(s, Likelihood::WORDS, ("完成可能性", "likelihood"))
                        .map_err(|t| located(line, t))?,
                ),
            };
            project.lines.push(Line {
                name: indicator.to_string(),
                target_text,
                target,
                progress: number(Col::Progress, ("执行情况", "progress"))?,
                forecast: number(Col::Forecast, ("全年预计完成值", "forecast"))?,
                cause,
                likelihood,
                correction: cell(Col::Correction).map(str::to_string),
                line: Some(line),
            });

            Ok(())
        };
        if let Err(e) = step(&mut out) {
            if starts {
                out.truncate(before);
            } else {
                out.pop();
            }
            poisoned = true;
            errors.push(e);
        }
    }
    if out.is_empty() && errors.is_empty() {
        return Err(InputError::new(
            file,
            Text::new("监控表中没有项目", "the monitoring table has no project"),
        ));
    }
    Ok((out, errors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn headers_of_the_form_are_read() {
        assert_eq!(column("1–8月执行情况"), Some(Col::Progress));
        assert_eq!(column("1-6月执行情况"), Some(Col::Progress));
        assert_eq!(column("全年预计完成情况"), Some(Col::Forecast));
        assert_eq!(column(" 完成目标可能性 "), Some(Col::Likelihood));
        assert_eq!(column("备注"), None);
    }

    #[test]
    fn rows_below_a_project_belong_to_it_and_errors_are_located() {
        let text = "项目名称,实施单位,年度,全年预算数,截至执行数,三级指标,年度指标值,1–8月执行情况,全年预计完成情况,偏差原因,完成可能性,纠偏措施\n\
                    甲项目,甲单位,2024,100,40,培训人次,≥100人次,30,90,人员保障,有可能,增派人员\n\
                    ,,,,,满意度,≥90%,,,,,\n\
                    乙项目,乙单位,2024,50,10,场次,≥4场,1,4,,确定能,\n";
        let (ps, errors) = parse("m.csv", text).unwrap();
        assert!(errors.is_empty());
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].lines.len(), 2);
        assert_eq!(ps[0].lines[0].cause, Some(Cause::Staff));
        assert_eq!(ps[0].lines[1].line, Some(3));
        assert_eq!(ps[1].executed, Decimal::from(10));
        // a bad word on the first project's row: that project is left out, the next is read
        let bad = text.replace("有可能", "也许");
        let (ps, errors) = parse("m.csv", &bad).unwrap();
        let e = errors[0].render(Lang::En);
        assert!(e.contains("m.csv:2") && e.contains("也许"), "{e}");
        assert_eq!(
            ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["乙项目"]
        );
        // a bad figure on a row below a project drops that project only
        let bad = text.replace(",满意度,≥90%,", ",满意度,≥90%,很多");
        let (ps, errors) = parse("m.csv", &bad).unwrap();
        let e = errors[0].render(Lang::En);
        assert!(e.contains("m.csv:3") && e.contains("很多"), "{e}");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].name, "乙项目");
        let bad = text.replace(",40,", ",四十,");
        let (_, errors) = parse("m.csv", &bad).unwrap();
        let e = errors[0].render(Lang::En);
        assert!(e.contains("m.csv:2") && e.contains("四十"), "{e}");
        let e = parse("m.csv", "项目名称,三级指标\n")
            .unwrap_err()
            .render(Lang::En);
        assert!(e.contains("m.csv:1"), "{e}");
    }
}
