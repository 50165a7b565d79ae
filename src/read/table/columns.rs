//! The columns of a batch CSV: headers in English or as printed on the forms, in any order.

use super::Row;
use crate::i18n::Text;

/// A column jixiao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ProjectId,
    ProjectName,
    Department,
    /// 主管部门.
    Authority,
    Year,
    Rubric,
    /// 全年预算数: the budget the execution rate is measured against.
    Annual,
    /// 年初预算数.
    Initial,
    /// 全年执行数.
    Executed,
    /// The three figures of each source of funds, in the order of `Source::ALL` and, within a
    /// source, initial, annual, executed (see [`Field::source_figure`]).
    AppropriationInitial,
    AppropriationAnnual,
    AppropriationExecuted,
    CarriedOverInitial,
    CarriedOverAnnual,
    CarriedOverExecuted,
    OtherInitial,
    OtherAnnual,
    OtherExecuted,
    BudgetUnit,
    Goal,
    GoalAchieved,
    Level1,
    Level2,
    Name,
    Op,
    Target,
    Unit,
    Weight,
    Direction,
    Actual,
    ClaimedScore,
    ClaimedTotal,
    ClaimedGrade,
    ClaimedExecutionRate,
    ClaimedExecutionScore,
    /// 偏差原因分析及改进措施.
    Deviation,
    /// 填报单位: who filled the form in.
    FilledBy,
    /// On a measure row: the rubric item its claim and words belong to (支出进度率 for the
    /// half-year progress); the measure's own name when absent.
    Item,
    /// On a checklist's measure row: its failed items (`无`, a count, or the items by name),
    /// leaving 实际完成值 to the unit's own words.
    Failed,
    /// The department form's words on a row (see `model::Notes`).
    Explanation,
    Criteria,
    Method,
    Analysis,
}

const FIELDS: usize = 43;

impl Field {
    /// The nine columns of the sources of funds, source by source, each initial, annual,
    /// executed.
    pub const SOURCE_FIGURES: [Field; 9] = [
        Field::AppropriationInitial,
        Field::AppropriationAnnual,
        Field::AppropriationExecuted,
        Field::CarriedOverInitial,
        Field::CarriedOverAnnual,
        Field::CarriedOverExecuted,
        Field::OtherInitial,
        Field::OtherAnnual,
        Field::OtherExecuted,
    ];
}

/// Accepted headers of each field, compared after [`key`].
const ALIASES: [(Field, &[&str]); FIELDS] = [
    (
        Field::ProjectId,
        &["project_id", "项目编码", "项目代码", "项目编号"],
    ),
    (Field::ProjectName, &["project_name", "项目名称"]),
    (
        Field::Department,
        &["department", "单位名称", "实施单位", "预算单位"],
    ),
    (
        Field::Authority,
        &["authority", "主管部门", "主管部门及代码"],
    ),
    (Field::Year, &["year", "年度"]),
    (Field::Rubric, &["rubric", "评分规则"]),
    (
        Field::Annual,
        &[
            "annual_budget",
            "planned",
            "预算数",
            "全年预算数",
            "年度资金总额",
        ],
    ),
    (Field::Initial, &["initial_budget", "年初预算数"]),
    (Field::Executed, &["executed", "执行数", "全年执行数"]),
    (
        Field::AppropriationInitial,
        &["appropriation_initial", "当年财政拨款年初预算数"],
    ),
    (
        Field::AppropriationAnnual,
        &["appropriation_annual", "当年财政拨款全年预算数"],
    ),
    (
        Field::AppropriationExecuted,
        &["appropriation_executed", "当年财政拨款全年执行数"],
    ),
    (
        Field::CarriedOverInitial,
        &["carried_over_initial", "上年结转资金年初预算数"],
    ),
    (
        Field::CarriedOverAnnual,
        &["carried_over_annual", "上年结转资金全年预算数"],
    ),
    (
        Field::CarriedOverExecuted,
        &["carried_over_executed", "上年结转资金全年执行数"],
    ),
    (
        Field::OtherInitial,
        &["other_initial", "其他资金年初预算数"],
    ),
    (Field::OtherAnnual, &["other_annual", "其他资金全年预算数"]),
    (
        Field::OtherExecuted,
        &["other_executed", "其他资金全年执行数"],
    ),
    (Field::BudgetUnit, &["budget_unit", "金额单位"]),
    (
        Field::Goal,
        &["goal", "年度目标", "预期目标", "年度总体目标"],
    ),
    (
        Field::GoalAchieved,
        &["goal_achieved", "实际完成情况", "目标实际完成情况"],
    ),
    (Field::Level1, &["level1", "一级指标"]),
    (Field::Level2, &["level2", "二级指标"]),
    (Field::Name, &["name", "三级指标", "指标名称"]),
    (Field::Op, &["op", "指标性质"]),
    (
        Field::Target,
        &["target", "指标值", "年度指标值", "预期指标值", "年初目标值"],
    ),
    (Field::Unit, &["unit", "度量单位", "计量单位"]),
    (Field::Weight, &["weight", "权重", "分值"]),
    (Field::Direction, &["direction", "指标方向性", "指标方向"]),
    (
        Field::Actual,
        &["actual", "实际完成值", "全年完成值", "实际完成指标值"],
    ),
    (Field::ClaimedScore, &["claimed_score", "得分", "自评得分"]),
    (Field::ClaimedTotal, &["claimed_total", "自评总分", "总分"]),
    (
        Field::ClaimedGrade,
        &["claimed_grade", "评价等级", "自评等级"],
    ),
    (
        Field::ClaimedExecutionRate,
        &["claimed_execution_rate", "预算执行率"],
    ),
    (
        Field::ClaimedExecutionScore,
        &["claimed_execution_score", "预算执行率得分", "执行率得分"],
    ),
    (
        Field::Deviation,
        &[
            "deviation",
            "偏差原因分析及改进措施",
            "偏差原因",
            "未完成原因分析与改进措施",
        ],
    ),
    (Field::FilledBy, &["filled_by", "填报单位"]),
    (Field::Item, &["item", "评分项"]),
    (Field::Failed, &["failed", "不符项"]),
    (Field::Explanation, &["explanation", "指标说明"]),
    (Field::Criteria, &["criteria", "评分标准"]),
    (
        Field::Method,
        &["method", "指标值计算公式和数据获取方式", "计算公式"],
    ),
    (Field::Analysis, &["analysis", "绩效指标分析与建议"]),
];

