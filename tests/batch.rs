//! Batch CSV: the same project scores the same from YAML and CSV, the shared 公开表6 export reads
//! with fill-down, and bad input (encodings, bad rows, split projects, empty files) loses nothing.

mod common;
use common::rows;

use std::process::Command;

use jixiao::batch::{Options, Summary, run};
use jixiao::read::csv::Encoding;

struct Out {
    projects: String,
    indicators: String,
    stderr: String,
    summary: Result<Summary, String>,
}

fn batch_bytes(input: &[u8], opts: &Options) -> Out {
    let (mut out, mut ind, mut err) = (Vec::new(), Vec::new(), Vec::new());
    let summary = run(input, "in.csv", opts, &mut out, Some(&mut ind), &mut err)
        .map_err(|e| e.render(jixiao::i18n::Lang::En));
    Out {
        projects: String::from_utf8(out).unwrap(),
        indicators: String::from_utf8(ind).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
        summary,
    }
}

fn en() -> Options {
    Options {
        lang: jixiao::i18n::Lang::En,
        ..Options::default()
    }
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn yaml_and_csv_give_byte_identical_json() {
    for (csv_file, yaml) in [
        (
            "tests/data/sms-auth-2024-claims.csv",
            "examples/sms-auth-2024-claims.yaml",
        ),
        (
            "tests/data/leshan-2021-backbone-network.csv",
            "examples/leshan-2021-backbone-network.yaml",
        ),
        // a department-wide record: measure rows named by the measure, claims on them
        (
            "tests/data/meixian-2020-department.csv",
            "tests/data/meixian-2020-department.yaml",
        ),
    ] {
        let from_csv = jixiao(&["batch", csv_file, "--format", "jsonl"]);
        let from_yaml = jixiao(&["score", yaml, "--format", "json"]);
        assert!(!from_yaml.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&from_csv.stdout),
            String::from_utf8_lossy(&from_yaml.stdout),
            "{csv_file}"
        );
    }
}

