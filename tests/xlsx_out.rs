//! Workbook output (`-o FILE.xlsx`) of `check`, `score` and `batch`, read back with calamine:
//! the sheets and their headers in either language, a project's row against its report, the
//! fill of a downgraded grade, user text stored as text, the same bytes for the same input, the
//! 结果应用 sheet from the rubric's table, a failed output leaving no file, and the round trip:
//! the forms of a written workbook score as the files they came from.

mod common;
use common::{fresh_dir, jixiao, text};

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use jixiao::commands::{report_file, report_files};
use jixiao::library::Library;
use jixiao::report::Rubrics;
use jixiao::rubric::Rubric;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const SMS: &str = "examples/sms-auth-2024-claims.yaml";
/// Claims 优 and recomputes 差: a downgraded grade.
const CITY: &str = "examples/city-department-2025.yaml";

fn dir(name: &str) -> PathBuf {
    fresh_dir(&format!("xlsx-out-{name}"))
}

/// Runs jixiao with `args`, then `-o out`; the output's bytes.
fn run(args: &[&str], out: &Path) -> (Output, Vec<u8>) {
    let o = jixiao().args(args).arg("-o").arg(out).output().unwrap();
    let bytes = fs::read(out)
        .unwrap_or_else(|e| panic!("{}: {e}; stderr: {}", out.display(), text(&o.stderr)));
    (o, bytes)
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

/// A sheet's cells as rows of calamine data.
fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    let r = book.worksheet_range(name).unwrap();
    r.rows().map(|row| row.to_vec()).collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|d| d.to_string()).collect()
}

