//! The end-of-run summary printed on stderr.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::i18n::Lang;

/// Counts of a batch run. `projects == scored + in_error`, always.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// The input file, as named on the command line.
    pub file: String,
    pub encoding: &'static str,
    pub rows: u64,
    /// Rows of the projects handled so far (for the progress line).
    pub rows_scored: u64,
    pub projects: u64,
    pub scored: u64,
    pub in_error: u64,
    /// Scored projects with a flag at or above the `--deny` severity.
    pub denied: u64,
    /// Projects per grade, keyed by the grade's rank in the rubric (best first) and its word.
    pub grades: BTreeMap<(usize, Arc<str>), u64>,
    /// Flags raised, counted by the rule's place in the registry.
    pub flags: Vec<u64>,
    pub ignored_columns: Vec<String>,
    pub elapsed: Duration,
    /// Peak resident memory in KiB, where the system tells it.
    pub peak_rss_kib: Option<u64>,
}

impl Summary {
    /// Adds the counts of a chunk of projects.
    pub fn add(&mut self, t: &super::work::Tally) {
        self.projects += t.projects;
        self.scored += t.scored;
        self.in_error += t.in_error;
        self.denied += t.denied;
        self.rows_scored += t.rows_scored;
        for (grade, n) in &t.grades {
            *self.grades.entry(grade.clone()).or_default() += n;
        }
        for (total, n) in self.flags.iter_mut().zip(&t.flags) {
            *total += n;
        }
    }

    pub fn rows_per_second(&self) -> u64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            (self.rows as f64 / s) as u64
        } else {
            0
        }
    }

    /// The ten most frequent flag codes, most frequent first, ties by code.
    pub fn top_flags(&self) -> Vec<(&'static str, u64)> {
        let mut v: Vec<(&'static str, u64)> = self
            .flags
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (crate::flags::registry::RULES[i].code, *n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(10);
        v
    }

    pub fn render(&self, lang: Lang) -> String {
        let file = &self.file;
        let mut s = String::new();
        let grades: Vec<String> = self
            .grades
            .iter()
            .map(|((_, g), n)| format!("{g} {n}"))
            .collect();
        let flags: Vec<String> = self
            .top_flags()
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let rss = self
            .peak_rss_kib
            .map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
            .unwrap_or_else(|| "?".into());
        let secs = self.elapsed.as_secs_f64();
        match lang {
            Lang::Zh => {
                let _ = writeln!(s, "jixiao batch：{file}（{}）", self.encoding);
                let _ = writeln!(
                    s,
                    "  读入项目 {}：评分 {}，出错 {}",
                    self.projects, self.scored, self.in_error
                );
                let _ = writeln!(s, "  读入行 {}", self.rows);
                let _ = writeln!(
                    s,
                    "  等级分布：{}",
                    if grades.is_empty() {
                        "—".into()
                    } else {
                        grades.join("，")
                    }
                );
                let _ = writeln!(
                    s,
                    "  最常见标记：{}",
                    if flags.is_empty() {
                        "—".into()
                    } else {
                        flags.join("，")
                    }
                );
                let _ = writeln!(
                    s,
                    "  用时 {secs:.3} 秒，{} 行/秒，峰值内存 {rss}",
                    self.rows_per_second()
                );
            }
            Lang::En => {
                let _ = writeln!(s, "jixiao batch: {file} ({})", self.encoding);
                let _ = writeln!(
                    s,
                    "  projects read {}: scored {}, in error {}",
                    self.projects, self.scored, self.in_error
                );
                let _ = writeln!(s, "  rows read {}", self.rows);
                let _ = writeln!(
                    s,
                    "  grades: {}",
                    if grades.is_empty() {
                        "—".into()
                    } else {
                        grades.join(", ")
                    }
                );
                let _ = writeln!(
                    s,
                    "  most frequent flags: {}",
                    if flags.is_empty() {
                        "—".into()
                    } else {
                        flags.join(", ")
                    }
                );
                let _ = writeln!(
                    s,
                    "  time {secs:.3} s, {} rows/s, peak memory {rss}",
                    self.rows_per_second()
                );
            }
        }
        s
    }
}

/// The progress bar on stderr (indicatif): rows and projects so far, the rate and the time
/// taken, redrawn at most twice a second, shown only after the first second and only when
/// stderr is a terminal (indicatif draws nothing otherwise).
pub struct Progress {
    started: Instant,
    lang: Lang,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(started: Instant, lang: Lang) -> Progress {
        Progress {
            started,
            lang,
            bar: None,
        }
    }

    pub fn tick(&mut self, s: &Summary) {
        if self.bar.is_none() {
            if self.started.elapsed() < Duration::from_secs(1) {
                return;
            }
            self.bar = Some(self.bar());
        }
        if let Some(bar) = &self.bar {
            // the rate over the whole run (indicatif's own estimate starts with the bar, a
            // second late, and would read the first jump as the rate)
            let rate = (s.rows_scored as f64 / self.started.elapsed().as_secs_f64()) as u64;
            bar.set_message(match self.lang {
                Lang::Zh => format!("{} 个项目，{rate} 行/秒", s.projects),
                Lang::En => format!(
                    "{}, {rate} rows/s",
                    crate::i18n::count(s.projects, "project")
                ),
            });
            bar.set_position(s.rows_scored);
        }
    }

    fn bar(&self) -> indicatif::ProgressBar {
        let template = match self.lang {
            Lang::Zh => "{spinner} 已处理 {human_pos} 行，{msg}，用时 {elapsed}",
            Lang::En => "{spinner} {human_pos} rows, {msg}, {elapsed}",
        };
        let bar = indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::stderr_with_hz(2),
        )
        .with_elapsed(self.started.elapsed());
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    }

    /// Writes `text` to `err` above the bar (the bar is put back after).
    pub fn above(&self, err: &mut dyn std::io::Write, text: &[u8]) {
        match &self.bar {
            Some(bar) => bar.suspend(|| {
                let _ = err.write_all(text);
            }),
            None => {
                let _ = err.write_all(text);
            }
        }
    }

    /// Clears the bar before the summary is printed.
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`), if the system tells it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