#[test]
fn department_measure_rows_are_rechecked() {
    let o = jixiao(&[
        "batch",
        "tests/data/meixian-2020-department.csv",
        "--headers",
        "en",
    ]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let p = rows(&out);
    assert_eq!(p[0]["total"], "100.00");
    assert!(p[0]["flag_codes"].contains("total-mismatch"), "{out}");
    assert!(p[0]["flag_codes"].contains("score-deflated"), "{out}");
}

#[test]
fn table6_export_fills_down_into_27_projects() {
    let input = std::fs::read("tests/data/leshan-2024-table6.csv").unwrap();
    let o = batch_bytes(&input, &en());
    let s = o.summary.unwrap();
    assert_eq!(
        (s.projects, s.scored, s.in_error, s.rows),
        (27, 27, 0, 117),
        "{}",
        o.stderr
    );
    let projects = rows(&o.projects);
    assert_eq!(projects.len(), 27);
    for p in &projects {
        assert_eq!(p["status"], "ok");
        assert!(p["flag_codes"].contains("actual-missing"), "{p:?}");
        assert!(!p["flag_codes"].contains("weights-sum"), "{p:?}");
    }
    // the project code is split from 项目名称 and 单位名称 is filled down across projects
    let first = &projects[0];
    assert_eq!(first["project_id"], "51000021Y000000011490");
    assert_eq!(first["project_name"], "日常公用经费");
    assert_eq!(projects[1]["department"], "315001-乐山市医疗保障局机关");
    // every project's weights sum to 90, each indicator in its own project (the same project
    // code recurs in different units, so rows are grouped in file order)
    let mut sums: Vec<(String, f64)> = Vec::new();
    let lines = rows(&o.indicators);
    assert_eq!(lines.len(), 117);
    // indicator rows show the target as written (project rows alone need not read it)
    assert_eq!(
        (lines[0]["indicator"].as_str(), lines[0]["target"].as_str()),
        ("科目调整次数", "≤5次")
    );
    for l in &lines {
        let key = format!("{}/{}", l["project_id"], l["project_name"]);
        if sums.last().is_none_or(|(k, _)| *k != key) {
            sums.push((key, 0.0));
        }
        sums.last_mut().unwrap().1 += l["max"].parse::<f64>().unwrap();
        assert_eq!(l["status"], "unmeasured");
    }
    assert_eq!(sums.len(), 27);
    for (p, s) in sums {
        assert!((s - 90.0).abs() < 1e-9, "{p}: {s}");
    }
    // level1 and level2 are filled down within the project
    let salary: Vec<_> = lines
        .iter()
        .filter(|l| l["project_id"] == "51000021R000000019951")
        .collect();
    assert_eq!(
        salary.len(),
        6,
        "工资性支出 appears in each of the 3 units, 2 rows each"
    );
    assert_eq!(
        (salary[1]["level1"].as_str(), salary[1]["level2"].as_str()),
        ("benefit", "social_benefit")
    );
}

const HEADER: &str =
    "项目编码,项目名称,预算数,执行数,一级指标,二级指标,三级指标,指标值,权重,实际完成值\n";

#[test]
fn gbk_and_bom_files_read_the_same_as_utf8() {
    let text = format!("{HEADER}P1,甲项目,10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n");
    let utf8 = batch_bytes(text.as_bytes(), &en());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    assert!(std::str::from_utf8(&gbk).is_err());
    for (name, bytes, forced) in [
        ("bom", bom.clone(), None),
        ("gbk", gbk.clone(), None),
        ("gbk forced", gbk, Some(Encoding::Gb18030)),
    ] {
        let o = batch_bytes(
            &bytes,
            &Options {
                encoding: forced,
                ..en()
            },
        );
        assert_eq!(o.projects, utf8.projects, "{name}: {}", o.stderr);
        assert_eq!(o.summary.unwrap().scored, 1, "{name}");
    }
    assert_eq!(rows(&utf8.projects)[0]["total"], "99.00"); // 90 met + 10 × 9/10
}

#[test]
fn a_project_cell_left_blank_is_taken_from_a_later_row_of_the_project() {
    // 执行数 blank on the first row, given on the second; a third row's own figure does not
    // replace it, and the next project starts blank again
    let text = format!(
        "{HEADER}P1,甲,10,,产出指标,数量指标,a,≥5次,50,6次\n,,,8,,,b,≥5次,30,6次\n,,,9,,,c,≥5次,10,6次\nP2,乙,10,,产出指标,数量指标,a,≥5次,90,6次\n"
    );
    let o = batch_bytes(text.as_bytes(), &en());
    let p = rows(&o.projects);
    assert_eq!(p[0]["execution_rate"], "80.00", "{p:?}");
    assert_eq!(p[1]["execution_rate"], "", "{p:?}");
}

#[test]
fn a_bad_row_in_the_middle_puts_only_its_project_in_error() {
    let text = format!(
        "{HEADER}P1,甲,10,10,产出指标,数量指标,a,≥5次,90,6次\nP2,乙,10,10,产出指标,数量指标,a,≥5次,三十,6次\n,,,,,,b,≥5次,10,6次\nP3,丙,10,10,产出指标,数量指标,a,≥5次,90,6次\n"
    );
    let o = batch_bytes(text.as_bytes(), &en());
    let s = o.summary.unwrap();
    assert_eq!((s.projects, s.scored, s.in_error, s.rows), (3, 2, 1, 4));
    let p = rows(&o.projects);
    assert_eq!(
        p.iter().map(|r| r["status"].as_str()).collect::<Vec<_>>(),
        ["ok", "error", "ok"]
    );
    assert!(p[1]["reason"].contains("in.csv:3"), "{}", p[1]["reason"]);
    assert!(p[1]["reason"].contains("权重"), "{}", p[1]["reason"]);
    assert!(
        o.stderr
            .contains("in.csv:3: column `权重`: `三十` not recognised"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_project_split_in_two_blocks_is_an_error_naming_both_lines() {
    let text = format!(
        "{HEADER}P1,甲,10,10,产出指标,数量指标,a,≥5次,90,6次\nP2,乙,10,10,产出指标,数量指标,a,≥5次,90,6次\nP1,甲,10,10,产出指标,数量指标,b,≥5次,90,6次\n"
    );
    let o = batch_bytes(text.as_bytes(), &en());
    let s = o.summary.unwrap();
    assert_eq!((s.projects, s.scored, s.in_error), (3, 2, 1));
    let p = rows(&o.projects);
    assert_eq!(p[2]["status"], "error");
    assert!(
        p[2]["reason"].contains("line 2") && p[2]["reason"].contains("line 4"),
        "{}",
        p[2]["reason"]
    );
}

#[test]
fn projects_met_again_out_of_order_are_each_an_error_naming_their_first_line() {
    // P5 at line 2, P3 at 3, P9 at 5, then P3, P1, P9 and P5 again; 丁 (by name) at 11 and 13
    let row = |id: &str, name: &str, ind: &str| {
        format!("{id},{name},10,10,产出指标,数量指标,{ind},≥5次,90,6次\n")
    };
    let text = [
        HEADER.to_string(),
        row("P5", "甲", "a"),
        row("P3", "乙", "a"),
        row("", "", "b"),
        row("P9", "丙", "a"),
        row("P3", "乙", "c"),
        row("P1", "戊", "a"),
        row("P9", "丙", "b"),
        row("P5", "甲", "b"),
        row("P2", "己", "a"),
        row("", "丁", "a"),
        row("P4", "庚", "a"),
        row("", "丁", "b"),
    ]
    .concat();
    let repeats = [("P3", 3, 6), ("P9", 5, 8), ("P5", 2, 9), ("丁", 11, 13)];
    for chunk in [0, 1, 2] {
        let opts = Options { chunk, ..en() };
        let o = batch_bytes(text.as_bytes(), &opts);
        let s = o.summary.unwrap();
        assert_eq!(
            (s.projects, s.scored, s.in_error),
            (11, 7, 4),
            "{}",
            o.stderr
        );
        let p = rows(&o.projects);
        let failed: Vec<&str> = p
            .iter()
            .filter(|r| r["status"] == "error")
            .map(|r| r["project_id"].as_str())
            .collect();
        assert_eq!(failed, ["P3", "P9", "P5", ""], "{p:?}");
        for (shown, first, again) in repeats {
            let message = format!(
                "in.csv:{again}: project `{shown}` first appears at line {first} and again at line {again}: the rows of a project must be contiguous; nothing is merged"
            );
            assert!(o.stderr.contains(&message), "{message}\n{}", o.stderr);
        }
        assert_eq!(o.stderr.matches("first appears").count(), 4, "{}", o.stderr);
    }
    let o = batch_bytes(text.as_bytes(), &Options::default());
    for (shown, first, again) in repeats {
        let message = format!(
            "in.csv:{again}: 项目 `{shown}` 已在第 {first} 行出现，又在第 {again} 行另起一段：同一项目的行必须相连，不会自动合并"
        );
        assert!(o.stderr.contains(&message), "{message}\n{}", o.stderr);
    }
}

#[test]
fn empty_header_only_and_missing_column() {
    let empty = batch_bytes(b"", &en());
    assert!(empty.summary.unwrap_err().contains("empty file"));
    let header_only = batch_bytes(HEADER.as_bytes(), &en());
    let s = header_only.summary.unwrap();
    assert_eq!((s.projects, s.rows), (0, 0));
    assert_eq!(
        header_only.projects.lines().count(),
        1,
        "only the header row"
    );
    let missing = batch_bytes(
        "项目名称,一级指标,二级指标,三级指标,预算数\n".as_bytes(),
        &en(),
    );
    let e = missing.summary.unwrap_err();
    assert!(
        e.contains("missing required column") && e.contains("指标值"),
        "{e}"
    );
}

#[test]
fn unclosed_quote_and_undecodable_bytes_are_reported_not_lost() {
    let text = format!(
        "{HEADER}P1,甲,10,10,产出指标,数量指标,\"a,≥5次,90,6次\nP2,乙,10,10,产出指标,数量指标,a,≥5次,90,6次\nP3,丙,10,10,产出指标,数量指标,a,≥5次,90,6次\n"
    );
    let o = batch_bytes(text.as_bytes(), &en());
    let s = o.summary.unwrap();
    assert_eq!(s.in_error, 1, "{}", o.projects);
    assert!(o.stderr.contains("unclosed quote"), "{}", o.stderr);
    let mut bad = HEADER.as_bytes().to_vec();
    bad.extend_from_slice(
        b"P1,\xff\xfe,10,10,\xe4\xba\xa7\xe5\x87\xba\xe6\x8c\x87\xe6\xa0\x87,x,y,1,90,1\n",
    );
    let o = batch_bytes(
        &bad,
        &Options {
            encoding: Some(Encoding::Utf8),
            ..en()
        },
    );
    assert_eq!(o.summary.unwrap().in_error, 1);
    assert!(o.stderr.contains("not UTF-8"), "{}", o.stderr);
}

#[test]
fn garbage_never_panics_and_every_project_is_counted() {
    let mut seed = 7u64;
    let base = std::fs::read("tests/data/leshan-2024-table6.csv").unwrap();
    for _ in 0..200 {
        let mut bytes = base.clone();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % bytes.len();
            bytes[i] = (seed >> 32) as u8;
        }
        let o = batch_bytes(&bytes, &en());
        if let Ok(s) = o.summary {
            assert_eq!(s.projects, s.scored + s.in_error);
            assert_eq!(rows_count(&o.projects), s.projects as usize, "{}", o.stderr);
        }
    }
}

#[test]
fn output_is_the_same_whatever_the_number_of_workers() {
    // enough projects for many chunks, with bad rows among them
    let mut input = Vec::new();
    jixiao::batch::generate::write(40_000, 7, Some(1000), &mut input).unwrap();
    let runs: Vec<Out> = [1, 2, 3]
        .iter()
        .map(|&workers| batch_bytes(&input, &Options { workers, ..en() }))
        .collect();
    let first = &runs[0];
    assert!(first.projects.lines().count() > 3 * 128, "several chunks");
    assert!(
        first.stderr.contains("in.csv:"),
        "some projects are in error"
    );
    for r in &runs[1..] {
        assert_eq!(r.projects, first.projects);
        assert_eq!(r.indicators, first.indicators);
        assert_eq!(r.stderr, first.stderr);
    }
}

/// Gives `data` up to `at` bytes, then fails: a disk or a network share gone mid-file.
struct BreaksOff {
    data: Vec<u8>,
    at: usize,
    pos: usize,
}

impl std::io::Read for BreaksOff {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.at {
            return Err(std::io::Error::other("the share went away"));
        }
        let n = buf.len().min(self.at - self.pos).min(4096);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn input_breaking_off_keeps_what_was_read_and_says_so_once() {
    let mut data = Vec::new();
    jixiao::batch::generate::write(20_000, 3, Some(1000), &mut data).unwrap();
    let at = data.len() / 2;
    let whole_projects = rows_count(&batch_bytes(&data, &en()).projects);
    for workers in [1, 2] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let input = BreaksOff {
            data: data.clone(),
            at,
            pos: 0,
        };
        let opts = Options { workers, ..en() };
        let summary = run(input, "in.csv", &opts, &mut out, None, &mut err).unwrap();
        let (out, err) = (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        );
        assert_eq!(err.matches("reading stopped").count(), 1, "{err}");
        assert!(err.contains("the share went away"), "{err}");
        let written = rows_count(&out);
        assert!(
            written > 100 && written < whole_projects,
            "{written} of {whole_projects}"
        );
        // every project written is counted, and the break itself counts as one in error
        assert_eq!(summary.projects, written as u64 + 1);
        assert_eq!(summary.projects, summary.scored + summary.in_error);
    }
}

#[test]
fn many_workers_on_small_chunks_always_finish() {
    // workers finishing chunks of a project or two out of turn, hundreds of times a run: each
    // run must end (a worker waiting for the writing to catch up must be woken), and write the
    // same bytes
    let mut input = Vec::new();
    jixiao::batch::generate::write(6_000, 11, Some(1000), &mut input).unwrap();
    let input = std::sync::Arc::new(input);
    let first = batch_bytes(&input, &en()).projects;
    for round in 0..40 {
        let (workers, chunk) = (2 + round % 7, 1 + round % 3);
        let (tx, rx) = std::sync::mpsc::channel();
        let data = std::sync::Arc::clone(&input);
        std::thread::spawn(move || {
            let opts = Options {
                workers,
                chunk,
                ..en()
            };
            let _ = tx.send(batch_bytes(&data, &opts).projects);
        });
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{workers} workers did not finish within a minute"));
        assert_eq!(got, first, "{workers} workers");
    }
}

fn rows_count(csv_text: &str) -> usize {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .count()
}

#[test]
fn cli_exit_codes_and_summary() {
    let o = jixiao(&[
        "batch",
        "tests/data/leshan-2024-table6.csv",
        "-o",
        "-",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("projects read 27: scored 27, in error 0"),
        "{err}"
    );
    assert!(err.contains("rows read 117"), "{err}");
    assert!(err.contains("grades: poor 27"), "{err}");
    assert!(
        !err.contains("ignored columns"),
        "年度目标 is read as the goal: {err}"
    );
    let o = jixiao(&[
        "batch",
        "tests/data/leshan-2024-table6.csv",
        "--deny",
        "warning",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = jixiao(&["batch", "no/such.csv"]);
    assert_eq!(o.status.code(), Some(2));
    // indicator rows to stdout, project rows to a file; not both to stdout
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let projects = dir.join("projects.csv");
    let o = jixiao(&[
        "batch",
        "tests/data/leshan-2024-table6.csv",
        "-o",
        projects.to_str().unwrap(),
        "--indicators",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(rows_count(&String::from_utf8_lossy(&o.stdout)), 117);
    assert_eq!(rows_count(&std::fs::read_to_string(&projects).unwrap()), 27);
    assert!(!std::path::Path::new("-").exists(), "no file named `-`");
    let o = jixiao(&[
        "batch",
        "tests/data/leshan-2024-table6.csv",
        "--indicators",
        "-",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot both write to stdout"));
    let _ = std::fs::remove_dir_all(&dir);
    let o = jixiao(&["batch", "tests/cases/README.md"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_three_budget_figures_and_the_sources_from_csv() {
    let csv = "项目名称,年初预算数,全年预算数,全年执行数,当年财政拨款全年执行数,other_executed,一级指标,二级指标,三级指标,指标值,实际完成值,预算执行率\n\
               甲项目,20,18.84,18.5,18,0.5,产出指标,数量指标,检查次数,≥5次,6次,98.2\n\
               乙项目,20,,18.5,,,产出指标,数量指标,检查次数,≥5次,6次,92.5\n";
    let opts = Options {
        jsonl: true,
        ..en()
    };
    let out = batch_bytes(csv.as_bytes(), &opts);
    let lines: Vec<&str> = out.projects.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.projects);
    assert!(lines[0].contains("\"rate\":98.20"), "{}", lines[0]);
    assert!(lines[0].contains("\"basis\":\"annual\""), "{}", lines[0]);
    assert!(
        lines[0].contains("\"initial\":20,\"annual\":18.84,\"executed\":18.5"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("\"sources\":{\"appropriation\":{\"initial\":null,\"annual\":null,\"executed\":18},\"other\":{\"initial\":null,\"annual\":null,\"executed\":0.5}}"), "{}", lines[0]);
    assert!(
        !lines[0].contains("execution-rate-mismatch"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("\"rate\":92.50"), "{}", lines[1]);
    assert!(lines[1].contains("\"basis\":\"initial\""), "{}", lines[1]);
}

#[test]
fn an_extreme_figure_puts_only_its_project_in_error_in_every_format() {
    // issue 17: one weight of Decimal::MAX among 17 projects made a worker panic and the run
    // end with a header-only output; a tiny target did the same under jsonl
    let max = "79228162514264337593543950335";
    let tiny = "0.0000000000000000000000000001";
    let mut text = HEADER.to_string();
    for i in 1..=17 {
        let (weight, target) = match i {
            5 => (max, "≥5次".to_string()),
            9 => ("90", format!("≥{tiny}次")),
            _ => ("90", "≥5次".to_string()),
        };
        text.push_str(&format!(
            "P{i},项目{i},10,10,产出指标,数量指标,a,{target},{weight},6次\n"
        ));
    }
    for jsonl in [false, true] {
        let opts = Options { jsonl, ..en() };
        let o = batch_bytes(text.as_bytes(), &opts);
        let s = o.summary.unwrap();
        assert_eq!(
            (s.projects, s.in_error),
            (17, 1),
            "jsonl {jsonl}: {}",
            o.stderr
        );
        assert!(o.stderr.contains("in.csv:6:"), "{}", o.stderr);
        assert!(o.stderr.contains("weight"), "{}", o.stderr);
        let lines = o.projects.lines().count();
        assert_eq!(lines, if jsonl { 17 } else { 18 }, "{}", o.projects);
    }
}

/// The digests a batch hands a workbook or report writer: one per project, in file order, each
/// the digest of the same project scored from its YAML twin (lines aside: rows are not lines).
#[test]
fn batch_digests_match_the_yaml_twins() {
    use jixiao::batch::{Outputs, Sink, run_to};
    use jixiao::report::digest::{Digest, Outcome};

    struct Collect(Vec<Digest>);
    impl Sink for Collect {
        fn add(&mut self, d: Digest) -> std::io::Result<()> {
            self.0.push(d);
            Ok(())
        }
    }
    let library = jixiao::library::Library::shipped().unwrap();
    for (csv_file, yaml) in [
        (
            "tests/data/sms-auth-2024-claims.csv",
            "examples/sms-auth-2024-claims.yaml",
        ),
        (
            "tests/data/meixian-2020-department.csv",
            "tests/data/meixian-2020-department.yaml",
        ),
    ] {
        let bytes = std::fs::read(csv_file).unwrap();
        let mut sink = Collect(Vec::new());
        let mut err = Vec::new();
        let summary = run_to(
            &bytes[..],
            csv_file,
            &Options::default(),
            Outputs::Digests(&mut sink),
            &mut err,
        )
        .unwrap_or_else(|e| panic!("{}", e.render(jixiao::i18n::Lang::En)));
        assert_eq!(sink.0.len() as u64, summary.projects, "{csv_file}");
        let mut rubrics = jixiao::report::Rubrics::new(None);
        let report = jixiao::commands::report_file(yaml, &library, &mut rubrics).unwrap();
        let mut want = Digest::of(&report, csv_file, jixiao::i18n::Lang::Zh);
        let mut got = sink.0.remove(0);
        for d in [&mut want, &mut got] {
            if let Outcome::Scored(s) = &mut d.outcome {
                s.lines.iter_mut().for_each(|l| l.line = None);
            }
        }
        let s = got.scored().expect("scored");
        assert!(!s.lines.is_empty() && !s.flags.is_empty(), "{csv_file}");
        assert_eq!(got, want, "{csv_file}");
    }
}

/// Chinese headers (the default, with `--lang zh`) come after a UTF-8 byte-order mark, for
/// Excel; English ones (with `--lang en`, or `headers: En` whatever the language) without one.
#[test]
fn chinese_headers_come_after_a_byte_order_mark_and_english_ones_without() {
    use jixiao::i18n::Lang;
    let text = format!("{HEADER}P1,甲,10,8,产出指标,数量指标,a,≥5次,90,4次\n");
    let cases = [
        (Options::default(), true),
        (en(), false),
        (
            Options {
                headers: Some(Lang::En),
                ..Options::default()
            },
            false,
        ),
        (
            Options {
                headers: Some(Lang::Zh),
                ..en()
            },
            true,
        ),
    ];
    for (opts, chinese) in cases {
        let o = batch_bytes(text.as_bytes(), &opts);
        for out in [&o.projects, &o.indicators] {
            assert_eq!(out.starts_with('\u{feff}'), chinese, "{out}");
            let header = out.trim_start_matches('\u{feff}');
            let first = if chinese {
                "项目编号,"
            } else {
                "project_id,"
            };
            assert!(header.starts_with(first), "{out}");
        }
        let (p, i) = (
            rows(o.projects.trim_start_matches('\u{feff}')),
            rows(o.indicators.trim_start_matches('\u{feff}')),
        );
        // the status words follow the headers; the grade and the levels follow the language
        let (status, line_status, grade, level1) = if chinese {
            (
                &p[0]["状态"],
                &i[0]["状态"],
                &p[0]["复核等级"],
                &i[0]["一级指标"],
            )
        } else {
            (
                &p[0]["status"],
                &i[0]["status"],
                &p[0]["grade"],
                &i[0]["level1"],
            )
        };
        assert_eq!(status, if chinese { "已评分" } else { "ok" });
        assert_eq!(line_status, if chinese { "未达标" } else { "not_met" });
        let zh = opts.lang == Lang::Zh;
        assert_eq!(level1, if zh { "产出指标" } else { "output" });
        assert_eq!(grade, if zh { "良" } else { "good" });
    }
    // JSON lines carry no mark
    let o = batch_bytes(
        text.as_bytes(),
        &Options {
            jsonl: true,
            ..Options::default()
        },
    );
    assert!(o.projects.starts_with('{'), "{}", o.projects);
}

/// The indicator rows' Chinese headers are the forms' words that a batch input reads for the
/// fields they hold; only what jixiao adds has a header of its own.
#[test]
fn chinese_headers_are_the_words_a_batch_input_reads() {
    use jixiao::read::table::Columns;
    use jixiao::render::csv_rows::INDICATOR_HEADER_ZH;
    let names = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cols = Columns::from_headers(&names(&INDICATOR_HEADER_ZH)).unwrap();
    assert_eq!(cols.ignored, ["复核得分", "状态", "标记代码", "行号"]);
}

/// With `messages`, a project row ends with every flag's message in the run's language, each
/// after its indicator, as the JSON line gives them; an error row leaves the column empty.
#[test]
fn the_messages_column_holds_every_flags_message() {
    use jixiao::i18n::Lang;
    let input = std::fs::read("tests/data/sms-auth-2024-claims.csv").unwrap();
    for (lang, sep, column) in [
        (Lang::Zh, "；", "标记说明"),
        (Lang::En, "; ", "flag_messages"),
    ] {
        let base = || Options {
            lang,
            ..Options::default()
        };
        let json = batch_bytes(
            &input,
            &Options {
                jsonl: true,
                ..base()
            },
        );
        let json: serde_json::Value =
            serde_json::from_str(json.projects.lines().next().unwrap()).unwrap();
        let want: Vec<String> = json["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let m = f["message"].as_str().unwrap();
                match f["indicator"].as_str() {
                    Some(i) => format!("[{i}] {m}"),
                    None => m.to_string(),
                }
            })
            .collect();
        assert!(want.len() > 1, "{json}");
        let with = batch_bytes(
            &input,
            &Options {
                messages: true,
                ..base()
            },
        );
        let p = rows(with.projects.trim_start_matches('\u{feff}'));
        assert_eq!(p[0][column], want.join(sep));
        // the other cells are those of a row without messages
        let without = batch_bytes(&input, &base());
        let q = rows(without.projects.trim_start_matches('\u{feff}'));
        assert!(!q[0].contains_key(column));
        let mut p0 = p[0].clone();
        p0.remove(column);
        assert_eq!(p0, q[0]);
    }
    let text = format!("{HEADER}P1,甲,10,10,产出指标,数量指标,a,≥5次,三十,6次\n");
    let o = batch_bytes(
        text.as_bytes(),
        &Options {
            messages: true,
            ..en()
        },
    );
    let p = rows(&o.projects);
    assert_eq!(p[0]["status"], "error");
    assert_eq!(p[0]["flag_messages"], "");
    assert_eq!(p[0].len(), 17);
}

/// A cell of text from the forms that begins with `=`, `+`, `-` or `@` is written after a `'`
/// (a spreadsheet then shows the text, not a formula's result), in both header sets; the
/// figures jixiao writes (a negative difference) stay numbers.
#[test]
fn text_from_the_forms_never_starts_a_formula_and_figures_stay_numbers() {
    use jixiao::i18n::Lang;
    let names = [
        "=HYPERLINK(\"http://x.cn\",\"点此\")",
        "+1",
        "-x",
        "@SUM(A1)",
    ];
    let mut text = String::from(
        "项目编码,项目名称,实施单位,预算数,执行数,一级指标,二级指标,三级指标,指标值,权重,实际完成值,自评得分,自评总分,偏差原因\n",
    );
    for (i, name) in names.iter().enumerate() {
        let name = name.replace('"', "\"\"");
        text.push_str(&format!(
            "P{i},\"{name}\",@单位,10,8,产出指标,数量指标,=指标,≥5次,90,4次,90,10,-未完成\n"
        ));
    }
    for headers in [Lang::En, Lang::Zh] {
        let opts = Options {
            headers: Some(headers),
            messages: true,
            ..Options::default()
        };
        let o = batch_bytes(text.as_bytes(), &opts);
        let (p, i) = (
            rows(o.projects.trim_start_matches('\u{feff}')),
            rows(o.indicators.trim_start_matches('\u{feff}')),
        );
        let col = |en: &'static str, zh: &'static str| match headers {
            Lang::En => en,
            Lang::Zh => zh,
        };
        assert_eq!(p.len(), names.len(), "{}", o.stderr);
        for (k, name) in names.iter().enumerate() {
            let (row, line) = (&p[k], &i[k]);
            assert_eq!(row[col("project_name", "项目名称")], format!("'{name}"));
            assert_eq!(line[col("project_name", "项目名称")], format!("'{name}"));
            assert_eq!(row[col("project_id", "项目编号")], format!("P{k}"));
            assert_eq!(row[col("department", "实施单位")], "'@单位");
            assert_eq!(line[col("indicator", "三级指标")], "'=指标");
            assert_eq!(line[col("deviation", "偏差原因分析及改进措施")], "'-未完成");
            // claimed 10, recomputed far more: a negative figure, written as a number
            let d = &row[col("difference", "差额")];
            assert!(d.starts_with('-'), "{d}");
            assert!(d.parse::<f64>().is_ok(), "{d}");
            assert!(row[col("flag_messages", "标记说明")].starts_with('['));
        }
    }
}
