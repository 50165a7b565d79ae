//! Entry points for the fuzz targets (`fuzz/`) and for the regression tests that replay what
//! they found (`tests/regressions.rs`): one function per target takes the raw bytes and runs
//! them through the library as a command would — read, then score, re-check and render what
//! was read. Kept here, and not in the fuzz crate, so that a regression test runs exactly the
//! code the fuzzer ran, on the stable toolchain, with no fuzzing crate. Not part of the API.
//!
//! Nothing here opens a file: a rubric named by the input is used only when it is shipped (a
//! path would let an input read `/dev/zero`); any other name scores with the default.

use std::sync::OnceLock;

use rust_decimal::Decimal;

use crate::batch;
use crate::error::InputError;
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::{
    Actual, Budget, CellText, Claimed, Indicator, Level1, Level2, Money, Record, Target,
};
use crate::read::csv::Encoding;
use crate::read::project::read_project;
use crate::render::{json, table};
use crate::report::{Report, evaluate};
use crate::rubric;
use crate::scheme::Scheme;

/// How far an input got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not UTF-8 (the project and rubric readers take text only), or, for a batch, empty (no
    /// byte of options).
    NotText,
    /// Refused by the reader, with an error.
    Refused,
    /// Read, but refused by the scoring, with an error.
    Unscored,
    /// Read, scored, re-checked and rendered (in a batch: at least one project).
    Reported,
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| Library::shipped().expect("the shipped library loads"))
}

/// The shipped rubrics, loaded once.
fn schemes() -> &'static [(&'static str, Scheme)] {
    static SCHEMES: OnceLock<Vec<(&'static str, Scheme)>> = OnceLock::new();
    SCHEMES.get_or_init(|| {
        rubric::SHIPPED
            .iter()
            .map(|(name, _)| (*name, Scheme::load(name).expect("a shipped rubric loads")))
            .collect()
    })
}

fn scheme(name: &str) -> &'static Scheme {
    let all = schemes();
    all.iter()
        .find(|(n, _)| *n == name)
        .or_else(|| all.iter().find(|(n, _)| *n == rubric::DEFAULT))
        .map(|(_, s)| s)
        .expect("the default rubric is shipped")
}

/// An error rendered as the command line would print it, in both languages.
fn render_error(e: &InputError) {
    std::hint::black_box((e.render(Lang::Zh), e.render(Lang::En)));
}

/// Every output format of `score` and `check`, or (not `all`) the JSON alone: the targets
/// that vary the input of the scoring rather than the record render less, to run more often.
fn render_report(r: &Report, all: bool) {
    std::hint::black_box((json::report(r, Lang::Zh), r.difference()));
    if all {
        std::hint::black_box((
            json::report(r, Lang::En),
            table::scorecard(r, Lang::Zh),
            table::recheck(r, Lang::En),
        ));
    }
}

/// Scores, re-checks and renders a record with a scheme (every format when `all`).
fn score_record(record: Record, scheme: &Scheme, all: bool) -> Outcome {
    match evaluate(record, scheme) {
        Ok(report) => {
            render_report(&report, all);
            Outcome::Reported
        }
        Err(rejected) => {
            std::hint::black_box(rejected.indicator().map(|i| i.line));
            std::hint::black_box(rejected.error.message.get(Lang::En).len());
            Outcome::Unscored
        }
    }
}

/// A project file (YAML), as `jixiao check` reads it, scored with the rubric it names when that
/// is shipped, else with the default.
pub fn project(data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        return Outcome::NotText;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match read_project("fuzz.yaml", text, library()) {
        Ok(record) => {
            let scheme = scheme(record.rubric.as_deref().unwrap_or(rubric::DEFAULT));
            score_record(record, scheme, true)
        }
        Err(e) => {
            render_error(&e);
            Outcome::Refused
        }
    }
}

/// Projects of several kinds, for scoring with a rubric under test.
const SAMPLES: &[&str] = &[
    include_str!("../examples/leshan-2024-medical-inspection.yaml"),
    include_str!("../examples/central-2021-fund-inspection.yaml"),
    include_str!("../examples/meixian-2020-department.yaml"),
    include_str!("../examples/city-department-2025.yaml"),
];

