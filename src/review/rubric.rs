//! The review rubric (`rubrics/review/*.yaml`): severities per code, the points a finding takes
//! off, the verdict bands, and the thresholds the rules read. A file of its own rather than a
//! section of a scoring rubric: a province reviews targets by its own rules whichever scoring
//! rubric its projects use, and the scoring rubrics stay as 10号 and 101号 have them.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::de;
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};

/// The review rubrics shipped in the binary, by name.
pub const SHIPPED: &[(&str, &str)] = &[(
    "review-2021",
    include_str!("../../rubrics/review/review-2021.yaml"),
)];

/// The shipped review rubric used when none is named.
pub const DEFAULT: &str = "review-2021";

/// 审核规则 / a review rubric (`jixiao review --rubric FILE`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jixiao 审核规则 / review rubric")]
struct File {
    /// 规则编号 / the rubric's id.
    id: String,
    /// 标题 / title.
    title: String,
    /// 英文标题 / title in English.
    #[serde(default)]
    title_en: Option<String>,
    /// 权重分配所依的评分规则（如 national-2020）/ the scoring rubric whose weight split is checked.
    scoring: String,
    /// 定性指标占比上限（%）/ the most qualitative indicators may share, in percent.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    qualitative_share_max: Decimal,
    /// 单个指标权重占比上限（%）/ the most one indicator may weigh, in percent.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    weight_share_max: Decimal,
    /// 上年完成值超过目标多少（%）算“远超” / by how much last year's actual passed its target to count as far.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    exceeded_by: Decimal,
    /// 每条发现按级别扣分 / points off per finding, by severity.
    deductions: Deductions,
    /// 按规则代码调整级别、扣分和上限 / per code: severity (or off), points, cap.
    #[serde(default)]
    codes: BTreeMap<String, CodeFile>,
    /// 审核结论等级 / the verdict bands.
    bands: Vec<Band>,
}

/// 每条发现的扣分 / points off per finding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Deductions {
    /// 错误 / an error.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    error: Decimal,
    /// 警告 / a warning.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    warning: Decimal,
    /// 提示 / a hint.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    info: Decimal,
}

/// 一条规则的设置 / one code's settings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CodeFile {
    /// 级别：error/错误、warning/警告、info/提示，或 off/关闭 / severity, or off.
    #[serde(default)]
    severity: Option<String>,
    /// 每条扣分 / points off per finding.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    deduct: Option<Decimal>,
    /// 本规则扣分上限 / the most this code takes off.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    cap: Option<Decimal>,
}

/// A verdict band: a project at `min` points or more (and under the band above) earns it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// 最低分 / the least points for the band.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub min: Decimal,
    /// 结论（优/良/中/差）/ the verdict.
    pub verdict: String,
    /// 英文结论 / the verdict in English.
    pub en: String,
}

/// The editor schema of a review rubric file.
pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.root_schema_for::<File>()
}

impl Band {
    pub fn word(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.verdict,
            Lang::En => &self.en,
        }
    }
}

/// One code's settings.
#[derive(Debug, Clone, Default)]
struct Setting {
    /// `Some(None)`: off.
    severity: Option<Option<Severity>>,
    deduct: Option<Decimal>,
    cap: Option<Decimal>,
}

/// A loaded and checked review rubric.
#[derive(Debug, Clone)]
pub struct ReviewRubric {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// The scoring rubric whose split the weights are checked against.
    pub scoring: String,
    /// In percent.
    pub qualitative_share_max: Decimal,
    /// The share of a project's weights (in %) one indicator may hold.
    pub weight_share_max: Decimal,
    pub exceeded_by: Decimal,
    deductions: [Decimal; 3],
    codes: BTreeMap<String, Setting>,
    /// Descending by `min`, the last at 0.
    pub bands: Vec<Band>,
}

