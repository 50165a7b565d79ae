//! One fixture per flag code: `tests/flags/<code>.yaml` holds cases, each a small project file
//! (and optionally a rubric) with the flags of that code the re-check must raise on it, as the
//! CLI prints them in Chinese and in English. Every fixture has at least one case where the
//! code fires and one near miss, the smallest change that stops it firing, where it must not.
//!
//! Each case runs `jixiao check FILE --format json`, once in the default language and once with
//! `--lang en` (plus `--rubric X` when the case names one), and the flags of the fixture's code
//! must match the case exactly: count, order, severity, indicator and the full message in each
//! language.
//!
//! Fixture layout:
//!
//! ```yaml
//! code: score-inflated
//! cases:
//!   - name: "what this case shows"
//!     rubric: "shaanxi-dept-2020"    # optional: a shipped rubric, or a file under tests/flags/
//!     project: |
//!       project: {id: T1, name: 测试项目, year: 2024}
//!       ...
//!     fires:                         # `fires: []` for a near miss
//!       - severity: error
//!         indicator: "短信发送指令响应时间"   # left out for a flag about the whole record
//!         zh: "…"
//!         en: "…"
//! ```
//!
//! Set UPDATE_SNAPSHOTS=1 to rewrite every case's `fires` from the binary's output after a
//! deliberate change of wording, then review the diff: the file is written back in the layout
//! above (without comments).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use jixiao::flags::registry::RULES;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    code: String,
    cases: Vec<Case>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// A shipped rubric name, or a path ending in `.yaml` relative to `tests/flags/`.
    #[serde(default)]
    rubric: Option<String>,
    /// The project file, verbatim.
    project: String,
    /// The flags of the fixture's code, in the order the CLI prints them; empty for a near miss.
    fires: Vec<Expected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    severity: String,
    #[serde(default)]
    indicator: Option<String>,
    zh: String,
    en: String,
}

/// One flag as the CLI printed it in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Printed {
    severity: String,
    indicator: Option<String>,
    message: String,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/flags")
}

