//! Reading a project file (YAML): one project per file, keys in English, values as on the forms.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::de::{self, custom};
use crate::error::InputError;
use crate::i18n::Text;
use crate::library::{Library, de_direction, de_level1, de_level2};
use crate::model::{
    Actual, Budget, Claimed, Direction, Figures, Goals, Indicator, ItemNotes, Level1, Level2,
    Measure, Money, Notes, Record, Source, Target, bounds,
};

/// 项目文件：一个项目的绩效自评 / a project file: one project's self-evaluation.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jixiao 项目文件 / project file")]
struct FileIn {
    /// 项目基本信息 / the project.
    project: ProjectIn,
    /// 评分规则：内置规则名（national-2020、central-2021、shaanxi-dept-2020）或规则文件路径 /
    /// the rubric: a shipped name or a rubric file.
    #[serde(default)]
    rubric: Option<String>,
    /// 项目资金 / the budget.
    #[serde(default)]
    budget: BudgetIn,
    /// 总体目标 / the overall goals.
    #[serde(default)]
    goals: Option<GoalsIn>,
    /// 绩效指标，每行一个三级指标 / the indicators, one a row.
    #[serde(default)]
    indicators: Vec<IndicatorIn>,
    /// 评分规则所读的计量（如 `budget_completion_rate: 98%`）/ the measures the rubric reads:
    /// a number, a word, or `{failed: [...]}` for a checklist.
    #[serde(default)]
    measures: BTreeMap<String, MeasureIn>,
    /// 各评分项（部门整体自评表）的说明文字，按评分项名称 / the words of the rows of measures
    /// (the department form's), by item, in file order.
    #[serde(default)]
    notes: ItemNotesIn,
    /// 单位自评的分数与等级 / what the unit claimed.
    #[serde(default)]
    claimed: Option<ClaimedIn>,
}

/// The department form's words on a row, as read (an indicator's, or an item's under
/// `notes:`): 指标说明, 评分标准, 指标值计算公式和数据获取方式, 绩效指标分析与建议. Listed in
/// each entry rather than flattened, so that an unknown key is still an error at its line.
fn notes_of(
    explanation: Option<String>,
    criteria: Option<String>,
    method: Option<String>,
    analysis: Option<String>,
) -> Notes {
    Notes {
        explanation,
        criteria,
        method,
        analysis,
    }
}

/// 一个评分项的说明文字 / one item's entry under `notes:`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = item_note_aliases)]
struct ItemNoteIn {
    /// 年初目标值（也可写作 `年初目标值:`）/ the target as written.
    #[serde(default, alias = "年初目标值", deserialize_with = "de::opt_scalar")]
    #[schemars(schema_with = "de::opt_scalar_schema")]
    target: Option<String>,
    /// 实际完成值（也可写作 `实际完成值:`）/ the actual as written.
    #[serde(default, alias = "实际完成值", deserialize_with = "de::opt_scalar")]
    #[schemars(schema_with = "de::opt_scalar_schema")]
    actual: Option<String>,
    /// 未完成原因分析与改进措施 / why it fell short, and what is done about it.
    #[serde(
        default,
        alias = "未完成原因分析与改进措施",
        alias = "偏差原因分析及改进措施"
    )]
    deviation: Option<String>,
    /// 指标说明 / what the item measures.
    #[serde(default, alias = "指标说明")]
    explanation: Option<String>,
    /// 评分标准 / how it is scored.
    #[serde(default, alias = "评分标准")]
    criteria: Option<String>,
    /// 指标值计算公式和数据获取方式 / the formula and where the data come from.
    #[serde(default, alias = "指标值计算公式和数据获取方式")]
    method: Option<String>,
    /// 绩效指标分析与建议 / analysis and advice.
    #[serde(default, alias = "绩效指标分析与建议")]
    analysis: Option<String>,
}

/// `notes: {预算完成率: {指标说明: …, 评分标准: …}, …}`, kept in the order written (a map
/// would sort it); an item given twice is an error.
#[derive(Default)]
struct ItemNotesIn(Vec<ItemNotes>);

impl<'de> Deserialize<'de> for ItemNotesIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemNotesIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of item names to their words")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ItemNotesIn, A::Error> {
                let mut out: Vec<ItemNotes> = Vec::new();
                while let Some(item) = map.next_key::<String>()? {
                    if out.iter().any(|n| n.item == item) {
                        return Err(custom(Text::new(
                            format!("`notes:` 中评分项 `{item}` 重复"),
                            format!("item `{item}` repeated under `notes:`"),
                        )));
                    }
                    let n: ItemNoteIn = map.next_value()?;
                    out.push(ItemNotes {
                        item,
                        target: n.target,
                        actual: n.actual,
                        deviation: n.deviation,
                        notes: notes_of(n.explanation, n.criteria, n.method, n.analysis),
                    });
                }
                Ok(ItemNotesIn(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The editor schema of `notes:`, written by hand next to its reader above: a mapping of item
/// names to their words (an item given twice, which the reader refuses, it cannot see).
impl JsonSchema for ItemNotesIn {
    fn schema_name() -> Cow<'static, str> {
        "ItemNotes".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": g.subschema_for::<ItemNoteIn>(),
        })
    }
}