/// The column of `name` in the header row.
fn col(rows: &[Vec<Data>], name: &str) -> usize {
    header(rows)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", header(rows)))
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn dec(d: Decimal) -> f64 {
    d.to_f64().unwrap()
}

/// The text of one entry of the xlsx zip.
fn entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_summary_row_of_a_project_is_its_report_and_the_headers_are_chinese() {
    let d = dir("summary");
    let out = d.join("out.xlsx");
    let (o, bytes) = run(&["check", SMS, CITY], &out);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let mut book = open(&bytes);
    let names = book.sheet_names();
    assert_eq!(names[..5], ["汇总", "明细", "标记", "按单位", "结果应用"]);
    let rows = sheet(&mut book, "汇总");
    let h = header(&rows);
    for want in [
        "主管部门",
        "实施单位",
        "项目编码",
        "项目名称",
        "全年预算数",
        "全年执行数",
        "预算执行率（%）",
        "自评总分",
        "自评等级",
        "复核总分",
        "复核等级",
        "差额（自评−复核）",
        "错误",
        "警告",
        "主要标记",
    ] {
        assert!(h.contains(&want.to_string()), "{want} not in {h:?}");
    }
    assert_eq!(rows.len(), 3);
    let lib = Library::shipped().unwrap();
    for (row, path) in rows[1..].iter().zip([SMS, CITY]) {
        let r = report_file(path, &lib, &mut Rubrics::new(None)).unwrap();
        assert_eq!(row[col(&rows, "项目名称")].to_string(), r.record.name);
        assert_eq!(num(&row[col(&rows, "复核总分")]), dec(r.card.total));
        let grade = Rubric::load(&r.rubric).unwrap().grades[r.card.grade_rank]
            .grade
            .to_string();
        assert_eq!(row[col(&rows, "复核等级")].to_string(), grade);
        let claimed = r.record.claimed.total.unwrap();
        assert_eq!(num(&row[col(&rows, "自评总分")]), dec(claimed));
        assert_eq!(
            num(&row[col(&rows, "差额（自评−复核）")]),
            dec(claimed - r.card.total)
        );
        assert_eq!(
            num(&row[col(&rows, "错误")]) as usize,
            r.count(jixiao::flags::Severity::Error)
        );
        assert_eq!(
            num(&row[col(&rows, "全年预算数")]),
            dec(r.record.budget.annual.unwrap())
        );
        // the main flags in words: the rule's summary, not its code
        let main = row[col(&rows, "主要标记")].to_string();
        let inflated = jixiao::flags::registry::RULES
            .iter()
            .find(|r| r.code == "total-inflated")
            .unwrap();
        assert!(main.contains(inflated.summary.zh), "{main}");
    }
    // 明细: a row per indicator of both; 标记: a row per flag
    let lines = sheet(&mut book, "明细");
    let flags = sheet(&mut book, "标记");
    let both: Vec<_> = [SMS, CITY]
        .iter()
        .map(|p| report_file(p, &lib, &mut Rubrics::new(None)).unwrap())
        .collect();
    let n_lines: usize = both.iter().map(|r| r.card.lines.len()).sum();
    let n_flags: usize = both.iter().map(|r| r.flags.len()).sum();
    assert_eq!(lines.len() - 1, n_lines);
    assert_eq!(flags.len() - 1, n_flags);
    assert_eq!(
        header(&flags),
        [
            "项目编码",
            "项目名称",
            "严重程度",
            "代码",
            "指标",
            "说明",
            "依据"
        ]
    );
    let inflated = flags.iter().find(|r| r[3] == "total-inflated").unwrap();
    assert!(inflated[5].to_string().contains("95"), "{inflated:?}");
    assert!(
        inflated[6].to_string().contains("财预〔2020〕10号"),
        "{inflated:?}"
    );
    // 按单位: each unit of the two
    let units = sheet(&mut book, "按单位");
    assert_eq!(units.len() - 1, 2);
    assert!(header(&units).contains(&"复核·差".to_string()));
    // the summary sheets are frozen below their header and filtered
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"<pane ySplit="1""#), "{xml}");
    assert!(xml.contains("<autoFilter ref=\"A1:"), "{xml}");
}

/// The style index of cell `cell` (`L3`) in a sheet's XML.
fn style_of(xml: &str, cell: &str) -> u32 {
    let at = xml
        .find(&format!(r#"<c r="{cell}""#))
        .unwrap_or_else(|| panic!("no {cell}"));
    let rest = &xml[at..xml[at..].find('>').unwrap() + at];
    rest.split(" s=\"")
        .nth(1)
        .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap())
}

#[test]
fn a_downgraded_grade_is_filled_and_a_kept_one_is_not() {
    let d = dir("fill");
    let (_, bytes) = run(&["check", SMS, CITY], &d.join("out.xlsx"));
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    // 复核等级 is column L; row 2 is SMS (优 claimed, 优 recomputed), row 3 CITY (优 → 差)
    let (kept, down) = (style_of(&xml, "L2"), style_of(&xml, "L3"));
    assert_ne!(kept, down);
    let styles = entry(&bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = |i: u32| xfs.split("<xf ").nth(i as usize + 1).unwrap().to_string();
    let fill_id = |x: &str| -> usize {
        x.split("fillId=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let fills: Vec<&str> = styles[styles.find("<fills").unwrap()..styles.find("</fills>").unwrap()]
        .split("<fill>")
        .skip(1)
        .collect();
    assert!(fills[fill_id(&xf(down))].contains("FFC7CE"), "{}", xf(down));
    assert!(
        !fills[fill_id(&xf(kept))].contains("FFC7CE"),
        "{}",
        xf(kept)
    );
}

#[test]
fn text_that_looks_like_a_formula_is_stored_as_text() {
    let d = dir("formula");
    let yaml = fs::read_to_string(SMS)
        .unwrap()
        .replacen("name: ", "name: \"=1+1\"\nold_name: ", 1);
    let src = d.join("p.yaml");
    // the project's own name, whatever key follows it, is replaced by `=1+1`
    let yaml = {
        let mut out = String::new();
        for l in yaml.lines() {
            if l.starts_with("old_name: ") {
                continue;
            }
            out.push_str(l);
            out.push('\n');
        }
        out
    };
    fs::write(&src, yaml).unwrap();
    let (o, bytes) = run(&["check", src.to_str().unwrap()], &d.join("out.xlsx"));
    assert_ne!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let mut book = open(&bytes);
    let rows = sheet(&mut book, "汇总");
    assert_eq!(rows[1][col(&rows, "项目名称")], Data::String("=1+1".into()));
    let lines = sheet(&mut book, "明细");
    assert_eq!(lines[1][1], Data::String("=1+1".into()));
    // no cell of any sheet holds a formula
    let mut z = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/sheet") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            assert!(!s.contains("<f>"), "{name}");
        }
    }
    // and the project's own sheet (named for it) reads back with its name
    let back = report_files(
        d.join("out.xlsx").to_str().unwrap(),
        &Library::shipped().unwrap(),
        &mut Rubrics::new(None),
    );
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].as_ref().unwrap().record.name, "=1+1");
}

#[test]
fn the_same_input_writes_the_same_bytes() {
    let d = dir("same");
    let (_, a) = run(&["check", SMS, CITY], &d.join("a.xlsx"));
    let (_, b) = run(&["check", SMS, CITY], &d.join("b.xlsx"));
    assert!(a == b, "two runs wrote different workbooks");
    let (_, a) = run(
        &["batch", "tests/data/sms-auth-2024-claims.csv"],
        &d.join("c.xlsx"),
    );
    let (_, b) = run(
        &["batch", "tests/data/sms-auth-2024-claims.csv"],
        &d.join("d.xlsx"),
    );
    assert!(a == b, "two batch runs wrote different workbooks");
    // nothing left beside them: no temporary file of the output or of its sheets' rows
    let mut names: Vec<String> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"]);
}

/// Every shared worked case and example, and every workbook of forms: written with `check -o`,
/// the forms of the workbook read back with the workbook reader under the same rubric score as
/// the files did (total, grade, claims).
#[test]
fn a_written_workbook_read_back_scores_as_its_sources() {
    let d = dir("round-trip");
    let lib = Library::shipped().unwrap();
    let mut sources: Vec<PathBuf> = Vec::new();
    for folder in ["tests/cases", "examples", "tests/forms"] {
        for e in fs::read_dir(folder).unwrap() {
            let p = e.unwrap().path();
            let name = p.to_string_lossy().into_owned();
            if (name.ends_with(".yaml") && !name.ends_with(".expected.yaml"))
                || name.ends_with(".xlsx")
            {
                sources.push(p);
            }
        }
    }
    sources.sort();
    let mut compared = 0;
    for (k, src) in sources.iter().enumerate() {
        let src = src.to_str().unwrap();
        let reports: Vec<_> = report_files(src, &lib, &mut Rubrics::new(None))
            .into_iter()
            .filter_map(Result::ok)
            // a department's whole-spending record has no project form
            .filter(|r| r.record.measures.is_empty())
            .collect();
        if reports.is_empty() {
            continue; // a long table (batch reads it) or a department form
        }
        let out = d.join(format!("{k}.xlsx"));
        let (o, _) = run(&["check", src], &out);
        assert_ne!(o.status.code(), Some(2), "{src}: {}", text(&o.stderr));
        let rubric = reports[0].rubric.to_string();
        let back = report_files(out.to_str().unwrap(), &lib, &mut Rubrics::new(Some(rubric)));
        let back: Vec<_> = back
            .into_iter()
            .map(|r| r.unwrap_or_else(|e| panic!("{src}: {}", e.render(jixiao::i18n::Lang::En))))
            .collect();
        assert_eq!(back.len(), reports.len(), "{src}");
        for (a, b) in reports.iter().zip(&back) {
            assert_eq!(b.record.name, a.record.name, "{src}");
            assert_eq!(b.card.total, a.card.total, "{src}: {}", a.record.name);
            assert_eq!(b.card.grade_rank, a.card.grade_rank, "{src}");
            assert_eq!(b.record.claimed.total, a.record.claimed.total, "{src}");
            assert_eq!(b.record.claimed.grade, a.record.claimed.grade, "{src}");
            assert_eq!(b.flags.len(), a.flags.len(), "{src}: {}", a.record.name);
            compared += 1;
        }
    }
    assert!(compared >= 12, "only {compared} projects compared");
}

#[test]
fn reading_a_written_workbook_names_the_summary_sheets_it_skips() {
    let d = dir("skip");
    let out = d.join("out.xlsx");
    let (yaml, _) = run(&["check", SMS], &out);
    let o = jixiao().arg("check").arg(&out).output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), yaml.status.code(), "{err}");
    for sheet in ["汇总", "明细", "标记", "按单位", "结果应用"] {
        assert!(
            err.contains(&format!("out.xlsx[{sheet}]: jixiao 写出的汇总表")),
            "{err}"
        );
    }
    // batch reads the form sheets too, the summary sheets named and left out
    let o = jixiao().arg("batch").arg(&out).output().unwrap();
    let err = text(&o.stderr);
    assert!(err.contains("[明细]: jixiao 写出的汇总表"), "{err}");
    let rows = text(&o.stdout);
    assert!(rows.contains("95.81"), "{rows}");
}

