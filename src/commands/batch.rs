//! `batch IN.csv -o OUT.csv`: every project of a long CSV in one streaming pass; the summary
//! on stderr.

use std::io::Write;

use super::Exit;
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::read::csv::Encoding;

/// `batch`'s arguments as given on the command line.
pub struct BatchArgs {
    pub input: String,
    /// `-` is stdout.
    pub output: String,
    /// Indicator rows too, to this file (`-`: stdout).
    pub indicators: Option<String>,
    pub jsonl: bool,
    /// `auto`, `utf8` or `gbk`.
    pub encoding: String,
    /// One character, or `\t` / `tab`.
    pub delimiter: String,
    pub rubric: Option<String>,
    pub deny: Option<Severity>,
    /// Show a progress line (stderr is a terminal).
    pub progress: bool,
}

/// The batch's options from its arguments; a bad encoding or delimiter is reported on `err`.
fn options(args: &BatchArgs, lang: Lang, err: &mut dyn Write) -> Option<crate::batch::Options> {
    let usage = |err: &mut dyn Write, what: &str| {
        let _ = writeln!(err, "jixiao: bad value for {what}");
    };
    let encoding = match args.encoding.as_str() {
        "auto" => None,
        e => match Encoding::parse(e) {
            Some(e) => Some(e),
            None => {
                usage(err, &format!("--encoding: `{e}` (auto, utf8, gbk)"));
                return None;
            }
        },
    };
    let delimiter = match args.delimiter.as_str() {
        "\\t" | "tab" | "\t" => b'\t',
        d if d.len() == 1 => d.as_bytes()[0],
        d => {
            usage(err, &format!("--delimiter: `{d}` (one character, or \\t)"));
            return None;
        }
    };
    Some(crate::batch::Options {
        rubric: args.rubric.clone(),
        lang,
        encoding,
        delimiter,
        jsonl: args.jsonl,
        deny: args.deny,
        workers: 0,
        chunk: 0,
        progress: args.progress,
    })
}

/// `batch`: scores every project of a CSV; the summary goes to `err`. Exit 2 when the input
/// cannot be read at all, 1 when a project is in error or (with `deny`) flagged, else 0.
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
                return Exit::BadInput;
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
        return Exit::BadInput;
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
                return Exit::BadInput;
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
                return Exit::BadInput;
            }
        }
    };
    let _ = out.flush();
    match result {
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            Exit::BadInput
        }
        Ok(summary) => {
            let _ = err.write_all(summary.render(lang).as_bytes());
            if summary.in_error > 0 || summary.denied > 0 {
                Exit::Flagged
            } else {
                Exit::Clean
            }
        }
    }
}
