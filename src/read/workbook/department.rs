//! The 部门整体支出绩效自评表 (seed 003, 十三、预算绩效情况说明; rubric `shaanxi-dept-2020`): one
//! department per sheet, its rows named as the form prints them (`预算完成率 (10分)`). Laid out
//! as a one-project long table like the other forms: a row of measures becomes a measure row
//! (its 三级指标 the measure's name, 评分项 the item it is claimed for), 项目产出 and 项目效益
//! indicator rows, so the table stage reads the department form as it reads a batch file.

use super::Sheet;
use super::form::{Table, column, find, indicator_header, label, right_of, year_in};
use crate::error::InputError;
use crate::i18n::Text;
use crate::model::lexeme::parse_decimal;

/// The rubric whose form this is.
const RUBRIC: &str = "shaanxi-dept-2020";

/// What a row of the form is read into.
#[derive(Clone, Copy)]
enum Kind {
    /// A rate: the measure it gives.
    Rate(&'static str),
    /// 支出进度率: the half-year and the first three quarters' progress, one figure for both
    /// (as seed 003 prints it) or two (`半年50%；前三季度80%`).
    Progress,
    /// A checklist: its measure, whose failed items the row's words name (or do not).
    Checklist(&'static str),
    /// An indicator under its 一级 and 二级指标, as the YAML twin has it.
    Indicator(&'static str, &'static str),
}

/// A row of the form: the rubric item it is (its name as printed), other names it goes by,
/// the item's points, and what it is read into.
struct Row {
    item: &'static str,
    aliases: &'static [&'static str],
    points: u32,
    kind: Kind,
}

const ROWS: [Row; 11] = [
    Row {
        item: "预算完成率",
        aliases: &[],
        points: 10,
        kind: Kind::Rate("budget_completion_rate"),
    },
    Row {
        item: "预算调整率",
        aliases: &[],
        points: 5,
        kind: Kind::Rate("budget_adjustment_rate"),
    },
    Row {
        item: "支出进度率",
        aliases: &["支出进度"],
        points: 5,
        kind: Kind::Progress,
    },
    Row {
        item: "半年支出进度",
        aliases: &["半年支出进度率", "半年进度"],
        points: 2,
        kind: Kind::Rate(HALF_YEAR),
    },
    Row {
        item: "前三季度支出进度",
        aliases: &["前三季度支出进度率", "前三季度进度"],
        points: 3,
        kind: Kind::Rate(THREE_QUARTERS),
    },
    Row {
        item: "预算编制准确率",
        aliases: &[],
        points: 5,
        kind: Kind::Rate("budget_accuracy_rate"),
    },
    Row {
        item: "“三公经费”控制率",
        aliases: &[],
        points: 5,
        kind: Kind::Rate("three_public_control_rate"),
    },
    Row {
        item: "资产管理规范性",
        aliases: &[],
        points: 5,
        kind: Kind::Checklist("asset_management"),
    },
    Row {
        item: "资金使用合规性",
        aliases: &[],
        points: 5,
        kind: Kind::Checklist("fund_compliance"),
    },
    Row {
        item: "项目产出",
        aliases: &[],
        points: 40,
        kind: Kind::Indicator("产出指标", "数量指标"),
    },
    Row {
        item: "项目效益",
        aliases: &["项目效果"],
        points: 20,
        kind: Kind::Indicator("效益指标", "社会效益指标"),
    },
];

const HALF_YEAR: &str = "half_year_progress";
const THREE_QUARTERS: &str = "three_quarter_progress";

/// A row name as compared: [`label`] (no spaces, no `(10分)`), without quotation marks.
fn row_key(s: &str) -> String {
    label(s)
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」'))
        .collect()
}

fn row_of(name: &str) -> Option<&'static Row> {
    let k = row_key(name);
    ROWS.iter()
        .find(|r| row_key(r.item) == k || r.aliases.iter().any(|a| row_key(a) == k))
}

/// Whether a sheet holds the department form: its indicator header has 指标说明 and 评分标准,
/// columns no project form has.
pub fn is_department(sheet: &Sheet, header: usize) -> bool {
    let has = |w: &str| column(sheet, header, |l| l == w).is_some();
    has("指标说明") && has("评分标准")
}

