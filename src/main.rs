//! The `jixiao` command: parses arguments (clap) and calls one of the library's commands.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use jixiao::commands::{self, Format, Options, View};
use jixiao::flags::Severity;
use jixiao::i18n::Lang;
use jixiao::output::{STDOUT, Step, WriteError};

mod allocator;

// The batch path allocates a few small strings per row on one thread and frees them on the
// other; mimalloc's per-thread heaps made `jixiao batch` about 30% faster than the system
// allocator on the benchmark of docs/BENCHMARKS.md.
#[global_allocator]
static GLOBAL: allocator::MiMalloc = allocator::MiMalloc;

/// jixiao (绩效): scores budget performance self-evaluations and re-checks what units claim.
#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    after_help = "Examples:\n  jixiao score examples/sms-auth-2024-claims.yaml\n  jixiao check examples/*.yaml --lang en\n  jixiao explain score-inflated"
)]
struct Cli {
    /// Language of messages and help: zh (中文, default) or en; when not given, the help
    /// follows LANG (en_* is English), the messages stay Chinese.
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
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
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
        /// Project files (YAML) or workbooks of forms (a project per sheet), or folders.
        #[arg(required = true)]
        files: Vec<String>,
        /// A shipped rubric name or a rubric file; overrides the files' own `rubric:`.
        #[arg(long)]
        rubric: Option<String>,
        /// Output: table (default), json, or xlsx (a workbook, with -o).
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
        /// Write a workbook here (a name ending in .xlsx, or with --format xlsx).
        #[arg(short, long)]
        output: Option<String>,
    },
    /// Re-check claimed self-scores: claimed vs recomputed, and every flag. Exit 1 on an error flag.
    #[command(
        after_help = "Exit codes: 0 no error flag (no warning either with --deny warning), 1 flagged, 2 bad input.\nExample:\n  jixiao check examples/sms-auth-2024-claims.yaml --deny warning"
    )]
    Check {
        /// Project files (YAML) or workbooks of forms (a project per sheet), or folders.
        #[arg(required = true)]
        files: Vec<String>,
        /// A shipped rubric name or a rubric file; overrides the files' own `rubric:`.
        #[arg(long)]
        rubric: Option<String>,
        /// Output: table (default), json, or xlsx (a workbook, with -o).
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
        /// Write a workbook here (a name ending in .xlsx, or with --format xlsx).
        #[arg(short, long)]
        output: Option<String>,
        /// The least severe flag that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        deny: DenyArg,
    },
    /// Explain a flag code; without a code, list every code.
    #[command(after_help = "Example:\n  jixiao explain cost-exceeds-execution --lang en")]
    Explain {
        /// A rule's code, such as score-inflated; none lists them all.
        code: Option<String>,
    },
    /// List the shipped rubrics.
    #[command(after_help = "Example:\n  jixiao rubrics")]
    Rubrics,
    /// Check a rubric file, or show a rubric as a printed table.
    #[command(
        after_help = "Examples:\n  jixiao rubric check my-city-2025.yaml\n  jixiao rubric show shaanxi-dept-2020"
    )]
    Rubric {
        #[command(subcommand)]
        action: RubricAction,
    },
    /// Score and re-check every project of a long CSV (one row per indicator) in one pass.
    #[command(
        after_help = "Headers in English or as on the forms (项目名称, 一级指标, 指标性质, 指标值, 度量单位, 权重, 实际完成值 …);\nmerged cells are filled down. Exit codes: 0 all scored, 1 a project in error (or flagged with --deny), 2 unreadable input.\nExample:\n  jixiao batch projects.csv -o scores.csv --indicators lines.csv"
    )]
    Batch {
        /// The CSV file, or `-` for standard input.
        input: String,
        /// Where the project rows go; `-` is standard output. A name ending in .xlsx (or
        /// --format xlsx) writes one workbook: 汇总, 明细, 标记, 按单位, 结果应用.
        #[arg(short, long, default_value = "-")]
        output: String,
        /// Also write one row per indicator to this file; `-` is standard output (then give
        /// `-o` a file).
        #[arg(long)]
        indicators: Option<String>,
        /// Output: csv (default), jsonl (a JSON object per line) or xlsx.
        #[arg(long, value_enum, default_value = "csv")]
        format: BatchFormatArg,
        /// CSV headers: `auto` follows --lang; `zh` (Chinese, after a UTF-8 byte-order mark,
        /// for Excel); `en`, the stable set for scripts and pipelines (no mark).
        #[arg(long, value_enum, default_value = "auto")]
        headers: HeadersArg,
        /// Project rows end with a column of the flags' messages (in --lang), not only codes.
        #[arg(long)]
        messages: bool,
        /// Input encoding: detected by default (a byte-order mark: UTF-8, UTF-16 or GB18030;
        /// else UTF-8 or GB18030/GBK from the first 64 KiB); or utf8, gbk, utf16 (the mark says
        /// the byte order, little-endian without one), utf16le, utf16be.
        #[arg(long, default_value = "auto")]
        encoding: String,
        /// Field delimiter: one character, or `\t` / `tab`; `auto` is a tab in UTF-16 text (as
        /// Excel saves "Unicode 文本"), else a comma.
        #[arg(long, default_value = "auto")]
        delimiter: String,
        /// A shipped rubric name or a rubric file; overrides each project's own.
        #[arg(long)]
        rubric: Option<String>,
        /// Exit 1 also when a project has a flag of this severity or worse.
        #[arg(long, value_enum)]
        deny: Option<DenyArg>,
    },
    /// Write one self-contained HTML report (no network needed): an overview, each project's
    /// 复核意见 (review opinion), a row per project, the flags explained.
    #[command(
        after_help = "Inputs: YAML project files, workbooks of forms, batch CSVs or long-table workbooks.\nExit codes: 0 clean, 1 a project in error or flagged (--deny), 2 unreadable input or output.\nExample:\n  jixiao report examples/*.yaml -o report.html\n  jixiao report big.csv -o report.html --full 500"
    )]
    Report {
        /// Input files or folders.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// The HTML file to write; `-` is standard output.
        #[arg(short, long)]
        output: String,
        /// A shipped rubric name or a rubric file; overrides each project's own.
        #[arg(long)]
        rubric: Option<String>,
        /// The least severe flag that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        deny: DenyArg,
        /// Show every project in full when there are at most N; else the N with error flags
        /// that are furthest off (the rest as one row each).
        #[arg(long, default_value_t = jixiao::render::html::FULL, value_name = "N")]
        full: usize,
        /// A date to print in the heading (none by default: same input, same bytes).
        #[arg(long)]
        date: Option<String>,
    },
    /// Write fill-in forms (the national 自评表, xlsx) from a target table (公开表6 xlsx or CSV,
    /// or a project file): targets, weights and budget filled in, results left to fill.
    #[command(
        after_help = "Example:\n  jixiao template 公开表6.xlsx -o 自评表/\n  jixiao template 公开表6.csv -o 自评表.xlsx   (one workbook, a sheet per project)"
    )]
    Template {
        /// The target table: a workbook, a CSV or a project file.
        input: String,
        /// A folder (one workbook per project) or a file ending in .xlsx (a sheet per project).
        #[arg(short, long)]
        output: String,
    },
    /// Print a shell's completion script: bash, zsh, fish or powershell.
    #[command(
        after_help = "Examples:\n  jixiao completions bash > ~/.local/share/bash-completion/completions/jixiao\n  jixiao completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell: bash, zsh, fish or powershell.
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the JSON Schema of a kind of file, for an editor (VS Code's YAML extension).
    #[command(after_help = "Example:\n  jixiao schema project > project.schema.json")]
    Schema {
        /// The kind of file: project, rubric, library, review (a review rubric) or monitor (a
        /// monitoring policy).
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(jixiao::schema::SchemaKind::names()))]
        kind: String,
    },
    /// Review target tables (公开表6) the way a finance bureau does: findings like a linter and
    /// a verdict per project. Exit 1 on an error finding (or warning, with --deny warning).
    #[command(
        after_help = "Exit codes: 0 nothing denied, 1 a denied finding, 2 bad input (or a baseline that matches nothing).\nExamples:\n  jixiao review 公开表6.csv\n  jixiao review 2024.csv --baseline 2023-自评.xlsx --format json\n  jixiao review 公开表6.csv -o 审核意见.xlsx   (or -o 审核意见.html)\n  jixiao explain target-without-number"
    )]
    Review {
        /// Target tables: workbooks, CSV files or project files.
        #[arg(required = true)]
        tables: Vec<String>,
        /// Last year's self-evaluations or target tables, to compare targets with.
        #[arg(long, num_args = 1..)]
        baseline: Vec<String>,
        /// A shipped review rubric (review-2021) or a review rubric file.
        #[arg(long)]
        rubric: Option<String>,
        /// Output: table (default) or json on standard output (or to -o); xlsx and html (审核意见)
        /// to -o FILE.
        #[arg(long, value_enum, default_value = "table")]
        format: ReviewFormatArg,
        /// The file to write: a name ending in .xlsx or .html writes a workbook or a page.
        #[arg(short, long)]
        output: Option<String>,
        /// The least severe finding that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        deny: DenyArg,
    },
    /// Monitor the year so far (绩效运行监控): spending against the calendar and the policy's
    /// checkpoints, the year-end balance the pace leads to, targets against spending, the
    /// unit's claims against its figures; the monitoring table and the projects to send a
    /// 提示函 to. Exit 1 on an error finding (or warning, with --deny warning).
    #[command(
        after_help = "Exit codes: 0 nothing denied, 1 a denied finding, 2 bad input.\nExamples:\n  jixiao monitor 8月监控.yaml --as-of 2024-08-31\n  jixiao monitor 监控/ --as-of 2024-08-31 --policy province-bimonthly --format json\n  jixiao monitor 8月监控.csv --as-of 2024-08-31 -o 监控表.xlsx\n  jixiao explain monitor-checkpoint"
    )]
    Monitor {
        /// Monitoring files (YAML, CSV or workbooks), or folders of them.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// The date the figures are as of: YYYY-MM-DD, within the projects' year.
        #[arg(long)]
        as_of: String,
        /// A shipped monitoring policy (shaanxi-dept-2020-progress, province-bimonthly) or a
        /// policy file.
        #[arg(long)]
        policy: Option<String>,
        /// Output: table (default) or json on standard output (or to -o); xlsx (监控表) to -o
        /// FILE; html (a page) on standard output or to -o.
        #[arg(long, value_enum, default_value = "table")]
        format: MonitorFormatArg,
        /// The file to write: a name ending in .xlsx or .html writes a workbook or a page.
        #[arg(short, long)]
        output: Option<String>,
        /// The least severe finding that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        deny: DenyArg,
    },
    /// Write a realistic batch CSV of N indicator rows (for benchmarks and trials): 8-17
    /// indicators per project, forms' Chinese headers, merged cells left blank, varied targets,
    /// actuals and claimed scores, as real tables hold them; a name ending in .xlsx writes a
    /// workbook.
    #[command(
        after_help = "Example:\n  jixiao generate --rows 1000000 -o big.csv && jixiao batch big.csv -o scores.csv\n  jixiao generate --rows 2000 --bad-every 100 -o trial.csv   (about 20 bad rows, to see how errors are reported)"
    )]
    Generate {
        /// Indicator rows to write (about 12 per project).
        #[arg(long, default_value_t = 1000)]
        rows: usize,
        /// The seed: the same seed gives the same file.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Also write bad rows, about one in K at random (an unknown 一级指标 or a weight that is
        /// not a number); none by default. The benchmarks use 1000.
        #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
        bad_every: Option<u64>,
        /// The file to write; `-` is standard output.
        #[arg(short, long, default_value = "-")]
        output: String,
    },
}