/// `100`, `"100%"`, `达成`, `{failed: [item, …]}` or `{failed: 2}`.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum MeasureIn {
    /// 数值或文字，如 `98%`、`达成` / a number or a word.
    Scalar(
        #[serde(deserialize_with = "de::scalar")]
        #[schemars(schema_with = "de::scalar_schema")]
        String,
    ),
    /// 清单：不符合的项或其数目 / a checklist: the items that failed, or how many.
    Checklist { failed: FailedIn },
}

#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum FailedIn {
    /// 不符合的项数 / how many failed.
    Count(u32),
    /// 不符合的项 / the items that failed.
    Items(Vec<String>),
}

impl MeasureIn {
    fn into_measure(self) -> Measure {
        match self {
            MeasureIn::Scalar(s) => match crate::model::lexeme::parse_decimal(&s) {
                Some(d) => Measure::Number(d),
                None => Measure::Word(s.trim().to_string()),
            },
            MeasureIn::Checklist {
                failed: FailedIn::Count(n),
            } => Measure::FailedCount(n),
            MeasureIn::Checklist {
                failed: FailedIn::Items(v),
            } => Measure::Failed(v),
        }
    }
}

/// The keys of the department form's words, in the form's Chinese too.
const NOTE_ALIASES: [(&str, &str); 4] = [
    ("explanation", "指标说明"),
    ("criteria", "评分标准"),
    ("method", "指标值计算公式和数据获取方式"),
    ("analysis", "绩效指标分析与建议"),
];

/// The `alias`es of [`ItemNoteIn`], for its editor schema.
fn item_note_aliases(s: &mut Schema) {
    let mut all = vec![
        ("target", "年初目标值"),
        ("actual", "实际完成值"),
        ("deviation", "未完成原因分析与改进措施"),
        ("deviation", "偏差原因分析及改进措施"),
    ];
    all.extend(NOTE_ALIASES);
    de::add_aliases(s, &all);
}

/// The `alias`es of [`ProjectIn`], for its editor schema.
fn project_aliases(s: &mut Schema) {
    let all = [
        ("department", "实施单位"),
        ("authority", "主管部门"),
        ("filled_by", "填报单位"),
    ];
    de::add_aliases(s, &all);
}

/// The `alias`es of [`IndicatorIn`], for its editor schema.
fn indicator_aliases(s: &mut Schema) {
    let mut all = vec![
        ("deviation", "偏差原因分析及改进措施"),
        ("deviation", "偏差原因"),
        ("deviation", "未完成原因分析与改进措施"),
    ];
    all.extend(NOTE_ALIASES);
    de::add_aliases(s, &all);
}

/// 项目基本信息 / the project.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = project_aliases)]
struct ProjectIn {
    /// 项目编号 / the project's id.
    #[serde(deserialize_with = "de::scalar")]
    #[schemars(schema_with = "de::scalar_schema")]
    id: String,
    /// 项目名称 / the project's name.
    name: String,
    /// 实施单位（也可写作 `实施单位:`）/ the implementing unit.
    #[serde(default, alias = "实施单位")]
    department: Option<String>,
    /// 主管部门（也可写作 `主管部门:`）/ the supervising authority.
    #[serde(default, alias = "主管部门")]
    authority: Option<String>,
    /// 填报单位（也可写作 `填报单位:`）/ the unit that filled in the form.
    #[serde(default, alias = "填报单位")]
    filled_by: Option<String>,
    /// 年度 / the year.
    #[serde(default)]
    year: Option<i32>,
}

/// `budget:`, the form's 项目资金: `initial` (年初预算数), `annual` (全年预算数; `planned`, its
/// older name, is the same figure), `executed` (全年执行数), `unit`, and `sources:` splitting the
/// three figures by source of funds. Read by hand so that a figure given twice under two names,
/// or an unknown source, is an error at its own line.
#[derive(Default)]
struct BudgetIn(Budget);

/// The keys of a figure, in the order of `FIGURE_NAMES`.
const FIGURE_KEYS: [&[&str]; 3] = [
    &["initial", "年初预算数"],
    &["annual", "planned", "全年预算数"],
    &["executed", "全年执行数"],
];

/// Each figure's name in messages (Chinese, English).
const FIGURE_NAMES: [(&str, &str); 3] = [
    ("年初预算数", "initial budget (年初预算数)"),
    ("全年预算数", "annual budget (全年预算数)"),
    ("全年执行数", "executed amount (全年执行数)"),
];

const BUDGET_KEYS: &[&str] = &[
    "initial",
    "annual",
    "planned",
    "executed",
    "unit",
    "sources",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "金额单位",
    "资金来源",
];

const SOURCE_FIGURE_KEYS: &[&str] = &[
    "initial",
    "annual",
    "planned",
    "executed",
    "年初预算数",
    "全年预算数",
    "全年执行数",
];

