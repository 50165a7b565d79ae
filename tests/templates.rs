//! Forms written by jixiao read back as what was written: a project written whole scores as
//! its YAML twin; a template from a target table holds its targets, weights and budget, and
//! leaves the results to fill.

use jixiao::commands::{report_file, report_files, template};
use jixiao::i18n::Lang;
use jixiao::library::Library;
use jixiao::render::form_xlsx::{Fill, workbook};
use jixiao::report::{Report, Rubrics};

fn essence(r: &Report) -> Vec<String> {
    let mut out = vec![
        format!("total {} {}", r.card.total, r.card.grade),
        format!("claimed {:?}", r.record.claimed),
        format!("budget {:?}", r.record.budget),
        format!("goals {:?}", r.record.goals),
        format!(
            "who {:?} {:?} {:?}",
            r.record.name, r.record.department, r.record.year
        ),
    ];
    for (l, ind) in r.card.lines.iter().zip(&r.record.indicators) {
        out.push(format!(
            "{} {:?} {:?} {} {:?} {:?} {} {}",
            &*ind.name,
            ind.level1,
            ind.level2,
            &*ind.target_text,
            ind.weight,
            ind.claimed_score,
            l.score,
            l.reason.render(ind, Lang::Zh)
        ));
    }
    for f in &r.flags {
        out.push(format!("flag {} {:?}", f.code, f.position));
    }
    out
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-tpl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_project_written_as_a_form_reads_back_as_itself() {
    let dir = tmp("roundtrip");
    let lib = Library::shipped().unwrap();
    for example in [
        "examples/sms-auth-2024-claims.yaml",
        "examples/leshan-2021-backbone-network.yaml",
        "examples/leshan-2021-network-maintenance.yaml",
        "examples/leshan-2024-medical-inspection.yaml",
    ] {
        let yaml = report_file(example, &lib, &mut Rubrics::new(None)).unwrap();
        let bytes = workbook(&[&yaml.record], Fill::Record).unwrap();
        let path = dir.join("form.xlsx");
        std::fs::write(&path, bytes).unwrap();
        let back = report_files(path.to_str().unwrap(), &lib, &mut Rubrics::new(None));
        assert_eq!(back.len(), 1, "{example}");
        let back = back[0]
            .as_ref()
            .unwrap_or_else(|e| panic!("{example}: {e}"));
        assert_eq!(essence(back), essence(&yaml), "{example}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_template_from_table6_holds_the_targets_and_leaves_the_results_empty() {
    let dir = tmp("table6");
    let out = dir.join("自评表");
    let mut err = Vec::new();
    let exit = template(
        "tests/data/leshan-2024-table6.csv",
        out.to_str().unwrap(),
        Lang::Zh,
        &mut err,
    );
    assert_eq!(exit.code(), 0, "{}", String::from_utf8_lossy(&err));
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(files.len(), 27);
    // 日常公用经费 of three units: each its own file
    let name = "日常公用经费（315302-乐山市医疗保障事务中心）.xlsx";
    let lib = Library::shipped().unwrap();
    let back = report_files(
        out.join(name).to_str().unwrap(),
        &lib,
        &mut Rubrics::new(None),
    );
    let r = back[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r.record.department.as_deref(),
        Some("315302-乐山市医疗保障事务中心")
    );
    assert!(r.record.budget.annual.is_some());
    assert!(r.record.budget.executed.is_none());
    assert!(!r.record.indicators.is_empty());
    for ind in &r.record.indicators {
        assert!(ind.weight.is_some(), "{}", &*ind.name);
        assert!(ind.actual_text.is_none(), "{}", &*ind.name);
    }
    // one workbook of 27 sheets, read back as 27 projects
    let one = dir.join("all.xlsx");
    let exit = template(
        "tests/data/leshan-2024-table6.csv",
        one.to_str().unwrap(),
        Lang::Zh,
        &mut err,
    );
    assert_eq!(exit.code(), 0);
    let back = report_files(one.to_str().unwrap(), &lib, &mut Rubrics::new(None));
    assert_eq!(back.len(), 27);
    assert!(back.iter().all(|r| r.is_ok()));
    let _ = std::fs::remove_dir_all(&dir);
}
