//! The command line on the shipped examples: golden output, exit codes, bad input.
//! Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then review the diff.

mod common;
use common::{golden, run as jixiao, text};

use std::process::Command;

const EXAMPLES: &[&str] = &[
    "leshan-2021-backbone-network",
    "leshan-2021-network-maintenance",
    "leshan-2024-medical-inspection",
    "meixian-2020-department",
    "sms-auth-2024-claims",
    "central-2021-fund-inspection",
    "central-2021-no-cost",
];

#[test]
fn score_and_check_output_is_golden_in_both_languages() {
    for ex in EXAMPLES {
        let file = format!("examples/{ex}.yaml");
        for (lang, args) in [
            ("zh", vec!["score", &file]),
            ("en", vec!["score", &file, "--lang", "en"]),
        ] {
            let o = jixiao(&args);
            assert_eq!(o.status.code(), Some(0), "{ex} {lang}: {}", text(&o.stderr));
            golden(&format!("{ex}.score.{lang}.txt"), &text(&o.stdout));
        }
        let o = jixiao(&["score", &file, "--format", "json"]);
        golden(&format!("{ex}.json"), &text(&o.stdout));
        let o = jixiao(&["check", &file]);
        golden(&format!("{ex}.check.zh.txt"), &text(&o.stdout));
    }
}

#[test]
fn same_input_gives_byte_identical_output() {
    let a = jixiao(&[
        "score",
        "--format",
        "json",
        "examples/sms-auth-2024-claims.yaml",
    ]);
    let b = jixiao(&[
        "score",
        "--format",
        "json",
        "examples/sms-auth-2024-claims.yaml",
    ]);
    assert_eq!(a.stdout, b.stdout);
    let json = text(&a.stdout);
    assert!(json.contains("\"total\":95.81,"), "{json}");
    assert!(json.contains("\"score\":7.78,"), "{json}");
}

