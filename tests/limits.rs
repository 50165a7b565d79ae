//! Limits that fail fast and say so: a formula too long or nested too deep, a YAML document too
//! large or nested too deep, a formula that can never give a number. Each attack runs the binary
//! as a child process, so a stack overflow (SIGABRT) fails the test instead of the harness.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CITY: &str = "examples/rubrics/city-department-2025.yaml";
const CITY_FORMULA: &str = "points * min(procurement_rate / 100, 1)";
const CITY_ITEM: &str = "政府采购执行率";

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch file of this test process.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The city rubric with its formula replaced by `formula` (written inside double quotes).
fn city_with(name: &str, formula: &str) -> PathBuf {
    let text = std::fs::read_to_string(CITY).unwrap();
    assert!(text.contains(CITY_FORMULA));
    scratch(name, &text.replace(CITY_FORMULA, formula))
}

/// The line of the city rubric that names the formula's item.
fn city_item_line() -> usize {
    let text = std::fs::read_to_string(CITY).unwrap();
    text.lines()
        .position(|l| l.contains(&format!("name: {CITY_ITEM}")))
        .unwrap()
        + 1
}

/// `rubric check` and `score` with the rubric at `path` end with exit 2, `batch` with its project
/// in error (exit 1), each with a message at the item's line that says `zh` or `en`.
fn refused_everywhere(path: &Path, zh: &str, en: &str) {
    let p = path.to_str().unwrap();
    let at = format!("{p}:{}:", city_item_line());
    let runs: [(Vec<&str>, i32); 3] = [
        (vec!["rubric", "check", p], 2),
        (
            vec!["score", "examples/city-department-2025.yaml", "--rubric", p],
            2,
        ),
        (
            vec![
                "batch",
                "tests/data/meixian-2020-department.csv",
                "--rubric",
                p,
            ],
            1,
        ),
    ];
    for (args, code) in runs {
        let o = jixiao(&args);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {e}");
        assert!(
            e.contains(&at) && e.contains(CITY_ITEM) && e.contains(zh),
            "{args:?}: {e}"
        );
        let o = jixiao(&[args.as_slice(), &["--lang", "en"]].concat());
        let e = stderr(&o);
        assert!(e.contains(&at) && e.contains(en), "{args:?}: {e}");
    }
}

#[test]
fn a_formula_of_60000_terms_is_refused_not_a_stack_overflow() {
    let long = vec!["1"; 60_000].join("+");
    let path = city_with("plus.yaml", &long);
    refused_everywhere(&path, "公式过长", "formula is too long");
    let o = jixiao(&["rubric", "check", path.to_str().unwrap(), "--lang", "en"]);
    assert!(
        stderr(&o).contains("119999 characters, the limit is 1000"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_formula_of_50000_nested_parentheses_is_refused_not_a_stack_overflow() {
    let deep = |n: usize| "(".repeat(n) + "points" + &")".repeat(n);
    let path = city_with("parens.yaml", &deep(50_000));
    refused_everywhere(&path, "公式过长", "formula is too long");
    // within the length
    let path = city_with("parens40.yaml", &deep(40));
    refused_everywhere(&path, "公式嵌套过深", "formula is nested too deep");
}

#[test]
fn a_formula_of_20000_unary_minus_signs_is_refused_at_once() {
    let path = city_with("minus.yaml", &("-".repeat(20_000) + "points"));
    refused_everywhere(&path, "公式过长", "formula is too long");
    // within the length, a run of signs is nesting
    let path = city_with("minus40.yaml", &("-".repeat(40) + "points"));
    refused_everywhere(&path, "公式嵌套过深", "formula is nested too deep");
}

#[test]
fn formulas_within_the_limits_pass() {
    // 32 levels of parentheses, 1000 characters, a run of 32 signs
    let deep = "(".repeat(32) + "points" + &")".repeat(32);
    let mut long = "points".to_string();
    while long.len() + 2 <= 1000 {
        long.push_str("+0");
    }
    assert_eq!(long.len(), 1000);
    let signs = "-".repeat(32) + "points";
    for (name, f) in [("deep", deep), ("long", long), ("signs", signs)] {
        let path = city_with(&format!("{name}-ok.yaml"), &f);
        let o = jixiao(&["rubric", "check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
}

#[test]
fn a_formula_that_can_never_give_a_number_is_refused_by_rubric_check() {
    for (name, formula, why) in [
        ("div0", "points / 0", "division by zero"),
        ("int-div0", "1/0", "Error dividing 1 / 0"),
        ("text", "\\\"abc\\\"", "number"),
        ("bool", "procurement_rate > 50", "number"),
    ] {
        let path = city_with(&format!("{name}.yaml"), formula);
        let p = path.to_str().unwrap();
        let o = jixiao(&["rubric", "check", p, "--lang", "en"]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {e}");
        assert!(
            e.starts_with(&format!("{p}:{}:", city_item_line()))
                && e.contains(CITY_ITEM)
                && e.contains("never gives a number")
                && e.contains(why)
                && e.contains("sample"),
            "{name}: {e}"
        );
        let o = jixiao(&["rubric", "check", p]);
        assert!(
            stderr(&o).contains("都得不出数值"),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_formula_that_fails_on_some_inputs_only_passes() {
    // divides by the measure, which may be 0 on a record: that record's error at scoring time
    let path = city_with("maybe.yaml", "points * 100 / procurement_rate");
    let o = jixiao(&["rubric", "check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn yaml_nested_100000_levels_is_refused_at_once_at_its_line() {
    // a flow value inside a block mapping: the shape that took libyaml's scanner 58 s
    let deep = format!(
        "# deep\nitems: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let rubric = scratch("deep-rubric.yaml", &deep);
    let project = scratch("deep-project.yaml", &deep);
    for (args, file) in [
        (vec!["rubric", "check"], &rubric),
        (vec!["score"], &project),
        (
            vec!["score", "examples/city-department-2025.yaml", "--rubric"],
            &rubric,
        ),
    ] {
        let p = file.to_str().unwrap();
        let o = jixiao(&[args.as_slice(), &[p, "--lang", "en"]].concat());
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert!(
            // the mapping is level 1, so the 64th `[` (at column 8 + 63) opens level 65
            e.contains(&format!("{p}:2:71: YAML is nested too deep")) && e.contains("64"),
            "{args:?}: {e}"
        );
        let o = jixiao(&[args.as_slice(), &[p]].concat());
        assert!(stderr(&o).contains("YAML 嵌套过深"), "{}", stderr(&o));
    }
}

#[test]
fn a_yaml_file_over_a_mebibyte_is_refused_at_the_line_that_passes_it() {
    let line = format!("# {}\n", "x".repeat(1021));
    let mut text = "id: x\n".to_string();
    while text.len() <= 1 << 20 {
        text.push_str(&line);
    }
    let path = scratch("large.yaml", &text);
    let p = path.to_str().unwrap();
    let o = jixiao(&["rubric", "check", p, "--lang", "en"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    // byte 1048576 is on line 1 + (1048576 - 6) / 1024 + 1
    let at = 1 + (1_048_576 - 6) / 1024 + 1;
    assert!(
        e.contains(&format!(
            "{p}:{at}: the YAML file is larger than 1048576 bytes"
        )),
        "{e}"
    );
}
