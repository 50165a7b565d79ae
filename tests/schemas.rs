//! The editor schemas: the committed files are what `jixiao schema` prints, every shipped YAML
//! names its schema on its first line and meets it, the schema never rejects a file jixiao
//! reads, and it rejects the mistakes a clerk makes (a misspelt key, a wrong type, an unknown
//! word). `UPDATE_SCHEMAS=1 cargo test --test schemas` rewrites `schemas/`.

mod common;

use std::path::{Path, PathBuf};

use jixiao::library::Library;
use jixiao::read::project::read_project;
use jixiao::schema::{SchemaKind, schema};
use jixiao::scheme::Scheme;
use serde_json::Value;

/// The first line of a YAML file that names its schema for the YAML language server.
const LINE: &str = "# yaml-language-server: $schema=";

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    let s: Value = serde_json::from_str(&schema(kind)).unwrap();
    jsonschema::draft7::new(&s).unwrap()
}

/// YAML as the editor sees it: a tree of JSON values, mapping keys as text.
fn json_of(y: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.into(),
            (_, Some(i), _) => i.into(),
            (_, _, Some(f)) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            _ => Value::Null,
        },
        Y::String(s) => Value::String(s),
        Y::Sequence(v) => Value::Array(v.into_iter().map(json_of).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other).unwrap().trim().to_string(),
                    };
                    (k, json_of(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => json_of(t.value),
    }
}