/// Every `tests/flags/*.yaml`, by file stem, parsed.
fn load_fixtures() -> Vec<(String, PathBuf, Fixture)> {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let f: Fixture = serde_yaml::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not a fixture: {e}", p.display()));
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            (stem, p, f)
        })
        .collect()
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let fixtures = load_fixtures();
    let rules: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let stems: BTreeSet<&str> = fixtures.iter().map(|(s, _, _)| s.as_str()).collect();
    let mut problems = Vec::new();
    for code in rules.difference(&stems) {
        problems.push(format!(
            "no fixture tests/flags/{code}.yaml for rule `{code}`"
        ));
    }
    for (stem, path, f) in &fixtures {
        if !rules.contains(stem.as_str()) {
            problems.push(format!(
                "{}: `{stem}` is not a code of the registry",
                path.display()
            ));
        }
        if f.code != *stem {
            problems.push(format!(
                "{}: names code `{}`, but the file is named for `{stem}`",
                path.display(),
                f.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_has_a_firing_case_and_a_near_miss() {
    let mut problems = Vec::new();
    for (_, path, f) in load_fixtures() {
        if !f.cases.iter().any(|c| !c.fires.is_empty()) {
            problems.push(format!("{}: no case where the code fires", path.display()));
        }
        if !f.cases.iter().any(|c| c.fires.is_empty()) {
            problems.push(format!(
                "{}: no near miss (a case with `fires: []`)",
                path.display()
            ));
        }
        let mut names = BTreeSet::new();
        for c in &f.cases {
            if !names.insert(&c.name) {
                problems.push(format!("{}: two cases named {:?}", path.display(), c.name));
            }
            for e in &c.fires {
                if !["error", "warning", "info"].contains(&e.severity.as_str()) {
                    problems.push(format!(
                        "{}: case {:?}: severity {:?} is not error, warning or info",
                        path.display(),
                        c.name,
                        e.severity
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A temp file name no other run or case uses.
fn temp_project(code: &str, case: usize) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "jixiao-flag-fixture-{}-{n}-{code}-{case}.yaml",
        std::process::id()
    ))
}

fn rubric_arg(rubric: &str) -> String {
    if rubric.ends_with(".yaml") {
        fixtures_dir().join(rubric).to_str().unwrap().to_string()
    } else {
        rubric.to_string()
    }
}

/// Runs `check` on `file` in `lang` and returns the flags of `code`, or why it could not.
fn printed_flags(
    file: &Path,
    rubric: Option<&str>,
    lang: &str,
    code: &str,
) -> Result<Vec<Printed>, String> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.arg("check").arg(file).args(["--format", "json"]);
    if lang != "zh" {
        cmd.args(["--lang", lang]);
    }
    if let Some(r) = rubric {
        cmd.args(["--rubric", &rubric_arg(r)]);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run jixiao: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "`check` exited with {:?}\nstderr:\n{stderr}",
            out.status.code()
        ));
    }
    let json: serde_json::Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("output is not one JSON object: {e}\n{stdout}\nstderr:\n{stderr}"))?;
    let flags = json["flags"]
        .as_array()
        .ok_or_else(|| format!("no `flags` array in the output:\n{stdout}"))?;
    let field = |f: &serde_json::Value, k: &str| -> Result<String, String> {
        f[k].as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("flag without a string `{k}`: {f}"))
    };
    let mut found = Vec::new();
    for f in flags {
        if field(f, "code")? != code {
            continue;
        }
        let indicator = match &f["indicator"] {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => return Err(format!("flag with indicator {other}: {f}")),
        };
        found.push(Printed {
            severity: field(f, "severity")?,
            indicator,
            message: field(f, "message")?,
        });
    }
    Ok(found)
}

/// The flags of a case as a fixture states them, from the two runs; `Err` when the runs
/// disagree on anything but the message.
fn merge(zh: &[Printed], en: &[Printed]) -> Result<Vec<Expected>, String> {
    if zh.len() != en.len() {
        return Err(format!(
            "{} flag(s) in Chinese but {} in English:\n{zh:#?}\n{en:#?}",
            zh.len(),
            en.len()
        ));
    }
    zh.iter()
        .zip(en)
        .map(|(z, e)| {
            if z.severity != e.severity || z.indicator != e.indicator {
                return Err(format!("the two languages disagree:\n{z:#?}\n{e:#?}"));
            }
            Ok(Expected {
                severity: z.severity.clone(),
                indicator: z.indicator.clone(),
                zh: z.message.clone(),
                en: e.message.clone(),
            })
        })
        .collect()
}

/// How the printed flags of one language differ from the case, if they do.
fn compare(want: &[Expected], got: &[Printed], lang: &str) -> Option<String> {
    let want: Vec<Printed> = want
        .iter()
        .map(|e| Printed {
            severity: e.severity.clone(),
            indicator: e.indicator.clone(),
            message: if lang == "zh" { &e.zh } else { &e.en }.clone(),
        })
        .collect();
    (want != got).then(|| format!("[{lang}] expected:\n{want:#?}\n[{lang}] printed:\n{got:#?}"))
}

#[test]
fn flags_print_as_the_fixtures_say() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (_, path, fixture) in load_fixtures() {
        let code = fixture.code.as_str();
        let mut updated = fixture.clone();
        for (i, case) in fixture.cases.iter().enumerate() {
            let at = format!("{} case {:?}", path.display(), case.name);
            let file = temp_project(code, i);
            std::fs::write(&file, &case.project).unwrap();
            let runs = ["zh", "en"].map(|lang| {
                printed_flags(&file, case.rubric.as_deref(), lang, code)
                    .map_err(|e| format!("{at} [{lang}]: {e}"))
            });
            let _ = std::fs::remove_file(&file);
            ran += 1;
            let [zh, en] = match runs {
                [Ok(zh), Ok(en)] => [zh, en],
                [zh, en] => {
                    failures.extend(zh.err());
                    failures.extend(en.err());
                    continue;
                }
            };
            if update {
                match merge(&zh, &en) {
                    Ok(fires) => updated.cases[i].fires = fires,
                    Err(e) => failures.push(format!("{at}: {e}")),
                }
                continue;
            }
            for (lang, got) in [("zh", &zh), ("en", &en)] {
                if let Some(diff) = compare(&case.fires, got, lang) {
                    failures.push(format!("{at}: flags of `{code}` differ\n{diff}"));
                }
            }
        }
        if update && updated != fixture {
            let text = emit(&updated);
            let back: Fixture = serde_yaml::from_str(&text).unwrap_or_else(|e| {
                panic!("{}: rewritten fixture unreadable: {e}", path.display())
            });
            assert_eq!(back, updated, "{}: rewriting changes it", path.display());
            std::fs::write(&path, text).unwrap();
        }
    }
    assert!(ran > 0, "no fixture case ran");
    assert!(
        failures.is_empty(),
        "{} failure(s) (UPDATE_SNAPSHOTS=1 rewrites the expected messages; review the diff):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A fixture in the layout the module doc shows; strings are written as JSON strings, which
/// YAML reads as double-quoted scalars.
fn emit(f: &Fixture) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = format!("code: {}\ncases:\n", f.code);
    for (i, c) in f.cases.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "  - name: {}", q(&c.name));
        if let Some(r) = &c.rubric {
            let _ = writeln!(out, "    rubric: {}", q(r));
        }
        out.push_str("    project: |\n");
        for line in c.project.lines() {
            if !line.is_empty() {
                out.push_str("      ");
                out.push_str(line);
            }
            out.push('\n');
        }
        if c.fires.is_empty() {
            out.push_str("    fires: []\n");
            continue;
        }
        out.push_str("    fires:\n");
        for e in &c.fires {
            let _ = writeln!(out, "      - severity: {}", e.severity);
            if let Some(ind) = &e.indicator {
                let _ = writeln!(out, "        indicator: {}", q(ind));
            }
            let _ = writeln!(out, "        zh: {}", q(&e.zh));
            let _ = writeln!(out, "        en: {}", q(&e.en));
        }
    }
    out
}