#[derive(Deserialize)]
struct Amount(#[serde(deserialize_with = "de::opt_decimal")] Option<Decimal>);

#[derive(Deserialize)]
struct UnitIn(#[serde(deserialize_with = "de_money")] Option<Money>);

/// Reads the value of `key` into its figure when `key` names one (and says whether it did); a
/// figure already given under another name is an error.
fn figure<'de, A: MapAccess<'de>>(
    key: &str,
    map: &mut A,
    f: &mut Figures,
    seen: &mut [Option<String>; 3],
) -> Result<bool, A::Error> {
    let Some(i) = FIGURE_KEYS.iter().position(|keys| keys.contains(&key)) else {
        return Ok(false);
    };
    if let Some(prev) = &seen[i] {
        let (zh, en) = FIGURE_NAMES[i];
        return Err(custom(Text::new(
            format!("`{key}` 与 `{prev}` 都是{zh}，只能给出其一"),
            format!("`{key}` and `{prev}` both give the {en}: give one of them"),
        )));
    }
    seen[i] = Some(key.to_string());
    let v = map.next_value::<Amount>()?.0;
    match i {
        0 => f.initial = v,
        1 => f.annual = v,
        _ => f.executed = v,
    }
    Ok(true)
}

impl<'de> Deserialize<'de> for BudgetIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BudgetIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of initial, annual, executed, unit, sources")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BudgetIn, A::Error> {
                let mut totals = Figures::default();
                let mut seen = Default::default();
                let mut b = Budget::default();
                while let Some(k) = map.next_key::<String>()? {
                    if figure(&k, &mut map, &mut totals, &mut seen)? {
                        continue;
                    }
                    match k.as_str() {
                        "unit" | "金额单位" => {
                            b.unit = map.next_value::<UnitIn>()?.0.unwrap_or_default();
                        }
                        "sources" | "资金来源" => b.sources = map.next_value::<SourcesIn>()?.0,
                        _ => return Err(serde::de::Error::unknown_field(&k, BUDGET_KEYS)),
                    }
                }
                b.initial = totals.initial;
                b.annual = totals.annual;
                b.executed = totals.executed;
                Ok(BudgetIn(b))
            }
        }
        d.deserialize_map(V)
    }
}

/// The properties of the three figures, each under every name it has, for the editor schema.
fn figure_properties() -> serde_json::Map<String, serde_json::Value> {
    let mut props = serde_json::Map::new();
    for (keys, (zh, en)) in FIGURE_KEYS.iter().zip(FIGURE_NAMES) {
        for k in *keys {
            let mut s = de::opt_decimal_schema(&mut SchemaGenerator::default());
            s.insert("description".into(), format!("{zh} / {en}").into());
            props.insert(k.to_string(), s.into());
        }
    }
    props
}

/// The figures given twice under two names, which the reader refuses: `not` both.
fn figure_twice() -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for keys in FIGURE_KEYS {
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                out.push(serde_json::json!({"not": {"required": [a, b]}}));
            }
        }
    }
    out
}

/// The editor schema of `budget:`, written by hand next to its reader above: the figures under
/// any of their names (but not one twice), the unit, and the sources of funds.
impl JsonSchema for BudgetIn {
    fn schema_name() -> Cow<'static, str> {
        "Budget".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut props = figure_properties();
        let unit = json_schema!({
            "description": "金额单位：元、万元（默认）、亿元 / the money unit: 元, 万元 (the default), 亿元",
            "enum": ["元", "万元", "亿元", null],
        });
        let sources = g.subschema_for::<SourcesIn>();
        for k in ["unit", "金额单位"] {
            props.insert(k.into(), unit.clone().into());
        }
        for k in ["sources", "资金来源"] {
            props.insert(k.into(), sources.clone().into());
        }
        let mut twice = figure_twice();
        for pair in [["unit", "金额单位"], ["sources", "资金来源"]] {
            twice.push(serde_json::json!({"not": {"required": pair}}));
        }
        json_schema!({
            "type": "object",
            "properties": props,
            "additionalProperties": false,
            "allOf": twice,
        })
    }
}

/// `sources: {当年财政拨款: {initial, annual, executed}, 上年结转资金: …, 其他资金: …}`, in the
/// form's words or in English (appropriation, carried_over, other); kept in the order of
/// `Source::ALL`.
struct SourcesIn(Vec<(Source, Figures)>);

impl<'de> Deserialize<'de> for SourcesIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SourcesIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of sources of funds")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourcesIn, A::Error> {
                let mut out: Vec<(Source, Figures)> = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let Some(src) = Source::parse(&k) else {
                        return Err(custom(de::unknown_word(
                            ("资金来源", "source of funds"),
                            &k,
                            Source::ACCEPTED,
                        )));
                    };
                    if out.iter().any(|(s, _)| *s == src) {
                        return Err(custom(Text::new(
                            format!("资金来源 `{k}` 重复：{} 已给出", src.zh()),
                            format!(
                                "source of funds `{k}` repeated: {} is given already",
                                src.key()
                            ),
                        )));
                    }
                    out.push((src, map.next_value::<SourceFiguresIn>()?.0));
                }
                out.sort_by_key(|(s, _)| *s);
                Ok(SourcesIn(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The editor schema of `sources:`, written by hand next to its reader above: a mapping whose
/// keys are sources of funds (as `Source::parse` reads them) and whose values are figures.
impl JsonSchema for SourcesIn {
    fn schema_name() -> Cow<'static, str> {
        "Sources".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let words: Vec<&str> = Source::WORDS
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        let space = de::SPACE;
        let names = format!(
            "^{space}*(?:其中[：:]{space}*)?{}{space}*$",
            de::word_pattern(&words, de::Fold::Exact)
        );
        json_schema!({
            "description": "资金来源：当年财政拨款、上年结转资金、其他资金 / sources of funds: appropriation, carried_over, other",
            "type": "object",
            "propertyNames": {"pattern": names},
            "additionalProperties": g.subschema_for::<SourceFiguresIn>(),
        })
    }
}

/// One source's `{initial, annual, executed}` (or the form's words).
struct SourceFiguresIn(Figures);

impl<'de> Deserialize<'de> for SourceFiguresIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SourceFiguresIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of initial, annual, executed")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourceFiguresIn, A::Error> {
                let mut f = Figures::default();
                let mut seen = Default::default();
                while let Some(k) = map.next_key::<String>()? {
                    if !figure(&k, &mut map, &mut f, &mut seen)? {
                        return Err(serde::de::Error::unknown_field(&k, SOURCE_FIGURE_KEYS));
                    }
                }
                Ok(SourceFiguresIn(f))
            }
        }
        d.deserialize_map(V)
    }
}