/// A header reduced for comparison: trimmed, lower-case, without spaces, a BOM or a trailing
/// parenthesised unit (`预算数（万元）` → `预算数`).
pub fn key(h: &str) -> String {
    let mut s: String = h
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close)
            && let Some(i) = s.rfind(open)
            && i > 0
        {
            s.truncate(i);
        }
    }
    s
}

/// A field the file has no column for. A record holds at most [`MAX_LINE`] bytes, so never
/// this many fields.
///
/// [`MAX_LINE`]: crate::read::csv::MAX_LINE
const ABSENT: u32 = u32::MAX;

/// Where each field is in a file's rows.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The column of each field, [`ABSENT`] when the file has none: a row never has that
    /// many fields, so an absent field reads as a short row's, without a branch of its own.
    index: [u32; FIELDS],
    headers: Vec<String>,
    /// Headers that name no field, in file order.
    pub ignored: Vec<String>,
    /// For a table read from a sheet: the sheet's column (0-based) of each of the table's, so
    /// that an error names its cell; none for a text file.
    sheet: Option<Vec<Option<usize>>>,
}

impl Columns {
    /// Maps the header row; errors name a missing required column and the headers accepted.
    pub fn from_headers(headers: &[String]) -> Result<Columns, Text> {
        let mut index = [ABSENT; FIELDS];
        let mut ignored = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let k = key(h);
            match ALIASES
                .iter()
                .position(|(_, names)| names.contains(&k.as_str()))
            {
                Some(f) => match index[f] {
                    ABSENT => index[f] = i as u32,
                    // two columns for one field: which one holds the figure is not for jixiao
                    // to guess, and keeping either would silently drop the other
                    first => {
                        let first = first as usize;
                        return Err(Text::new(
                            format!(
                                "列 `{}`（第 {} 列）与列 `{}`（第 {} 列）表示同一字段：请只保留一列",
                                headers[first].trim(),
                                first + 1,
                                h.trim(),
                                i + 1
                            ),
                            format!(
                                "columns `{}` (column {}) and `{}` (column {}) name the same field: keep only one",
                                headers[first].trim(),
                                first + 1,
                                h.trim(),
                                i + 1
                            ),
                        ));
                    }
                },
                None => ignored.push(h.trim().to_string()),
            }
        }
        let cols = Columns {
            index,
            headers: headers.to_vec(),
            ignored,
            sheet: None,
        };
        let need: &[&[Field]] = &[
            &[Field::ProjectId, Field::ProjectName],
            &[Field::Name],
            &[Field::Level1],
            &[Field::Level2],
            &[Field::Target],
        ];
        for alternatives in need {
            if alternatives.iter().all(|f| cols.position(*f).is_none()) {
                let accepted: Vec<&str> = alternatives
                    .iter()
                    .flat_map(|f| aliases(*f).iter().copied())
                    .collect();
                return Err(Text::new(
                    format!("缺少必需的列：应有 {} 之一", accepted.join("、")),
                    format!(
                        "missing required column: expected one of {}",
                        accepted.join(", ")
                    ),
                ));
            }
        }
        Ok(cols)
    }

    /// The columns as read from a sheet: `map[i]` is the sheet's column (0-based) of the table's
    /// column `i` (none for a cell gathered from elsewhere on a form).
    pub fn on_sheet(mut self, map: Vec<Option<usize>>) -> Columns {
        self.sheet = Some(map);
        self
    }

    /// Whether the table is a sheet's, and where on it field `f`'s column is (0-based).
    pub fn sheet_column(&self, f: Field) -> Option<Option<usize>> {
        let map = self.sheet.as_ref()?;
        Some(self.position(f).and_then(|i| map.get(i).copied().flatten()))
    }

    pub fn position(&self, f: Field) -> Option<usize> {
        match self.index[f as usize] {
            ABSENT => None,
            i => Some(i as usize),
        }
    }

    /// The field's cell in `row`, trimmed; empty when the column is absent or the row short.
    #[inline]
    pub fn get<'a>(&self, f: Field, row: &Row<'a>) -> &'a str {
        row.get(self.index[f as usize] as usize)
    }

    /// The cells of several fields in `row`, as [`Columns::get`] gives each.
    #[inline]
    pub fn cells<'a, const N: usize>(&self, fields: [Field; N], row: &Row<'a>) -> [&'a str; N] {
        fields.map(|f| row.get(self.index[f as usize] as usize))
    }

    /// The header as written in the file, for error messages.
    pub fn header(&self, f: Field) -> &str {
        self.position(f)
            .map_or(aliases(f)[0], |i| self.headers[i].trim())
    }

    /// The header of column `i` as written.
    pub fn header_at(&self, i: usize) -> &str {
        self.headers.get(i).map_or("?", |h| h.trim())
    }

    pub fn len(&self) -> usize {
        self.headers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }
}

