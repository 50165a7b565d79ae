//! `jixiao review … -o FILE.xlsx` and `-o FILE.html`: the 审核意见 of seed 004's table (27
//! projects) as a workbook read back with calamine and as a page, each checked against the
//! JSON output of the same table: the headers, a project's verdict and its number of findings,
//! user text kept as text (a formula-looking name stays a string; a `<script>` name is
//! escaped), no outside load, the same bytes twice; an unwritable output is exit 2 and no file.

mod common;
use common::{fresh_dir, jixiao, names, text};

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;

const TABLE: &str = "tests/data/leshan-2024-table6.csv";
/// A name that looks like a formula and holds markup.
const NASTY: &str = "=1+2<script>alert(1)</script>";

/// Seed 004's table with its first project renamed to [`NASTY`].
fn nasty_table(dir: &Path) -> PathBuf {
    let t = fs::read_to_string(TABLE).unwrap();
    assert!(t.contains("-日常公用经费,"));
    let p = dir.join("table6.csv");
    fs::write(&p, t.replacen("-日常公用经费,", &format!("-{NASTY},"), 1)).unwrap();
    p
}

/// The JSON output of `table`, one object per project.
fn json(table: &Path, lang: &str) -> Vec<Value> {
    let o = jixiao()
        .args(["--lang", lang, "review"])
        .arg(table)
        .args(["--format", "json"])
        .output()
        .unwrap();
    text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs `review table -o out` (with `extra`); its exit code, stderr and the file's bytes.
fn write(table: &Path, out: &Path, lang: &str, extra: &[&str]) -> (Option<i32>, String, Vec<u8>) {
    let o = jixiao()
        .args(["--lang", lang, "review"])
        .arg(table)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let bytes = fs::read(out)
        .unwrap_or_else(|e| panic!("{}: {e}; stderr: {}", out.display(), text(&o.stderr)));
    (o.status.code(), text(&o.stderr), bytes)
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// The project the JSON output gives the most findings (the one the checks look at).
fn busiest(projects: &[Value]) -> &Value {
    projects
        .iter()
        .max_by_key(|p| p["findings"].as_array().unwrap().len())
        .unwrap()
}

#[test]
fn the_workbook_holds_each_verdict_and_finding_as_the_json_does() {
    let dir = fresh_dir("review-out-xlsx");
    let table = nasty_table(&dir);
    let projects = json(&table, "zh");
    assert_eq!(projects.len(), 27, "seed 004's table has 27 projects");
    let out = dir.join("审核意见.xlsx");
    let (code, stderr, bytes) = write(&table, &out, "zh", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("审核意见.xlsx") && stderr.contains("27"),
        "{stderr}"
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["审核结论", "审核发现", "审核规则"]);

    let verdicts = book.worksheet_range("审核结论").unwrap();
    let head: Vec<String> = verdicts.rows().next().unwrap().iter().map(cell).collect();
    for h in [
        "主管部门",
        "实施单位",
        "项目编码",
        "项目名称",
        "预算数",
        "审核得分",
        "审核结论",
        "错误",
        "警告",
        "提示",
        "扣分",
    ] {
        assert!(head.iter().any(|c| c == h), "{h} in {head:?}");
    }
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    assert_eq!(
        verdicts.rows().count(),
        28,
        "a header and a row per project"
    );
    let p = busiest(&projects);
    let id = p["id"].as_str().unwrap();
    let row = verdicts
        .rows()
        .find(|r| cell(&r[col("项目编码")]) == id)
        .unwrap_or_else(|| panic!("{id} has its row"));
    assert_eq!(cell(&row[col("审核结论")]), p["verdict"].as_str().unwrap());
    assert_eq!(
        cell(&row[col("审核得分")]),
        p["points"].as_f64().unwrap().to_string()
    );
    let counted: f64 = ["错误", "警告", "提示"]
        .iter()
        .map(|h| row[col(h)].as_f64().unwrap())
        .sum();
    let findings = p["findings"].as_array().unwrap();
    assert_eq!(counted as usize, findings.len());
    for code in p["deductions"].as_object().unwrap().keys() {
        assert!(cell(&row[col("扣分")]).contains(code.as_str()), "{code}");
    }

    let found = book.worksheet_range("审核发现").unwrap();
    let fhead: Vec<String> = found.rows().next().unwrap().iter().map(cell).collect();
    assert_eq!(
        fhead,
        [
            "项目编码",
            "项目名称",
            "位置",
            "严重程度",
            "代码",
            "指标",
            "说明",
            "依据"
        ]
    );
    let all: usize = projects
        .iter()
        .map(|p| p["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(found.rows().count(), all + 1, "a row per finding");
    let mine: Vec<_> = found.rows().filter(|r| cell(&r[0]) == id).collect();
    assert_eq!(mine.len(), findings.len());
    for (r, f) in mine.iter().zip(findings) {
        assert_eq!(cell(&r[2]), f["at"].as_str().unwrap());
        assert_eq!(cell(&r[4]), f["code"].as_str().unwrap());
        assert!(cell(&r[6]).starts_with(f["message"].as_str().unwrap()));
    }
    assert!(
        found.rows().skip(1).any(|r| !cell(&r[7]).is_empty()),
        "findings carry their rule's basis"
    );

    // the formula-looking name is a string, not a formula
    let nasty = verdicts
        .rows()
        .find(|r| cell(&r[col("项目名称")]) == NASTY)
        .expect("the renamed project's row");
    assert!(matches!(nasty[col("项目名称")], Data::String(_)));
    let formulas = book.worksheet_formula("审核结论").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell holds a formula"
    );

    let rules = book.worksheet_range("审核规则").unwrap();
    let rhead: Vec<String> = rules.rows().next().unwrap().iter().map(cell).collect();
    assert_eq!(rhead, ["代码", "严重程度", "每条扣分", "封顶", "说明"]);
    let cap = rules
        .rows()
        .find(|r| cell(&r[0]) == "target-without-number")
        .unwrap();
    assert_eq!(cap[3].as_f64(), Some(16.0), "the shipped rubric's cap");
    assert!(rules.rows().any(|r| cell(&r[0]) == "优"), "the bands");

    // the same bytes again; English sheets and headers with --lang en
    let (_, _, again) = write(&table, &out, "zh", &[]);
    assert_eq!(again, bytes);
    let en = dir.join("review.out");
    let (code, stderr, bytes) = write(&table, &en, "en", &["--format", "xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Verdicts", "Findings", "Review rubric"]
    );
    let v = book.worksheet_range("Verdicts").unwrap();
    let head: Vec<String> = v.rows().next().unwrap().iter().map(cell).collect();
    assert!(head.contains(&"Verdict".to_string()), "{head:?}");
    let en_json = json(&table, "en");
    let p = &en_json[0];
    let row = v.rows().nth(1).unwrap();
    assert!(
        row.iter()
            .any(|c| cell(c) == p["verdict"].as_str().unwrap())
    );
}

#[test]
fn the_page_is_self_contained_escaped_and_shows_each_verdict() {
    let dir = fresh_dir("review-out-html");
    let table = nasty_table(&dir);
    let projects = json(&table, "zh");
    let out = dir.join("审核意见.html");
    let (code, stderr, bytes) = write(&table, &out, "zh", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let page = String::from_utf8(bytes.clone()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    assert!(!page.contains(" src="), "nothing loaded");
    for (i, _) in page.match_indices("href=\"") {
        let rest = &page[i + 6..];
        assert!(
            rest.starts_with('#'),
            "a link inside the page: {}",
            &rest[..40.min(rest.len())]
        );
    }
    // the name escaped; the page's own script the only one
    assert!(page.contains("=1+2&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert"));
    assert_eq!(page.matches("<script>").count(), 1);

    // every project's verdict and points, and its findings, as the JSON says
    assert_eq!(
        page.matches("<section class=\"project\"").count(),
        projects.len()
    );
    for (k, p) in projects.iter().enumerate() {
        let start = page
            .find(&format!("<section class=\"project\" id=\"p-{}\"", k + 1))
            .unwrap();
        let end = page[start + 1..]
            .find("<section")
            .map_or(page.len(), |e| start + 1 + e);
        let section = &page[start..end];
        let verdict = format!(
            "<span class=\"verdict\">{}</span>",
            p["verdict"].as_str().unwrap()
        );
        assert!(section.contains(&verdict), "{}: {verdict}", p["id"]);
        let points = format!("<span class=\"points\">{}</span>", p["points"]);
        assert!(section.contains(&points), "{}: {points}", p["id"]);
        let findings = p["findings"].as_array().unwrap();
        let rows = section
            .split("<table class=\"flags findings\">")
            .nth(1)
            .map_or(0, |t| {
                t.split("</table>").next().unwrap().matches("<tr>").count()
            });
        // the head's row and one per finding
        assert_eq!(
            rows,
            findings.len() + usize::from(!findings.is_empty()),
            "{}",
            p["id"]
        );
        let indicated = findings
            .iter()
            .filter(|f| f["indicator"].is_string())
            .count();
        assert_eq!(
            section.matches("<tr class=\"marked\">").count() > 0,
            indicated > 0,
            "{}: its lines with findings marked",
            p["id"]
        );
        for f in findings {
            let code = f["code"].as_str().unwrap();
            assert!(
                page.contains(&format!("id=\"rule-{code}\"")),
                "{code}'s doc is in the page"
            );
        }
    }
    assert!(page.contains("<svg class=\"chart\"") && page.contains("<title id=\"verdicts-t\">"));
    for k in 1..=projects.len() {
        assert!(
            page.contains(&format!("<a href=\"#p-{k}\">")),
            "project {k} listed and linked"
        );
    }
    assert!(page.contains("@media print") && page.contains(".project { break-before: page;"));

    // the same bytes again; English with --lang en (and --format html on any name)
    let (_, _, again) = write(&table, &out, "zh", &[]);
    assert_eq!(again, bytes);
    let (code, _, en) = write(&table, &dir.join("page.out"), "en", &["--format", "html"]);
    assert_eq!(code, Some(0));
    let en = String::from_utf8(en).unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    let first = &json(&table, "en")[0];
    assert!(en.contains(&format!(
        "<span class=\"verdict\">{}</span>",
        first["verdict"].as_str().unwrap()
    )));
}

#[test]
fn an_unwritable_output_is_exit_2_and_leaves_no_file() {
    let dir = fresh_dir("review-out-unwritable");
    for name in ["审核意见.xlsx", "审核意见.html"] {
        let target = dir.join("missing").join(name);
        let o = jixiao()
            .args(["review", TABLE, "-o"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{name}");
        let stderr = text(&o.stderr);
        assert!(stderr.contains(&target.display().to_string()), "{stderr}");
        assert!(!dir.join("missing").exists());
        let o = jixiao()
            .args(["review", TABLE, "-o", "/dev/full", "--format"])
            .arg(if name.ends_with("xlsx") {
                "xlsx"
            } else {
                "html"
            })
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "/dev/full, {name}");
        assert!(text(&o.stderr).contains("/dev/full"));
    }
    assert!(names(&dir).is_empty(), "{:?}", names(&dir));

    // an output over a table it reads is refused, and the table kept
    let table = dir.join("table6.csv");
    fs::copy(TABLE, &table).unwrap();
    let o = jixiao()
        .arg("review")
        .arg(&table)
        .arg("-o")
        .arg(&table)
        .args(["--format", "html"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("table6.csv"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(fs::read(&table).unwrap(), fs::read(TABLE).unwrap());
    assert_eq!(names(&dir), ["table6.csv"]);
}

#[test]
fn with_a_baseline_each_output_says_last_years_match() {
    let dir = fresh_dir("review-out-baseline");
    let baseline = [
        "tests/review/2021/leshan-2021-fund-audit.yaml",
        "examples/leshan-2021-backbone-network.yaml",
    ];
    let out = dir.join("审核意见.xlsx");
    let (code, stderr, bytes) = write(Path::new(TABLE), &out, "zh", &{
        let mut a = vec!["--baseline"];
        a.extend(baseline);
        a
    });
    assert_eq!(code, Some(0), "{stderr}");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let v = book.worksheet_range("审核结论").unwrap();
    let head: Vec<String> = v.rows().next().unwrap().iter().map(cell).collect();
    let last = head.iter().position(|h| h == "上年对应").expect("a column");
    let name = head.iter().position(|h| h == "项目名称").unwrap();
    let row = v
        .rows()
        .find(|r| cell(&r[name]) == "2024年医保骨干网接入费用")
        .unwrap();
    assert!(
        cell(&row[last]).contains("2021年医保骨干网建设"),
        "{:?}",
        row[last]
    );
    assert!(v.rows().skip(1).any(|r| cell(&r[last]) == "没有对应的项目"));

    let html = dir.join("审核意见.html");
    let mut args = vec!["--baseline"];
    args.extend(baseline);
    let (_, _, page) = write(Path::new(TABLE), &html, "zh", &args);
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains("上年: examples/leshan-2021-backbone-network.yaml 的“2021年医保骨干网建设”")
    );
}

#[test]
fn the_linter_view_and_json_go_to_a_named_file_as_to_stdout() {
    let dir = fresh_dir("review-out-text");
    for format in ["table", "json"] {
        let stdout = jixiao()
            .args(["review", TABLE, "--format", format])
            .output()
            .unwrap()
            .stdout;
        let out = dir.join(format!("review.{format}.txt"));
        let (code, _, bytes) = write(Path::new(TABLE), &out, "zh", &["--format", format]);
        assert_eq!(code, Some(0));
        assert_eq!(bytes, stdout, "{format}");
    }
}