#[test]
fn the_use_of_results_sheet_is_the_rubrics_table_with_the_counts() {
    let d = dir("application");
    let (_, bytes) = run(&["check", SMS, CITY], &d.join("out.xlsx"));
    let mut book = open(&bytes);
    let rows = sheet(&mut book, "结果应用");
    let r = Rubric::load("national-2020").unwrap();
    let a = r.application.as_ref().unwrap();
    assert_eq!(rows.len() - 1, r.grades.len());
    for (row, g) in rows[1..].iter().zip(&r.grades) {
        assert_eq!(row[col(&rows, "评价等级")].to_string(), &*g.grade);
        let c = a
            .grades
            .iter()
            .find(|c| r.grade_rank(&c.grade) == r.grade_rank(&g.grade))
            .unwrap();
        assert_eq!(row[col(&rows, "结果应用")].to_string(), c.zh);
        assert_eq!(
            row[col(&rows, "依据")].to_string(),
            a.basis(c, jixiao::i18n::Lang::Zh)
        );
    }
    // SMS recomputes 优, CITY 差
    let count = |g: &str| {
        let row = rows.iter().find(|r| r[1] == g).unwrap();
        num(&row[col(&rows, "项目数（复核等级）")]) as u64
    };
    assert_eq!(
        [count("优"), count("良"), count("中"), count("差")],
        [1, 0, 0, 1]
    );
}