/// The editor schema of one source's figures, written by hand next to its reader above.
impl JsonSchema for SourceFiguresIn {
    fn schema_name() -> Cow<'static, str> {
        "SourceFigures".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "properties": figure_properties(),
            "additionalProperties": false,
            "allOf": figure_twice(),
        })
    }
}

/// 总体目标 / the overall goals.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GoalsIn {
    /// 年初设定目标 / the goals set at the start of the year.
    #[serde(default)]
    planned: String,
    /// 全年实际完成情况 / what the year achieved.
    #[serde(default)]
    achieved: String,
}

/// 单位自评 / what the unit claimed.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ClaimedIn {
    /// 自评总分 / the claimed total.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    total: Option<Decimal>,
    /// 自评等级，如 优、良、中、差 / the claimed grade.
    #[serde(default)]
    grade: Option<String>,
    /// 自评的预算执行率（%）/ the claimed execution rate (percent).
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    execution_rate: Option<Decimal>,
    /// 预算执行率的自评得分 / the claimed score of the execution rate.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    execution_score: Option<Decimal>,
    /// 各评分项的自评得分，按评分项名称 / the claimed score of each item, by name.
    #[serde(default)]
    items: BTreeMap<String, InputValue>,
}

/// 一个三级指标 / one indicator.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = indicator_aliases)]
struct IndicatorIn {
    /// 三级指标名称 / the indicator's name.
    #[serde(default)]
    name: Option<String>,
    /// 引用指标库中的定义，如 `common/budget-accuracy` / a definition of the indicator library.
    #[serde(default, rename = "use")]
    uses: Option<String>,
    /// 一级指标：产出指标、成本指标、效益指标、满意度指标 / level1: output, cost, benefit,
    /// satisfaction.
    #[serde(default, deserialize_with = "de_level1")]
    #[schemars(schema_with = "crate::library::level1_schema")]
    level1: Option<Level1>,
    /// 二级指标：数量指标、质量指标、时效指标、成本指标、经济效益指标…… / level2: quantity,
    /// quality, timeliness, cost, economic_benefit, ….
    #[serde(default, deserialize_with = "de_level2")]
    #[schemars(schema_with = "crate::library::level2_schema")]
    level2: Option<Level2>,
    /// 年初目标值，如 `≥90%`、`100`、`2024年12月底前`，或 `{op: "≥", value: 90, unit: "%"}` /
    /// the target as on the form.
    #[serde(default, deserialize_with = "de_target")]
    #[schemars(with = "Option<TargetIn>")]
    target: Option<(Target, String)>,
    /// 指标方向：正向或反向 / direction: forward or reverse.
    #[serde(default, deserialize_with = "de_direction")]
    #[schemars(schema_with = "crate::library::direction_schema")]
    direction: Option<Direction>,
    /// 权重（分值）/ the weight (points).
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    weight: Option<Decimal>,
    /// 实际完成值，如 `96.5%`、`达成`、`2024-11-30` / the actual as on the form.
    #[serde(default, deserialize_with = "de::opt_scalar")]
    #[schemars(schema_with = "de::opt_scalar_schema")]
    actual: Option<String>,
    /// 单位自评得分 / the score the unit claimed.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    claimed_score: Option<Decimal>,
    /// 指标库公式的输入，如 `{spent: 4.68, budgeted: 5.8}` / the inputs of the library's formula.
    #[serde(default)]
    inputs: Option<BTreeMap<String, InputValue>>,
    /// 偏差原因分析及改进措施（也可写作 `偏差原因:`）/ why it deviated, and what is done.
    #[serde(
        default,
        alias = "偏差原因分析及改进措施",
        alias = "偏差原因",
        alias = "未完成原因分析与改进措施"
    )]
    deviation: Option<String>,
    /// 指标说明 / what the indicator measures.
    #[serde(default, alias = "指标说明")]
    explanation: Option<String>,
    /// 评分标准 / how it is scored.
    #[serde(default, alias = "评分标准")]
    criteria: Option<String>,
    /// 指标值计算公式和数据获取方式 / the formula and where the data come from.
    #[serde(default, alias = "指标值计算公式和数据获取方式")]
    method: Option<String>,
    /// 绩效指标分析与建议 / analysis and advice.
    #[serde(default, alias = "绩效指标分析与建议")]
    analysis: Option<String>,
}

