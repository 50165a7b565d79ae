//! The 部门整体支出绩效自评表 of seed 003 (眉县医疗保障局, 2020), built here as a workbook laid out
//! as the form prints it, scores exactly as its YAML twin `examples/meixian-2020-department.yaml`,
//! and its words (指标说明, 评分标准, 未完成原因分析与改进措施, 绩效指标分析与建议, 填报单位) are
//! kept in the record and shown in the outputs.

use std::path::{Path, PathBuf};

use jixiao::commands::{report_file, report_files};
use jixiao::i18n::Lang;
use jixiao::library::Library;
use jixiao::report::{Report, Rubrics};
use rust_xlsxwriter::{Format, Workbook};

/// What must agree between the form and its twin: totals, grade, each item and line, each flag.
fn essence(r: &Report) -> Vec<String> {
    let mut out = vec![
        format!("total {} {}", r.card.total, r.card.grade),
        format!(
            "claimed {:?} {:?} {:?}",
            r.record.claimed.total, r.record.claimed.grade, r.record.claimed.items
        ),
        format!("measures {:?}", r.record.measures),
    ];
    for it in &r.card.items {
        out.push(format!(
            "item {} {:?} {} {} {}",
            it.name,
            it.value_text(),
            it.max,
            it.score,
            it.reason(Lang::Zh)
        ));
    }
    for (l, ind) in r.card.lines.iter().zip(&r.record.indicators) {
        out.push(format!(
            "{} {:?} {:?} {:?} {} {} {}",
            &*ind.name,
            ind.level1,
            ind.level2,
            ind.claimed_score,
            l.score,
            l.status.key(),
            l.reason.render(ind, Lang::Zh)
        ));
    }
    for f in &r.flags {
        let d = f
            .detail
            .as_ref()
            .map(|d| d.message.zh.clone())
            .unwrap_or_default();
        out.push(format!("flag {} {:?} {d}", f.code, f.position));
    }
    out
}

// The printed form's texts (source lines 555-563), as much of them as the tests read.
const EXPLAIN_COMPLETION: &str =
    "预算完成率= (预算完成数/预算数) × 100%，用以反映和考核部门(单位)预算完成程度。";
const CRITERIA_COMPLETION: &str = "预算完成率=100%的，得10分。 预算完成率≥95%的，得9分。";
const METHOD_COMPLETION: &str = "预算完成率= (预算完成数/预算数) × 100%";
const ASSETS: &str = "按预算执行，处置合规收益足额上缴财政";
const FUNDS_TARGET: &str = "合法合规符合用途";
const FUNDS_ACTUAL: &str = "合法且手续完整；预算符合用途；没有挤占挪用";
const CRITERIA_OUTPUT: &str =
    "1. 若为定性指标，根据“三档”原则分别按照指标分值的100-80% (含)、80-50% (含)、50-10%来记分；";
// Not on the printed form (its cells are blank there): words to read back.
const DEVIATION: &str = "群众满意度调查回收率偏低";
const ANALYSIS: &str = "次年将满意度指标细化为调查回收率和满意率";