#[test]
fn with_lang_en_the_sheets_and_headers_are_english() {
    let d = dir("en");
    let (_, bytes) = run(&["check", SMS, "--lang", "en"], &d.join("out.xlsx"));
    let mut book = open(&bytes);
    let names = book.sheet_names();
    assert_eq!(
        names[..5],
        ["Summary", "Lines", "Flags", "By unit", "Use of results"]
    );
    let rows = sheet(&mut book, "Summary");
    assert!(header(&rows).contains(&"Recomputed grade".to_string()));
    assert_eq!(
        rows[1][col(&rows, "Recomputed grade")].to_string(),
        "excellent"
    );
    let app = sheet(&mut book, "Use of results");
    assert_eq!(
        app[1][col(&app, "Consequence")].to_string(),
        "next year's budget kept first, as a rule"
    );
    let flags = sheet(&mut book, "Flags");
    assert_eq!(flags[1][col(&flags, "Severity")].to_string(), "error");
    // the project's sheet is still the national form, read back whatever the language
    let lib = Library::shipped().unwrap();
    let back = report_files(
        d.join("out.xlsx").to_str().unwrap(),
        &lib,
        &mut Rubrics::new(None),
    );
    let want = report_file(SMS, &lib, &mut Rubrics::new(None)).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].as_ref().unwrap().card.total, want.card.total);
}

#[test]
fn a_batch_streams_into_a_workbook_row_for_row_as_its_csv() {
    let d = dir("batch");
    const TABLE: &str = "tests/data/leshan-2024-table6.csv";
    let csv = jixiao().args(["batch", TABLE]).output().unwrap();
    let csv_rows = text(&csv.stdout);
    let mut csv = csv::Reader::from_reader(csv_rows.as_bytes());
    let heads = csv.headers().unwrap().clone();
    let total = heads
        .iter()
        .position(|h| h == "复核总分" || h == "total")
        .unwrap();
    let totals: Vec<f64> = csv
        .records()
        .map(|r| r.unwrap()[total].parse().unwrap())
        .collect();
    let (o, bytes) = run(&["batch", TABLE], &d.join("out.xlsx"));
    assert_ne!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let mut book = open(&bytes);
    let rows = sheet(&mut book, "汇总");
    assert_eq!(rows.len() - 1, totals.len());
    let got: Vec<f64> = rows[1..]
        .iter()
        .map(|r| num(&r[col(&rows, "复核总分")]))
        .collect();
    assert_eq!(got, totals);
    // no form sheets for a batch: the five summary sheets only
    assert_eq!(book.sheet_names().len(), 5);
    // --format xlsx writes a workbook whatever the name
    let o = jixiao()
        .args(["batch", TABLE, "--format", "xlsx", "-o"])
        .arg(d.join("out.bin"))
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(fs::read(d.join("out.bin")).unwrap().starts_with(b"PK"));
}

