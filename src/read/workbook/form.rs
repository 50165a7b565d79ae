//! The forms a unit fills in, one project per sheet, found by their words wherever they sit:
//! the national 项目支出绩效自评表 (财预〔2020〕10号 附1) and the provincial 部门预算项目绩效目标
//! 自评表 (seed 000, 第四部分); the department form is [`super::department`]'s. A form is laid out as a one-project long table — its indicator
//! rows, the project's own cells on the first of them — and read by the table stage, so a cell
//! of a form reads exactly as the same cell of a batch file does.

use super::Sheet;
use crate::i18n::Text;
use crate::read::table::key;

/// What a sheet holds, decided from its header words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 项目支出绩效自评表 (财预〔2020〕10号 附1): 项目资金 with 年初/全年预算数 and 全年执行数,
    /// 年度指标值 / 实际完成值 / 分值 / 得分.
    National,
    /// 部门预算项目绩效目标自评表 (seed 000): 项目预算执行情况 with 预算数 / 执行数, 预期指标值 /
    /// 实际完成指标值, no 分值 or 得分.
    Provincial,
    /// One row per indicator with the project in a column of its own (公开表6, a batch export).
    Long,
    /// 部门整体支出绩效自评表 (seed 003): 指标说明 / 评分标准 / 年初目标值 / 实际完成值 / 得分, its
    /// rows the items of `shaanxi-dept-2020` (see [`super::department`]).
    Department,
}

/// A label as compared: [`key`], without a trailing colon (`预算数:`).
pub(super) fn label(s: &str) -> String {
    key(s).trim_end_matches([':', '：']).to_string()
}

/// The first cell, row by row, whose label satisfies `pred`.
pub(super) fn find(sheet: &Sheet, pred: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    sheet.rows.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .position(|c| !c.is_empty() && pred(&label(c)))
            .map(|c| (r, c))
    })
}

/// The column of row `r` whose label satisfies `pred`.
pub(super) fn column(sheet: &Sheet, r: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
    sheet
        .rows
        .get(r)?
        .iter()
        .position(|c| !c.is_empty() && pred(&label(c)))
}

/// The forms' own labels: never the value beside another label.
const LABELS: [&str; 17] = [
    "项目名称",
    "主管部门",
    "主管部门及代码",
    "实施单位",
    "项目资金",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "总分",
    "评价等级",
    "执行数",
];

/// The value beside a label: the first cell to its right that is neither empty nor the label
/// again (a merged label fills the cells it covers); none when the next one is another label
/// (a 主管部门 left blank beside 实施单位).
pub(super) fn right_of(sheet: &Sheet, (r, c): (usize, usize)) -> &str {
    let me = sheet.cell(r, c);
    sheet.rows[r]
        .iter()
        .skip(c + 1)
        .find(|v| !v.is_empty() && v.as_str() != me)
        .filter(|v| !LABELS.contains(&label(v).as_str()))
        .map_or("", String::as_str)
}

/// A figure cell: `—`, `-` or `/` mean none.
pub(super) fn figure(s: &str) -> &str {
    match s.trim() {
        "—" | "–" | "-" | "/" | "／" | "——" => "",
        t => t,
    }
}

/// The indicator header row: 一级指标 and 三级指标 (or 指标名称) in one row.
pub(super) fn indicator_header(sheet: &Sheet) -> Option<usize> {
    sheet.rows.iter().position(|row| {
        let has = |w: &[&str]| row.iter().any(|c| w.contains(&label(c).as_str()));
        has(&["一级指标", "level1"]) && has(&["三级指标", "指标名称", "name"])
    })
}

/// Which layout a sheet holds; when none, what was looked for and what was found.
pub fn layout(sheet: &Sheet) -> Result<Layout, Text> {
    let Some(h) = indicator_header(sheet) else {
        let first: Vec<&str> = sheet
            .rows
            .iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .take(4)
            .map(String::as_str)
            .collect();
        let found = first.join("」「").chars().take(60).collect::<String>();
        return Err(Text::new(
            format!(
                "不是可识别的表：没有同时含「一级指标」和「三级指标」的表头行（开头是「{found}」）"
            ),
            format!(
                "not a table jixiao reads: no header row with both 一级指标 and 三级指标 (it begins 「{found}」)"
            ),
        ));
    };
    let in_header = |w: &[&str]| column(sheet, h, |l| w.contains(&l)).is_some();
    if in_header(&[
        "项目名称",
        "项目编码",
        "项目代码",
        "project_name",
        "project_id",
    ]) {
        return Ok(Layout::Long);
    }
    if super::department::is_department(sheet, h) {
        return Ok(Layout::Department);
    }
    let anywhere = |w: &str| find(sheet, |l| l.contains(w)).is_some();
    if anywhere("项目资金") || anywhere("年初预算数") || in_header(&["年度指标值"]) {
        Ok(Layout::National)
    } else if anywhere("项目预算执行情况") || in_header(&["预期指标值"]) {
        Ok(Layout::Provincial)
    } else {
        Ok(Layout::Long)
    }
}