fn aliases(f: Field) -> &'static [&'static str] {
    ALIASES[f as usize].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let e = Columns::from_headers(&h(&[
            "project_id",
            "level1",
            "level2",
            "name",
            "target",
            "planned",
            "annual_budget",
        ]))
        .unwrap_err();
        assert_eq!(
            e.en,
            "columns `planned` (column 6) and `annual_budget` (column 7) name the same field: keep only one"
        );
    }

    #[test]
    fn aliases_are_in_field_order() {
        for (i, (f, _)) in ALIASES.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    #[test]
    fn chinese_headers_of_table6() {
        let c = Columns::from_headers(&h(&[
            "单位名称",
            "项目名称",
            "预算数（万元）",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "权重",
            "指标方向性",
            "备注",
        ]))
        .unwrap();
        assert_eq!(c.position(Field::Annual), Some(2));
        assert_eq!(c.position(Field::Direction), Some(11));
        assert_eq!(c.ignored, vec!["备注"]);
    }

    #[test]
    fn missing_required_column_is_named() {
        let e = Columns::from_headers(&h(&["project_id", "level1", "level2", "name", "planned"]))
            .unwrap_err();
        assert!(e.en.contains("target"), "{}", e.en);
        assert!(e.zh.contains("指标值"), "{}", e.zh);
    }

    #[test]
    fn the_department_forms_words() {
        let c = Columns::from_headers(&h(&[
            "项目名称",
            "填报单位",
            "一级指标",
            "二级指标",
            "三级指标",
            "评分项",
            "分值",
            "指标说明",
            "评分标准",
            "指标值计算公式和数据获取方式",
            "年初目标值",
            "实际完成值",
            "不符项",
            "得分",
            "未完成原因分析与改进措施",
            "绩效指标分析与建议",
        ]))
        .unwrap();
        assert!(c.ignored.is_empty(), "{:?}", c.ignored);
        for (f, i) in [
            (Field::FilledBy, 1),
            (Field::Item, 5),
            (Field::Explanation, 7),
            (Field::Criteria, 8),
            (Field::Method, 9),
            (Field::Target, 10),
            (Field::Failed, 12),
            (Field::Deviation, 14),
            (Field::Analysis, 15),
        ] {
            assert_eq!(c.position(f), Some(i), "{f:?}");
        }
    }

    #[test]
    fn the_three_budget_figures_and_the_sources() {
        let c = Columns::from_headers(&h(&[
            "项目名称",
            "年初预算数（万元）",
            "全年预算数（万元）",
            "全年执行数（万元）",
            "当年财政拨款全年执行数",
            "carried_over_initial",
            "三级指标",
            "一级指标",
            "二级指标",
            "指标值",
        ]))
        .unwrap();
        assert_eq!(c.position(Field::Initial), Some(1));
        assert_eq!(c.position(Field::Annual), Some(2));
        assert_eq!(c.position(Field::Executed), Some(3));
        assert_eq!(c.position(Field::AppropriationExecuted), Some(4));
        assert_eq!(c.position(Field::CarriedOverInitial), Some(5));
        assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    }
}