fn samples() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        SAMPLES
            .iter()
            .map(|t| read_project("sample.yaml", t, library()).expect("an example reads"))
            .collect()
    })
}

/// A rubric file (YAML), as `rubric check` loads it (its flag settings too), shown as
/// `rubric show` prints it, then used to score a few example projects.
pub fn rubric(data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        return Outcome::NotText;
    };
    let scheme = match Scheme::from_yaml("fuzz-rubric.yaml", text) {
        Ok(s) => s,
        Err(e) => {
            render_error(&e);
            return Outcome::Refused;
        }
    };
    std::hint::black_box(table::rubric(&scheme, Lang::Zh));
    let mut outcome = Outcome::Unscored;
    for record in samples() {
        if score_record(record.clone(), &scheme, false) == Outcome::Reported {
            outcome = Outcome::Reported;
        }
    }
    outcome
}

/// Target and actual text, one per line: `TARGET\nACTUAL\nOP\nVALUE\nUNIT` (any line may be
/// missing). The target is read as one cell and, from the last three lines, as the three cells
/// of 公开表6; the actual as a cell. When they read, one indicator with them under each first
/// level is scored with national-2020 and central-2021 (the shipped rubrics of indicators).
pub fn grammar(data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        return Outcome::NotText;
    };
    let mut lines = text.split('\n');
    let mut next = || lines.next().unwrap_or("");
    let (target_text, actual_text) = (next(), next());
    let (op, value, unit) = (next(), next(), next());
    let actual = Actual::parse(actual_text);
    std::hint::black_box(format!("{actual:?}"));
    let parts = Target::from_parts(op, value, unit);
    std::hint::black_box(Target::shown_parts(op, value, unit));
    let mut outcome = Outcome::Refused;
    for target in [Target::parse(target_text), parts] {
        let Ok(target) = target else { continue };
        std::hint::black_box((target.display(), target.is_duration(), target.guessed()));
        let record = one_line_record(target, target_text, &actual, actual_text);
        for name in ["national-2020", "central-2021"] {
            if score_record(record.clone(), scheme(name), false) == Outcome::Reported {
                outcome = Outcome::Reported;
            } else if outcome == Outcome::Refused {
                outcome = Outcome::Unscored;
            }
        }
    }
    outcome
}

/// A record of four indicators with the same target and actual, one under each first level.
fn one_line_record(
    target: Target,
    target_text: &str,
    actual: &Actual,
    actual_text: &str,
) -> Record {
    let levels = [
        (Level1::Output, Level2::Quantity),
        (Level1::Cost, Level2::Cost),
        (Level1::Benefit, Level2::SocialBenefit),
        (Level1::Satisfaction, Level2::Satisfaction),
    ];
    let indicators = levels
        .iter()
        .enumerate()
        .map(|(i, &(level1, level2))| Indicator {
            name: CellText::new(&format!("指标{i}")),
            level1,
            level2,
            target: target.clone(),
            target_text: CellText::new(target_text),
            direction: None,
            weight: Some(Decimal::from(20)),
            actual: actual.clone(),
            actual_text: Some(CellText::new(actual_text)),
            claimed_score: None,
            deviation: None,
            notes: None,
            line: Some(i + 1),
        })
        .collect();
    Record {
        id: "FUZZ".into(),
        name: "fuzz".into(),
        department: None,
        authority: None,
        filled_by: None,
        year: Some(2024),
        rubric: None,
        budget: Budget::of(Decimal::from(100), Some(Decimal::from(90)), Money::Wan),
        goals: None,
        indicators,
        measures: Default::default(),
        claimed: Claimed::default(),
        item_notes: Vec::new(),
    }
}