/// The project's own cells, then a row's, as the table stage reads them.
const PROJECT_HEADERS: [&str; 6] = [
    "项目名称",
    "实施单位",
    "年度",
    "评分规则",
    "自评总分",
    "填报单位",
];
const ROW_HEADERS: [&str; 14] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "评分项",
    "年初目标值",
    "实际完成值",
    "不符项",
    "分值",
    "得分",
    "未完成原因分析与改进措施",
    "指标说明",
    "评分标准",
    "指标值计算公式和数据获取方式",
    "绩效指标分析与建议",
];

/// Where a row's cells land in [`ROW_HEADERS`].
mod at {
    pub const LEVEL1: usize = 0;
    pub const LEVEL2: usize = 1;
    pub const NAME: usize = 2;
    pub const ITEM: usize = 3;
    pub const TARGET: usize = 4;
    pub const ACTUAL: usize = 5;
    pub const FAILED: usize = 6;
    pub const POINTS: usize = 7;
    pub const SCORE: usize = 8;
    /// 未完成原因分析与改进措施, then the four columns of words.
    pub const DEVIATION: usize = 9;
}

/// The text beside a label above the table (`填报单位：某局`, or the label and its value in two
/// cells): none when the cell after it is another label (`填报单位：` then `自评得分：`).
fn labelled(sheet: &Sheet, words: &[&str], above: usize) -> String {
    let Some((r, c)) = find(sheet, |l| words.iter().any(|w| l.starts_with(w))) else {
        return String::new();
    };
    if r >= above {
        return String::new();
    }
    let cell = sheet.cell(r, c).trim();
    let after = words
        .iter()
        .find_map(|w| cell.strip_prefix(w))
        .unwrap_or("")
        .trim_start_matches([':', '：', ' '])
        .trim();
    if !after.is_empty() {
        return after.to_string();
    }
    let next = right_of(sheet, (r, c));
    if next.ends_with([':', '：']) {
        String::new()
    } else {
        next.to_string()
    }
}

