//! `jixiao review` end to end: seed 004's 公开表6 (27 projects) with every finding checked by
//! hand, the same table as a workbook, seed 000's 2021 tables as a baseline, exit codes, bad
//! input, a province's review rubric, and goldens of the terminal view in both languages.
//! UPDATE_GOLDEN=1 rewrites the goldens (then review the diff).

mod common;
use common::{golden, run as jixiao, text};

use std::collections::BTreeMap;
use std::process::Output;

const TABLE: &str = "tests/data/leshan-2024-table6.csv";
const BOOK: &str = "tests/forms/leshan-2024-table6.xlsx";
/// Seed 000's 2021 self-evaluations of the work 公开表6 of 2024 continues (the two in examples/
/// are the published tables too).
const BASELINE: &[&str] = &[
    "tests/review/2021/leshan-2021-supervision-publicity.yaml",
    "tests/review/2021/leshan-2021-system-maintenance.yaml",
    "tests/review/2021/leshan-2021-fund-audit.yaml",
    "examples/leshan-2021-backbone-network.yaml",
    "examples/leshan-2021-network-maintenance.yaml",
];

/// The JSON lines of a review, parsed.
fn projects(o: &Output) -> Vec<serde_json::Value> {
    text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A project's findings as code → how many.
fn codes(p: &serde_json::Value) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for f in p["findings"].as_array().unwrap() {
        *m.entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    m
}

fn expect(list: &[(&str, usize)]) -> BTreeMap<String, usize> {
    list.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

// The boilerplate groups of the table, checked by hand against the CSV:
// - 公用 (日常公用经费 ×3, 非定额公用经费 ×3, 公务用车运行维护费, 编外人员伙食补助费): the same four
//   lines 科目调整次数 ≤5次 (20), 预算编制准确率 ≤5% (30), “三公经费”控制率 ≤100% (20), 运转保障率
//   =100% (20). Output 50, benefit 40, no satisfaction: weights-split against 50/30/10. The set
//   is shared with projects of another name (indicators-copied); the goal 提高预算编制质量，严格执行
//   预算，保障单位正常运转。 likewise (goal-text-shared), except 315302's 日常公用经费 whose goal
//   says 日常运转 (line 101): no goal-text-shared there.
const COMMON: &[(&str, usize)] = &[
    ("weights-split", 1),
    ("indicators-copied", 1),
    ("goal-text-shared", 1),
];
// - 工资 (工资性支出 ×3, 单位缴费 ×3, 基础绩效奖及平时性绩效工资 ×3, 劳务派遣人员经费): two lines,
//   发放(缴纳)覆盖率 =100% (60, 数量) and 足额保障率(参保率) =100% (30): no quality line, output 60 /
//   benefit 30 / satisfaction 0, one line holding 60 of 90 (67% > 50%), the set and the goal
//   严格执行相关政策，保障工资及时、足额发放…… shared across the four names.
const WAGES: &[(&str, usize)] = &[
    ("no-quality-indicator", 1),
    ("weights-split", 1),
    ("weight-concentrated", 1),
    ("indicators-copied", 1),
    ("goal-text-shared", 1),
];

#[test]
fn seed_004_reviewed_as_a_bureau_would() {
    let o = jixiao(&["review", TABLE, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    let p = projects(&o);
    assert_eq!(p.len(), 27);
    let mut want: Vec<BTreeMap<String, usize>> = Vec::new();
    let mut add = |l: &[(&str, usize)]| want.push(expect(l));
    // 315001 乐山市医疗保障局机关
    add(COMMON); // 日常公用经费 (CSV line 2)
    // 2024年城乡医疗救助补助资金 (lines 6-20): 质量 lines with no number: 住院医疗费用救助比例 符合实际,
    // 资助参保人数 符合救助条件的对象按规定纳入救助范围, 门诊救助人次 / 住院救助人次 符合客观需要,
    // 门诊医疗费用救助比例 符合 (5); the 时效 line “一站式”即时结算覆盖地区 不低于上一年 is no date;
    // 11 of 15 lines qualitative (73% > 50%); 政策知晓率 ≥80% under 满意度 is no satisfaction.
    // Weights 8+6+8+6+5+6+6+5 = 50 / 30 / 10: no split.
    add(&[
        ("target-without-number", 5),
        ("timeliness-without-date", 1),
        ("qualitative-share", 1),
        ("satisfaction-misplaced", 1),
    ]);
    // 2024年医疗保障基金监管及宣传费 (lines 21-30): 60/20/10; 医保政策法规及业务培训期数(期) =2次
    // under 时效 is a count; 医保政策知晓度覆盖完成时间 =12月 is read as the end of December (a
    // guess the flag target-month-guessed tells).
    add(&[
        ("weights-split", 1),
        ("timeliness-without-date", 1),
        ("target-month-guessed", 1),
    ]);
    add(WAGES); // 工资性支出
    add(WAGES); // 单位缴费
    add(COMMON); // 非定额公用经费
    // 2024年乐山市深化医疗服务价格改革试点: 20+20+10 / 30 / 10 is the split; 方案形成时间 =12月;
    // its 满意度 line 保障人民群众获得高质量、有效率、能负担的医疗卫生服务 ≥80% is a goal, not a
    // satisfaction.
    add(&[("target-month-guessed", 1), ("satisfaction-misplaced", 1)]);
    add(COMMON); // 公务用车运行维护费
    // 2024年医保骨干网接入费用 and 2024年IDC机房租赁费用: output 60 (20+20+20; 10×4+10+5+5),
    // benefit 20, satisfaction 10.
    add(&[("weights-split", 1)]);
    add(&[("weights-split", 1)]);
    add(WAGES); // 基础绩效奖及平时性绩效工资
    // 315302 乐山市医疗保障事务中心
    add(COMMON); // 编外人员伙食补助费
    add(WAGES); // 工资性支出
    // 四川省医保信息平台乐山系统运维项目: only 质量 and 时效 under 产出; 30+30 / 20 / 10. Its goal's
    // 驻场运维工程师 are engineers: no cost indicator is asked for.
    add(&[("no-quantity-indicator", 1), ("weights-split", 1)]);
    // 2024医疗保险基金委托审计项目: 60/20/10; 审计医保记账凭证的时间 ≤4月 read as four months.
    add(&[("weights-split", 1), ("target-month-guessed", 1)]);
    add(WAGES); // 基础绩效奖及平时性绩效工资
    add(WAGES); // 单位缴费
    add(COMMON); // 非定额公用经费
    add(WAGES); // 劳务派遣人员经费
    // 2024年市本级定点医疗机构医疗费用监督检查采购项目: 30+30 / 20 / 10; 检查医院违规金额 ≥240 万
    // gives a magnitude, no unit. (采购 of a service is no 购置: no cost indicator asked for.)
    add(&[("weights-split", 1), ("number-without-unit", 1)]);
    // 2024年医保网上办事大厅短信认证费用: 10×3+10+20 / 20 / 10; 医保公共服务水平 定性 高 (质量);
    // 短信发送指令响应时间 ≤7秒 is a duration under 数量.
    add(&[
        ("weights-split", 1),
        ("target-without-number", 1),
        ("quantity-is-duration", 1),
    ]);
    // 日常公用经费 of 315302: goal 保障单位日常运转, its own.
    add(&[("weights-split", 1), ("indicators-copied", 1)]);
    // 315303 乐山市医疗保障数据和医疗保险异地结算中心
    add(WAGES); // 工资性支出
    add(WAGES); // 单位缴费
    add(COMMON); // 非定额公用经费
    add(COMMON); // 日常公用经费
    add(WAGES); // 基础绩效奖及平时性绩效工资
    for (k, (got, want)) in p.iter().zip(&want).enumerate() {
        assert_eq!(&codes(got), want, "project {k} {}", got["name"]);
    }
    // Severities and the verdict of the worst table: 城乡医疗救助 loses 16 (5 × 4, capped at 16)
    // + 4 + 4 + 4 = 28 points: 72, 中.
    let relief = &p[1];
    assert_eq!(relief["points"], 72);
    assert_eq!(relief["verdict"], "中");
    assert_eq!(relief["deductions"]["target-without-number"], 16);
    let f = &relief["findings"].as_array().unwrap();
    let first = f
        .iter()
        .find(|f| f["code"] == "target-without-number")
        .unwrap();
    assert_eq!(first["at"], "tests/data/leshan-2024-table6.csv:7");
    assert_eq!(first["indicator"], "住院医疗费用救助比例");
    assert_eq!(first["severity"], "warning");
    // a wages table: 100 − 4 − 3 − 4 − 2 − 2 = 85, 良
    assert_eq!(p[3]["points"], 85);
    assert_eq!(p[3]["verdict"], "良");
    // no finding is an error: exit 0, and 1 with --deny warning
    let o = jixiao(&["review", TABLE, "--deny", "warning"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_workbook_of_the_same_table_gives_the_same_findings() {
    let csv = projects(&jixiao(&["review", TABLE, "--format", "json"]));
    let o = jixiao(&["review", BOOK, "--format", "json"]);
    // the department's total row is told, and is no fault
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("[公开表6]"), "{}", text(&o.stderr));
    let book = projects(&o);
    assert_eq!(book.len(), csv.len());
    for (a, b) in csv.iter().zip(&book) {
        assert_eq!(a["name"], b["name"]);
        assert_eq!(codes(a), codes(b), "{}", a["name"]);
        assert_eq!(a["points"], b["points"]);
    }
    // a long table's lines are its sheet's rows: the relief project's first row, line 6 of the
    // CSV, is row 10 of the sheet (its title rows and the department's total row come first)
    let at = book[1]["findings"][0]["at"].as_str().unwrap();
    assert_eq!(at, "tests/forms/leshan-2024-table6.xlsx[公开表6]:10");
    // a workbook of forms: each project's lines on its own sheet
    let o = jixiao(&[
        "review",
        "tests/forms/workbook-two-projects.xlsx",
        "--format",
        "json",
    ]);
    let two = projects(&o);
    assert_eq!(two.len(), 2);
    for p in &two {
        let name = p["name"].as_str().unwrap();
        let at = p["findings"][0]["at"].as_str().unwrap();
        assert!(
            at.starts_with(&format!("tests/forms/workbook-two-projects.xlsx[{name}]:")),
            "{at}"
        );
    }
}

#[test]
fn the_terminal_view_is_golden_in_both_languages() {
    for lang in ["zh", "en"] {
        let o = jixiao(&["review", TABLE, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0));
        golden(&format!("review-leshan-2024.{lang}.txt"), &text(&o.stdout));
    }
    let zh = text(&jixiao(&["review", TABLE]).stdout);
    assert!(zh.ends_with(
        "共 27 个项目：优 15、良 11、中 1、差 0；错误 0 条、警告 79 条、提示 18 条（审核规则 review-2021）\n"
    ));
}

#[test]
fn seed_000_as_the_baseline_of_004() {
    let mut args = vec!["review", TABLE, "--format", "json", "--baseline"];
    args.extend(BASELINE);
    let o = jixiao(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let p = projects(&o);
    let by_name = |n: &str| p.iter().find(|x| x["name"] == n).unwrap();
    // 骨干网: 2021年医保骨干网建设 → 2024年医保骨干网接入费用, by a similar name (医保骨干网建设 /
    // 医保骨干网接入: 4 of 6 character pairs each). The 2024 table measures the network's faults,
    // not its build: no indicator in common.
    let b = &by_name("2024年医保骨干网接入费用")["baseline"];
    assert_eq!(b["name"], "2021年医保骨干网建设");
    assert_eq!(b["matched"], "similar-name:66%");
    assert_eq!(b["indicators"].as_array().unwrap().len(), 0);
    // 委托审计: 2021年医保基金审计项目 → 2024医疗保险基金委托审计项目 (医疗保险 read as 医保), four
    // indicators by name, 确保基金的安全、完整… with its punctuation ignored.
    let audit = by_name("2024医疗保险基金委托审计项目");
    let b = &audit["baseline"];
    assert_eq!(b["matched"], "similar-name:66%");
    let pairs: Vec<&str> = b["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(
        pairs,
        [
            "审计医保记账凭证完成率",
            "审计准确率",
            "审计医保记账凭证的时间",
            "确保基金的安全完整，保障参保群众的医疗待遇"
        ]
    );
    // 2021's actuals restate the targets (>=90%): nothing to judge the 2024 targets by, said three
    // times; the 4个月 of 2021 was measured and 2024's ≤4月 is not below it.
    assert_eq!(codes(audit)["last-actual-unmeasured"], 3);
    assert!(!codes(audit).contains_key("below-last-actual"));
    // 宣传: 2021年乐山市医保局医疗保障相关工作支出 → 2024年医疗保障基金监管及宣传费, by the 8
    // indicators they share (开展医保集中宣传次数(次) … 参保群众对医保工作的满意度(%)); six are
    // quantities in both years with a 2021 actual that only restates the target (>=2, >=8, ≥5 …);
    // 培训期数 and 知晓度覆盖完成时间 were deadlines in 2021, not compared.
    let publicity = by_name("2024年医疗保障基金监管及宣传费");
    assert_eq!(publicity["baseline"]["matched"], "indicators:8");
    assert_eq!(codes(publicity)["last-actual-unmeasured"], 6);
    // 系统运维: 2021 ran the 核三 system, 2024 the provincial platform: no name alike, no indicator
    // in common, so no match (a person may pair them; jixiao says it did not).
    assert!(by_name("四川省医保信息平台乐山系统运维项目")["baseline"].is_null());
    // 短信认证 has no 2021 table in seed 000: nothing to match.
    assert!(by_name("2024年医保网上办事大厅短信认证费用")["baseline"].is_null());
    // the hint takes nothing off: the audit keeps 93
    assert_eq!(audit["points"], 93);
    let mut zh = vec!["review", TABLE, "--baseline"];
    zh.extend(BASELINE);
    golden(
        "review-leshan-2024-baseline.zh.txt",
        &text(&jixiao(&zh).stdout),
    );
}

#[test]
fn a_baseline_that_matches_nothing_says_so() {
    let o = jixiao(&[
        "review",
        TABLE,
        "--baseline",
        "tests/review/unrelated-2023.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("tests/review/unrelated-2023.yaml"), "{err}");
    assert!(err.contains("对应不上"), "{err}");
    // the table is still reviewed
    assert!(text(&o.stdout).contains("共 27 个项目"));
    assert!(text(&o.stdout).contains("上年：没有对应的项目"));
}

#[test]
fn cost_above_the_budget_is_an_error_and_denies() {
    // seed 000's 2021 医保骨干网建设: budget 165, cost target 193万元
    let o = jixiao(&["review", "examples/leshan-2021-backbone-network.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("examples/leshan-2021-backbone-network.yaml:33: 错误 [cost-over-budget] 成本指标“项目预计使用资金”为 193万元，高于预算数 165万元"),
        "{out}"
    );
    assert!(
        out.contains("[target-without-number] “医保公共服务能力”的指标值 `有所提升` 没有数值"),
        "{out}"
    );
}

#[test]
fn bad_input_is_located_and_the_rest_reviewed() {
    let o = jixiao(&["review", "tests/review/bad-table.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("tests/review/bad-table.csv:6:"),
        "{}",
        text(&o.stderr)
    );
    assert!(text(&o.stdout).contains("P1-审计项目"));
    assert!(!text(&o.stdout).contains("P2-宣传项目"));
    let o = jixiao(&["review", "no/such/table.csv", TABLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no/such/table.csv"));
    assert!(text(&o.stdout).contains("共 27 个项目"));
    let o = jixiao(&["review", TABLE, "--rubric", "tests/review/bad-rubric.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("tests/review/bad-rubric.yaml:9:")
            && text(&o.stderr).contains("target-without-number"),
        "{}",
        text(&o.stderr)
    );
    let o = jixiao(&["review", TABLE, "--rubric", "no-such-rubric"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_province_writes_its_own_review_rubric() {
    let o = jixiao(&[
        "review",
        TABLE,
        "--rubric",
        "tests/review/strict.yaml",
        "--format",
        "json",
    ]);
    // target-without-number raised to error: exit 1
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let p = projects(&o);
    assert!(p.iter().all(|x| !codes(x).contains_key("weights-split")));
    let relief = &p[1];
    let f = relief["findings"].as_array().unwrap();
    assert_eq!(f[0]["code"], "target-without-number");
    assert_eq!(f[0]["severity"], "error");
    // 5 errors × 20 + 3 warnings × 5 = 115 off: 0, 差
    assert_eq!(relief["points"], 0);
    assert_eq!(relief["verdict"], "差");
}

#[test]
fn explain_finds_the_review_codes() {
    let o = jixiao(&["explain", "weights-split", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let t = text(&o.stdout);
    assert!(
        t.starts_with("weights-split (default severity: warning)"),
        "{t}"
    );
    assert!(t.contains("Basis: 财预〔2020〕10号, art. 13"), "{t}");
    let list = text(&jixiao(&["explain"]).stdout);
    assert!(list.contains("qualitative-share"), "{list}");
}

#[test]
fn weights_are_checked_against_the_projects_own_rubric() {
    // rubric: central-2021 in the file: 产出 40 / 成本 20 / 效益 20 / 满意度 10
    let o = jixiao(&[
        "review",
        "tests/review/central-split.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(codes(&projects(&o)[0]).is_empty(), "{}", text(&o.stdout));
    // the near miss: 50/30/10 with the cost line at 0 is the national split, not the central one
    let o = jixiao(&["review", "tests/review/central-split-national.yaml"]);
    assert!(
        text(&o.stdout).contains(
            "[weights-split] 一级指标权重 产出指标/成本指标/效益指标/满意度指标 为 50/0/30/10，评分规则 central-2021 为 40/20/20/10"
        ),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_baseline_in_another_layout() {
    // last year as a batch CSV (the 2021 骨干网 table as rows) against this year's 公开表6 CSV
    let o = jixiao(&[
        "review",
        TABLE,
        "--format",
        "json",
        "--baseline",
        "tests/data/leshan-2021-backbone-network.csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let p = projects(&o);
    let matched: Vec<&str> = p
        .iter()
        .filter(|x| !x["baseline"].is_null())
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(matched, ["2024年医保骨干网接入费用"]);
}