#[derive(Subcommand)]
enum RubricAction {
    /// Validate a rubric: points add up, bands leave no gap, formulas compile, flag codes exist.
    #[command(after_help = "Example:\n  jixiao rubric check examples/rubrics/city-2025.yaml")]
    Check {
        /// The rubric file (YAML).
        file: String,
    },
    /// Print a rubric (a shipped name or a file) as the table a person would print on paper.
    #[command(after_help = "Example:\n  jixiao rubric show national-2020")]
    Show {
        /// A shipped rubric's name (`jixiao rubrics` lists them) or a rubric file.
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum MonitorFormatArg {
    Table,
    Json,
    Xlsx,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReviewFormatArg {
    Table,
    Json,
    Xlsx,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum HeadersArg {
    Auto,
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum BatchFormatArg {
    Csv,
    Jsonl,
    Xlsx,
}

fn main() -> ExitCode {
    ignore_file_size_signal();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    let mut command = match help_lang(&args, locale.as_deref()) {
        Lang::Zh => chinese(Cli::command()),
        Lang::En => Cli::command(),
    };
    let cli = match Cli::from_arg_matches(&command.clone().get_matches_from(args)) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let exit = match cli.command {
        Command::Score {
            files,
            rubric,
            format,
            output,
        } => {
            let opts = options(rubric, lang, format, DenyArg::Error, output);
            commands::files(&files, View::Score, &opts, &mut out, &mut err)
        }
        Command::Check {
            files,
            rubric,
            format,
            output,
            deny,
        } => {
            let opts = options(rubric, lang, format, deny, output);
            commands::files(&files, View::Check, &opts, &mut out, &mut err)
        }
        Command::Explain { code } => commands::explain(code.as_deref(), lang, &mut out, &mut err),
        Command::Rubrics => commands::list_rubrics(lang, &mut out, &mut err),
        Command::Rubric {
            action: RubricAction::Check { file },
        } => commands::rubric_check(&file, lang, &mut out, &mut err),
        Command::Rubric {
            action: RubricAction::Show { name },
        } => commands::rubric_show(&name, lang, &mut out, &mut err),
        Command::Batch {
            input,
            output,
            indicators,
            format,
            headers,
            messages,
            encoding,
            delimiter,
            rubric,
            deny,
        } => {
            let xlsx = commands::is_xlsx(&output, matches!(format, BatchFormatArg::Xlsx));
            let args = commands::BatchArgs {
                input,
                output,
                indicators,
                jsonl: matches!(format, BatchFormatArg::Jsonl),
                xlsx,
                encoding,
                delimiter,
                rubric,
                deny: deny.map(severity),
                headers: match headers {
                    HeadersArg::Auto => None,
                    HeadersArg::Zh => Some(Lang::Zh),
                    HeadersArg::En => Some(Lang::En),
                },
                messages,
                progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            };
            drop(out);
            commands::batch(&args, lang, &mut err)
        }
        Command::Report {
            inputs,
            output,
            rubric,
            deny,
            full,
            date,
        } => {
            let args = commands::ReportArgs {
                inputs,
                output,
                rubric,
                deny: severity(deny),
                full,
                date,
                progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            };
            drop(out);
            commands::report(&args, lang, &mut err)
        }
        Command::Review {
            tables,
            baseline,
            rubric,
            format,
            output,
            deny,
        } => {
            let format = match format {
                ReviewFormatArg::Table => commands::ReviewFormat::Table,
                ReviewFormatArg::Json => commands::ReviewFormat::Json,
                ReviewFormatArg::Xlsx => commands::ReviewFormat::Xlsx,
                ReviewFormatArg::Html => commands::ReviewFormat::Html,
            };
            let args = commands::ReviewArgs {
                tables,
                baseline,
                rubric,
                format,
                output,
                deny: severity(deny),
            };
            commands::review(&args, lang, &mut out, &mut err)
        }
        Command::Monitor {
            inputs,
            as_of,
            policy,
            format,
            output,
            deny,
        } => {
            let format = match format {
                MonitorFormatArg::Table => commands::MonitorFormat::Table,
                MonitorFormatArg::Json => commands::MonitorFormat::Json,
                MonitorFormatArg::Xlsx => commands::MonitorFormat::Xlsx,
                MonitorFormatArg::Html => commands::MonitorFormat::Html,
            };
            let args = commands::MonitorArgs {
                inputs,
                as_of,
                policy,
                format,
                output,
                deny: severity(deny),
            };
            commands::monitor(&args, lang, &mut out, &mut err)
        }
        Command::Schema { kind } => commands::schema(&kind, lang, &mut out, &mut err),
        Command::Completions { shell } => {
            let shell = match shell {
                ShellArg::Bash => clap_complete::Shell::Bash,
                ShellArg::Zsh => clap_complete::Shell::Zsh,
                ShellArg::Fish => clap_complete::Shell::Fish,
                ShellArg::Powershell => clap_complete::Shell::PowerShell,
            };
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "jixiao", &mut script);
            commands::print(&script, lang, &mut out, &mut err)
        }
        Command::Template { input, output } => commands::template(&input, &output, lang, &mut err),
        Command::Generate {
            rows,
            seed,
            bad_every,
            output,
        } => commands::generate(rows, seed, bad_every, &output, lang, &mut err),
    };
    // whatever is still buffered for standard output: its failure is the command's too
    let exit = match std::io::stdout().flush() {
        Err(e) if exit != commands::Exit::StdoutClosed => {
            let e = WriteError::new(STDOUT, Step::Write, e);
            commands::write_failed(&e, lang, &mut err)
        }
        _ => exit,
    };
    ExitCode::from(exit.code())
}

/// The help's language: `--lang` as given, else the locale's (`en…` is English), else Chinese.
fn help_lang(args: &[std::ffi::OsString], locale: Option<&str>) -> Lang {
    let mut given = None;
    for (i, a) in args.iter().enumerate() {
        let a = a.to_string_lossy();
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(|v| v.to_string_lossy().into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("en") => given = Some(Lang::En),
            Some("zh") => given = Some(Lang::Zh),
            _ => {}
        }
    }
    given.unwrap_or(match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    })
}

/// The command line with its help in Chinese (jixiao::help), clap's own words too.
fn chinese(mut command: clap::Command) -> clap::Command {
    command.build();
    chinese_at(command, "")
}

fn chinese_at(command: clap::Command, path: &str) -> clap::Command {
    use jixiao::help::words;
    let help = jixiao::help::zh(path);
    let mut command = command
        .help_template(concat!(
            "{about-with-newline}\n",
            "用法：{usage}\n\n{all-args}{after-help}"
        ))
        .subcommand_help_heading(words::COMMANDS)
        .subcommand_value_name(words::COMMANDS);
    // clap's own usage line, its placeholder for options in Chinese
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
    command = command.override_usage(usage.replace("[OPTIONS]", "[选项]"));
    if let Some(h) = help {
        command = command.about(h.about).long_about(None::<&str>);
        if let Some(after) = h.after {
            command = command.after_help(after);
        }
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = match id.as_str() {
            "help" => Some(words::HELP),
            "version" => Some(words::VERSION),
            id => help.and_then(|h| h.args.iter().find(|(a, _)| *a == id).map(|(_, t)| *t)),
        };
        command = command.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                words::ARGUMENTS
            } else {
                words::OPTIONS
            };
            let a = a.help_heading(heading);
            match text {
                Some(t) => a
                    .help(t)
                    .long_help(None::<&str>)
                    .hide_default_value(true)
                    .hide_possible_values(true),
                None => a,
            }
        });
    }
    let subs: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |s| {
            if name == "help" {
                s.about(words::HELP_COMMAND)
            } else {
                chinese_at(s, &sub_path)
            }
        });
    }
    command
}