#[test]
fn check_exit_codes_and_deny_warning() {
    // the medical-inspection example has error flags: 1
    assert_eq!(
        jixiao(&["check", "examples/leshan-2024-medical-inspection.yaml"])
            .status
            .code(),
        Some(1)
    );
    // a clean project: 0, but its level1-weights warning fails with --deny warning
    let dir = std::env::temp_dir().join(format!("jixiao-clean-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clean = dir.join("clean.yaml");
    std::fs::write(
        &clean,
        "project: {id: C1, name: 干净}\nbudget: {planned: 10, executed: 10}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 6次, weight: 60}\n  - {name: 乙, level1: 效益指标, level2: 社会效益指标, target: '≥90%', actual: '91%', weight: 20}\n  - {name: 丙, level1: 满意度指标, level2: 满意度指标, target: '≥90%', actual: '95%', weight: 10}\n",
    )
    .unwrap();
    let c = clean.to_str().unwrap();
    assert_eq!(jixiao(&["check", c]).status.code(), Some(0));
    assert_eq!(
        jixiao(&["check", c, "--deny", "warning"]).status.code(),
        Some(1)
    );
}

#[test]
fn malformed_files_exit_2_with_position_and_no_panic() {
    for (file, line, words) in [
        ("tests/bad/bad-yaml.yaml", ":2:", "YAML"),
        (
            "tests/bad/unknown-key.yaml",
            ":8:5:",
            "did you mean `weight`",
        ),
        ("tests/bad/bad-target.yaml", ":7:", "≥abc"),
        ("tests/bad/zero-budget.yaml", ":2:", "planned budget is 0"),
        (
            "tests/bad/mixed-weights.yaml",
            ":5:",
            "some indicators are weighted",
        ),
    ] {
        let o = jixiao(&["score", file, "--lang", "en"]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(err.starts_with(&format!("{file}{line}")), "{file}: {err}");
        assert!(err.contains(words), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
    // Chinese by default
    let o = jixiao(&["score", "tests/bad/unknown-key.yaml"]);
    assert!(
        text(&o.stderr).contains("未知的键 `wieght`"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let o = jixiao(&[
        "score",
        "tests/bad/bad-target.yaml",
        "examples/sms-auth-2024-claims.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).contains("\"id\":\"LS2024-968\""));
    assert!(text(&o.stderr).contains("tests/bad/bad-target.yaml:7"));
    let o = jixiao(&["score", "no/such/file.yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn explain_documents_every_code_in_both_languages() {
    let list = text(&jixiao(&["explain"]).stdout);
    let codes: Vec<&str> = list
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(codes.len() >= 21, "{list}");
    for code in codes {
        for lang in ["zh", "en"] {
            let o = jixiao(&["explain", code, "--lang", lang]);
            assert_eq!(o.status.code(), Some(0));
            assert!(text(&o.stdout).starts_with(code));
        }
    }
    let zh = text(&jixiao(&["explain", "cost-exceeds-execution"]).stdout);
    assert!(zh.contains("依据") && zh.contains("修正"), "{zh}");
    let en = text(&jixiao(&["explain", "cost-exceeds-execution", "--lang", "en"]).stdout);
    assert!(en.contains("Basis") && en.contains("Fix"), "{en}");
    let o = jixiao(&["explain", "score-inflate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("score-inflated"));
}

#[test]
fn a_regional_rubric_written_in_yaml_checks_shows_and_scores() {
    let path = "examples/rubrics/city-department-2025.yaml";
    let o = jixiao(&["rubric", "check", path]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = jixiao(&["rubric", "show", path, "--lang", "en"]);
    golden("city-department-2025.rubric.en.txt", &text(&o.stdout));
    let o = jixiao(&[
        "score",
        "examples/city-department-2025.yaml",
        "--rubric",
        path,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let json = text(&o.stdout);
    assert!(json.contains("\"total\":81.80,"), "{json}");
    golden("city-department-2025.json", &json);
    let o = jixiao(&["rubric", "show", "shaanxi-dept-2020"]);
    golden("shaanxi-dept-2020.rubric.zh.txt", &text(&o.stdout));
    // the 101号 table: weights that move, execution in bands, the line curves
    for lang in ["zh", "en"] {
        let o = jixiao(&["rubric", "show", "central-2021", "--lang", lang]);
        golden(&format!("central-2021.rubric.{lang}.txt"), &text(&o.stdout));
    }
}

#[test]
fn a_broken_rubric_fails_its_check_with_the_line() {
    let dir = std::env::temp_dir().join(format!("jixiao-rubric-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    let broken = std::fs::read_to_string("examples/rubrics/city-department-2025.yaml")
        .unwrap()
        .replace(
            "{range: \"[85, 95)\", points: 15}",
            "{range: \"[86, 95)\", points: 15}",
        );
    std::fs::write(&bad, broken).unwrap();
    let o = jixiao(&["rubric", "check", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("gap") && err.contains("bad.yaml:"), "{err}");
}

#[test]
fn rubrics_are_listed_and_a_rubric_path_is_accepted() {
    let o = jixiao(&["rubrics"]);
    assert!(text(&o.stdout).contains("national-2020"));
    let o = jixiao(&[
        "score",
        "examples/sms-auth-2024-claims.yaml",
        "--rubric",
        "rubrics/national-2020.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = jixiao(&[
        "score",
        "examples/sms-auth-2024-claims.yaml",
        "--rubric",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_rubric_named_in_a_project_file_is_found_beside_it() {
    let dir = std::env::temp_dir().join(format!("jixiao-beside-{}", std::process::id()));
    let sub = dir.join("forms");
    std::fs::create_dir_all(&sub).unwrap();
    // a rubric of its own beside the project, told from the national one by its id
    let rubric = std::fs::read_to_string("rubrics/national-2020.yaml")
        .unwrap()
        .replace("id: national-2020", "id: strict");
    std::fs::write(sub.join("strict.yaml"), rubric).unwrap();
    let project = std::fs::read_to_string("examples/sms-auth-2024-claims.yaml")
        .unwrap()
        .replace("rubric: national-2020", "rubric: strict.yaml");
    assert!(project.contains("rubric: strict.yaml"));
    std::fs::write(sub.join("p.yaml"), project).unwrap();
    // run from the parent folder, naming the project by a relative path
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["score", "forms/p.yaml", "--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("\"rubric\":\"strict\""), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A generated batch input of `rows` indicator rows, in the test's own folder.
fn generated_batch(name: &str, rows: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.csv");
    let mut data = Vec::new();
    jixiao::batch::generate::write(rows, 2020, Some(1000), &mut data).unwrap();
    std::fs::write(&path, data).unwrap();
    path.to_string_lossy().into_owned()
}

/// The English header set is the one for pipelines: its rows stay byte for byte what they
/// were (these goldens were written before Chinese headers existed; the indicator rows have
/// since had the targets a spreadsheet would take for a formula, `=15个`, made text: `'=15个`).
#[test]
fn batch_csv_with_english_headers_is_golden() {
    // run beside the input and name it relatively: an error row's message names the file,
    // and the golden must not hold the build's own folder
    let input = generated_batch("english-headers", 2000);
    let dir = std::path::Path::new(&input).parent().unwrap();
    for lang in ["zh", "en"] {
        let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .current_dir(dir)
            .args(["batch", "in.csv", "--lang", lang, "--headers", "en"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
        golden(&format!("batch-2000.projects.{lang}.csv"), &text(&o.stdout));
    }
    let input = generated_batch("english-headers-indicators", 300);
    let dir = std::path::Path::new(&input).parent().unwrap().to_owned();
    let (p, i) = (dir.join("p.csv"), dir.join("i.csv"));
    let o = jixiao(&[
        "batch",
        &input,
        "--lang",
        "en",
        "--headers",
        "en",
        "-o",
        p.to_str().unwrap(),
        "--indicators",
        i.to_str().unwrap(),
    ]);
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1));
    golden(
        "batch-300.indicators.en.csv",
        &std::fs::read_to_string(&i).unwrap(),
    );
}

/// `batch` writes its CSV files and standard output after a UTF-8 byte-order mark with Chinese
/// headers (`--lang zh`, or `--headers zh`), without one with English headers.
#[test]
fn batch_csv_files_carry_a_byte_order_mark_with_chinese_headers() {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let csv = "tests/data/sms-auth-2024-claims.csv";
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-bom");
    std::fs::create_dir_all(&dir).unwrap();
    let (p, i) = (dir.join("p.csv"), dir.join("i.csv"));
    let (p_arg, i_arg) = (p.to_str().unwrap(), i.to_str().unwrap());
    let cases: [(&[&str], bool); 5] = [
        (&[], true),
        (&["--lang", "zh"], true),
        (&["--lang", "en"], false),
        (&["--headers", "en"], false),
        (&["--lang", "en", "--headers", "zh"], true),
    ];
    for (extra, chinese) in cases {
        let files = jixiao(&[&["batch", csv, "-o", p_arg, "--indicators", i_arg], extra].concat());
        assert_eq!(files.status.code(), Some(0), "{}", text(&files.stderr));
        let stdout = jixiao(&[&["batch", csv], extra].concat()).stdout;
        let first = if chinese {
            "项目编号,"
        } else {
            "project_id,"
        };
        for out in [
            std::fs::read(&p).unwrap(),
            std::fs::read(&i).unwrap(),
            stdout,
        ] {
            assert_eq!(out.starts_with(BOM), chinese, "{extra:?}");
            let body = out.strip_prefix(BOM).unwrap_or(&out);
            assert!(text(body).starts_with(first), "{extra:?}: {}", text(body));
        }
        // indicator rows with the mark read back: every header but jixiao's own is a field
        if chinese {
            let back = text(&jixiao(&["batch", i_arg, "--lang", "en"]).stderr);
            let ignored = ": ignored columns: 复核得分, 状态, 标记代码, 行号\n";
            assert!(back.contains(ignored), "{back}");
        }
    }
    // --messages adds the column
    let o = jixiao(&["batch", csv, "--messages"]);
    let head = text(&o.stdout).lines().next().unwrap().to_string();
    assert!(head.ends_with(",原因,标记说明"), "{head}");
    let o = jixiao(&["batch", csv, "--messages", "--lang", "en"]);
    let head = text(&o.stdout).lines().next().unwrap().to_string();
    assert!(head.ends_with(",reason,flag_messages"), "{head}");
}

/// `generate` writes only what real tables hold: every project of its file scores; bad rows
/// come only when asked for, about one in K.
#[test]
fn generate_writes_bad_rows_only_when_asked() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-generate");
    std::fs::create_dir_all(&dir).unwrap();
    let clean = dir.join("clean.csv");
    let o = jixiao(&["generate", "--rows", "5000", "-o", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = jixiao(&["batch", clean.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("in error 0"),
        "{}",
        text(&o.stderr)
    );
    let bad = dir.join("bad.csv");
    let o = jixiao(&[
        "generate",
        "--rows",
        "5000",
        "--bad-every",
        "100",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = jixiao(&[
        "batch",
        bad.to_str().unwrap(),
        "--lang",
        "en",
        "--headers",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let errors = text(&o.stdout)
        .lines()
        .filter(|l| l.contains(",error,"))
        .count();
    // about 50 bad rows, a project each at most
    assert!((20..=60).contains(&errors), "{errors} projects in error");
    let o = jixiao(&["generate", "--rows", "10", "--bad-every", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A folder is the files inside it that the command reads, in name order: `check examples/`
/// is `check examples/*.yaml`, its subfolder named as left out; a folder with nothing to read
/// is bad input.
#[test]
fn a_folder_reads_as_its_files() {
    let folder = jixiao(&["check", "examples/", "--lang", "en"]);
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut args = vec!["check".to_string()];
    args.extend(files);
    args.extend(["--lang".into(), "en".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let listed = jixiao(&args);
    assert_eq!(folder.status.code(), listed.status.code());
    assert_eq!(text(&folder.stdout), text(&listed.stdout));
    assert!(
        text(&folder.stderr).contains("examples/rubrics: skipped (a subfolder"),
        "{}",
        text(&folder.stderr)
    );
    let empty = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-empty-folder");
    std::fs::create_dir_all(&empty).unwrap();
    let o = jixiao(&["check", empty.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no file to read"),
        "{}",
        text(&o.stderr)
    );
}

/// A completion script for each shell names every command and option; bash's parses.
#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = jixiao(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        for word in ["review", "batch", "report", "headers", "bad-every"] {
            assert!(script.contains(word), "{shell}: no `{word}`");
        }
    }
    let o = jixiao(&["completions", "bash"]);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-completions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jixiao.bash");
    std::fs::write(&path, &o.stdout).unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
    let o = jixiao(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}