/// One row of the indicator block: 一级, 二级, 三级, 分值, 指标说明, 评分标准, 计算公式,
/// 年初目标值, 实际完成值, 得分, 未完成原因分析与改进措施, 绩效指标分析与建议.
type FormRow = [&'static str; 12];

fn rows() -> Vec<FormRow> {
    vec![
        [
            "投入",
            "预算执行 (25分)",
            "预算完成率 (10分)",
            "10",
            EXPLAIN_COMPLETION,
            CRITERIA_COMPLETION,
            METHOD_COMPLETION,
            "100%",
            "100%",
            "10",
            "",
            "",
        ],
        [
            "",
            "",
            "预算调整率 (5分)",
            "5",
            "预算调整率= (预算调整数/预算数) × 100%",
            "预算调整率绝对值≤5%，得5分。",
            "",
            "5%",
            "5%",
            "5",
            "",
            "",
        ],
        [
            "",
            "",
            "支出进度率 (5分)",
            "5",
            "支出进度率= (实际支出/支出预算) × 100%",
            "半年进度，进度率≥45%，得2分；",
            "",
            "100%",
            "100%",
            "5",
            "",
            "",
        ],
        [
            "",
            "",
            "预算编制准确率 (5分)",
            "5",
            "",
            "预算编制准确率≤20%，得5分。",
            "",
            "10%",
            "10%",
            "5",
            "",
            "",
        ],
        [
            "过程",
            "预算管理 (15分)",
            "“三公经费”控制率 (5分)",
            "5",
            "",
            "",
            "",
            "100%",
            "100%",
            "5",
            "",
            "",
        ],
        [
            "",
            "",
            "资产管理规范性 (5分)",
            "5",
            "",
            "全部符合5分，有1项不符扣2分，扣完为止。",
            "",
            ASSETS,
            ASSETS,
            "5",
            "",
            "",
        ],
        [
            "过程",
            "预算管理 (15分)",
            "资金使用合规性 (5分)",
            "5",
            "",
            "全部符合5分，有1项不符扣2分。",
            "",
            FUNDS_TARGET,
            FUNDS_ACTUAL,
            "5",
            "",
            "",
        ],
        [
            "效果",
            "履职尽责 (60分)",
            "项目产出 (40分)",
            "40",
            "",
            CRITERIA_OUTPUT,
            "",
            "100%",
            "100%",
            "40",
            "",
            "",
        ],
        [
            "",
            "",
            "项目效益 (20分)",
            "20",
            "",
            "",
            "",
            "98%",
            "98%",
            "18",
            DEVIATION,
            ANALYSIS,
        ],
    ]
}

const HEADER: [&str; 12] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "指标说明",
    "评分标准",
    "指标值计算公式和数据获取方式",
    "年初目标值",
    "实际完成值",
    "得分",
    "未完成原因分析与改进措施",
    "绩效指标分析与建议",
];

/// The form as seed 003 prints it: title, 填报单位, 自评得分, the three 简要概述 rows, the
/// block with 一级/二级指标 merged over their groups, 备注 below. The printed 填报单位 and
/// 自评得分 are blank; the unit is the one the report is of, and 100 is the total its text states
/// (as the YAML twin has it).
fn form(path: &Path, rows: &[FormRow]) {
    let mut wb = Workbook::new();
    let ws = wb
        .add_worksheet()
        .set_name("部门整体支出绩效自评表")
        .unwrap();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 11, "部门整体支出绩效自评表", &plain)
        .unwrap();
    ws.write(1, 0, "(2020年度)").unwrap();
    ws.write(2, 0, "填报单位:").unwrap();
    ws.write(2, 1, "眉县医疗保障局").unwrap();
    ws.write(3, 0, "自评得分:").unwrap();
    ws.write(3, 1, 100.0).unwrap();
    ws.merge_range(4, 0, 4, 3, "（一）简要概述部门职能与职责。", &plain)
        .unwrap();
    ws.write(4, 4, "贯彻中省市医疗保障工作方面的法律法规和政策规定")
        .unwrap();
    ws.write(5, 0, "（二）简要概述部门支出情况，按活动内容分类。")
        .unwrap();
    ws.write(6, 0, "（三）简要概述当年省委省政府下达的重点工作。")
        .unwrap();
    let h = 7u32;
    for (c, w) in HEADER.iter().enumerate() {
        ws.write(h, c as u16, *w).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            // 分值 and 得分 are numbers on the sheet
            match (c, v.parse::<f64>()) {
                (3 | 9, Ok(n)) => ws.write(r, c as u16, n).unwrap(),
                _ => ws.write(r, c as u16, *v).unwrap(),
            };
        }
    }
    // 投入 and 预算执行 over their four rows; 过程 / 预算管理 over two, then printed again on the
    // next page; 效果 / 履职尽责 over two
    if rows.len() == 9 {
        for (r0, r1, c, v) in [
            (8, 11, 0, "投入"),
            (8, 11, 1, "预算执行 (25分)"),
            (12, 13, 0, "过程"),
            (12, 13, 1, "预算管理 (15分)"),
            (15, 16, 0, "效果"),
            (15, 16, 1, "履职尽责 (60分)"),
        ] {
            ws.merge_range(r0, c, r1, c, v, &plain).unwrap();
        }
    }
    let end = h + 2 + rows.len() as u32;
    ws.write(end, 0, "备注:").unwrap();
    ws.write(
        end + 1,
        0,
        "“项目产出”和“项目效果”直接细化成部门年初绩效目标中的指标",
    )
    .unwrap();
    wb.save(path).unwrap();
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-dept-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("部门整体支出绩效自评表.xlsx")
}