#[test]
fn an_unwritable_workbook_exits_2_naming_it_and_leaves_no_file() {
    let d = dir("unwritable");
    let missing = d.join("no-such-folder").join("out.xlsx");
    for args in [
        vec!["check", SMS, "-o"],
        vec!["score", SMS, "-o"],
        vec!["batch", "tests/data/sms-auth-2024-claims.csv", "-o"],
    ] {
        let o = jixiao().args(&args).arg(&missing).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!("{}: 无法创建", missing.display())),
            "{args:?}: {err}"
        );
        assert!(!missing.exists());
        // a full device: the write fails, named
        let o = jixiao()
            .args(&args)
            .arg("/dev/full")
            .arg("--format")
            .arg("xlsx")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).contains("/dev/full: 无法写出"),
            "{}",
            text(&o.stderr)
        );
    }
    assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_no_temporary_file_and_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("read-only");
    fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
    // a user the permissions bind (not root) cannot create a file here
    let probe = d.join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: the permissions do not bind this user");
        return;
    }
    let out = d.join("out.xlsx");
    let o = jixiao()
        .args(["check", SMS, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("out.xlsx: 无法创建"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
}

#[test]
fn a_workbook_needs_a_file_and_batch_indicators_are_its_lines_sheet() {
    let o = jixiao()
        .args(["check", SMS, "--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("-o"), "{}", text(&o.stderr));
    let d = dir("needs");
    let o = jixiao()
        .args(["check", SMS, "-o"])
        .arg(d.join("out.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = jixiao()
        .args([
            "batch",
            "tests/data/sms-auth-2024-claims.csv",
            "--indicators",
        ])
        .arg(d.join("lines.csv"))
        .arg("-o")
        .arg(d.join("out.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
}

#[test]
fn a_projects_sheet_shows_the_recomputed_scores_beside_the_claimed_ones_and_its_flags() {
    let d = dir("form");
    let (_, bytes) = run(&["check", SMS], &d.join("out.xlsx"));
    let mut book = open(&bytes);
    let lib = Library::shipped().unwrap();
    let r = report_file(SMS, &lib, &mut Rubrics::new(None)).unwrap();
    let name = &book.sheet_names()[5];
    assert_eq!(name, &r.record.name);
    let rows = sheet(&mut book, name);
    let cell = |r: usize, c: usize| rows.get(r).and_then(|row| row.get(c)).cloned();
    // L12 is the header; each indicator's recomputed score beside its claimed 得分 (I)
    assert_eq!(cell(11, 11).unwrap().to_string(), "复核得分");
    for line in &r.card.lines {
        let row = 12 + line.index;
        assert_eq!(num(&cell(row, 11).unwrap()), dec(line.score.round_dp(2)));
    }
    let flat: Vec<String> = rows.iter().flatten().map(|d| d.to_string()).collect();
    for f in &r.flags {
        assert!(
            flat.iter().any(|c| c == f.code),
            "{} not on the sheet",
            f.code
        );
    }
    assert!(flat.iter().any(|c| c == "复核总分"));
}

#[test]
fn a_project_that_failed_keeps_its_row_with_the_reason() {
    let d = dir("failed");
    let (o, bytes) = run(
        &["check", SMS, "tests/bad/zero-budget.yaml"],
        &d.join("out.xlsx"),
    );
    assert_eq!(o.status.code(), Some(2), "a bad input is still exit 2");
    let err = text(&o.stderr);
    let mut book = open(&bytes);
    let rows = sheet(&mut book, "汇总");
    assert_eq!(rows.len(), 3);
    let failed = &rows[2];
    assert_eq!(
        failed[col(&rows, "文件")].to_string(),
        "tests/bad/zero-budget.yaml"
    );
    let why = failed[col(&rows, "说明")].to_string();
    assert!(!why.is_empty() && err.contains(&why), "{why} / {err}");
    assert_eq!(failed[col(&rows, "复核总分")], Data::Empty);
}

#[test]
fn at_most_fifty_projects_get_a_sheet_each_named_apart_and_the_rest_are_said() {
    let d = dir("cap");
    let mut args = vec!["check"];
    args.extend([SMS; 51]);
    let (o, bytes) = run(&args, &d.join("out.xlsx"));
    let err = text(&o.stderr);
    assert!(
        err.contains("只为前 50 个项目各写了一张自评表；其余 1 个"),
        "{err}"
    );
    let mut book = open(&bytes);
    let names = book.sheet_names();
    assert_eq!(names.len(), 5 + 50);
    let name = "2024年医保网上办事大厅短信认证费用";
    assert_eq!(names[5], name);
    assert_eq!(names[6], format!("{name} (2)"));
    assert_eq!(names[54], format!("{name} (50)"));
    assert_eq!(sheet(&mut book, "汇总").len(), 1 + 51);
}
