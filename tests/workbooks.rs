//! Workbooks laid out as the forms print them score exactly as their YAML twins: the same
//! total, grade, indicator scores and reasons, and the same flags.

mod common;
use common::rows;

use jixiao::commands::{report_file, report_files};
use jixiao::i18n::Lang;
use jixiao::library::Library;
use jixiao::report::{Report, Rubrics};

/// What must agree between a form and its twin: totals, grade, each line, each flag.
fn essence(r: &Report) -> Vec<String> {
    let mut out = vec![
        format!("total {} {}", r.card.total, r.card.grade),
        format!(
            "claimed {:?} {:?}",
            r.record.claimed.total, r.record.claimed.grade
        ),
        format!(
            "execution {:?} {}",
            r.card.execution.rate, r.card.execution.score
        ),
    ];
    for (l, ind) in r.card.lines.iter().zip(&r.record.indicators) {
        out.push(format!(
            "{} {} {} {}",
            &*ind.name,
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

fn yaml(path: &str) -> Vec<String> {
    let r = report_file(path, &Library::shipped().unwrap(), &mut Rubrics::new(None))
        .unwrap_or_else(|e| panic!("{e}"));
    essence(&r)
}

fn book(path: &str) -> Vec<Vec<String>> {
    report_files(path, &Library::shipped().unwrap(), &mut Rubrics::new(None))
        .into_iter()
        .map(|r| essence(&r.unwrap_or_else(|e| panic!("{e}"))))
        .collect()
}

#[test]
fn each_form_scores_as_its_yaml_twin() {
    for (xlsx, twins) in [
        (
            "tests/forms/national-selfeval-sms-auth-2024.xlsx",
            &["examples/sms-auth-2024-claims.yaml"][..],
        ),
        (
            "tests/forms/sichuan-selfeval-leshan-2021-backbone.xlsx",
            &["examples/leshan-2021-backbone-network.yaml"],
        ),
        (
            "tests/forms/workbook-two-projects.xlsx",
            &[
                "examples/leshan-2021-network-maintenance.yaml",
                "examples/leshan-2024-medical-inspection.yaml",
            ],
        ),
    ] {
        let got = book(xlsx);
        let want: Vec<Vec<String>> = twins.iter().map(|t| yaml(t)).collect();
        assert_eq!(got.len(), want.len(), "{xlsx}: projects");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{xlsx}");
        }
    }
}

#[test]
fn a_long_table_given_to_score_says_to_use_batch() {
    let r = report_files(
        "tests/forms/leshan-2024-table6.xlsx",
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    );
    assert_eq!(r.len(), 1);
    let e = r[0].as_ref().unwrap_err().render(Lang::Zh);
    assert!(e.contains("[公开表6]") && e.contains("jixiao batch"), "{e}");
}

fn batch(path: &str, with_indicators: bool) -> (String, String, String) {
    let opts = jixiao::batch::Options {
        workers: 1,
        headers: Some(Lang::En),
        ..jixiao::batch::Options::default()
    };
    let (mut out, mut ind, mut err) = (Vec::new(), Vec::new(), Vec::new());
    let indicators = with_indicators.then_some(&mut ind as &mut (dyn std::io::Write + Send));
    jixiao::batch::run_path(path, &opts, &mut out, indicators, &mut err)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let s = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (s(out), s(ind), s(err))
}

#[test]
fn the_published_table6_workbook_reads_as_its_csv_twin() {
    let (x, xi, xerr) = batch("tests/forms/leshan-2024-table6.xlsx", true);
    let (c, ci, _) = batch("tests/data/leshan-2024-table6.csv", true);
    // the project rows are the same, file position aside
    let strip = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| l.rsplit_once(',').map_or(l, |(a, _)| a).to_string())
            .collect()
    };
    assert_eq!(x, c);
    assert_eq!(x.lines().count(), 28); // header + 27 projects
    // the indicator rows too, but for their line: a row of the sheet against a line of the CSV
    assert_eq!(strip(&xi), strip(&ci));
    assert!(xi.lines().nth(1).unwrap().ends_with(",6"), "{xi}");
    // the department's subtotal line above its units carries no indicator: said, not lost
    assert!(
        xerr.contains("[公开表6]:5:") && xerr.contains("没有指标"),
        "{xerr}"
    );
}

/// A national form written by hand: title rows, 项目资金, an indicator block whose 时效 line's
/// 实际完成值 is an Excel date (a serial number shown as a date), 总分.
fn handmade(path: &std::path::Path) {
    handmade_with(path, "≥100人次")
}

/// [`handmade`] with the 培训人次 line's 年度指标值 (F8) as given.
fn handmade_with(path: &std::path::Path, target: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet().set_name("填表说明").unwrap();
    notes.write(0, 0, "请按财预〔2020〕10号填写").unwrap();
    let ws = wb.add_worksheet().set_name("自评表").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let cells: &[(u32, u16, &str)] = &[
        (0, 0, "项目支出绩效自评表"),
        (1, 0, "（2024年度）"),
        (2, 0, "项目名称"),
        (2, 1, "手工项目"),
        (3, 0, "主管部门"),
        (3, 1, "某局"),
        (3, 5, "实施单位"),
        (3, 7, "某中心"),
        (4, 0, "项目资金\n（万元）"),
        (4, 5, "年初预算数"),
        (4, 6, "全年预算数"),
        (4, 7, "全年执行数"),
        (4, 8, "分值"),
        (4, 9, "执行率"),
        (4, 10, "得分"),
        (5, 1, "年度资金总额"),
        (6, 0, "绩效指标"),
        (6, 1, "一级指标"),
        (6, 2, "二级指标"),
        (6, 3, "三级指标"),
        (6, 5, "年度指标值"),
        (6, 6, "实际完成值"),
        (6, 7, "分值"),
        (6, 8, "得分"),
        (6, 9, "偏差原因分析及改进措施"),
        (7, 9, "培训场地延期交付"),
        (7, 1, "产出指标"),
        (7, 2, "数量指标"),
        (7, 3, "培训人次"),
        (7, 5, target),
        (7, 6, "80人次"),
        (8, 2, "时效指标"),
        (8, 3, "完成时间"),
        (8, 5, "2024年12月31日前"),
        (9, 0, "总分"),
    ];
    for &(r, c, v) in cells {
        ws.write(r, c, v).unwrap();
    }
    for (c, v) in [(5u16, 10.0), (6, 10.0), (7, 9.0), (8, 10.0)] {
        ws.write(5, c, v).unwrap();
    }
    ws.merge_range(7, 1, 8, 1, "产出指标", &Format::new())
        .unwrap();
    for (r, w) in [(7u32, 45.0), (8, 45.0)] {
        ws.write(r, 7, w).unwrap();
    }
    let done = ExcelDateTime::from_ymd(2024, 11, 30).unwrap();
    ws.write_datetime_with_format(8, 6, &done, &date).unwrap();
    ws.write(9, 8, 95.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_handmade_form_beside_a_notes_sheet_reads_with_its_date_and_merge() {
    let dir = std::env::temp_dir().join(format!("jixiao-wb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("自评表.xlsx");
    handmade(&path);
    let p = path.to_str().unwrap();
    let r = report_files(p, &Library::shipped().unwrap(), &mut Rubrics::new(None));
    assert_eq!(r.len(), 2);
    // the notes sheet: says what it looked for; the form is still read
    let e = r[0].as_ref().unwrap_err().render(Lang::Zh);
    assert!(e.contains("[填表说明]") && e.contains("一级指标"), "{e}");
    let rep = r[1].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rep.record.year, Some(2024));
    assert_eq!(rep.record.authority.as_deref(), Some("某局"));
    assert_eq!(rep.record.department.as_deref(), Some("某中心"));
    assert_eq!(
        rep.record.indicators[0].deviation.as_deref(),
        Some("培训场地延期交付")
    );
    let json = jixiao::render::json::report(rep, Lang::Zh);
    assert!(json.contains("\"authority\":\"某局\""), "{json}");
    assert!(
        json.contains("\"deviation\":\"培训场地延期交付\""),
        "{json}"
    );
    let card = jixiao::render::table::scorecard(rep, Lang::Zh);
    assert!(
        card.contains("偏差原因分析及改进措施:\n  培训人次: 培训场地延期交付"),
        "{card}"
    );
    assert_eq!(rep.record.claimed.total, Some("95".parse().unwrap()));
    assert_eq!(rep.record.indicators.len(), 2);
    // 产出指标 merged over both rows reads on the second; the date reads as the date it shows
    let lines: Vec<String> = rep
        .card
        .lines
        .iter()
        .zip(&rep.record.indicators)
        .map(|(l, i)| {
            format!(
                "{} {} {}",
                i.level1.zh(),
                l.score,
                l.reason.render(i, Lang::Zh)
            )
        })
        .collect();
    assert_eq!(
        lines[1],
        "产出指标 45 完成于 2024年11月30日，不晚于 2024年12月31日：满分 45.00"
    );
    // 45 × 80 / 100 = 36; 45; execution 90% of 10 = 9: 90
    assert_eq!(rep.card.total, "90".parse().unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_workbook_is_an_error_naming_the_file_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("jixiao-wb-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("坏.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is no zip at all").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("坏.xlsx") && err.contains("无法打开工作簿"),
        "{err}"
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["batch", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_wrong_file_for_the_command_says_which_command_reads_it() {
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // a long CSV given to score: was a YAML error 4,545 characters long
    let (code, err) = run(&["score", "tests/data/leshan-2024-table6.csv"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("jixiao batch"), "{err}");
    assert!(
        err.lines().count() == 1 && err.chars().count() < 200,
        "{err}"
    );
    // a long table in a workbook given to check
    let (code, err) = run(&["check", "tests/forms/leshan-2024-table6.xlsx"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("jixiao batch"), "{err}");
}

#[test]
fn the_forms_words_are_keys_of_a_project_file_too() {
    let dir = std::env::temp_dir().join(format!("jixiao-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("p.yaml");
    std::fs::write(
        &path,
        "project: {id: K, name: 键, 主管部门: 某局 315001, 实施单位: 某中心}\nbudget: {planned: 1, executed: 1}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 4次, 偏差原因分析及改进措施: 延期}\n",
    )
    .unwrap();
    let r = report_file(
        path.to_str().unwrap(),
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.record.authority.as_deref(), Some("某局 315001"));
    assert_eq!(r.record.department.as_deref(), Some("某中心"));
    assert_eq!(r.record.indicators[0].deviation.as_deref(), Some("延期"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_streamed_long_table_reads_as_the_same_table_read_whole() {
    // one sheet: batch streams it; the same sheet read whole (as a workbook of several sheets
    // is) gives the same rows
    let path = "tests/forms/leshan-2024-table6.xlsx";
    let (streamed, s_ind, s_err) = batch(path, true);
    let bytes = std::fs::read(path).unwrap();
    let mut skipped = Vec::new();
    let (cols, rows) = jixiao::read::workbook::batch_table(path, &bytes, &mut skipped).unwrap();
    let opts = jixiao::batch::Options {
        workers: 1,
        headers: Some(Lang::En),
        ..jixiao::batch::Options::default()
    };
    let (mut out, mut ind, mut err) = (Vec::new(), Vec::new(), Vec::new());
    jixiao::batch::run_table(
        rows,
        cols,
        "xlsx",
        path,
        &opts,
        jixiao::batch::Outputs::Rows {
            out: &mut out,
            indicators: Some(&mut ind),
        },
        &mut err,
        std::time::Instant::now(),
    )
    .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    assert_eq!(String::from_utf8(out).unwrap(), streamed);
    assert_eq!(String::from_utf8(ind).unwrap(), s_ind);
    // the subtotal line is named either way
    assert_eq!(skipped.len(), 1);
    assert!(s_err.contains(":5:"), "{s_err}");
}

#[test]
fn batch_on_a_workbook_of_forms_scores_each_form_as_check_does() {
    for xlsx in [
        "tests/forms/national-selfeval-sms-auth-2024.xlsx",
        "tests/forms/sichuan-selfeval-leshan-2021-backbone.xlsx",
        "tests/forms/workbook-two-projects.xlsx",
    ] {
        let (out, _, _) = batch(xlsx, false);
        let mut rows = csv::Reader::from_reader(out.as_bytes());
        let headers = rows.headers().unwrap().clone();
        let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
        let got: Vec<(String, String, String)> = rows
            .records()
            .map(|r| {
                let r = r.unwrap();
                (
                    r[col("total")].to_string(),
                    r[col("grade")].to_string(),
                    r[col("flag_codes")].to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> =
            report_files(xlsx, &Library::shipped().unwrap(), &mut Rubrics::new(None))
                .into_iter()
                .map(|r| {
                    let r = r.unwrap();
                    let mut codes: Vec<&str> = Vec::new();
                    for f in &r.flags {
                        if !codes.contains(&f.code) {
                            codes.push(f.code);
                        }
                    }
                    (
                        format!("{:.2}", r.card.total),
                        r.card.grade.to_string(),
                        codes.join(";"),
                    )
                })
                .collect();
        assert_eq!(got, want, "{xlsx}");
    }
}

#[test]
fn a_percentage_cell_reads_as_shown_and_a_formula_without_its_result_is_said() {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let dir = std::env::temp_dir().join(format!("jixiao-wb-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // a form whose 质量 line's actual is a number formatted as a percentage; then again with a
    // formula cell whose result the file does not hold
    let build = |formula: bool| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("自评表").unwrap();
        let rows: &[(u32, u16, &str)] = &[
            (0, 0, "项目支出绩效自评表"),
            (2, 0, "项目名称"),
            (2, 1, "百分比"),
            (4, 5, "年初预算数"),
            (4, 6, "全年预算数"),
            (4, 7, "全年执行数"),
            (5, 1, "年度资金总额"),
            (6, 1, "一级指标"),
            (6, 2, "二级指标"),
            (6, 3, "三级指标"),
            (6, 5, "年度指标值"),
            (6, 6, "实际完成值"),
            (6, 7, "分值"),
            (7, 1, "产出指标"),
            (7, 2, "质量指标"),
            (7, 3, "合格率"),
            (7, 5, "≥90%"),
        ];
        for &(r, c, v) in rows {
            ws.write(r, c, v).unwrap();
        }
        ws.write(5, 6, 10.0).unwrap();
        ws.write(5, 7, 10.0).unwrap();
        ws.write(7, 7, 90.0).unwrap();
        let pct = Format::new().set_num_format("0.0%");
        if formula {
            ws.write_formula_with_format(7, 6, Formula::new("=0.5+0.4").set_result(""), &pct)
                .unwrap();
        } else {
            ws.write_number_with_format(7, 6, 0.985, &pct).unwrap();
        }
        let p = dir.join(format!("f{formula}.xlsx"));
        wb.save(&p).unwrap();
        p
    };
    let lib = Library::shipped().unwrap();
    let p = build(false);
    let r = report_files(p.to_str().unwrap(), &lib, &mut Rubrics::new(None));
    let rep = r[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rep.record.indicators[0].actual_text.as_deref(),
        Some("98.5%")
    );
    assert_eq!(rep.card.lines[0].score, "90".parse().unwrap());
    // rust_xlsxwriter always stores a result: take it out of the sheet, as a program that
    // writes the XML itself and never opens the file in Excel leaves it
    let p = build(true);
    let bytes = std::fs::read(&p).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if name.ends_with("sheet1.xml") {
            let xml = String::from_utf8(data).unwrap();
            let cut = xml.replace("<v>0</v>", "");
            assert_ne!(cut, xml, "the formula's stored result");
            data = cut.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    std::fs::write(&p, out.finish().unwrap().into_inner()).unwrap();
    let r = report_files(p.to_str().unwrap(), &lib, &mut Rubrics::new(None));
    let e = r[0].as_ref().unwrap_err().render(Lang::Zh);
    assert!(e.contains("G8") && e.contains("公式"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_rows_carry_the_forms_authority_and_deviations() {
    let dir = std::env::temp_dir().join(format!("jixiao-wb-rows-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("自评表.xlsx");
    handmade(&path);
    let (out, ind, _) = batch(path.to_str().unwrap(), true);
    let (p, i) = (rows(&out), rows(&ind));
    assert_eq!(p[0]["authority"], "某局");
    assert_eq!(p[0]["department"], "某中心");
    assert_eq!(i[0]["deviation"], "培训场地延期交付");
    assert_eq!(i[1]["deviation"], "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_error_in_a_form_names_its_sheet_and_cell() {
    let dir = std::env::temp_dir().join(format!("jixiao-wb-cell-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("自评表.xlsx");
    handmade_with(&path, "≥≥100人次");
    let r = report_files(
        path.to_str().unwrap(),
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    );
    let e = r[1].as_ref().unwrap_err().render(Lang::Zh);
    assert!(e.contains("自评表.xlsx[自评表]!F8: `年度指标值` 列"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_streamed_long_table_reads_a_percentage_cell_as_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = std::env::temp_dir().join(format!("jixiao-wb-spct-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("long.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "项目名称",
        "预算数",
        "执行数",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "权重",
    ]
    .iter()
    .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "甲项目",
        "10",
        "9",
        "产出指标",
        "质量指标",
        "合格率",
        "≥90%",
    ]
    .iter()
    .enumerate()
    {
        ws.write(1, c as u16, *v).unwrap();
    }
    ws.write_number_with_format(1, 7, 0.985, &Format::new().set_num_format("0.0%"))
        .unwrap();
    ws.write(1, 8, 90).unwrap();
    wb.save(&path).unwrap();
    let (_, ind, err) = batch(path.to_str().unwrap(), true);
    let lines = rows(&ind);
    assert_eq!(lines[0]["actual"], "98.5%", "{err}");
    assert_eq!(lines[0]["score"], "90.00");
    let _ = std::fs::remove_dir_all(&dir);
}