/// 数值，如 `4.68`、`90%` / a number.
#[derive(Deserialize, JsonSchema)]
struct InputValue(
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    Decimal,
);

/// `target: "≥90%"`, `target: 90`, or `target: {op: "≥", value: 90, unit: "%"}`.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum TargetIn {
    /// 如表上所写，如 `≥90%` / as on the form.
    Text(
        #[serde(deserialize_with = "de::scalar")]
        #[schemars(schema_with = "de::scalar_schema")]
        String,
    ),
    /// 分开写的比较符、数值、单位 / the operator, value and unit apart.
    Parts(TargetParts),
}

/// 分开写的目标值 / a target in parts.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TargetParts {
    /// 比较符，如 `≥`、`≤`、`=` / the operator.
    #[serde(default)]
    op: Option<String>,
    /// 数值 / the value.
    #[serde(deserialize_with = "de::scalar")]
    #[schemars(schema_with = "de::scalar_schema")]
    value: String,
    /// 单位，如 `%`、`次`、`万元` / the unit.
    #[serde(default)]
    unit: Option<String>,
}

fn de_target<'de, D: Deserializer<'de>>(d: D) -> Result<Option<(Target, String)>, D::Error> {
    let Some(t) = Option::<TargetIn>::deserialize(d)? else {
        return Ok(None);
    };
    let (parsed, shown) = match t {
        TargetIn::Text(s) => (Target::parse(&s), s),
        TargetIn::Parts(p) => {
            let op = p.op.unwrap_or_default();
            let unit = p.unit.unwrap_or_default();
            let shown = Target::shown_parts(&op, &p.value, &unit).to_string();
            (Target::from_parts(&op, &p.value, &unit), shown)
        }
    };
    parsed.map(|t| Some((t, shown))).map_err(custom)
}

fn de_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Money>, D::Error> {
    de::word(
        d,
        ("金额单位", "budget unit"),
        "元, 万元, 亿元",
        Money::parse,
    )
}

/// The editor schema of a project file.
pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.root_schema_for::<FileIn>()
}

/// Reads one project file. `file` names it in errors.
pub fn read_project(file: &str, text: &str, library: &Library) -> Result<Record, InputError> {
    de::limits::check(file, text)?;
    let f: FileIn = serde_yaml::from_str(text).map_err(|e| de::yaml_error(file, text, &e))?;
    let lines = indicator_lines(text);
    let budget = f.budget.0;
    let mut indicators = Vec::with_capacity(f.indicators.len());
    for (i, ind) in f.indicators.into_iter().enumerate() {
        let line = lines.get(i).copied();
        indicators.push(
            resolve(ind, line, &budget, library)
                .map_err(|(name, t)| with_name(InputError::new(file, t).at(line, None), name))?,
        );
    }
    let claimed = f.claimed.map_or_else(Claimed::default, |c| Claimed {
        total: c.total,
        grade: c.grade,
        execution_rate: c.execution_rate,
        execution_score: c.execution_score,
        items: c.items.into_iter().map(|(k, v)| (k, v.0)).collect(),
    });
    let record = Record {
        id: f.project.id,
        name: f.project.name,
        department: f.project.department,
        authority: f.project.authority,
        filled_by: f.project.filled_by,
        year: f.project.year,
        rubric: f.rubric,
        budget,
        goals: f.goals.map(|g| Goals {
            planned: g.planned,
            achieved: g.achieved,
        }),
        indicators,
        measures: f
            .measures
            .into_iter()
            .map(|(k, v)| (k, v.into_measure()))
            .collect(),
        item_notes: f.notes.0,
        claimed,
    };
    bounds::check(&record).map_err(|b| out_of_bounds(file, text, &record, &b))?;
    Ok(record)
}

/// A figure out of bounds, at its indicator's line, else at the first line that gives it.
fn out_of_bounds(file: &str, text: &str, record: &Record, b: &bounds::Breach) -> InputError {
    let e = InputError::new(file, b.message());
    match b.indicator.and_then(|i| record.indicators.get(i)) {
        Some(ind) => e.at(ind.line, None).indicator(ind.name.to_string()),
        None => {
            // `executed:` as a key: at the start of the line or after `{`, `,` or a space
            let keyed = |l: &str, k: &str| {
                l.match_indices(&format!("{k}:")).any(|(i, _)| {
                    l[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| matches!(c, '{' | ',' | ' ' | '-'))
                })
            };
            let line = text.lines().position(|l| {
                !l.trim_start().starts_with('#') && b.keys.iter().any(|k| keyed(l, k))
            });
            e.at(line.map(|i| i + 1), None)
        }
    }
}

fn with_name(e: InputError, name: Option<String>) -> InputError {
    match name {
        Some(n) => e.indicator(n),
        None => e,
    }
}

type Failure = (Option<String>, Text);

