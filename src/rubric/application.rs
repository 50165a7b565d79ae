//! What each grade means for the next year's budget (结果应用): a rubric's optional
//! `application:` table, data rather than code, so that a province that states its own
//! consequences (压减 20%, say) writes them in its rubric.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::de;
use crate::i18n::{Lang, Text};

/// 结果应用：各等级的后果及其依据 / the consequences of the grades, with the rule they rest on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// 依据（各等级未单独注明时适用）/ what the table rests on, for every grade that names no
    /// basis of its own.
    #[serde(default)]
    pub basis: Option<String>,
    /// 依据（英文）/ the basis in English.
    #[serde(default)]
    pub basis_en: Option<String>,
    /// 各等级的后果 / each grade's consequence.
    pub grades: Vec<Consequence>,
}

/// 一个等级的后果 / one grade's consequence.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consequence {
    /// 等级，如 `grades:` 中所写（等级、英文或别名）/ a grade of the rubric, as its `grades:`
    /// name it (its word, English word or an alias).
    pub grade: String,
    /// 后果（中文）/ the consequence in words.
    pub zh: String,
    /// 后果（英文）/ the consequence in English.
    pub en: String,
    /// 下年预算调整的百分比（压减 20% 写 −20），规则有规定时 / the change to next year's budget
    /// in percent (−20 for a 20% cut), where the rule states one.
    #[serde(default, deserialize_with = "de::opt_decimal")]
    #[schemars(schema_with = "de::opt_decimal_schema")]
    pub change: Option<Decimal>,
    /// 本等级的依据 / the basis of this grade's consequence.
    #[serde(default)]
    pub basis: Option<String>,
    /// 本等级的依据（英文）/ the basis in English.
    #[serde(default)]
    pub basis_en: Option<String>,
}

impl Consequence {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl Application {
    /// The basis of a grade's consequence, in `lang` (the Chinese one when no English is given).
    pub fn basis<'a>(&'a self, c: &'a Consequence, lang: Lang) -> &'a str {
        let (zh, en) = match (&c.basis, &c.basis_en) {
            (None, None) => (&self.basis, &self.basis_en),
            own => own,
        };
        match (lang, en) {
            (Lang::En, Some(en)) => en,
            _ => zh.as_deref().unwrap_or(""),
        }
    }

    /// Every grade named is one of `rank_of`'s (the rubric's), none twice, and a change is no
    /// cut of more than the whole budget.
    pub fn check(&self, rank_of: impl Fn(&str) -> Option<usize>) -> Result<(), Text> {
        let mut seen = Vec::new();
        for c in &self.grades {
            let Some(rank) = rank_of(&c.grade) else {
                return Err(Text::new(
                    format!("application：`grade: {}` 不是本规则的评价等级", c.grade),
                    format!(
                        "application: `grade: {}` is not a grade of this rubric",
                        c.grade
                    ),
                ));
            };
            if seen.contains(&rank) {
                return Err(Text::new(
                    format!("application：`grade: {}` 重复（该等级已列出）", c.grade),
                    format!(
                        "application: `grade: {}` repeats a grade already given",
                        c.grade
                    ),
                ));
            }
            seen.push(rank);
            if c.change.is_some_and(|v| v < Decimal::from(-100)) {
                return Err(Text::new(
                    format!(
                        "application：`grade: {}` 的 change 是预算的增减百分比，不能少于 −100",
                        c.grade
                    ),
                    format!(
                        "application: the change of `grade: {}` is a percentage of the budget, not below −100",
                        c.grade
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::{Rubric, SHIPPED};

    const NATIONAL: &str = include_str!("../../rubrics/national-2020.yaml");

    #[test]
    fn every_shipped_rubric_says_what_each_of_its_grades_means() {
        for (name, _) in SHIPPED {
            let r = Rubric::load(name).unwrap();
            let a = r.application.as_ref().expect(name);
            let mut ranks: Vec<usize> = a
                .grades
                .iter()
                .map(|c| r.grade_rank(&c.grade).unwrap())
                .collect();
            ranks.sort();
            assert_eq!(ranks, (0..r.grades.len()).collect::<Vec<_>>(), "{name}");
            assert!(
                a.basis(&a.grades[0], crate::i18n::Lang::Zh)
                    .contains("财预〔2020〕10号")
            );
        }
    }

    #[test]
    fn a_grade_the_rubric_lacks_or_one_given_twice_is_refused_at_its_line() {
        let bad = NATIONAL.replace("{grade: 中, zh:", "{grade: 中中, zh:");
        let e = Rubric::from_yaml("r.yaml", &bad).unwrap_err();
        let line = bad.lines().position(|l| l.contains("grade: 中中")).unwrap() + 1;
        assert_eq!(e.line, Some(line));
        assert!(e.message.en.contains("is not a grade of this rubric"));
        let twice = NATIONAL.replace("{grade: 差, zh:", "{grade: 不合格, zh:");
        assert!(
            Rubric::from_yaml("r.yaml", &twice).is_ok(),
            "an alias names its grade"
        );
        let twice = NATIONAL.replace("{grade: 差, zh:", "{grade: 优秀, zh:");
        let e = Rubric::from_yaml("r.yaml", &twice).unwrap_err();
        assert!(e.message.en.contains("repeats a grade"), "{}", e.message.en);
    }

    #[test]
    fn a_province_states_its_own_percentages() {
        let own = NATIONAL.replace(
            "{grade: 中, zh: 完善政策、改进管理，根据情况压减预算,",
            "{grade: 中, change: -20, zh: 压减 20%,",
        );
        let r = Rubric::from_yaml("r.yaml", &own).unwrap();
        let c = &r.application.as_ref().unwrap().grades[2];
        assert_eq!(c.change, Some(rust_decimal::Decimal::from(-20)));
        let cut_all = own.replace("change: -20", "change: -120");
        assert!(Rubric::from_yaml("r.yaml", &cut_all).is_err());
    }
}
