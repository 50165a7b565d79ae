//! Every worked case in tests/cases scores and re-checks exactly as its expected file says.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use jixiao::commands::report_file;
use jixiao::flags::Severity;
use jixiao::library::Library;
use jixiao::num::round2;
use jixiao::report::{Report, Rubrics};
use rust_decimal::Decimal;
use serde_yaml::Value;

fn dec(v: &Value) -> Decimal {
    let s = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a number: {other:?}"),
    };
    s.parse().unwrap_or_else(|_| panic!("not a decimal: {s}"))
}

fn cases() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("tests/cases").unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".expected.yaml") {
            out.push((
                format!("tests/cases/{stem}.yaml"),
                p.to_string_lossy().to_string(),
            ));
        }
    }
    out.sort();
    assert!(out.len() >= 4, "expected the shared cases and ours");
    out
}

fn report(path: &str) -> Report {
    report_file(path, &Library::shipped().unwrap(), &mut Rubrics::new(None))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn flag_list(v: &Value) -> Vec<(String, Option<String>)> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap().to_string(),
                        f.get("indicator")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_case_matches_its_expected_file() {
    for (project, expected) in cases() {
        let exp: Value =
            serde_yaml::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
        let r = report(&project);
        let ctx = |what: &str| format!("{project}: {what}");
        assert_eq!(r.card.total, dec(&exp["total"]), "{}", ctx("total"));
        assert_eq!(
            &*r.card.grade,
            exp["grade"].as_str().unwrap(),
            "{}",
            ctx("grade")
        );
        if let Some(e) = exp.get("execution") {
            assert_eq!(
                round2(r.card.execution.score),
                dec(&e["score"]),
                "{}",
                ctx("execution.score")
            );
            let rate = r.card.execution.rate.map(round2);
            assert_eq!(rate, Some(dec(&e["rate"])), "{}", ctx("execution.rate"));
        }
        for (name, score) in exp
            .get("items")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten()
        {
            let name = name.as_str().unwrap();
            let item = r
                .card
                .items
                .iter()
                .find(|i| &*i.name == name)
                .unwrap_or_else(|| panic!("{}", ctx(&format!("no item {name}"))));
            assert_eq!(round2(item.score), dec(score), "{}", ctx(name));
        }
        for (name, score) in exp["indicators"].as_mapping().unwrap() {
            let name = name.as_str().unwrap();
            let line = r
                .card
                .lines
                .iter()
                .find(|l| r.record.indicators[l.index].name == name)
                .unwrap_or_else(|| panic!("{}", ctx(&format!("no indicator {name}"))));
            assert_eq!(round2(line.score), dec(score), "{}", ctx(name));
        }
        // Errors: exactly these, as many times as listed.
        let mut want: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        for f in flag_list(&exp["errors"]) {
            *want.entry(f).or_default() += 1;
        }
        let mut got: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        for f in r.flags.iter().filter(|f| f.severity == Severity::Error) {
            *got.entry((f.code.to_string(), f.indicator().map(str::to_string)))
                .or_default() += 1;
        }
        assert_eq!(got, want, "{}", ctx("error flags"));
        for (code, ind) in flag_list(&exp["warnings"]) {
            assert!(
                r.flags
                    .iter()
                    .any(|f| f.code == code && (ind.is_none() || f.indicator() == ind.as_deref())),
                "{}",
                ctx(&format!("missing warning {code}"))
            );
        }
        for code in exp["absent"].as_sequence().into_iter().flatten() {
            let code = code.as_str().unwrap();
            assert!(
                !r.flags.iter().any(|f| f.code == code),
                "{}",
                ctx(&format!("{code} must be absent"))
            );
        }
        let status = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["check", &project])
            .output()
            .unwrap()
            .status
            .code();
        assert_eq!(
            status,
            exp["check_exit"].as_i64().map(|c| c as i32),
            "{}",
            ctx("check exit")
        );
    }
}

#[test]
fn examples_folder_matches_the_cases() {
    // The user-facing copies in examples/ must stay the files the cases test, but for the
    // first line, which names the editor schema by a path from each file's own folder.
    let body = |p: &Path| {
        let text = std::fs::read_to_string(p).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        assert!(
            first.starts_with("# yaml-language-server: $schema="),
            "{}",
            p.display()
        );
        rest.to_string()
    };
    for (project, _) in cases() {
        let name = Path::new(&project).file_name().unwrap();
        let shipped = Path::new("examples").join(name);
        assert_eq!(
            body(&shipped),
            body(Path::new(&project)),
            "{}",
            shipped.display()
        );
    }
}
