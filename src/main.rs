//! The `jixiao` command: parses arguments and calls the library.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use jixiao::flags::Severity;
use jixiao::i18n::Lang;
use jixiao::run::{self, Format, Options, View};

/// jixiao (绩效): scores budget performance self-evaluations and re-checks what units claim.
#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    after_help = "Examples:\n  jixiao score examples/sms-auth-2024-claims.yaml\n  jixiao check examples/*.yaml --lang en\n  jixiao explain score-inflated"
)]
struct Cli {
    /// Language of messages: zh (中文, default) or en.
    #[arg(long, global = true, value_enum, default_value = "zh")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyArg {
    Error,
    Warning,
}

#[derive(Subcommand)]
enum Command {
    /// Score project files: every indicator with its reason, budget execution, total, grade, flags.
    #[command(
        after_help = "Example:\n  jixiao score examples/leshan-2021-backbone-network.yaml --format json"
    )]
    Score {
        /// Project files (YAML).
        #[arg(required = true)]
        files: Vec<String>,
        /// A shipped rubric name or a rubric file; overrides the files' own `rubric:`.
        #[arg(long)]
        rubric: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Re-check claimed self-scores: claimed vs recomputed, and every flag. Exit 1 on an error flag.
    #[command(
        after_help = "Exit codes: 0 no error flag (no warning either with --deny warning), 1 flagged, 2 bad input.\nExample:\n  jixiao check examples/sms-auth-2024-claims.yaml --deny warning"
    )]
    Check {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long)]
        rubric: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
        /// The least severe flag that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        deny: DenyArg,
    },
    /// Explain a flag code; without a code, list every code.
    #[command(after_help = "Example:\n  jixiao explain cost-exceeds-execution --lang en")]
    Explain { code: Option<String> },
    /// List the shipped rubrics.
    Rubrics,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let code = match cli.command {
        Command::Score {
            files,
            rubric,
            format,
        } => {
            let opts = options(rubric, lang, format, DenyArg::Error);
            run::files(&files, View::Score, &opts, &mut out, &mut err)
        }
        Command::Check {
            files,
            rubric,
            format,
            deny,
        } => {
            let opts = options(rubric, lang, format, deny);
            run::files(&files, View::Check, &opts, &mut out, &mut err)
        }
        Command::Explain { code } => match run::explain(code.as_deref(), lang) {
            Ok(s) => {
                let _ = out.write_all(s.as_bytes());
                0
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                2
            }
        },
        Command::Rubrics => {
            let _ = out.write_all(run::list_rubrics(lang).as_bytes());
            0
        }
    };
    let _ = out.flush();
    ExitCode::from(code as u8)
}

fn options(rubric: Option<String>, lang: Lang, format: FormatArg, deny: DenyArg) -> Options {
    Options {
        rubric,
        lang,
        format: match format {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
        },
        deny: match deny {
            DenyArg::Error => Severity::Error,
            DenyArg::Warning => Severity::Warning,
        },
    }
}