/// The one-project long table a form is read as: header words the table stage knows, and the
/// rows with their numbers on the sheet.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
    /// The row of the indicator header, 1-based.
    pub header_line: u64,
    /// The sheet's column (0-based) of each of the table's columns, where it has one (an
    /// indicator's cells; not the project's, gathered from around the form); empty: unknown.
    pub sheet_columns: Vec<Option<usize>>,
}

/// The project's own cells, in the order of [`PROJECT_HEADERS`].
const PROJECT_HEADERS: [&str; 20] = [
    "项目名称",
    "实施单位",
    "年度",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "当年财政拨款年初预算数",
    "当年财政拨款全年预算数",
    "当年财政拨款全年执行数",
    "上年结转资金年初预算数",
    "上年结转资金全年预算数",
    "上年结转资金全年执行数",
    "其他资金年初预算数",
    "其他资金全年预算数",
    "其他资金全年执行数",
    "年度总体目标",
    "实际完成情况",
    "自评总分",
    "评价等级",
    "主管部门",
];

/// Where the project cells land in [`PROJECT_HEADERS`] (the two claimed execution cells follow).
mod at {
    pub const NAME: usize = 0;
    pub const UNIT: usize = 1;
    pub const YEAR: usize = 2;
    pub const FIGURES: usize = 3;
    pub const SOURCES: usize = 6;
    pub const GOAL: usize = 15;
    pub const ACHIEVED: usize = 16;
    pub const TOTAL: usize = 17;
    pub const GRADE: usize = 18;
    pub const AUTHORITY: usize = 19;
    pub const RATE: usize = 20;
    pub const EXEC_SCORE: usize = 21;
}

const INDICATOR_HEADERS: [&str; 8] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

/// A year written in the title (`（2024年度）`, `2021 年医保…`).
pub(super) fn year_in(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
        (digits.chars().all(|c| c.is_ascii_digit())
            && !before.is_some_and(|c| c.is_ascii_digit())
            && after == Some(&'年')
            && digits.starts_with('2'))
        .then_some(digits)
    })
}

