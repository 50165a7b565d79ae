//! Reading a project file (YAML): one project per file, keys in English, values as on the forms.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    project: ProjectIn,
    #[serde(default)]
    rubric: Option<String>,
    #[serde(default)]
    budget: BudgetIn,
    #[serde(default)]
    goals: Option<GoalsIn>,
    #[serde(default)]
    indicators: Vec<IndicatorIn>,
    #[serde(default)]
    measures: BTreeMap<String, MeasureIn>,
    /// The words of the rows of measures (the department form's), by item, in file order.
    #[serde(default)]
    notes: ItemNotesIn,
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

/// One item's entry under `notes:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemNoteIn {
    /// 年初目标值 as written.
    #[serde(default, alias = "年初目标值", deserialize_with = "de::opt_scalar")]
    target: Option<String>,
    /// 实际完成值 as written.
    #[serde(default, alias = "实际完成值", deserialize_with = "de::opt_scalar")]
    actual: Option<String>,
    /// 未完成原因分析与改进措施.
    #[serde(
        default,
        alias = "未完成原因分析与改进措施",
        alias = "偏差原因分析及改进措施"
    )]
    deviation: Option<String>,
    /// 指标说明.
    #[serde(default, alias = "指标说明")]
    explanation: Option<String>,
    /// 评分标准.
    #[serde(default, alias = "评分标准")]
    criteria: Option<String>,
    /// 指标值计算公式和数据获取方式.
    #[serde(default, alias = "指标值计算公式和数据获取方式")]
    method: Option<String>,
    /// 绩效指标分析与建议.
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

/// `100`, `"100%"`, `达成`, `{failed: [item, …]}` or `{failed: 2}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum MeasureIn {
    Scalar(#[serde(deserialize_with = "de::scalar")] String),
    Checklist { failed: FailedIn },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum FailedIn {
    Count(u32),
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectIn {
    #[serde(deserialize_with = "de::scalar")]
    id: String,
    name: String,
    /// 实施单位.
    #[serde(default, alias = "实施单位")]
    department: Option<String>,
    /// 主管部门.
    #[serde(default, alias = "主管部门")]
    authority: Option<String>,
    /// 填报单位.
    #[serde(default, alias = "填报单位")]
    filled_by: Option<String>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalsIn {
    #[serde(default)]
    planned: String,
    #[serde(default)]
    achieved: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimedIn {
    #[serde(default, deserialize_with = "de::opt_decimal")]
    total: Option<Decimal>,
    #[serde(default)]
    grade: Option<String>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    execution_rate: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    execution_score: Option<Decimal>,
    #[serde(default)]
    items: BTreeMap<String, InputValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorIn {
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "use")]
    uses: Option<String>,
    #[serde(default, deserialize_with = "de_level1")]
    level1: Option<Level1>,
    #[serde(default, deserialize_with = "de_level2")]
    level2: Option<Level2>,
    #[serde(default, deserialize_with = "de_target")]
    target: Option<(Target, String)>,
    #[serde(default, deserialize_with = "de_direction")]
    direction: Option<Direction>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    weight: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_scalar")]
    actual: Option<String>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    claimed_score: Option<Decimal>,
    #[serde(default)]
    inputs: Option<BTreeMap<String, InputValue>>,
    /// 偏差原因分析及改进措施.
    #[serde(
        default,
        alias = "偏差原因分析及改进措施",
        alias = "偏差原因",
        alias = "未完成原因分析与改进措施"
    )]
    deviation: Option<String>,
    /// 指标说明.
    #[serde(default, alias = "指标说明")]
    explanation: Option<String>,
    /// 评分标准.
    #[serde(default, alias = "评分标准")]
    criteria: Option<String>,
    /// 指标值计算公式和数据获取方式.
    #[serde(default, alias = "指标值计算公式和数据获取方式")]
    method: Option<String>,
    /// 绩效指标分析与建议.
    #[serde(default, alias = "绩效指标分析与建议")]
    analysis: Option<String>,
}

#[derive(Deserialize)]
struct InputValue(#[serde(deserialize_with = "de::decimal")] Decimal);

/// `target: "≥90%"`, `target: 90`, or `target: {op: "≥", value: 90, unit: "%"}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum TargetIn {
    Text(#[serde(deserialize_with = "de::scalar")] String),
    Parts(TargetParts),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetParts {
    #[serde(default)]
    op: Option<String>,
    #[serde(deserialize_with = "de::scalar")]
    value: String,
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
    fn bad_yaml_is_an_error_with_position() {
        let e = read("project: [\n").unwrap_err();
        assert!(e.line.is_some());
    }
}
