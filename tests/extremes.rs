//! Figures at the edges of what the readers accept never make scoring, the re-check rules or
//! rendering panic (issue 17: a target of 1e-28, weights near `Decimal::MAX`, a huge budget
//! ratio, claimed totals of ±`Decimal::MAX`); figures beyond the bounds are refused at their
//! line, a negative weight or budget too. Run without the panic net (`contain`), so a panic
//! here is a failure.

use std::process::Command;

use jixiao::i18n::Lang;
use jixiao::library::Library;
use jixiao::read::project::read_project;
use jixiao::render::{json, table};
use jixiao::report::evaluate;
use jixiao::scheme::Scheme;

const TINY: &str = "0.0000000000000000000000000001";
const MAX: &str = "79228162514264337593543950335";
/// The largest figures the bounds let through.
const AMOUNT: &str = "1000000000000000";
const POINTS: &str = "1000000";

fn project(budget: &str, claimed: &str, weight: &str, target: &str, actual: &str) -> String {
    format!(
        "project: {{id: X, name: 极值, year: 2024}}\nbudget: {{{budget}}}\nclaimed: {{{claimed}}}\nindicators:\n  - {{name: 甲, level1: 产出指标, level2: 数量指标, target: '{target}', actual: '{actual}', weight: '{weight}', claimed_score: '{weight}'}}\n  - {{name: 乙, level1: 成本指标, level2: 经济成本指标, target: '{target}万元', actual: '{actual}万元', weight: '{weight}'}}\n  - {{name: 丙, level1: 满意度指标, level2: 服务对象满意度指标, target: '≥{target}%', actual: '{actual}%', weight: '{weight}'}}\n  - {{name: 丁, level1: 效益指标, level2: 社会效益指标, target: 有所提升, actual: 部分达成, weight: '{weight}', claimed_score: '{weight}'}}\n"
    )
}

#[test]
fn figures_within_the_bounds_score_check_and_render_under_every_rubric() {
    let library = Library::shipped().unwrap();
    let schemes: Vec<Scheme> = ["national-2020", "central-2021"]
        .iter()
        .map(|n| Scheme::load(n).unwrap())
        .collect();
    let values = [TINY, "-1000000000000000", AMOUNT, "0", "1", "-0.5"];
    let budgets = [
        format!("planned: '{TINY}', executed: '{AMOUNT}'"),
        format!("planned: '{AMOUNT}', executed: '{TINY}'"),
        "planned: 0, executed: 0".to_string(),
        format!("initial: '{AMOUNT}', annual: '{TINY}', executed: '{AMOUNT}'"),
    ];
    let claims = [
        format!("total: '{POINTS}', execution_rate: '{POINTS}', execution_score: '{POINTS}'"),
        "total: 0, execution_rate: 0".to_string(),
    ];
    let mut scored = 0;
    for budget in &budgets {
        for claimed in &claims {
            for weight in [TINY, POINTS, "0"] {
                for target in values {
                    for actual in values {
                        let text = project(budget, claimed, weight, target, actual);
                        let record = read_project("x.yaml", &text, &library)
                            .unwrap_or_else(|e| panic!("{e}\n{text}"));
                        for scheme in &schemes {
                            // an error about the record (a planned budget of 0) is fine; a
                            // panic is not
                            if let Ok(r) = evaluate(record.clone(), scheme) {
                                let _ = table::scorecard(&r, Lang::Zh);
                                let _ = table::recheck(&r, Lang::En);
                                let _ = json::report(&r, Lang::Zh);
                                scored += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(scored > 500, "only {scored} scored");
}

fn check(text: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("jixiao-extremes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{:x}.yaml",
        text.len() * 31 + text.as_bytes()[40] as usize
    ));
    std::fs::write(&path, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn figures_beyond_the_bounds_are_refused_at_their_line() {
    let ok = "planned: 10, executed: 9";
    for (budget, claimed, weight, line, what) in [
        // weights near Decimal::MAX: was a panic in line scoring
        (ok, "total: 1", MAX, 5, "权重"),
        // a claimed total of ±MAX: was a panic in the exact sum and the difference
        (ok, &*format!("total: '{MAX}'"), "10", 3, "自评总分"),
        (ok, &*format!("total: '-{MAX}'"), "10", 3, "自评总分"),
        // a huge budget ratio: was a panic in the execution rate
        (
            &*format!("planned: '{TINY}', executed: '{MAX}'"),
            "total: 1",
            "10",
            2,
            "全年执行数",
        ),
        // nonsense accepted before: a negative weight scored a met line −10
        (ok, "total: 1", "-10", 5, "不能为负数"),
        (
            "planned: -10, executed: 9",
            "total: 1",
            "10",
            2,
            "不能为负数",
        ),
        (
            "planned: 10, executed: -9",
            "total: 1",
            "10",
            2,
            "全年执行数",
        ),
    ] {
        let text = project(budget, claimed, weight, "100", "100");
        let (code, err) = check(&text);
        assert_eq!(code, Some(2), "{budget} {claimed} {weight}: {err}");
        assert!(err.contains(&format!(".yaml:{line}:")), "{err}");
        assert!(err.contains(what), "{err}");
    }
}

#[test]
fn a_tiny_target_far_exceeded_is_flagged_not_a_crash() {
    // was a panic: actual / target in the lowball rule
    let text = project("planned: 10, executed: 9", "total: 1", "10", TINY, "10");
    let (code, err) = check(&text);
    assert!(matches!(code, Some(0) | Some(1)), "{code:?} {err}");
}