/// Reads a national or provincial form into its one-project table.
pub fn table(sheet: &Sheet, layout: Layout) -> Table {
    let h = indicator_header(sheet).expect("the layout was found from this header");
    let mut project = vec![String::new(); PROJECT_HEADERS.len() + 2];
    let title_rows = &sheet.rows[..h.min(sheet.rows.len())];
    project[at::YEAR] = title_rows
        .iter()
        .flatten()
        .find_map(|c| year_in(c))
        .unwrap_or_default();
    match layout {
        Layout::National => national(sheet, &mut project),
        _ => provincial(sheet, &mut project),
    }
    // the indicator block: its columns by their words, its rows up to 总分 / 评价等级
    let col = |w: &[&str]| column(sheet, h, |l| w.contains(&l));
    let cols = [
        col(&["一级指标"]),
        col(&["二级指标"]),
        col(&["三级指标", "指标名称"]),
        col(&["年度指标值", "预期指标值", "指标值"]),
        col(&["实际完成值", "实际完成指标值", "全年完成值"]),
        col(&["分值", "权重"]),
        col(&["得分", "自评得分"]),
        col(&[
            "偏差原因分析及改进措施",
            "偏差原因",
            "未完成原因分析与改进措施",
        ]),
    ];
    let ends = |row: &[String]| {
        row.iter()
            .any(|c| matches!(label(c).as_str(), "总分" | "评价等级" | "自评总分" | "合计"))
    };
    let score_col = cols[6];
    let mut rows = Vec::new();
    let mut r = h + 1;
    while r < sheet.rows.len() && !ends(&sheet.rows[r]) {
        let mut cells: Vec<String> = cols
            .iter()
            .map(|c| c.map_or(String::new(), |c| sheet.cell(r, c).to_string()))
            .collect();
        if !cells[2].is_empty() || !cells[3].is_empty() {
            let mut all = if rows.is_empty() {
                std::mem::take(&mut project)
            } else {
                vec![String::new(); PROJECT_HEADERS.len() + 2]
            };
            all.append(&mut cells);
            rows.push((r as u64 + 1, all));
        }
        r += 1;
    }
    // 总分: the claimed total in the 得分 column of its row (beside it on a form without one;
    // the 分值 column of that row is the points' total, not a claim)
    if let Some((tr, tc)) = find(sheet, |l| l == "总分" || l == "自评总分")
        && let Some(first) = rows.first_mut()
    {
        let v = match score_col {
            Some(c) => Some(sheet.cell(tr, c)).filter(|v| label(v) != "总分"),
            None => Some(right_of(sheet, (tr, tc))),
        };
        first.1[at::TOTAL] = v.unwrap_or("").to_string();
    }
    if let Some(g) = find(sheet, |l| l == "评价等级" || l == "自评等级")
        && let Some(first) = rows.first_mut()
    {
        first.1[at::GRADE] = right_of(sheet, g).to_string();
    }
    let mut headers: Vec<String> = PROJECT_HEADERS.iter().map(|s| s.to_string()).collect();
    headers.push("预算执行率".into());
    headers.push("预算执行率得分".into());
    headers.extend(INDICATOR_HEADERS.iter().map(|s| s.to_string()));
    Table {
        headers,
        rows,
        header_line: h as u64 + 1,
        sheet_columns: vec![None; PROJECT_HEADERS.len() + 2]
            .into_iter()
            .chain(cols)
            .collect(),
    }
}

/// A long table as it stands: its header row (1-based) and words, the rows below it that carry
/// an indicator, each with its row number on the sheet, and the numbers of the rows that carry
/// none (the 部门 subtotal line 公开表6 prints above its units).
pub struct Long {
    /// The columns of the header that hold an indicator's cells.
    pub indicator_cols: Vec<usize>,
    pub header_line: u64,
    pub headers: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
    pub without_indicator: Vec<u64>,
}

pub fn long(sheet: &Sheet) -> Long {
    let h = indicator_header(sheet).expect("the layout was found from this header");
    let indicator_cols: Vec<usize> = sheet.rows[h]
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                label(c).as_str(),
                "一级指标"
                    | "二级指标"
                    | "三级指标"
                    | "指标名称"
                    | "指标值"
                    | "年度指标值"
                    | "实际完成值"
                    | "level1"
                    | "level2"
                    | "name"
                    | "target"
                    | "actual"
            )
        })
        .map(|(i, _)| i)
        .collect();
    let mut out = Long {
        indicator_cols: indicator_cols.clone(),
        header_line: h as u64 + 1,
        headers: sheet.rows[h].clone(),
        rows: Vec::new(),
        without_indicator: Vec::new(),
    };
    for (i, r) in sheet.rows[h + 1..].iter().enumerate() {
        let line = (h + 2 + i) as u64;
        let blank = r.iter().all(String::is_empty);
        if !blank
            && indicator_cols
                .iter()
                .all(|&c| r.get(c).is_none_or(String::is_empty))
        {
            out.without_indicator.push(line);
        } else {
            out.rows.push((line, r.clone()));
        }
    }
    out
}