/// A checklist row's words as the table stage's 不符项: a count or the items the unit names as
/// failed (`2项不符`, `不符：a；b`), else none (`全部符合`, or the unit's account of what it did,
/// as seed 003 writes them). Words that say something failed without saying what are an error.
fn failed_of(words: &str) -> Result<String, Text> {
    let w = words.trim();
    if let Some(i) = w.find("项不符") {
        let digits: String = w[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !digits.is_empty() {
            return Ok(format!("{digits}项"));
        }
    }
    if w.starts_with("不符") || w.starts_with("failed:") || w.parse::<u32>().is_ok() {
        return Ok(w.to_string());
    }
    if w.contains("不符") {
        return Err(Text::new(
            format!(
                "`{}` 说有不符，但没有写明哪几项：应写作 `不符：条目；条目` 或 `N项不符`",
                short(w)
            ),
            format!(
                "`{}` says something failed but not what: write `不符：item；item` or `N项不符`",
                short(w)
            ),
        ));
    }
    Ok("无".to_string())
}

/// 支出进度率's figure(s): one for both parts, or two (labelled `半年` / `前三季度`, else in
/// that order).
fn progress_parts(value: &str) -> Result<[String; 2], Text> {
    let parts: Vec<&str> = value
        .split(['；', ';', '/', '／', '、', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let figure = |p: &str| -> String {
        let start = p
            .find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '-')
            .unwrap_or(0);
        p[start..].to_string()
    };
    match parts.as_slice() {
        [] => Ok([String::new(), String::new()]),
        [one] => Ok([one.to_string(), one.to_string()]),
        [a, b] => {
            let three = |p: &str| p.starts_with("前三季度");
            let (half, three_q) = if three(a) && !three(b) {
                (b, a)
            } else {
                (a, b)
            };
            Ok([figure(half), figure(three_q)])
        }
        _ => Err(Text::new(
            format!(
                "`{}` 无法识别：支出进度率应为一个数（半年与前三季度相同），或两个数，如 `半年50%；前三季度80%`",
                short(value)
            ),
            format!(
                "`{}` not recognised: 支出进度率 is one figure (for both parts) or two, such as `半年50%；前三季度80%`",
                short(value)
            ),
        )),
    }
}

/// At most 40 characters of a cell, for a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Reads the department form into its one-project table; `at` names the sheet in errors. A row
/// whose name is not one of the form's, or whose 分值 is not the form's, is an error at its cell.
pub fn table(at: &str, sheet: &Sheet) -> Result<Table, InputError> {
    let h = indicator_header(sheet).expect("the layout was found from this header");
    let fail = |r: usize, c: usize, t: Text| InputError::new(at, t).at(Some(r + 1), Some(c + 1));
    let col = |w: &[&str]| column(sheet, h, |l| w.contains(&l));
    let name_col = col(&["三级指标", "指标名称"]).expect("the header has 三级指标");
    let cols = Cols {
        points: col(&["分值", "权重"]),
        target: col(&["年初目标值", "年度指标值", "指标值", "目标值"]),
        actual: col(&["实际完成值", "全年完成值", "实际完成指标值"]),
        score: col(&["得分", "自评得分"]),
        deviation: col(&["未完成原因分析与改进措施", "偏差原因分析及改进措施"]),
        words: [
            col(&["指标说明"]),
            col(&["评分标准"]),
            column(sheet, h, |l| {
                l.starts_with("指标值计算公式") || l == "计算公式"
            }),
            col(&["绩效指标分析与建议", "绩效指标分析"]),
        ],
    };
    let title = &sheet.rows[..h];
    let year = title
        .iter()
        .flatten()
        .find_map(|c| year_in(c))
        .unwrap_or_default();
    let unit = labelled(sheet, &["填报单位"], h);
    let mut total = labelled(sheet, &["自评得分", "自评总分"], h);
    let name = match (unit.is_empty(), year.is_empty()) {
        (true, _) => sheet.name.clone(),
        (false, false) => format!("{unit} {year} 年部门整体支出"),
        (false, true) => format!("{unit}部门整体支出"),
    };
    let mut out: Vec<(u64, Vec<String>)> = Vec::new();
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for r in h + 1..sheet.rows.len() {
        let row = &sheet.rows[r];
        if row.iter().all(String::is_empty) {
            continue;
        }
        let first = row
            .iter()
            .find(|c| !c.is_empty())
            .map_or("", String::as_str);
        if label(first).starts_with("备注") {
            break;
        }
        if row
            .iter()
            .any(|c| matches!(label(c).as_str(), "合计" | "总分" | "自评总分"))
        {
            // the total row's 得分: the claimed total, which 自评得分 above may give too
            if let Some(c) = cols.score {
                let here = sheet.cell(r, c);
                if total.is_empty() {
                    total = here.to_string();
                } else if !here.is_empty() && parse_decimal(here) != parse_decimal(&total) {
                    return Err(fail(
                        r,
                        c,
                        Text::new(
                            format!("合计得分 {here} 与表上方的自评得分 {total} 不同"),
                            format!(
                                "the total row's score {here} differs from 自评得分 {total} above the table"
                            ),
                        ),
                    ));
                }
            }
            break;
        }
        let def = row_named(sheet.cell(r, name_col), &seen).map_err(|t| fail(r, name_col, t))?;
        seen.push((def.item, r));
        let rows = cells_of(sheet, r, &cols, def, name_col).map_err(|(c, t)| fail(r, c, t))?;
        for cells in rows {
            let mut all = if out.is_empty() {
                vec![
                    name.clone(),
                    unit.clone(),
                    year.clone(),
                    RUBRIC.to_string(),
                    String::new(),
                    unit.clone(),
                ]
            } else {
                vec![String::new(); PROJECT_HEADERS.len()]
            };
            all.extend(cells);
            out.push((r as u64 + 1, all));
        }
    }
    if let Some(first) = out.first_mut() {
        first.1[4] = total;
    }
    let headers = PROJECT_HEADERS
        .iter()
        .chain(&ROW_HEADERS)
        .map(|s| s.to_string())
        .collect();
    Ok(Table {
        headers,
        rows: out,
        header_line: h as u64 + 1,
        sheet_columns: Vec::new(),
    })
}

/// The form's row of a printed 三级指标; none, one the form does not have, or one already
/// given (at the 0-based sheet row in `seen`) is an error naming what is accepted.
fn row_named(printed: &str, seen: &[(&str, usize)]) -> Result<&'static Row, Text> {
    if printed.is_empty() {
        return Err(Text::new(
            "此行没有三级指标：部门整体支出绩效自评表的每一行应有其名称（如 预算完成率）",
            "this row has no 三级指标: every row of the department form is named (预算完成率, say)",
        ));
    }
    let Some(def) = row_of(printed) else {
        let accepted: Vec<&str> = ROWS.iter().map(|r| r.item).collect();
        return Err(Text::new(
            format!(
                "三级指标「{}」不是部门整体支出绩效自评表（{RUBRIC}）的行：应为 {} 之一",
                short(printed),
                accepted.join("、")
            ),
            format!(
                "三级指标 `{}` is not a row of the department form ({RUBRIC}); the rows accepted are {}",
                short(printed),
                accepted.join(", ")
            ),
        ));
    };
    if let Some((_, first)) = seen.iter().find(|(i, _)| *i == def.item) {
        return Err(Text::new(
            format!(
                "「{}」已在第 {} 行给出：每行只能出现一次",
                def.item,
                first + 1
            ),
            format!(
                "`{}` is given at row {} already: each row once",
                def.item,
                first + 1
            ),
        ));
    }
    Ok(def)
}

/// The table rows of sheet row `r`, the form's row `def`: one, or two for 支出进度率 (its
/// half-year and three-quarter parts). An error names the column of the cell at fault.
fn cells_of(
    sheet: &Sheet,
    r: usize,
    cols: &Cols,
    def: &Row,
    name_col: usize,
) -> Result<Vec<Vec<String>>, (usize, Text)> {
    let cell = |c: Option<usize>| c.map_or(String::new(), |c| sheet.cell(r, c).to_string());
    let mut cells = vec![String::new(); ROW_HEADERS.len()];
    cells[at::TARGET] = cell(cols.target);
    cells[at::ACTUAL] = cell(cols.actual);
    cells[at::SCORE] = cell(cols.score);
    cells[at::DEVIATION] = cell(cols.deviation);
    for (k, c) in cols.words.iter().enumerate() {
        cells[at::DEVIATION + 1 + k] = cell(*c);
    }
    let points = cell(cols.points);
    let is_indicator = matches!(def.kind, Kind::Indicator(..));
    // a measure's points are the rubric's: other points would score another form
    if !is_indicator
        && let (Some(c), Some(p)) = (cols.points, parse_decimal(&points))
        && p != def.points.into()
    {
        return Err((
            c,
            Text::new(
                format!(
                    "「{}」的分值 {points} 与部门整体支出绩效自评表（{RUBRIC}）的 {} 分不同",
                    def.item, def.points
                ),
                format!(
                    "`{}` has {points} points, where the department form ({RUBRIC}) gives it {}",
                    def.item, def.points
                ),
            ),
        ));
    }
    if !is_indicator {
        cells[at::ITEM] = def.item.to_string();
    }
    // the cell a row's value is read from: 实际完成值, else 年初目标值
    let from_actual = !cells[at::ACTUAL].is_empty();
    let value_col = if from_actual {
        cols.actual
    } else {
        cols.target
    }
    .unwrap_or(name_col);
    let value = if from_actual {
        cells[at::ACTUAL].clone()
    } else {
        cells[at::TARGET].clone()
    };
    let mut second = None;
    match def.kind {
        Kind::Indicator(l1, l2) => {
            cells[at::LEVEL1] = l1.to_string();
            cells[at::LEVEL2] = l2.to_string();
            cells[at::NAME] = def.item.to_string();
            cells[at::POINTS] = points;
        }
        Kind::Rate(m) => cells[at::NAME] = m.to_string(),
        Kind::Checklist(m) => {
            cells[at::NAME] = m.to_string();
            if !value.is_empty() {
                cells[at::FAILED] = failed_of(&value).map_err(|t| (value_col, t))?;
            }
        }
        Kind::Progress => {
            let [half, three] = progress_parts(&value).map_err(|t| (value_col, t))?;
            let mut parts = vec![String::new(); ROW_HEADERS.len()];
            parts[at::NAME] = THREE_QUARTERS.to_string();
            parts[at::ITEM] = def.item.to_string();
            parts[at::ACTUAL] = three;
            second = Some(parts);
            cells[at::NAME] = HALF_YEAR.to_string();
            cells[at::ACTUAL] = half;
            if !from_actual {
                // the target was the value: it is read as the two parts
                cells[at::TARGET].clear();
            }
        }
    }
    Ok(std::iter::once(cells).chain(second).collect())
}

/// The form's columns found in its header row.
/// (一级 and 二级指标 are the rubric's path of the row's item, and not read.)
struct Cols {
    points: Option<usize>,
    target: Option<usize>,
    actual: Option<usize>,
    score: Option<usize>,
    deviation: Option<usize>,
    /// 指标说明, 评分标准, 指标值计算公式和数据获取方式, 绩效指标分析与建议.
    words: [Option<usize>; 4],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_known_by_their_printed_names() {
        assert_eq!(row_of("预算完成率 (10分)").unwrap().item, "预算完成率");
        assert_eq!(
            row_of("“三公经费”控制率\n（5分）").unwrap().item,
            "“三公经费”控制率"
        );
        assert_eq!(
            row_of("\"三公经费\"控制率").unwrap().item,
            "“三公经费”控制率"
        );
        assert_eq!(row_of("半年支出进度率").unwrap().item, "半年支出进度");
        assert!(row_of("政府采购执行率").is_none());
    }

    #[test]
    fn a_checklist_names_its_failures_or_none() {
        assert_eq!(
            failed_of("按预算执行，处置合规收益足额上缴财政").unwrap(),
            "无"
        );
        assert_eq!(failed_of("有2项不符").unwrap(), "2项");
        assert_eq!(
            failed_of("不符：重大项目开支经过评估论证").unwrap(),
            "不符：重大项目开支经过评估论证"
        );
        assert!(failed_of("部分不符").is_err());
    }

    #[test]
    fn progress_in_one_figure_or_two() {
        assert_eq!(progress_parts("100%").unwrap(), ["100%", "100%"]);
        assert_eq!(
            progress_parts("半年42%；前三季度80%").unwrap(),
            ["42%", "80%"]
        );
        assert_eq!(
            progress_parts("前三季度80%；半年42%").unwrap(),
            ["42%", "80%"]
        );
        assert_eq!(progress_parts("42%/80%").unwrap(), ["42%", "80%"]);
        assert!(progress_parts("1%；2%；3%").is_err());
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "表".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    const HEAD: &[&str] = &[
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "指标说明",
        "评分标准",
        "年初目标值",
        "实际完成值",
        "得分",
    ];

    #[test]
    fn a_total_row_gives_the_claimed_total_unless_it_contradicts_the_one_above() {
        let row: &[&str] = &[
            "投入",
            "预算执行",
            "预算调整率",
            "5",
            "",
            "",
            "5%",
            "3%",
            "5",
        ];
        let total: &[&str] = &["合计", "", "", "", "", "", "", "", "96"];
        let t = table("b.xlsx[表]", &sheet(&[HEAD, row, total])).unwrap();
        assert_eq!(t.rows[0].1[4], "96");
        assert_eq!(
            t.rows[0].1[PROJECT_HEADERS.len() + at::NAME],
            "budget_adjustment_rate"
        );
        let above: &[&str] = &["自评得分：95"];
        let e = table("b.xlsx[表]", &sheet(&[above, HEAD, row, total]))
            .err()
            .unwrap();
        assert_eq!((e.line, e.col), (Some(4), Some(9)), "{e}");
        let t = table("b.xlsx[表]", &sheet(&[above, HEAD, row])).unwrap();
        assert_eq!(t.rows[0].1[4], "95");
    }

    #[test]
    fn a_row_without_its_name_is_an_error_at_its_cell() {
        let row: &[&str] = &["", "", "", "5", "", "", "5%", "3%", "5"];
        let e = table("b.xlsx[表]", &sheet(&[HEAD, row])).err().unwrap();
        assert_eq!((e.line, e.col), (Some(2), Some(3)), "{e}");
        assert!(e.message.zh.contains("没有三级指标"), "{e}");
    }

    #[test]
    fn the_unit_and_the_total_in_one_cell_or_beside_their_label() {
        let s = sheet(&[&["填报单位：眉县医疗保障局", "", "自评得分：", "98"]]);
        assert_eq!(labelled(&s, &["填报单位"], 1), "眉县医疗保障局");
        assert_eq!(labelled(&s, &["自评得分"], 1), "98");
        let s = sheet(&[&["填报单位:", "自评得分:"]]);
        assert_eq!(labelled(&s, &["填报单位"], 1), "");
    }
}
