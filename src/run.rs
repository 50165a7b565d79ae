//! The commands, as library functions that write to the given outputs and return an exit code;
//! `main.rs` only parses arguments and calls these.

use std::io::Write;

use crate::error::InputError;
use crate::flags::{Severity, registry};
use crate::i18n::{Lang, Text};
use crate::library::Library;
use crate::read::project;
use crate::render::{json, table};
use crate::report::{Report, Rubrics, evaluate};
use crate::rubric;
use crate::scheme::Scheme;

/// Output format of `score` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// Which view of a report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The full scorecard.
    Score,
    /// Claimed against recomputed, and the flags.
    Check,
}

pub struct Options {
    pub rubric: Option<String>,
    pub lang: Lang,
    pub format: Format,
    /// For `check`: the least severe flag that makes the exit code 1.
    pub deny: Severity,
}

/// Reads, scores and checks one project file.
pub fn report_file(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
) -> Result<Report, InputError> {
    let text = std::fs::read(path).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read file: {e}"),
            ),
        )
    })?;
    let text = String::from_utf8(text).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("不是 UTF-8 文本：{e}"),
                format!("not UTF-8 text: {e}"),
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let record = project::read_project(path, text, library)?;
    let rubric = rubrics.for_record(&record)?;
    evaluate(record, rubric).map_err(|r| {
        let at = r.indicator().map(|ind| (ind.line, ind.name.to_string()));
        let err = InputError::new(path, r.error.message);
        match at {
            Some((line, name)) => err.at(line, None).indicator(name),
            None => err.at(line_of(text, "budget:"), None),
        }
    })
}

/// The 1-based line of the first top-level key `key`.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.starts_with(key)).map(|i| i + 1)
}

/// `score` and `check`: every file is reported, bad ones on `err`. Exit 2 when a file could not be
/// read; for `check`, 1 when a flag at or above `deny` was found; else 0.
pub fn files(
    paths: &[String],
    view: View,
    opts: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let library = match Library::shipped() {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(opts.lang));
            return 2;
        }
    };
    let mut rubrics = Rubrics::new(opts.rubric.clone());
    let (mut bad, mut denied) = (false, false);
    for (i, path) in paths.iter().enumerate() {
        match report_file(path, &library, &mut rubrics) {
            Ok(r) => {
                denied |= r.denied(opts.deny);
                let text = match (opts.format, view) {
                    (Format::Json, _) => json::report(&r, opts.lang) + "\n",
                    (Format::Table, View::Score) => table::scorecard(&r, opts.lang),
                    (Format::Table, View::Check) => table::recheck(&r, opts.lang),
                };
                if opts.format == Format::Table && i > 0 {
                    let _ = writeln!(out);
                }
                let _ = out.write_all(text.as_bytes());
            }
            Err(e) => {
                bad = true;
                let _ = writeln!(err, "{}", e.render(opts.lang));
            }
        }
    }
    match (bad, view, denied) {
        (true, _, _) => 2,
        (false, View::Check, true) => 1,
        _ => 0,
    }
}

/// `explain CODE`: the rule's documentation; `explain` alone: every code with its summary.
pub fn explain(code: Option<&str>, lang: Lang) -> Result<String, String> {
    match code {
        None => {
            let mut s = String::new();
            for r in registry::RULES {
                s.push_str(&format!(
                    "{:<26} {:<8} {}\n",
                    r.code,
                    r.severity.key(),
                    r.summary.get(lang)
                ));
            }
            Ok(s)
        }
        Some(c) => match registry::find(c) {
            Some(r) => Ok(format!(
                "{} ({}: {})\n{}\n\n{}\n",
                r.code,
                match lang {
                    Lang::Zh => "默认级别",
                    Lang::En => "default severity",
                },
                r.severity.label(lang),
                r.summary.get(lang),
                r.explain.get(lang)
            )),
            None => {
                let codes: Vec<&str> = registry::RULES.iter().map(|r| r.code).collect();
                let near = crate::suggest::nearest(c, &codes).unwrap_or("");
                Err(match lang {
                    Lang::Zh => format!(
                        "没有代码为 `{c}` 的规则；是否应为 `{near}`？用 `jixiao explain` 列出全部"
                    ),
                    Lang::En => format!(
                        "no rule `{c}`; did you mean `{near}`? `jixiao explain` lists them all"
                    ),
                })
            }
        },
    }
}