/// Builds an indicator from its entry, filling what `use:` brings from the library.
fn resolve(
    ind: IndicatorIn,
    line: Option<usize>,
    budget: &Budget,
    library: &Library,
) -> Result<Indicator, Failure> {
    let def = match &ind.uses {
        Some(key) => Some(library.get(key).ok_or_else(|| {
            let known: Vec<&str> = library.keys().collect();
            let near = crate::suggest::nearest(key, &known).unwrap_or("");
            (
                ind.name.clone(),
                Text::new(
                    format!("指标库中没有 `{key}`，是否应为 `{near}`？"),
                    format!("no `{key}` in the indicator library: did you mean `{near}`?"),
                ),
            )
        })?),
        None => None,
    };
    let name = ind
        .name
        .clone()
        .or_else(|| def.map(|d| d.name.clone()))
        .ok_or_else(|| (None, Text::new("指标缺少 `name`", "indicator lacks `name`")))?;
    let fail = |t: Text| (Some(name.clone()), t);
    let need = |what: &str| {
        fail(Text::new(
            format!("指标缺少 `{what}`（或用 `use:` 引用指标库）"),
            format!("indicator lacks `{what}` (or refer to the library with `use:`)"),
        ))
    };
    let level1 = ind
        .level1
        .or(def.map(|d| d.level1))
        .ok_or_else(|| need("level1"))?;
    let level2 = ind
        .level2
        .or(def.map(|d| d.level2))
        .ok_or_else(|| need("level2"))?;
    let (target, target_text) = match (ind.target, def) {
        (Some(t), _) => t,
        (None, Some(d)) => (d.target.clone(), d.target_text.clone()),
        (None, None) => return Err(need("target")),
    };
    let direction = ind.direction.or(def.and_then(|d| d.direction));
    let inputs: Option<BTreeMap<String, Decimal>> = ind
        .inputs
        .map(|m| m.into_iter().map(|(k, v)| (k, v.0)).collect());
    let formula = def.and_then(|d| d.formula.as_ref());
    let actual_text = match (ind.actual, formula, inputs) {
        (Some(a), _, _) => Some(a),
        (None, Some(f), given) => {
            let mut given = given.unwrap_or_default();
            given.entry("planned".into()).or_insert(budget.planned());
            if let Some(e) = budget.executed {
                given.entry("executed".into()).or_insert(e);
            }
            let missing = f.missing(&given);
            if !missing.is_empty() {
                return Err(fail(Text::new(
                    format!(
                        "公式 `{}` 需要输入 `{}`，但 `inputs:` 中没有",
                        f.source,
                        missing.join("`、`")
                    ),
                    format!(
                        "formula `{}` needs input `{}`, which `inputs:` does not give",
                        f.source,
                        missing.join("`, `")
                    ),
                )));
            }
            let v = f.eval(&given).map_err(fail)?;
            let unit = match &target {
                Target::Quantity { unit, .. } => unit.as_str().to_string(),
                _ => String::new(),
            };
            Some(format!("{}{unit}", v.normalize()))
        }
        (None, None, Some(_)) => {
            return Err(fail(Text::new(
                "给出了 `inputs:`，但该指标没有公式",
                "`inputs:` given, but the indicator has no formula",
            )));
        }
        (None, None, None) if def.is_some() => {
            return Err(fail(Text::new(
                "引用指标库的指标须给出 `actual:` 或 `inputs:`",
                "an indicator taken from the library must give `actual:` or `inputs:`",
            )));
        }
        (None, None, None) => None,
    };
    let actual = actual_text
        .as_deref()
        .map_or(Actual::Missing, Actual::parse);
    let notes = Some(notes_of(
        ind.explanation,
        ind.criteria,
        ind.method,
        ind.analysis,
    ))
    .filter(|n| !n.is_empty())
    .map(Box::new);
    Ok(Indicator {
        name: name.into(),
        level1,
        level2,
        target,
        target_text: target_text.into(),
        direction,
        weight: ind.weight,
        actual,
        actual_text: actual_text.map(Into::into),
        claimed_score: ind.claimed_score,
        deviation: ind.deviation,
        notes,
        line,
    })
}