/// Past a file-size limit (`ulimit -f`) a write then fails with EFBIG, reported as a failed
/// write with the output's name, instead of SIGXFSZ ending the process with a temporary
/// file left behind. (Rust already ignores SIGPIPE, so a closed pipe is an EPIPE error.)
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal to "ignore" before any other thread starts;
    // no handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn severity(d: DenyArg) -> Severity {
    match d {
        DenyArg::Error => Severity::Error,
        DenyArg::Warning => Severity::Warning,
    }
}

fn options(
    rubric: Option<String>,
    lang: Lang,
    format: FormatArg,
    deny: DenyArg,
    output: Option<String>,
) -> Options {
    let xlsx = matches!(format, FormatArg::Xlsx);
    Options {
        rubric,
        lang,
        format: match format {
            _ if output
                .as_deref()
                .is_some_and(|o| commands::is_xlsx(o, xlsx)) =>
            {
                Format::Xlsx
            }
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Xlsx => Format::Xlsx,
        },
        deny: severity(deny),
        output,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument has its help in both languages, and each command an
    /// example: a Chinese entry in jixiao::help for each (none left over), English from the
    /// definitions.
    #[test]
    fn every_command_and_argument_is_described_in_both_languages() {
        fn walk(c: &clap::Command, path: &str, seen: &mut Vec<String>) {
            if c.get_name() == "help" {
                return;
            }
            seen.push(path.to_string());
            let zh =
                jixiao::help::zh(path).unwrap_or_else(|| panic!("no Chinese help for `{path}`"));
            assert!(!zh.about.is_empty());
            assert!(
                zh.after.is_some_and(|a| a.contains("jixiao ")),
                "`{path}` has no Chinese example"
            );
            assert!(c.get_about().is_some(), "`{path}` has no English about");
            assert!(
                c.get_after_help()
                    .is_some_and(|a| a.to_string().contains("jixiao ")),
                "`{path}` has no English example"
            );
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(
                    a.get_help().is_some(),
                    "`{path}`: `{id}` has no English help"
                );
                assert!(
                    zh.args.iter().any(|(x, _)| *x == id),
                    "`{path}`: `{id}` has no Chinese help"
                );
            }
            for (id, _) in zh.args {
                assert!(
                    c.get_arguments().any(|a| a.get_id() == *id),
                    "`{path}`: Chinese help for `{id}`, which is not an argument"
                );
            }
            for s in c.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &p, seen);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut seen = Vec::new();
        walk(&command, "", &mut seen);
        for h in jixiao::help::ZH {
            assert!(
                seen.iter().any(|p| p == h.path),
                "help for no command: `{}`",
                h.path
            );
        }
    }

    #[test]
    fn help_is_chinese_unless_asked_or_the_locale_is_english() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(help_lang(&args(&["jixiao", "--help"]), None), Lang::Zh);
        assert_eq!(
            help_lang(&args(&["jixiao", "--help"]), Some("C.UTF-8")),
            Lang::Zh
        );
        assert_eq!(
            help_lang(&args(&["jixiao", "--help"]), Some("en_US.UTF-8")),
            Lang::En
        );
        assert_eq!(
            help_lang(&args(&["jixiao", "batch", "--lang", "en", "-h"]), None),
            Lang::En
        );
        assert_eq!(
            help_lang(&args(&["jixiao", "--lang=en", "-h"]), Some("zh_CN")),
            Lang::En
        );
        assert_eq!(
            help_lang(&args(&["jixiao", "--lang", "zh"]), Some("en_GB")),
            Lang::Zh
        );
        let zh = chinese(Cli::command()).render_help().to_string();
        assert!(zh.contains("用法：") && zh.contains("显示帮助"), "{zh}");
        let mut batch = chinese(Cli::command());
        let batch = batch
            .find_subcommand_mut("batch")
            .unwrap()
            .render_help()
            .to_string();
        assert!(batch.contains("长表：CSV 文件或工作簿"), "{batch}");
    }
}