/// `rubrics`: the shipped rubrics.
pub fn list_rubrics(lang: Lang) -> String {
    let mut s = String::new();
    for (name, _) in rubric::SHIPPED {
        match Scheme::load(name) {
            Ok(r) => s.push_str(&format!("{name:<20} {}\n", r.title(lang))),
            Err(e) => s.push_str(&format!("{name:<20} {}\n", e.render(lang))),
        }
    }
    s
}

/// `batch`: scores every project of a CSV; the summary goes to `err`. Exit 2 when the input
/// cannot be read at all, 1 when a project is in error or (with `deny`) flagged, else 0.
pub fn batch(
    input: &str,
    output: &str,
    indicators: Option<&str>,
    opts: &crate::batch::Options,
    err: &mut (dyn Write + Send),
) -> i32 {
    let lang = opts.lang;
    let cannot = |path: &str, e: std::io::Error| {
        InputError::new(
            path,
            Text::new(format!("无法打开：{e}"), format!("cannot open: {e}")),
        )
        .render(lang)
    };
    let mut out: Box<dyn Write + Send> = if output == "-" {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))
    } else {
        match std::fs::File::create(output) {
            Ok(f) => Box::new(std::io::BufWriter::with_capacity(1 << 16, f)),
            Err(e) => {
                let _ = writeln!(err, "{}", cannot(output, e));
                return 2;
            }
        }
    };
    // `-` is stdout for either output, but not for both at once
    if output == "-" && indicators == Some("-") {
        let _ = writeln!(
            err,
            "{}",
            Text::new(
                "-o 和 --indicators 不能同时写到标准输出（-）",
                "-o and --indicators cannot both write to stdout (-)",
            )
            .get(lang)
        );
        return 2;
    }
    let mut ind_out: Option<Box<dyn Write + Send>> = match indicators {
        None => None,
        Some("-") => Some(Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))),
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Some(Box::new(std::io::BufWriter::with_capacity(1 << 16, f))),
            Err(e) => {
                let _ = writeln!(err, "{}", cannot(path, e));
                return 2;
            }
        },
    };
    let ind_ref = ind_out.as_mut().map(|w| w as &mut (dyn Write + Send));
    let result = if input == "-" {
        crate::batch::run(std::io::stdin(), "-", opts, &mut out, ind_ref, err)
    } else {
        match std::fs::File::open(input) {
            Ok(f) => crate::batch::run(f, input, opts, &mut out, ind_ref, err),
            Err(e) => {
                let _ = writeln!(err, "{}", cannot(input, e));
                return 2;
            }
        }
    };
    let _ = out.flush();
    match result {
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            2
        }
        Ok(summary) => {
            let _ = err.write_all(summary.render(lang).as_bytes());
            if summary.in_error > 0 || summary.denied > 0 {
                1
            } else {
                0
            }
        }
    }
}

/// `rubric check FILE`: loads and checks a rubric; exit 0 when it is sound, 2 when not.
pub fn rubric_check(path: &str, lang: Lang) -> (String, i32) {
    match Scheme::load(path) {
        Ok(r) => {
            let msg = match lang {
                Lang::Zh => format!("{path}: 评分规则 {} 检查通过\n", r.id),
                Lang::En => format!("{path}: rubric {} is sound\n", r.id),
            };
            (msg, 0)
        }
        Err(e) => (format!("{}\n", e.render(lang)), 2),
    }
}

/// `rubric show NAME`: the rubric as a printed table.
pub fn rubric_show(name: &str, lang: Lang) -> Result<String, String> {
    Scheme::load(name)
        .map(|r| table::rubric(&r, lang))
        .map_err(|e| e.render(lang))
}
