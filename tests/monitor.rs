//! `jixiao monitor` end to end: seed 001's project that ended 2023 12.54% unspent, with
//! invented monthly figures, flagged in August; the checkpoints of seed 003's 支出进度率 at and
//! around their bounds through the command; bad input located while the other projects are
//! still monitored; JSON; `explain` and `--deny`.

mod common;
use common::{golden, run as jixiao, text};

const AUGUST: &str = "tests/monitor/seed001-august.yaml";

fn json(args: &[&str]) -> (serde_json::Value, String, Option<i32>) {
    let o = jixiao(args);
    let v =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o.stdout)));
    (v, text(&o.stderr), o.status.code())
}

fn codes(project: &serde_json::Value) -> Vec<String> {
    project["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// A monitoring file of one project in `dir`.
fn one(dir: &std::path::Path, name: &str, body: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_string()
}

fn project(year: i32, budget: &str, executed: &str) -> String {
    format!(
        "id: T-1\nname: 测试项目\ndepartment: 测试单位\nyear: {year}\nbudget: {budget}\nexecuted_to_date: {executed}\nindicators:\n  - name: 培训人次\n    target: \"≥100人次\"\n    progress: 50\n    forecast: 100\n    likelihood: 有可能\n"
    )
}

#[test]
fn the_seed_001_project_is_flagged_in_august() {
    let (v, err, code) = json(&[
        "monitor",
        AUGUST,
        "--as-of",
        "2023-08-31",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(v["elapsed"], "66.58");
    let p = &v["projects"][0];
    assert_eq!(p["id"], "YB-2023-07");
    assert_eq!(p["rate"], "38.00");
    // 38 × 365/243 = 57.08%, leaving 42.92 of 100.00 (worked in src/monitor/forecast.rs)
    assert_eq!(p["forecast_rate"], "57.08");
    assert_eq!(p["forecast_balance"], "42.92");
    assert_eq!(p["checkpoint"]["tier"], "红色");
    assert_eq!(p["notice"], true);
    let c = codes(p);
    for want in [
        "monitor-checkpoint",
        "monitor-checkpoint-ahead",
        "monitor-behind-calendar",
        "monitor-forecast-balance",
        "monitor-ceiling-passed",
        "monitor-certain-but-short",
        "monitor-certain-but-behind",
        "monitor-target-spending-gap",
    ] {
        assert!(c.iter().any(|x| x == want), "{want} missing from {c:?}");
    }
    // the project on pace is monitored, not flagged, and gets no 提示函
    let q = &v["projects"][1];
    assert_eq!(q["id"], "YB-2023-01");
    assert_eq!(q["notice"], false);
    assert!(codes(q).is_empty(), "{:?}", codes(q));
    assert_eq!(
        v["notices"]["市医疗保障局"],
        serde_json::json!(["YB-2023-07"])
    );
}

#[test]
fn the_table_shows_the_rules_layout_and_the_notices() {
    let o = jixiao(&["monitor", AUGUST, "--as-of", "2023-08-31"]);
    let s = text(&o.stdout);
    assert!(
        s.contains("三级指标 | 年度指标值 | 1–8月执行情况 | 全年预计完成情况 | 偏差原因 | 完成可能性 | 纠偏措施"),
        "{s}"
    );
    assert!(
        s.contains("医保信息平台功能模块上线数 | ≥6个 | 2 | 6 | 经费保障 | 确定能 |"),
        "{s}"
    );
    assert!(s.contains("应发提示函的项目（1 个，按单位）："), "{s}");
    assert!(s.contains("市医疗保障局：YB-2023-07"), "{s}");
    assert!(s.contains(&format!("{AUGUST}:8")), "{s}");
    let o = jixiao(&["monitor", AUGUST, "--as-of", "2023-08-30", "--lang", "en"]);
    let s = text(&o.stdout);
    assert!(s.contains("done in months 1–7"), "{s}");
    assert!(s.contains("Projects to send a reminder"), "{s}");
}

/// Seed 003: half year ≥45% full, [40%,45%) partial (黄), <40% nothing (红); checked on 30 June
/// with a budget of 100, and three quarters on 30 September.
#[test]
fn checkpoints_at_and_around_their_bounds() {
    let dir = tempdir("bounds");
    for (as_of, executed, tier) in [
        ("2023-06-30", "45.00", None),
        ("2023-06-30", "44.99", Some("黄色")),
        ("2023-06-30", "40.00", Some("黄色")),
        ("2023-06-30", "39.99", Some("红色")),
        ("2023-06-29", "10.00", None), // no checkpoint reached yet
        ("2023-09-30", "75.00", None),
        ("2023-09-30", "74.99", Some("黄色")),
        ("2023-09-30", "60.00", Some("黄色")),
        ("2023-09-30", "59.99", Some("红色")),
    ] {
        let f = one(&dir, "p.yaml", &project(2023, "100", executed));
        let (v, err, _) = json(&["monitor", &f, "--as-of", as_of, "--format", "json"]);
        let p = &v["projects"][0];
        let got = p["checkpoint"]["tier"].as_str();
        assert_eq!(got, tier, "{as_of} {executed}: {p} {err}");
        let has = codes(p).iter().any(|c| c == "monitor-checkpoint");
        assert_eq!(has, tier.is_some(), "{as_of} {executed}");
    }
}

#[test]
fn bad_input_is_located_and_the_others_still_monitored() {
    let dir = tempdir("bad");
    let wrong_year = one(&dir, "a.yaml", &project(2024, "100", "10"));
    let over = one(&dir, "b.yaml", &project(2023, "100", "120"));
    let word = one(
        &dir,
        "c.yaml",
        &project(2023, "100", "50").replace("有可能", "大概能"),
    );
    let (v, err, code) = json(&[
        "monitor",
        &wrong_year,
        &over,
        &word,
        AUGUST,
        "--as-of",
        "2023-08-31",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("{wrong_year}:1")), "{err}");
    assert!(err.contains("2024"), "{err}");
    assert!(err.contains(&format!("{word}:12")), "{err}");
    assert!(err.contains("大概能") && err.contains("确定能"), "{err}");
    let ids: Vec<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["T-1", "YB-2023-07", "YB-2023-01"]);
    assert!(codes(&v["projects"][0]).contains(&"monitor-executed-over-budget".to_string()));
    // a date that does not exist, and one outside every project's year
    let o = jixiao(&["monitor", AUGUST, "--as-of", "2023-02-29"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("2023-02-29"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn explain_and_deny_cover_the_monitor_codes() {
    let o = jixiao(&["explain", "monitor-forecast-balance"]);
    assert_eq!(o.status.code(), Some(0));
    let s = text(&o.stdout);
    assert!(
        s.contains("依据：") && s.contains("136号") && s.contains("条文未经核对"),
        "{s}"
    );
    let o = jixiao(&["explain"]);
    assert!(text(&o.stdout).contains("monitor-checkpoint"));
    // a warning only (behind the calendar, yellow would be a warning too): exit 0, 1 with --deny warning
    let dir = tempdir("deny");
    let f = one(&dir, "p.yaml", &project(2023, "100", "55"));
    let o = jixiao(&["monitor", &f, "--as-of", "2023-08-31"]);
    let s = text(&o.stdout);
    assert!(s.contains("monitor-behind-calendar"), "{s}");
    assert!(!s.contains("error "), "{s}");
    assert_eq!(o.status.code(), Some(0), "{s}");
    let o = jixiao(&["monitor", &f, "--as-of", "2023-08-31", "--deny", "warning"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_provincial_policy_checks_august() {
    let (v, _, _) = json(&[
        "monitor",
        AUGUST,
        "--as-of",
        "2023-08-31",
        "--policy",
        "province-bimonthly",
        "--format",
        "json",
    ]);
    // 38% at the end of August: under 45 (红) of the provincial 65/55/45
    assert_eq!(v["policy_verified"], false);
    assert_eq!(v["projects"][0]["checkpoint"]["name"], "8月底");
    assert_eq!(v["projects"][0]["checkpoint"]["tier"], "红色");
    let o = jixiao(&[
        "monitor",
        AUGUST,
        "--as-of",
        "2023-08-31",
        "--policy",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("shaanxi-dept-2020-progress"));
}

/// The CSV twin of the YAML fixture (one row per indicator, the project's cells on its first
/// row) is monitored the same: same figures, same findings, same notices.
#[test]
fn the_csv_twin_gives_the_same_monitoring() {
    let strip = |mut v: serde_json::Value| {
        for p in v["projects"].as_array_mut().unwrap() {
            p["file"] = serde_json::Value::Null;
            for f in p["findings"].as_array_mut().unwrap() {
                f["at"] = serde_json::Value::Null;
            }
        }
        v
    };
    let args = |f: &'static str| ["monitor", f, "--as-of", "2023-08-31", "--format", "json"];
    let (yaml, _, a) = json(&args(AUGUST));
    let (csv, err, b) = json(&args("tests/monitor/seed001-august.csv"));
    assert_eq!((a, b), (Some(1), Some(1)), "{err}");
    assert_eq!(strip(yaml), strip(csv.clone()));
    let at = csv["projects"][0]["findings"][0]["at"].as_str().unwrap();
    assert_eq!(at, "tests/monitor/seed001-august.csv:2");
}

/// `-o FILE.xlsx`: the monitoring table in the rules' layout, the projects with their tier and
/// whether a 提示函 is due, the findings; a formula-like correction stays a string; an
/// unwritable output exits 2 and leaves nothing.
#[test]
fn the_workbook_holds_the_table_the_projects_and_the_findings() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempdir("xlsx");
    let src = std::fs::read_to_string(AUGUST).unwrap();
    let input = one(&dir, "m.yaml", &src.replace("压缩后续培训规模", "=SUM(A1)"));
    let out = dir.join("监控表.xlsx");
    let out = out.to_str().unwrap();
    let o = jixiao(&["monitor", &input, "--as-of", "2023-08-31", "-o", out]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("2 个项目"), "{}", text(&o.stderr));
    let mut book: Xlsx<_> = open_workbook(out).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names, ["监控表", "项目", "监控发现"]);
    let t = book.worksheet_range("监控表").unwrap();
    let cell = |r: usize, c: usize| t.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 5), Data::String("1–8月执行情况".into()));
    assert_eq!(cell(0, 9), Data::String("纠偏措施".into()));
    assert_eq!(
        cell(1, 3),
        Data::String("医保信息平台功能模块上线数".into())
    );
    assert_eq!(cell(4, 9), Data::String("=SUM(A1)".into()));
    let p = book.worksheet_range("项目").unwrap();
    assert_eq!(p.get((1, 8)), Some(&Data::String("红色".into())));
    assert_eq!(p.get((1, 14)), Some(&Data::String("是".into())));
    assert!(matches!(p.get((2, 14)), None | Some(Data::Empty)));
    let f = book.worksheet_range("监控发现").unwrap();
    assert_eq!(
        f.get((1, 4)),
        Some(&Data::String("monitor-checkpoint".into()))
    );
    let formulas = book.worksheet_formula("监控表").unwrap();
    assert!(formulas.get((4, 9)).is_none_or(|s| s.is_empty()));
    // an unwritable output
    let o = jixiao(&[
        "monitor",
        AUGUST,
        "--as-of",
        "2023-08-31",
        "-o",
        "/nonexistent-dir/m.xlsx",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("/nonexistent-dir/m.xlsx"),
        "{}",
        text(&o.stderr)
    );
    assert!(!std::path::Path::new("/nonexistent-dir/m.xlsx").exists());
}

/// `-o FILE.html`: one page with the table, the notices and the docs; text from the forms is
/// escaped.
#[test]
fn the_page_escapes_the_forms_text() {
    let dir = tempdir("html");
    let src = std::fs::read_to_string(AUGUST).unwrap();
    let input = one(
        &dir,
        "m.yaml",
        &src.replace("压缩后续培训规模", "<script>alert(1)</script>"),
    );
    let out = dir.join("监控表.html");
    let out = out.to_str().unwrap();
    let o = jixiao(&["monitor", &input, "--as-of", "2023-08-31", "-o", out]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let page = std::fs::read_to_string(out).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains("<th>1–8月执行情况</th>"), "{page}");
    assert!(page.contains("id=\"rule-monitor-checkpoint\""));
    assert!(page.contains("应发提示函的项目"));
}

/// A workbook of the same rows (numbers as numbers, on a sheet 监控表 after another sheet) is
/// monitored as the CSV is; a bad cell is located at its sheet and row.
#[test]
fn a_workbook_of_the_table_is_read_like_the_csv() {
    let dir = tempdir("book");
    let csv = std::fs::read_to_string("tests/monitor/seed001-august.csv").unwrap();
    let write = |name: &str, csv: &str| {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("说明").unwrap();
        let ws = book.add_worksheet();
        ws.set_name("监控表").unwrap();
        for (r, line) in csv.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if r > 0 => ws.write_number(r, c, n).map(|_| ()),
                    _ => ws.write_string(r, c, cell).map(|_| ()),
                }
                .unwrap();
            }
        }
        let p = dir.join(name);
        book.save(&p).unwrap();
        p.to_str().unwrap().to_string()
    };
    let good = write("m.xlsx", &csv);
    let args = |f: &str| {
        ["monitor", f, "--as-of", "2023-08-31", "--format", "json"]
            .map(str::to_string)
            .to_vec()
    };
    let run = |f: &str| {
        let a = args(f);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        json(&a)
    };
    let (from_book, err, code) = run(&good);
    assert_eq!(code, Some(1), "{err}");
    let (from_csv, _, _) = run("tests/monitor/seed001-august.csv");
    let strip = |mut v: serde_json::Value| {
        for p in v["projects"].as_array_mut().unwrap() {
            p["file"] = serde_json::Value::Null;
            for f in p["findings"].as_array_mut().unwrap() {
                f["at"] = serde_json::Value::Null;
            }
        }
        v
    };
    assert_eq!(strip(from_book), strip(from_csv));
    let bad = write("bad.xlsx", &csv.replace("有可能", "说不准"));
    let (v, err, code) = run(&bad);
    assert_eq!(code, Some(2));
    assert!(err.contains(&format!("{bad}[监控表]:3")), "{err}");
    // that project is left out, the other in the same sheet is still monitored
    let ids: Vec<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["YB-2023-01"]);
}

/// The terminal view of the August case in both languages, and the same bytes twice (the
/// workbook too).
#[test]
fn goldens_of_the_terminal_view_and_same_bytes() {
    for (lang, name) in [
        ("zh", "monitor-august.zh.txt"),
        ("en", "monitor-august.en.txt"),
    ] {
        let o = jixiao(&["monitor", AUGUST, "--as-of", "2023-08-31", "--lang", lang]);
        golden(name, &text(&o.stdout));
    }
    let dir = tempdir("bytes");
    let bytes = |n: &str| {
        let out = dir.join(n);
        let out = out.to_str().unwrap().to_string();
        jixiao(&["monitor", AUGUST, "--as-of", "2023-08-31", "-o", &out]);
        std::fs::read(&out).unwrap()
    };
    assert_eq!(bytes("a.xlsx"), bytes("b.xlsx"));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-monitor-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