/// The 1-based line of each entry of the top-level `indicators:` list.
fn indicator_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut indent: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ind = raw.len() - trimmed.len();
        if ind == 0 && !trimmed.starts_with('-') {
            inside = trimmed.starts_with("indicators:");
            continue;
        }
        if inside && trimmed.starts_with('-') {
            let level = *indent.get_or_insert(ind);
            if ind == level {
                out.push(i + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "project: {id: P1, name: 测试}\nbudget: {planned: 10, executed: 9}\nindicators:\n  - name: 甲\n    level1: 产出指标\n    level2: 数量指标\n    target: \"≥5次\"\n    actual: 6次\n";

    fn read(text: &str) -> Result<Record, InputError> {
        read_project("t.yaml", text, &Library::shipped().unwrap())
    }

    #[test]
    fn reads_a_minimal_file() {
        let r = read(MINIMAL).unwrap();
        assert_eq!(r.indicators.len(), 1);
        assert_eq!(r.indicators[0].line, Some(4));
        assert_eq!(r.budget.unit, Money::Wan);
    }

    #[test]
    fn unknown_key_names_line_and_nearest() {
        let e = read(&MINIMAL.replace("    actual:", "    actaul:")).unwrap_err();
        assert_eq!(e.line, Some(8));
        assert!(e.message.en.contains("`actaul`"), "{}", e.message.en);
        assert!(
            e.message.en.contains("did you mean `actual`"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn bad_target_names_its_line() {
        let e = read(&MINIMAL.replace("≥5次", "≥abc")).unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
        assert!(e.message.zh.contains("≥abc"));
    }

    #[test]
    fn bad_level_word_lists_the_accepted_ones() {
        let e = read(&MINIMAL.replace("level1: 产出指标", "level1: 效果指标")).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.en.contains("output"));
    }

    #[test]
    fn a_project_file_past_the_yaml_limits_is_refused_where_it_passes_them() {
        use crate::de::limits::{MAX_BYTES, MAX_DEPTH};
        // nested: `indicators:` is level 1, the `- ` entries level 2, their mappings level 3
        let nested = |n: usize| {
            MINIMAL.replace(
                "    actual: 6次\n",
                &format!(
                    "    actual: 6次\n    inputs: {}{}\n",
                    "{a: ".repeat(n),
                    "}".repeat(n)
                ),
            )
        };
        let e = read(&nested(MAX_DEPTH - 3)).unwrap_err();
        assert!(!e.message.en.contains("nested too deep"), "{e}");
        let e = read(&nested(MAX_DEPTH - 2)).unwrap_err();
        let col = "    inputs: ".len() + 4 * (MAX_DEPTH - 3) + 1;
        assert_eq!((e.line, e.col), (Some(9), Some(col)), "{e}");
        assert!(e.message.zh.starts_with("YAML 嵌套过深"), "{e}");
        // large: a comment that carries the file past 1 MiB
        let mut large = MINIMAL.to_string() + "# ";
        large.push_str(&"x".repeat(MAX_BYTES - large.len()));
        assert!(read(&large).is_ok());
        large.push('x');
        let e = read(&large).unwrap_err();
        assert_eq!(e.line, Some(9), "{e}");
        assert!(e.message.en.contains("larger than 1048576 bytes"), "{e}");
    }

    #[test]
    fn library_use_with_formula_inputs() {
        let text = "project: {id: P1, name: 测试}\nbudget: {planned: 21, executed: 18.9}\nindicators:\n  - use: common/budget-accuracy\n  - use: common/three-public-control\n    inputs: {spent: 4.68, budgeted: 5.8}\n  - use: common/subject-adjustments\n    actual: 3次\n    weight: 10\n";
        let text = text.replace(
            "  - use: common/budget-accuracy\n",
            "  - use: common/budget-accuracy\n    weight: 10\n",
        );
        let text = text.replace("    inputs: {spent", "    weight: 10\n    inputs: {spent");
        let r = read(&text).unwrap();
        assert_eq!(r.indicators[0].name, "预算编制准确率");
        assert_eq!(r.indicators[0].actual_text.as_deref(), Some("10%"));
        assert_eq!(
            r.indicators[1].actual_text.as_deref(),
            Some("80.6896551724%")
        );
        assert_eq!(r.indicators[2].direction, Some(Direction::Reverse));
    }

    #[test]
    fn library_formula_missing_input_names_both() {
        let text = "project: {id: P1, name: 测试}\nbudget: {planned: 21, executed: 18.9}\nindicators:\n  - use: common/three-public-control\n    inputs: {spent: 4.68}\n";
        let e = read(text).unwrap_err();
        assert!(e.message.en.contains("budgeted"), "{}", e.message.en);
        assert!(
            e.message.en.contains("spent / budgeted"),
            "{}",
            e.message.en
        );
        assert_eq!(e.indicator.as_deref(), Some("“三公经费”控制率"));
        assert_eq!(e.line, Some(4));
    }

    fn with_budget(budget: &str) -> String {
        MINIMAL.replace("budget: {planned: 10, executed: 9}", budget)
    }

    fn rate(r: &Record) -> Decimal {
        crate::score::execution_rate(r).unwrap().round_dp(2)
    }

    #[test]
    fn the_rate_is_taken_against_the_annual_budget() {
        let r = read(&with_budget(
            "budget: {initial: 20, annual: 18.84, executed: 18.5}",
        ))
        .unwrap();
        assert_eq!(r.budget.initial, Some(Decimal::from(20)));
        assert_eq!(rate(&r), Decimal::new(9820, 2));
        let r = read(&with_budget(
            "budget: {年初预算数: 20, 全年预算数: 18.84, 全年执行数: 18.5}",
        ))
        .unwrap();
        assert_eq!(rate(&r), Decimal::new(9820, 2));
    }

    #[test]
    fn initial_only_gives_the_rate_from_initial() {
        let r = read(&with_budget("budget: {initial: 20, executed: 18.5}")).unwrap();
        assert_eq!(r.budget.base().unwrap().0, crate::model::Basis::Initial);
        assert_eq!(rate(&r), Decimal::new(9250, 2));
    }

    #[test]
    fn planned_is_the_annual_budget() {
        let r = read(MINIMAL).unwrap();
        assert_eq!(r.budget.annual, Some(Decimal::from(10)));
        assert_eq!(r.budget.initial, None);
    }

    #[test]
    fn planned_and_annual_both_is_an_error_at_its_line() {
        let e = read(&with_budget(
            "budget:\n  planned: 10\n  annual: 11\n  executed: 9",
        ))
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(
            e.message.en.contains("`annual` and `planned`"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn sources_in_both_languages() {
        let r = read(&with_budget(
            "budget:\n  annual: 18.84\n  sources:\n    当年财政拨款: {年初预算数: 20, 全年预算数: 18.84, 全年执行数: 18.5}\n    carried_over: {executed: 1}",
        ))
        .unwrap();
        assert_eq!(r.budget.sources.len(), 2);
        let (s, f) = r.budget.sources[0];
        assert_eq!(s, Source::Appropriation);
        assert_eq!(f.annual, Some(Decimal::new(1884, 2)));
        assert_eq!(r.budget.sources[1].0, Source::CarriedOver);
        assert_eq!(r.budget.sources[1].1.executed, Some(Decimal::ONE));
    }

    #[test]
    fn an_unknown_source_names_the_accepted_words() {
        let e = read(&with_budget(
            "budget:\n  annual: 18.84\n  sources:\n    专项债券: {executed: 1}",
        ))
        .unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.zh.contains("当年财政拨款"), "{}", e.message.zh);
        assert!(e.message.en.contains("carried_over"), "{}", e.message.en);
    }

    #[test]
    fn a_bad_amount_is_located() {
        let e = read(&with_budget("budget:\n  annual: 十八\n  executed: 9")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.en.contains("not a number"), "{}", e.message.en);
    }

    const DEPT: &str = "project: {id: D, name: 部门, 填报单位: 某局}\nrubric: shaanxi-dept-2020\nmeasures: {budget_adjustment_rate: 3%}\nnotes:\n  预算调整率: {年初目标值: ≤5%, 指标说明: 调整数/预算数, criteria: 绝对值≤5%得5分}\n  资产管理规范性: {actual: 按预算执行, 未完成原因分析与改进措施: 无}\nindicators:\n  - {name: 项目产出, level1: 产出指标, level2: 数量指标, target: 100%, actual: 90%, 评分标准: 按完成比率计分, analysis: 细化指标, 未完成原因分析与改进措施: 延期}\n";

    #[test]
    fn the_department_forms_words_in_either_language() {
        let r = read(DEPT).unwrap();
        assert_eq!(r.filled_by.as_deref(), Some("某局"));
        // in the order written, not sorted
        let items: Vec<&str> = r.item_notes.iter().map(|n| n.item.as_str()).collect();
        assert_eq!(items, ["预算调整率", "资产管理规范性"]);
        let n = &r.item_notes[0];
        assert_eq!(n.target.as_deref(), Some("≤5%"));
        assert_eq!(n.notes.explanation.as_deref(), Some("调整数/预算数"));
        assert_eq!(n.notes.criteria.as_deref(), Some("绝对值≤5%得5分"));
        assert_eq!(r.item_notes[1].actual.as_deref(), Some("按预算执行"));
        assert_eq!(r.item_notes[1].deviation.as_deref(), Some("无"));
        let i = &r.indicators[0];
        assert_eq!(i.deviation.as_deref(), Some("延期"));
        let notes = i.notes.as_deref().unwrap();
        assert_eq!(notes.criteria.as_deref(), Some("按完成比率计分"));
        assert_eq!(notes.analysis.as_deref(), Some("细化指标"));
        assert!(read(MINIMAL).unwrap().indicators[0].notes.is_none());
    }

    #[test]
    fn an_item_given_twice_under_notes_or_an_unknown_word_is_an_error() {
        // located at the start of the `notes:` mapping, where the parser is when it is found
        let twice = DEPT.replace("  资产管理规范性:", "  预算调整率:");
        let e = read(&twice).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.zh.contains("预算调整率"), "{e}");
        let unknown = DEPT.replace("指标说明: 调整数", "指标解释: 调整数");
        let e = read(&unknown).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.en.contains("`指标解释`"), "{e}");
    }

    #[test]
    fn the_editor_schema_has_the_keys_the_reader_takes() {
        use crate::de::keys_of;
        for (read, has) in [
            keys_of::<FileIn, FileIn>(),
            keys_of::<ProjectIn, ProjectIn>(),
            keys_of::<IndicatorIn, IndicatorIn>(),
            keys_of::<ItemNoteIn, ItemNoteIn>(),
            keys_of::<GoalsIn, GoalsIn>(),
            keys_of::<ClaimedIn, ClaimedIn>(),
            keys_of::<TargetParts, TargetParts>(),
        ] {
            assert!(read.len() >= 2, "{read:?}");
            assert_eq!(read, has);
        }
        // the budget, read by hand: its keys are the ones it names in its errors
        let mut budget: Vec<String> = BUDGET_KEYS.iter().map(|k| k.to_string()).collect();
        budget.sort();
        let (_, has) = keys_of::<FileIn, BudgetIn>();
        assert_eq!(budget, has);
        let mut figures: Vec<String> = SOURCE_FIGURE_KEYS.iter().map(|k| k.to_string()).collect();
        figures.sort();
        let (_, has) = keys_of::<FileIn, SourceFiguresIn>();
        assert_eq!(figures, has);
    }

    #[test]
    fn bad_yaml_is_an_error_with_position() {
        let e = read("project: [\n").unwrap_err();
        assert!(e.line.is_some());
    }
}