fn report(path: &Path) -> Vec<Result<Report, jixiao::error::InputError>> {
    report_files(
        path.to_str().unwrap(),
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    )
}

#[test]
fn the_department_form_scores_as_its_yaml_twin() {
    let path = temp("twin");
    form(&path, &rows());
    let got = report(&path);
    assert_eq!(got.len(), 1);
    let got = got[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    let want = report_file(
        "examples/meixian-2020-department.yaml",
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    )
    .unwrap();
    assert_eq!(essence(got), essence(&want));
    // the twin's figures, stated here so that a change to both cannot pass unseen
    assert_eq!(got.card.total, "100".parse().unwrap());
    assert_eq!(&*got.card.grade, "优");
    let codes: Vec<&str> = got.flags.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["total-mismatch", "score-deflated"]);
    assert_eq!(got.record.year, Some(2020));
    assert_eq!(got.record.rubric.as_deref(), Some("shaanxi-dept-2020"));
    assert_eq!(got.record.name, "眉县医疗保障局 2020 年部门整体支出");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn the_department_forms_words_are_kept_and_shown() {
    let path = temp("words");
    form(&path, &rows());
    let got = report(&path);
    let r = got[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    let rec = &r.record;
    assert_eq!(rec.filled_by.as_deref(), Some("眉县医疗保障局"));
    assert_eq!(rec.department.as_deref(), Some("眉县医疗保障局"));
    // the rows of measures, in the form's order, under the items they are claimed for
    let items: Vec<&str> = rec.item_notes.iter().map(|n| n.item.as_str()).collect();
    assert_eq!(
        items,
        [
            "预算完成率",
            "预算调整率",
            "支出进度率",
            "预算编制准确率",
            "“三公经费”控制率",
            "资产管理规范性",
            "资金使用合规性"
        ]
    );
    let first = &rec.item_notes[0];
    assert_eq!(first.notes.explanation.as_deref(), Some(EXPLAIN_COMPLETION));
    assert_eq!(first.notes.criteria.as_deref(), Some(CRITERIA_COMPLETION));
    assert_eq!(first.notes.method.as_deref(), Some(METHOD_COMPLETION));
    assert_eq!(first.target.as_deref(), Some("100%"));
    // a checklist's words: the unit's own, kept beside the result read from them
    let funds = &rec.item_notes[6];
    assert_eq!(funds.target.as_deref(), Some(FUNDS_TARGET));
    assert_eq!(funds.actual.as_deref(), Some(FUNDS_ACTUAL));
    // the indicator rows keep theirs on the indicator
    let output = &rec.indicators[0];
    assert_eq!(
        output.notes.as_ref().and_then(|n| n.criteria.as_deref()),
        Some(CRITERIA_OUTPUT)
    );
    let benefit = &rec.indicators[1];
    assert_eq!(benefit.deviation.as_deref(), Some(DEVIATION));
    assert_eq!(
        benefit.notes.as_ref().and_then(|n| n.analysis.as_deref()),
        Some(ANALYSIS)
    );
    let json = jixiao::render::json::report(r, Lang::Zh);
    for want in [
        "\"filled_by\":\"眉县医疗保障局\"",
        &format!(
            "\"item\":\"预算完成率\",\"target\":\"100%\",\"explanation\":\"{EXPLAIN_COMPLETION}\""
        ),
        &format!("\"actual\":\"{FUNDS_ACTUAL}\""),
        &format!("\"deviation\":\"{DEVIATION}\""),
        &format!("\"analysis\":\"{ANALYSIS}\""),
        &format!("\"criteria\":\"{CRITERIA_OUTPUT}\""),
    ] {
        assert!(json.contains(want), "{want} in {json}");
    }
    let card = jixiao::render::table::scorecard(r, Lang::Zh);
    for want in [
        "填报单位: 眉县医疗保障局",
        &format!("  项目效益: {DEVIATION}"),
        &format!("  预算完成率\n    年初目标值: 100%\n    指标说明: {EXPLAIN_COMPLETION}\n"),
        &format!("    实际完成值: {FUNDS_ACTUAL}\n"),
        &format!("  项目效益\n    绩效指标分析与建议: {ANALYSIS}\n"),
    ] {
        assert!(card.contains(want), "{want} in\n{card}");
    }
    let card = jixiao::render::table::scorecard(r, Lang::En);
    assert!(card.contains("Filled in by: 眉县医疗保障局"), "{card}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_row_the_form_does_not_have_is_an_error_at_its_row_naming_the_rows_accepted() {
    let path = temp("unknown");
    let mut rows = rows();
    rows[3][2] = "政府采购执行率 (5分)";
    form(&path, &rows);
    let got = report(&path);
    assert_eq!(got.len(), 1);
    let e = got[0].as_ref().unwrap_err();
    let zh = e.render(Lang::Zh);
    // the fourth row of the block: sheet row 12, column C
    assert!(zh.contains("[部门整体支出绩效自评表]:12:3:"), "{zh}");
    assert!(zh.contains("政府采购执行率"), "{zh}");
    for accepted in ["预算完成率", "半年支出进度", "资金使用合规性", "项目效益"]
    {
        assert!(zh.contains(accepted), "{accepted} in {zh}");
    }
    assert!(
        e.render(Lang::En).contains("accepted"),
        "{}",
        e.render(Lang::En)
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_checklist_row_that_names_its_failures_scores_them() {
    let path = temp("failed");
    let mut rows = rows();
    rows[5][8] = "不符：资产收益及时、足额上缴财政";
    rows[6][8] = "2项不符";
    form(&path, &rows);
    let got = report(&path);
    let r = got[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    let score = |name: &str| {
        r.card
            .items
            .iter()
            .find(|i| &*i.name == name)
            .map(|i| i.score)
            .unwrap()
    };
    assert_eq!(score("资产管理规范性"), "3".parse().unwrap());
    assert_eq!(score("资金使用合规性"), "1".parse().unwrap());
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn the_half_year_and_three_quarter_progress_in_one_cell() {
    let path = temp("progress");
    let mut rows = rows();
    rows[2][8] = "半年42%；前三季度80%";
    form(&path, &rows);
    let got = report(&path);
    let r = got[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    let item = |name: &str| r.card.items.iter().find(|i| &*i.name == name).unwrap();
    assert_eq!(item("半年支出进度").value_text().as_deref(), Some("42%"));
    assert_eq!(item("半年支出进度").score, "1".parse().unwrap());
    assert_eq!(item("前三季度支出进度").score, "3".parse().unwrap());
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn points_that_differ_from_the_forms_are_an_error_at_their_cell() {
    let path = temp("points");
    let mut rows = rows();
    rows[1][3] = "8";
    form(&path, &rows);
    let got = report(&path);
    let e = got[0].as_ref().unwrap_err().render(Lang::Zh);
    assert!(e.contains(":10:4:") && e.contains("预算调整率"), "{e}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn batch_reads_the_department_form_as_score_does() {
    let path = temp("batch");
    form(&path, &rows());
    let opts = jixiao::batch::Options {
        workers: 1,
        ..jixiao::batch::Options::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    jixiao::batch::run_path(path.to_str().unwrap(), &opts, &mut out, None, &mut err)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let out = String::from_utf8(out).unwrap();
    let row = out.lines().nth(1).unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains(",100.00,优,"), "{out}");
    assert!(
        row.contains("total-mismatch") && row.contains("score-deflated"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

fn batch_jsonl(path: &Path) -> (String, String) {
    let opts = jixiao::batch::Options {
        workers: 1,
        jsonl: true,
        ..jixiao::batch::Options::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    jixiao::batch::run_path(path.to_str().unwrap(), &opts, &mut out, None, &mut err)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_batch_file_gives_the_forms_words_its_items_and_its_checklists_failures() {
    let dir = temp("csv");
    let path = dir.with_file_name("dept.csv");
    std::fs::write(
        &path,
        "项目名称,填报单位,评分规则,三级指标,评分项,一级指标,二级指标,年初目标值,实际完成值,不符项,权重,自评得分,指标说明,评分标准,未完成原因分析与改进措施,绩效指标分析与建议\n\
         部门,某局,shaanxi-dept-2020,half_year_progress,支出进度率,,,≥45%,50%,,,4,半年支出/预算,≥45%得2分,,\n\
         ,,,three_quarter_progress,支出进度率,,,,80%,,,,,,,\n\
         ,,,asset_management,,,,,按预算执行；收益未上缴,资产收益及时、足额上缴财政,,3,,,收益上缴延迟,次年按季上缴\n\
         ,,,项目产出,,产出指标,数量指标,100%,100%,,40,40,,按完成比率计分,,\n",
    )
    .unwrap();
    let (out, err) = batch_jsonl(&path);
    assert!(out.contains("\"filled_by\":\"某局\""), "{out}\n{err}");
    // the claim of 支出进度率 (2 + 3 = 5 recomputed) under its item: 4 is deflated by 1
    assert!(
        out.contains("score-deflated") && out.contains("自评 4，复核 5.00"),
        "{out}"
    );
    // 不符项 names the failed item, 实际完成值 keeps the unit's words
    assert!(out.contains("\"value\":\"1/3\""), "{out}");
    for want in [
        "{\"item\":\"支出进度率\",\"target\":\"≥45%\",\"explanation\":\"半年支出/预算\",\"criteria\":\"≥45%得2分\"}",
        "{\"item\":\"asset_management\",\"actual\":\"按预算执行；收益未上缴\",\"deviation\":\"收益上缴延迟\",\"analysis\":\"次年按季上缴\"}",
        "\"criteria\":\"按完成比率计分\"",
    ] {
        assert!(out.contains(want), "{want} in {out}");
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_measure_twice_or_an_item_on_an_indicator_row_is_an_error_at_its_line() {
    let dir = temp("csv-bad");
    let path = dir.with_file_name("bad.csv");
    let head = "项目名称,评分规则,三级指标,评分项,一级指标,二级指标,指标值,实际完成值,自评得分\n";
    std::fs::write(
        &path,
        format!(
            "{head}甲,shaanxi-dept-2020,budget_adjustment_rate,,,,,3%,5\n,,budget_adjustment_rate,,,,,4%,\n\
             乙,shaanxi-dept-2020,项目产出,预算完成率,产出指标,数量指标,100%,100%,40\n"
        ),
    )
    .unwrap();
    let (out, _) = batch_jsonl(&path);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("\"line\":3") && lines[0].contains("budget_adjustment_rate"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("\"line\":4") && lines[1].contains("评分项"),
        "{}",
        lines[1]
    );
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}