/// A batch file: the first byte chooses the options, the rest is the file, in any encoding.
/// Bits of the first byte: 0–1 the forced encoding (none, UTF-8, GBK, none with the flag
/// messages column), 2 JSON lines, 3
/// indicator rows too, 4 `;` as the delimiter, 5–6 the rubric (always a shipped one), 7 the
/// language. One worker, small chunks (so that chunks are many).
pub fn batch(data: &[u8]) -> Outcome {
    let Some((&options, input)) = data.split_first() else {
        return Outcome::NotText;
    };
    let names: Vec<&str> = rubric::SHIPPED.iter().map(|(n, _)| *n).collect();
    let opts = batch::Options {
        rubric: Some(names[usize::from(options >> 5 & 3) % names.len()].to_string()),
        lang: if options & 0x80 == 0 {
            Lang::Zh
        } else {
            Lang::En
        },
        encoding: match options & 3 {
            1 => Some(Encoding::Utf8),
            2 => Some(Encoding::Gb18030),
            _ => None,
        },
        delimiter: Some(if options & 0x10 == 0 { b',' } else { b';' }),
        jsonl: options & 4 != 0,
        headers: None,
        messages: options & 3 == 3,
        deny: None,
        workers: 1,
        chunk: 2,
        progress: false,
    };
    let (mut out, mut err, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    let indicators: Option<&mut (dyn std::io::Write + Send)> =
        (options & 8 != 0).then_some(&mut rows as _);
    match batch::run(input, "fuzz.csv", &opts, &mut out, indicators, &mut err) {
        Ok(summary) => {
            assert_eq!(
                summary.projects,
                summary.scored + summary.in_error,
                "every project is scored or in error"
            );
            std::hint::black_box(summary.render(opts.lang));
            if summary.scored > 0 {
                Outcome::Reported
            } else {
                Outcome::Unscored
            }
        }
        Err(e) => {
            std::hint::black_box((e.render(Lang::Zh), e.render(Lang::En)));
            Outcome::Refused
        }
    }
}

/// A workbook's bytes (xlsx, xls, ods): read as `score` reads its forms (each record scored,
/// re-checked and rendered) and as `batch` reads its tables (every record read).
pub fn workbook(data: &[u8]) -> Outcome {
    use crate::read::{table, workbook};
    if !workbook::is_workbook(data) {
        return Outcome::NotText;
    }
    let mut outcome = Outcome::Refused;
    match workbook::form_records("fuzz.xlsx", data, &mut Vec::new()) {
        Ok(records) => {
            for r in records {
                match r {
                    Ok(record) => {
                        let scheme = scheme(record.rubric.as_deref().unwrap_or(rubric::DEFAULT));
                        if let Outcome::Reported = score_record(record, scheme, true) {
                            outcome = Outcome::Reported;
                        }
                    }
                    Err(e) => render_error(&e),
                }
            }
        }
        Err(e) => render_error(&e),
    }
    let mut skipped = Vec::new();
    if let Ok((cols, rows)) = workbook::batch_table("fuzz.xlsx", data, &mut skipped) {
        for r in table::records("fuzz.xlsx", cols, rows) {
            if let Err(e) = r {
                render_error(&e);
            }
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_reach_the_scoring() {
        for t in SAMPLES {
            assert_eq!(project(t.as_bytes()), Outcome::Reported);
        }
        assert_eq!(project(b"project: ["), Outcome::Refused);
        assert_eq!(project(b"\xff"), Outcome::NotText);
    }

    #[test]
    fn a_shipped_rubric_scores_the_samples() {
        assert_eq!(rubric(rubric::SHIPPED[0].1.as_bytes()), Outcome::Reported);
        assert_eq!(rubric(b"id: x"), Outcome::Refused);
        assert_eq!(&*scheme("no-such-rubric").id, rubric::DEFAULT);
    }

    #[test]
    fn a_target_and_an_actual_are_scored() {
        assert_eq!(grammar("≥90%\n95%".as_bytes()), Outcome::Reported);
        assert_eq!(grammar("≥90%\n95%\n≥\n90\n%".as_bytes()), Outcome::Reported);
        assert_eq!(grammar(b"\n\n??\n"), Outcome::Refused);
    }

    #[test]
    fn a_batch_is_read_under_every_option() {
        let csv = include_bytes!("../tests/data/sms-auth-2024-claims.csv");
        for options in [0u8, 0x0d, 0x25, 0xfd & !0x10] {
            let mut data = vec![options];
            data.extend_from_slice(csv);
            assert_eq!(batch(&data), Outcome::Reported, "options {options:#x}");
        }
        assert_eq!(batch(b""), Outcome::NotText);
        assert_eq!(batch(b"\0"), Outcome::Refused);
    }
}
