//! Every input that ever crashed a fuzz target (docs/FUZZING.md), replayed through the target's
//! own entry point (`jixiao::fuzzing`), on the stable toolchain.
//!
//! `tests/regressions/<target>/` holds the inputs: those directly inside must pass (`fuzz/run.sh`
//! copies new crash inputs there, so a crash found fails `cargo test` until it is looked at);
//! each subfolder is one known fault, with its own test below, ignored while the fault is open.
//!
//! Each input runs in a child process (this test binary again, running `replay_child`), so that
//! a stack overflow or an abort fails that input instead of ending the test run, and an input
//! that takes too long is killed and reported.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jixiao::fuzzing;

/// A fuzz target's entry point.
type Entry = fn(&[u8]) -> fuzzing::Outcome;

/// The fuzz targets, by the name of their folder.
const TARGETS: &[(&str, Entry)] = &[
    ("project", fuzzing::project),
    ("rubric", fuzzing::rubric),
    ("grammar", fuzzing::grammar),
    ("batch", fuzzing::batch),
    ("workbook", fuzzing::workbook),
];

/// The known faults: `target/folder`, each with a test of its own below.
const GROUPS: &[&str] = &[
    "project/issue17-arithmetic",
    "grammar/issue17-arithmetic",
    "batch/issue17-arithmetic",
];

/// Longer than this (a debug build, on a busy machine) is a failure.
const LIMIT: Duration = Duration::from_secs(20);

const ROOT: &str = "tests/regressions";

/// The input files directly in `dir`, sorted; none when there is no such folder.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

/// Runs one input in a child process: its failure (a panic, a signal, or taking longer than
/// [`LIMIT`]) as text.
fn replay(target: &str, file: &Path) -> Result<(), String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "replay_child",
            "--include-ignored",
            "--nocapture",
        ])
        .env("JIXIAO_REPLAY_TARGET", target)
        .env("JIXIAO_REPLAY_FILE", file)
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("took over {} s", LIMIT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if status.success() {
        return Ok(());
    }
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    Err(format!("{status}: {}", why(&stderr)))
}

/// What a child's stderr says went wrong: the panic's message and the first frame of the
/// library's own code below it (the panic's location is often inside a dependency).
fn why(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out: Vec<String> = Vec::new();
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        out.push(lines[i].to_string());
        out.extend(lines.get(i + 1).map(|l| l.to_string()));
    }
    out.extend(
        lines
            .iter()
            .find(|l| l.contains("overflowed its stack") || l.contains("abort"))
            .map(|l| l.to_string()),
    );
    let frame = lines.windows(2).find(|w| {
        w[0].contains(" jixiao::")
            && !w[0].contains("jixiao::fuzzing")
            && w[1].contains("at ./src/")
    });
    if let Some(w) = frame {
        let frame = w[0].trim();
        let frame = frame.split_once(": ").map_or(frame, |(_, f)| f);
        out.push(format!("in {frame} {}", w[1].trim()));
    }
    out.join(" / ")
}

/// Replays every input of a folder of `target`'s; asserts there is at least one and that none
/// fails.
fn replay_all(target: &str, dir: &Path) {
    let files = inputs(dir);
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter_map(|f| {
            replay(target, f)
                .err()
                .map(|e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(failed.is_empty(), "failing inputs:\n{}", failed.join("\n"));
}

/// Replays the inputs of a known fault, `target/folder`.
fn group(name: &str) {
    assert!(GROUPS.contains(&name), "{name} is not in GROUPS");
    let target = name.split('/').next().unwrap();
    replay_all(target, &Path::new(ROOT).join(name));
}

/// The other half of [`replay`]: runs the input the environment names (nothing when it names
/// none, as when all ignored tests are run).
#[test]
#[ignore = "run by the other tests, one input at a time"]
fn replay_child() {
    let (Ok(target), Ok(file)) = (
        std::env::var("JIXIAO_REPLAY_TARGET"),
        std::env::var("JIXIAO_REPLAY_FILE"),
    ) else {
        return;
    };
    let run = TARGETS.iter().find(|(t, _)| *t == target).unwrap().1;
    run(&std::fs::read(file).unwrap());
}

/// Inputs directly in a target's folder (new crash inputs from `fuzz/run.sh`) must pass.
#[test]
fn new_crash_inputs_pass() {
    for (target, _) in TARGETS {
        let dir = Path::new(ROOT).join(target);
        if !inputs(&dir).is_empty() {
            replay_all(target, &dir);
        }
    }
}

/// Every folder of known faults has its test: none is skipped unseen.
#[test]
fn every_fault_folder_has_a_test() {
    let mut found = Vec::new();
    for (target, _) in TARGETS {
        let Ok(entries) = std::fs::read_dir(Path::new(ROOT).join(target)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                found.push(format!(
                    "{target}/{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    found.sort();
    let mut listed: Vec<String> = GROUPS.iter().map(|g| g.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "the folders under {ROOT} and GROUPS");
}

/// The replay reports a panic as a failure, and passes a sound input.
#[test]
fn the_replay_tells_a_crash_from_a_pass() {
    let example = Path::new("examples/leshan-2024-medical-inspection.yaml");
    assert_eq!(replay("project", example), Ok(()));
    let bad = replay("no-such-target", example).unwrap_err();
    assert!(bad.contains("panicked at"), "{bad}");
}

// Decimal overflows on quoted extreme values (the findings of issue 17's fault campaign): now
// refused at read time (model::bounds) or computed without overflow (num::mul_div_clamped,
// num::percent_of).
#[test]
fn project_issue17_arithmetic() {
    group("project/issue17-arithmetic");
}

// Found by the grammar target: a target of 1e-28 not met under central-2021's pass-mark curve;
// the completion ratio `num / den * 100` overflowed (src/score/line.rs, Figures::ratio); it now
// saturates (num::percent_of).
#[test]
fn grammar_issue17_arithmetic() {
    group("grammar/issue17-arithmetic");
}

// The same overflows in a batch: the worker panicked and the run ended (exit 101).
#[test]
fn batch_issue17_arithmetic() {
    group("batch/issue17-arithmetic");
}