impl ReviewRubric {
    /// The shipped default.
    pub fn shipped() -> ReviewRubric {
        let (name, text) = SHIPPED[0];
        ReviewRubric::from_yaml(&format!("rubrics/review/{name}.yaml"), text)
            .unwrap_or_else(|e| unreachable!("the shipped review rubric is checked by a test: {e}"))
    }

    /// A shipped review rubric by name, or a file.
    pub fn load(name_or_path: &str) -> Result<ReviewRubric, InputError> {
        let kind = de::shipped::Kind {
            zh: "审核规则",
            en: "review rubric",
            folder: "rubrics/review",
        };
        de::shipped::load(name_or_path, SHIPPED, &kind, ReviewRubric::from_yaml)
    }

    /// Parses and checks a review rubric; an error names the line of the key at fault.
    pub fn from_yaml(file: &str, text: &str) -> Result<ReviewRubric, InputError> {
        de::limits::check(file, text)?;
        let f: File = serde_yaml::from_str(text).map_err(|e| de::yaml_error(file, text, &e))?;
        let line_of = |needle: &str| de::shipped::line_of(text, needle);
        let bad = |needle: &str, t: Text| InputError::new(file, t).at(line_of(needle), None);
        let mut codes = BTreeMap::new();
        for (code, c) in &f.codes {
            if !super::registry::is_known(code) {
                let near = super::registry::nearest(code);
                return Err(bad(
                    code,
                    Text::new(
                        format!("未知的审核代码 `{code}`；是否应为 `{near}`？"),
                        format!("unknown review code `{code}`; did you mean `{near}`?"),
                    ),
                ));
            }
            let severity = match &c.severity {
                None => None,
                Some(s) => Some(Severity::parse_setting(s).ok_or_else(|| {
                    bad(
                        code,
                        Text::new(
                            format!("`{code}` 的级别 `{s}` 无法识别：应为 error、warning、info 或 off"),
                            format!(
                                "`{code}`: severity `{s}` not recognised: expected error, warning, info or off"
                            ),
                        ),
                    )
                })?),
            };
            for (what, v) in [("deduct", c.deduct), ("cap", c.cap)] {
                if v.is_some_and(|v| v.is_sign_negative()) {
                    return Err(bad(
                        code,
                        Text::new(
                            format!("`{code}` 的 {what} 不能为负数"),
                            format!("`{code}`: {what} cannot be negative"),
                        ),
                    ));
                }
            }
            codes.insert(
                code.clone(),
                Setting {
                    severity,
                    deduct: c.deduct,
                    cap: c.cap,
                },
            );
        }
        let d = [f.deductions.error, f.deductions.warning, f.deductions.info];
        if d.iter().any(|v| v.is_sign_negative()) {
            return Err(bad(
                "deductions",
                Text::new("`deductions` 不能为负数", "`deductions` cannot be negative"),
            ));
        }
        let hundred = Decimal::from(100);
        for (key, v) in [
            ("qualitative_share_max", f.qualitative_share_max),
            ("weight_share_max", f.weight_share_max),
        ] {
            if v.is_sign_negative() || v > hundred {
                return Err(bad(
                    key,
                    Text::new(
                        format!("`{key}` 应在 0 到 100（%）之间"),
                        format!("`{key}` must be between 0 and 100 (%)"),
                    ),
                ));
            }
        }
        if f.exceeded_by < Decimal::ONE {
            return Err(bad(
                "exceeded_by",
                Text::new(
                    "`exceeded_by` 应不小于 1（上年实际为目标的倍数）",
                    "`exceeded_by` must be at least 1 (last year's actual as a multiple of the target)",
                ),
            ));
        }
        if f.bands.is_empty()
            || f.bands.windows(2).any(|w| w[0].min <= w[1].min)
            || f.bands.last().is_some_and(|b| !b.min.is_zero())
        {
            return Err(bad(
                "bands",
                Text::new(
                    "`bands` 应按 min 从高到低排列，最后一档的 min 为 0",
                    "`bands` must descend by min, the last at min 0",
                ),
            ));
        }
        if !crate::rubric::Rubric::is_shipped(&f.scoring)
            && !std::path::Path::new(&f.scoring).exists()
        {
            return Err(bad(
                "scoring",
                Text::new(
                    format!("`scoring` 指定的评分规则 `{}` 不存在", f.scoring),
                    format!("`scoring`: no rubric `{}`", f.scoring),
                ),
            ));
        }
        Ok(ReviewRubric {
            id: f.id,
            title: f.title,
            title_en: f.title_en,
            scoring: f.scoring,
            qualitative_share_max: f.qualitative_share_max,
            weight_share_max: f.weight_share_max,
            exceeded_by: f.exceeded_by,
            deductions: d,
            codes,
            bands: f.bands,
        })
    }

