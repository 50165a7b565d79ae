//! `batch IN.csv -o OUT.csv`: every project of a long CSV in one streaming pass; the summary
//! on stderr.

use std::io::Write;

use super::{Exit, write_failed};
use crate::batch::{Failure, Stream};
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::output::{Output, STDOUT, Step, WriteError, same_file};
use crate::read::csv::Encoding;

/// `batch`'s arguments as given on the command line.
pub struct BatchArgs {
    pub input: String,
    /// `-` is stdout.
    pub output: String,
    /// Indicator rows too, to this file (`-`: stdout).
    pub indicators: Option<String>,
    pub jsonl: bool,
    /// `output` is a workbook (its name ends in .xlsx, or `--format xlsx`).
    pub xlsx: bool,
    /// `auto`, `utf8`, `gbk`, `utf16`, `utf16le` or `utf16be`.
    pub encoding: String,
    /// `auto` (tab for UTF-16, else comma), one character, or `\t` / `tab`.
    pub delimiter: String,
    pub rubric: Option<String>,
    pub deny: Option<Severity>,
    /// The CSV headers' language; none: follow `--lang`.
    pub headers: Option<Lang>,
    /// Project rows end with the flags' messages.
    pub messages: bool,
    /// Show a progress line (stderr is a terminal).
    pub progress: bool,
}

/// The batch's options from its arguments; a bad encoding or delimiter is reported on `err`.
fn options(args: &BatchArgs, lang: Lang, err: &mut dyn Write) -> Option<crate::batch::Options> {
    let usage = |err: &mut dyn Write, option: &str, value: &str, zh: &str, en: &str| {
        let t = Text::new(
            format!("jixiao：{option} 的值 `{value}` 不对（{zh}）"),
            format!("jixiao: bad value for {option}: `{value}` ({en})"),
        );
        let _ = writeln!(err, "{}", t.get(lang));
    };
    let encoding = match args.encoding.as_str() {
        "auto" => None,
        e => match Encoding::parse(e) {
            Some(e) => Some(e),
            None => {
                let values = "auto, utf8, gbk, utf16, utf16le, utf16be";
                usage(err, "--encoding", e, &values.replace(", ", "、"), values);
                return None;
            }
        },
    };
    let delimiter = match args.delimiter.as_str() {
        "auto" => None,
        "\\t" | "tab" | "\t" => Some(b'\t'),
        d if d.len() == 1 => Some(d.as_bytes()[0]),
        d => {
            usage(
                err,
                "--delimiter",
                d,
                "一个字符、\\t，或 auto",
                "one character, \\t, or auto",
            );
            return None;
        }
    };
    Some(crate::batch::Options {
        rubric: args.rubric.clone(),
        lang,
        encoding,
        delimiter,
        jsonl: args.jsonl,
        headers: args.headers,
        messages: args.messages,
        deny: args.deny,
        workers: 0,
        chunk: 0,
        progress: args.progress,
    })
}

/// `batch`: scores every project of a CSV; the summary goes to `err`. Exit 2 when the input
/// cannot be read at all or an output cannot be written (141 when standard output's reader went
/// away), 1 when a project is in error or (with `deny`) flagged, else 0. Output files are put
/// in place together once both are complete: a failed run leaves the old files.
pub fn batch(args: &BatchArgs, lang: Lang, err: &mut (dyn Write + Send)) -> Exit {
    let Some(opts) = options(args, lang, err) else {
        return Exit::BadInput;
    };
    let opts = &opts;
    let (input, output, indicators) = (
        args.input.as_str(),
        args.output.as_str(),
        args.indicators.as_deref(),
    );
    // `-` is stdout for either output, but not for both at once; and two outputs in one file
    // would leave only the one put in place last
    if let Some(ind) = indicators
        && same_file(output, ind)
    {
        let message = if output == STDOUT {
            Text::new(
                "-o 和 --indicators 不能同时写到标准输出（-）",
                "-o and --indicators cannot both write to stdout (-)",
            )
        } else {
            Text::new(
                format!("{output}: -o 和 --indicators 不能写到同一个文件"),
                format!("{output}: -o and --indicators cannot write the same file"),
            )
        };
        let _ = writeln!(err, "{}", message.get(lang));
        return Exit::BadInput;
    }
    if args.xlsx {
        return batch_book(args, opts, lang, err);
    }
    let mut out = match Output::open(output) {
        Ok(o) => o,
        Err(e) => return write_failed(&e, lang, err),
    };
    let mut ind_out = match indicators.map(Output::open).transpose() {
        Ok(o) => o,
        Err(e) => return write_failed(&e, lang, err),
    };
    let ind_ref = ind_out.as_mut().map(|w| w as &mut (dyn Write + Send));
    let result = crate::batch::run_path(input, opts, &mut out, ind_ref, err);
    let summary = match result {
        Ok(summary) => summary,
        Err(Failure::Input(e)) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
        Err(Failure::Write(stream, e)) => {
            let target = match (stream, &ind_out) {
                (Stream::Indicators, Some(i)) => i.target(),
                _ => out.target(),
            };
            return write_failed(&WriteError::new(target, Step::Write, e), lang, err);
        }
    };
    // both finished before either is put in place
    let finished = out
        .finish()
        .and_then(|()| ind_out.as_mut().map_or(Ok(()), Output::finish))
        .and_then(|()| out.commit())
        .and_then(|()| ind_out.map_or(Ok(()), Output::commit));
    if let Err(e) = finished {
        return write_failed(&e, lang, err);
    }
    let _ = err.write_all(summary.render(lang).as_bytes());
    Exit::of(false, summary.in_error > 0 || summary.denied > 0)
}

/// `batch -o FILE.xlsx`: the digests streamed into one workbook, put in place once complete.
fn batch_book(
    args: &BatchArgs,
    opts: &crate::batch::Options,
    lang: Lang,
    err: &mut (dyn Write + Send),
) -> Exit {
    if args.indicators.is_some() {
        let t = Text::new(
            "jixiao：写工作簿时不用 --indicators（指标行在工作簿的明细表中）",
            "jixiao: --indicators is not for a workbook (its Lines sheet holds the indicator rows)",
        );
        let _ = writeln!(err, "{}", t.get(lang));
        return Exit::BadInput;
    }
    let (file, mut book) = match super::workbook::open(&args.output, lang, err) {
        Ok(b) => b,
        Err(exit) => return exit,
    };
    let result = crate::batch::run_path_to(
        &args.input,
        opts,
        crate::batch::Outputs::Digests(&mut book),
        err,
    );
    let summary = match result {
        Ok(summary) => summary,
        Err(Failure::Input(e)) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
        Err(Failure::Write(_, e)) => {
            return write_failed(&WriteError::new(file.target(), Step::Write, e), lang, err);
        }
    };
    // the rubric given on the command line, if it is a file: the shipped ones are found by name
    let forced = opts
        .rubric
        .as_deref()
        .and_then(|r| crate::rubric::Rubric::load(r).ok());
    let known: Vec<&crate::rubric::Rubric> = forced.iter().collect();
    if let Err(exit) = super::workbook::save(file, book, &known, lang, err) {
        return exit;
    }
    let _ = err.write_all(summary.render(lang).as_bytes());
    Exit::of(false, summary.in_error > 0 || summary.denied > 0)
}