/// The schema's complaints about `text`, none when it passes.
fn complaints(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let y: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    let j = json_of(y);
    v.iter_errors(&j)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn yaml_files(dir: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            yaml_files(p.to_str().unwrap(), out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
    out.sort();
}

#[test]
fn the_committed_schemas_are_what_jixiao_schema_prints() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    for kind in SchemaKind::all() {
        let made = schema(kind);
        let out = common::jixiao()
            .args(["schema", kind.name()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::text(&out.stderr));
        assert_eq!(
            common::text(&out.stdout),
            made,
            "jixiao schema {}",
            kind.name()
        );
        let file = kind.file();
        if update {
            std::fs::write(&file, &made).unwrap();
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == made,
            "{file} is not what `jixiao schema {}` prints: UPDATE_SCHEMAS=1 cargo test --test schemas",
            kind.name()
        );
        // draft-07, and a schema by the meta-schema
        let v: Value = serde_json::from_str(&made).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(jsonschema::meta::is_valid(&v), "{file}");
    }
}

#[test]
fn an_unknown_schema_kind_is_refused() {
    let out = common::jixiao()
        .args(["schema", "projet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The shipped YAML files and the kind of each.
fn shipped() -> Vec<(PathBuf, SchemaKind)> {
    let mut out = Vec::new();
    for (dir, kind) in [
        ("examples", SchemaKind::Project),
        ("rubrics", SchemaKind::Rubric),
        ("indicators", SchemaKind::Library),
    ] {
        let mut files = Vec::new();
        yaml_files(dir, &mut files);
        for f in files {
            let kind = if f.starts_with("examples/rubrics") {
                SchemaKind::Rubric
            } else if f.starts_with("rubrics/review") {
                SchemaKind::Review
            } else if f.starts_with("rubrics/monitor") {
                SchemaKind::Monitor
            } else {
                kind
            };
            out.push((f, kind));
        }
    }
    out
}

#[test]
fn every_shipped_yaml_names_its_schema_and_meets_it() {
    let files = shipped();
    assert!(files.len() >= 12, "{files:?}");
    for (f, kind) in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let first = text.lines().next().unwrap_or("");
        let named = first
            .strip_prefix(LINE)
            .unwrap_or_else(|| panic!("{}: the first line is not `{LINE}…`", f.display()));
        // the path is relative to the file's folder and leads to the kind's schema
        let at = f.parent().unwrap().join(named);
        assert_eq!(
            std::fs::canonicalize(&at).ok(),
            std::fs::canonicalize(kind.file()).ok(),
            "{}: names {named}, not {}",
            f.display(),
            kind.file()
        );
        let errors = complaints(&validator(kind), &text);
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
}

/// Whether jixiao reads `text` as a file of `kind`.
fn reads(kind: SchemaKind, text: &str) -> bool {
    match kind {
        SchemaKind::Project => read_project("t.yaml", text, &Library::shipped().unwrap()).is_ok(),
        // with its `flags:` resolved, as every command loads a rubric
        SchemaKind::Rubric => Scheme::from_yaml("t.yaml", text).is_ok(),
        SchemaKind::Library => Library::default().add("t", "t.yaml", text).is_ok(),
        SchemaKind::Review => {
            jixiao::review::rubric::ReviewRubric::from_yaml("t.yaml", text).is_ok()
        }
        SchemaKind::Monitor => jixiao::monitor::Policy::from_yaml("t.yaml", text).is_ok(),
    }
}

#[test]
fn no_file_jixiao_reads_in_the_repository_is_refused_by_its_schema() {
    // every YAML of the repository, read as each kind: what jixiao reads, the schema passes
    let mut files = Vec::new();
    for dir in ["examples", "rubrics", "indicators", "tests"] {
        yaml_files(dir, &mut files);
    }
    let mut read = [0; 5];
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if serde_yaml::from_str::<serde_yaml::Value>(&text).is_err() {
            continue;
        }
        for (i, kind) in SchemaKind::all().enumerate() {
            if reads(kind, &text) {
                read[i] += 1;
                let errors = complaints(&validator(kind), &text);
                assert!(
                    errors.is_empty(),
                    "{} ({}): {errors:#?}",
                    f.display(),
                    kind.name()
                );
            }
        }
    }
    // projects, rubrics, libraries, review rubrics and monitoring policies all among them
    assert!(
        read[0] >= 15 && read[1] >= 5 && read[2] >= 1 && read[3] >= 2 && read[4] >= 2,
        "{read:?}"
    );
}

const PROJECT: &str = "project: {id: P1, name: 测试}\nbudget: {annual: 10, executed: 9}\nindicators:\n  - name: 甲\n    level1: 产出指标\n    level2: 数量指标\n    target: \"≥5次\"\n    weight: 10\n    actual: 6次\n";

/// `PROJECT` with `from` replaced by `to` (which must be there).
fn project_with(from: &str, to: &str) -> String {
    assert!(PROJECT.contains(from), "{from}");
    PROJECT.replacen(from, to, 1)
}

#[test]
fn the_project_schema_refuses_what_the_reader_refuses() {
    let v = validator(SchemaKind::Project);
    assert!(reads(SchemaKind::Project, PROJECT));
    assert_eq!(complaints(&v, PROJECT), Vec::<String>::new());
    for (from, to) in [
        // a misspelt key, at the top, in the project, in an indicator, in the budget
        ("budget:", "budgte:"),
        ("name: 测试", "nmae: 测试"),
        ("    actual: 6次", "    actaul: 6次"),
        ("annual: 10", "anual: 10"),
        // a wrong type
        ("weight: 10", "weight: [10]"),
        ("weight: 10", "weight: 十"),
        ("indicators:\n", "indicators: 甲\nx:\n"),
        ("project: {id: P1, name: 测试}", "project: 测试"),
        // a word the vocabulary does not have
        ("level1: 产出指标", "level1: 效果指标"),
        ("level2: 数量指标", "level2: 数目指标"),
        ("    weight: 10", "    weight: 10\n    direction: 向上"),
        // a figure twice, under two names
        ("annual: 10", "annual: 10, planned: 10"),
        ("annual: 10", "annual: 10, 全年预算数: 10"),
        // an unknown source of funds or money unit
        (
            "annual: 10",
            "annual: 10, sources: {专项债券: {executed: 1}}",
        ),
        ("annual: 10", "annual: 10, unit: 千元"),
        ("annual: 10", "annual: 10, sources: {other: {spent: 1}}"),
    ] {
        let text = project_with(from, to);
        assert!(!reads(SchemaKind::Project, &text), "jixiao reads {to:?}");
        assert!(
            !complaints(&v, &text).is_empty(),
            "the schema passes {to:?}, which jixiao refuses"
        );
    }
}

#[test]
fn the_project_schema_passes_the_forms_words_and_aliases() {
    let v = validator(SchemaKind::Project);
    for (from, to) in [
        // the vocabulary as the reader compares it: any ASCII case, spaces, padding
        ("level1: 产出指标", "level1: \" Output \""),
        ("level1: 产出指标", "level1: 完成指标"),
        ("level1: 产出指标", "level1: 产出 指标"),
        ("level1: 产出指标", "level1: \"产出指标\u{3000}\""),
        ("level2: 数量指标", "level2: QUANTITY"),
        ("level2: 数量指标", "level2: 可持续发展指标"),
        ("    weight: 10", "    weight: ~\n    direction: ~"),
        ("    weight: 10", "    weight: 10\n    direction: 反向指标"),
        ("    weight: 10", "    weight: 10\n    direction: Reverse"),
        // numbers as text, text as numbers
        ("weight: 10", "weight: \"10%\""),
        ("weight: 10", "weight: １０"),
        ("target: \"≥5次\"", "target: 5"),
        (
            "target: \"≥5次\"",
            "target: {op: \"≥\", value: 5, unit: 次}",
        ),
        ("actual: 6次", "actual: 6"),
        ("id: P1", "id: 2024"),
        // serde_yaml reads any scalar as a text, and an empty value as an empty mapping
        ("name: 测试", "name: 123"),
        ("    actual: 6次", "    actual: 6次\n    deviation: 123"),
        ("target: \"≥5次\"", "target: true"),
        (
            "indicators:",
            "notes:\nmeasures:\nclaimed:\ngoals:\nrubric:\nindicators:",
        ),
        ("annual: 10", "annual: ~, unit: ~"),
        // the form's words for keys
        (
            "name: 测试}",
            "name: 测试, 实施单位: 某中心, 主管部门: 某局, 填报单位: 某局}",
        ),
        (
            "    actual: 6次",
            "    actual: 6次\n    偏差原因: 无\n    指标说明: 说明\n    评分标准: 标准",
        ),
        (
            "budget: {annual: 10, executed: 9}",
            "budget: {年初预算数: 12, 全年预算数: 10, 全年执行数: 9, 金额单位: 元}",
        ),
        ("annual: 10", "planned: 10"),
        (
            "annual: 10",
            "annual: 10, sources: {\"其中：当年财政拨款\": {全年预算数: 8}, carried_over: {executed: 1}}",
        ),
        // measures, notes and claims
        (
            "indicators:",
            "measures: {a: 98%, b: 达成, c: {failed: [x]}, d: {failed: 2}}\nindicators:",
        ),
        (
            "indicators:",
            "notes:\n  预算调整率: {年初目标值: ≤5%, analysis: 无}\nindicators:",
        ),
        (
            "indicators:",
            "claimed: {total: 95, grade: 优, execution_rate: 90%, items: {预算执行率: 9}}\nindicators:",
        ),
    ] {
        let text = project_with(from, to);
        assert!(reads(SchemaKind::Project, &text), "jixiao refuses {to:?}");
        let errors = complaints(&v, &text);
        assert!(errors.is_empty(), "{to:?}: {errors:#?}");
    }
}

#[test]
fn every_word_of_the_vocabularies_passes_and_others_do_not() {
    use jixiao::model::{Direction, Level1, Level2};
    let v = validator(SchemaKind::Project);
    // the indicator of PROJECT with `field` given as `w`
    let words = |field: &str, w: &str| {
        let line = format!("    {field}: \"{w}\"\n");
        match field {
            "level1" => project_with("    level1: 产出指标\n", &line),
            "level2" => project_with("    level2: 数量指标\n", &line),
            _ => project_with("    weight: 10\n", &format!("    weight: 10\n{line}")),
        }
    };
    let mut all: Vec<(&str, &str)> = Vec::new();
    all.extend(
        Level1::WORDS
            .iter()
            .flat_map(|(_, w)| w.iter().map(|w| ("level1", *w))),
    );
    all.extend(
        Level2::WORDS
            .iter()
            .flat_map(|(_, w)| w.iter().map(|w| ("level2", *w))),
    );
    all.extend(
        Direction::WORDS
            .iter()
            .flat_map(|(_, w)| w.iter().map(|w| ("direction", *w))),
    );
    for (field, w) in all {
        let spaced: String = w.chars().map(|c| format!("{c} ")).collect();
        for variant in [w.to_string(), w.to_uppercase(), format!("\t{spaced}")] {
            let text = words(field, &variant);
            assert!(
                reads(SchemaKind::Project, &text),
                "jixiao refuses {field}: {variant:?}"
            );
            let errors = complaints(&v, &text);
            assert!(errors.is_empty(), "{field}: {variant:?}: {errors:#?}");
        }
        // a word with a letter more is neither
        let text = words(field, &format!("{w}x"));
        assert!(!reads(SchemaKind::Project, &text), "{field}: {w}x");
        assert!(!complaints(&v, &text).is_empty(), "{field}: {w}x");
    }
}

#[test]
fn the_rubric_and_library_schemas_refuse_what_their_readers_refuse() {
    let rubric = std::fs::read_to_string("rubrics/national-2020.yaml").unwrap();
    let library = std::fs::read_to_string("indicators/common.yaml").unwrap();
    let review = std::fs::read_to_string("rubrics/review/review-2021.yaml").unwrap();
    for (kind, text, from, to) in [
        (SchemaKind::Rubric, &rubric, "total: 100", "totl: 100"),
        (SchemaKind::Review, &review, "bands:", "band:"),
        (SchemaKind::Review, &review, "deductions:", "deduction:"),
        (
            SchemaKind::Rubric,
            &rubric,
            "tier: achieved",
            "tier: reached",
        ),
        (
            SchemaKind::Rubric,
            &rubric,
            "range: \"[80, 100]\"",
            "range: \"80-100\"",
        ),
        (SchemaKind::Rubric, &rubric, "rule: ", "rules: "),
        (
            SchemaKind::Rubric,
            &rubric,
            "flags: {}",
            "flags: {no-such-code: off}",
        ),
        (
            SchemaKind::Rubric,
            &rubric,
            "flags: {}",
            "flags: {target-lowball: loud}",
        ),
        (
            SchemaKind::Library,
            &library,
            "level1: 产出指标",
            "level1: 产出",
        ),
        (
            SchemaKind::Library,
            &library,
            "    target: \"≤5次\"\n",
            "    target: [5]\n",
        ),
        (
            SchemaKind::Library,
            &library,
            "  - id: subject-adjustments\n",
            "  - ids: subject-adjustments\n",
        ),
    ] {
        assert!(reads(kind, text));
        assert!(text.contains(from), "{from}");
        let bad = text.replacen(from, to, 1);
        let errors = complaints(&validator(kind), &bad);
        if to == "level1: 产出" || to.contains("OFF") {
            // words the readers take: both pass them
            assert!(reads(kind, &bad) && errors.is_empty(), "{errors:#?}");
            continue;
        }
        assert!(!reads(kind, &bad), "jixiao reads {to:?}");
        assert!(
            !errors.is_empty(),
            "the schema passes {to:?}, which jixiao refuses"
        );
    }
}

#[test]
fn the_schema_line_does_not_change_what_jixiao_reads() {
    // a shipped example, with and without its first line, scores the same
    let f = Path::new("examples/sms-auth-2024-claims.yaml");
    let text = std::fs::read_to_string(f).unwrap();
    let rest = text.split_once('\n').unwrap().1;
    let lib = Library::shipped().unwrap();
    let a = read_project("a.yaml", &text, &lib).unwrap();
    let b = read_project("a.yaml", rest, &lib).unwrap();
    assert_eq!(a.indicators.len(), b.indicators.len());
    assert_eq!(a.name, b.name);
    for (x, y) in a.indicators.iter().zip(&b.indicators) {
        assert_eq!(x.line.map(|l| l - 1), y.line);
    }
}