    /// The severity of `code` under this rubric (its default unless overridden), or none when off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.codes.get(code).and_then(|s| s.severity) {
            Some(s) => s,
            None => Some(default),
        }
    }

    /// Points one finding of `code` at `severity` takes off, and the most the code takes off a
    /// project (none: no cap).
    pub fn deduction(&self, code: &str, severity: Severity) -> (Decimal, Option<Decimal>) {
        let s = self.codes.get(code);
        let per = s.and_then(|s| s.deduct).unwrap_or(match severity {
            Severity::Error => self.deductions[0],
            Severity::Warning => self.deductions[1],
            Severity::Info => self.deductions[2],
        });
        (per, s.and_then(|s| s.cap))
    }

    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
            Lang::Zh => &self.title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: t\ntitle: t\nscoring: national-2020\nqualitative_share_max: 50\nweight_share_max: 50\nexceeded_by: 1.2\ndeductions: {error: 10, warning: 4, info: 1}\ncodes:\n  weights-split: {severity: off}\n  duplicate-indicator: {deduct: 7, cap: 7}\nbands:\n  - {min: 90, verdict: 优, en: excellent}\n  - {min: 0, verdict: 差, en: poor}\n";

    #[test]
    fn the_shipped_rubric_loads() {
        let r = ReviewRubric::shipped();
        assert_eq!(r.id, "review-2021");
        assert_eq!(r.bands.len(), 4);
    }

    #[test]
    fn settings_apply() {
        let r = ReviewRubric::from_yaml("t.yaml", GOOD).unwrap();
        assert_eq!(r.severity("weights-split", Severity::Warning), None);
        assert_eq!(
            r.severity("duplicate-indicator", Severity::Warning),
            Some(Severity::Warning)
        );
        assert_eq!(
            r.deduction("duplicate-indicator", Severity::Warning),
            (Decimal::from(7), Some(Decimal::from(7)))
        );
        assert_eq!(
            r.deduction("cost-over-budget", Severity::Error),
            (Decimal::from(10), None)
        );
    }

    #[test]
    fn errors_are_located() {
        let e = ReviewRubric::from_yaml("t.yaml", &GOOD.replace("weights-split", "weight-split"))
            .unwrap_err();
        assert_eq!(e.line, Some(9), "{e}");
        assert!(
            e.render(Lang::En).contains("did you mean `weights-split`"),
            "{e}"
        );
        let e = ReviewRubric::from_yaml("t.yaml", &GOOD.replace("off}", "loud}")).unwrap_err();
        assert_eq!(e.line, Some(9), "{e}");
        let e =
            ReviewRubric::from_yaml("t.yaml", &GOOD.replace("min: 0,", "min: 95,")).unwrap_err();
        assert!(e.render(Lang::En).contains("bands"), "{e}");
        let e = ReviewRubric::from_yaml(
            "t.yaml",
            &GOOD.replace("exceeded_by: 1.2", "exceeded_by: 0.9"),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        let e = ReviewRubric::from_yaml("t.yaml", &format!("{GOOD}extra: 1\n")).unwrap_err();
        assert!(e.line.is_some(), "{e}");
        assert!(ReviewRubric::load("no/such/file.yaml").is_err());
    }
}