/// The top of the national form: 项目名称, 实施单位, the 项目资金 block, 年度总体目标.
fn national(sheet: &Sheet, project: &mut [String]) {
    if let Some(p) = find(sheet, |l| l == "项目名称") {
        project[at::NAME] = right_of(sheet, p).to_string();
    }
    if let Some(p) = find(sheet, |l| l == "实施单位") {
        project[at::UNIT] = right_of(sheet, p).to_string();
    }
    if let Some(p) = find(sheet, |l| l == "主管部门") {
        project[at::AUTHORITY] = right_of(sheet, p).to_string();
    }
    // 项目资金: the row of 年初预算数 … 得分, then 年度资金总额 and the sources below it
    if let Some((fr, _)) = find(sheet, |l| l == "年初预算数" || l == "全年预算数") {
        let c = |w: &str| column(sheet, fr, |l| l == w);
        let figures = [c("年初预算数"), c("全年预算数"), c("全年执行数")];
        let (rate, score) = (c("执行率"), c("得分"));
        let read = |r: usize, col: Option<usize>| {
            col.map_or(String::new(), |c| figure(sheet.cell(r, c)).to_string())
        };
        for r in fr + 1..(fr + 6).min(sheet.rows.len()) {
            let row_has = |w: &str| sheet.rows[r].iter().any(|c| label(c).contains(w));
            let slot = if row_has("年度资金总额") {
                Some(at::FIGURES)
            } else if row_has("当年财政拨款") || row_has("财政拨款") {
                Some(at::SOURCES)
            } else if row_has("上年结转") {
                Some(at::SOURCES + 3)
            } else if row_has("其他资金") {
                Some(at::SOURCES + 6)
            } else {
                None
            };
            let Some(slot) = slot else { continue };
            for (k, col) in figures.iter().enumerate() {
                project[slot + k] = read(r, *col);
            }
            if slot == at::FIGURES {
                project[at::RATE] = read(r, rate);
                project[at::EXEC_SCORE] = read(r, score);
            }
        }
    }
    goals(sheet, project, &["实际完成情况", "目标实际完成情况"]);
}

/// 预期目标 and 实际完成情况: their words in one row, their texts in the row below.
fn goals(sheet: &Sheet, project: &mut [String], achieved: &[&str]) {
    let Some((gr, gc)) = find(sheet, |l| l == "预期目标") else {
        return;
    };
    let ac = column(sheet, gr, |l| achieved.contains(&l));
    project[at::GOAL] = sheet.cell(gr + 1, gc).to_string();
    if let Some(ac) = ac {
        project[at::ACHIEVED] = sheet.cell(gr + 1, ac).to_string();
    }
}

/// The top of the provincial form: the heading as the name, 主管部门及代码, 实施单位, 项目预算
/// 执行情况 (预算数 / 执行数 and 其中：财政拨款 / 其他资金), 年度总体目标完成情况.
fn provincial(sheet: &Sheet, project: &mut [String]) {
    let authority = find(sheet, |l| l.starts_with("主管部门"))
        .map(|p| right_of(sheet, p))
        .unwrap_or("");
    project[at::AUTHORITY] = authority.to_string();
    // `乐山市医疗保障局 315001`: the name without its code
    let authority = authority
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim();
    if let Some(p) = find(sheet, |l| l == "实施单位") {
        project[at::UNIT] = right_of(sheet, p).to_string();
    }
    // the heading above the table is the project's name, less the department's prefix
    let heading = sheet
        .rows
        .iter()
        .flatten()
        .find(|c| !c.is_empty())
        .map_or("", String::as_str);
    let name = heading
        .strip_prefix(authority)
        .filter(|_| !authority.is_empty())
        .unwrap_or(heading)
        .trim();
    project[at::NAME] = name.to_string();
    if let Some((br, _)) = find(sheet, |l| l == "预算数") {
        let pair = |w: &str, r: usize| -> Vec<String> {
            sheet.rows[r]
                .iter()
                .enumerate()
                .filter(|(_, c)| label(c).ends_with(w))
                .map(|(c, _)| figure(right_of(sheet, (r, c))).to_string())
                .collect()
        };
        let mut budget = pair("预算数", br);
        budget.extend(pair("执行数", br));
        if let [a, e] = budget.as_slice() {
            project[at::FIGURES + 1] = a.clone();
            project[at::FIGURES + 2] = e.clone();
        }
        for r in br + 1..(br + 4).min(sheet.rows.len()) {
            for (word, slot) in [("财政拨款", at::SOURCES), ("其他资金", at::SOURCES + 6)] {
                let v = pair(word, r);
                if let [a, e, ..] = v.as_slice() {
                    project[slot + 1] = a.clone();
                    project[slot + 2] = e.clone();
                }
            }
        }
    }
    goals(sheet, project, &["目标实际完成情况", "实际完成情况"]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_in_a_title() {
        assert_eq!(year_in("（2024年度）").as_deref(), Some("2024"));
        assert_eq!(
            year_in("乐山市医疗保障局 2021 年医保骨干网建设").as_deref(),
            Some("2021")
        );
        assert_eq!(year_in("项目支出绩效自评表"), None);
        assert_eq!(year_in("12024年"), None);
    }
}
