//! Where the outputs go when writing fails: every failed write ends the command with exit 2 and
//! a message naming the output (not the input) and the reason; an output file is whole or not
//! there (the old one kept); a reader that stops reading (`| head`) ends the run quietly.

mod common;
use common::{fresh_dir, jixiao, names, text};

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = "examples/sms-auth-2024-claims.yaml";
const CSV: &str = "tests/data/sms-auth-2024-claims.csv";

/// `args` run with standard output going to `/dev/full`.
fn to_full_stdout(args: &[&str]) -> Output {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    jixiao().args(args).stdout(full).output().unwrap()
}

fn dir(name: &str) -> PathBuf {
    fresh_dir(&format!("outputs-{name}"))
}

/// A batch input of `rows` indicator rows, written by `jixiao generate`.
fn generated(d: &Path, rows: usize) -> String {
    let p = d.join("in.csv");
    let o = jixiao()
        .args(["generate", "--rows", &rows.to_string(), "-o"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    p.to_string_lossy().into_owned()
}

#[test]
fn every_command_writing_to_a_full_stdout_exits_2_naming_standard_output() {
    let cases: [&[&str]; 9] = [
        &["score", EXAMPLE],
        &["check", EXAMPLE, "--format", "json"],
        &["explain"],
        &["rubrics"],
        &["rubric", "show", "shaanxi-dept-2020"],
        &["rubric", "check", "rubrics/central-2021.yaml"],
        &["batch", CSV],
        &["generate", "--rows", "10"],
        &["schema", "project"],
    ];
    for args in cases {
        for (lang, name) in [("en", "standard output"), ("zh", "标准输出")] {
            let o = to_full_stdout(&[args, &["--lang", lang]].concat());
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?} {lang}: {err}");
            assert!(err.contains(name), "{args:?} {lang}: {err}");
            assert!(err.contains("os error 28"), "{args:?} {lang}: {err}");
            assert!(!err.contains("panick"), "{args:?}: {err}");
            // the input is not blamed for the output's fault
            assert!(
                !err.contains(EXAMPLE) && !err.contains(CSV),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn a_batch_output_on_a_full_device_exits_2_naming_that_output() {
    for args in [
        &["batch", CSV, "-o", "/dev/full"][..],
        &["batch", CSV, "--format", "jsonl", "-o", "/dev/full"],
        &["batch", CSV, "-o", "/dev/null", "--indicators", "/dev/full"],
        &["generate", "--rows", "10", "-o", "/dev/full"],
    ] {
        let o = jixiao().args(args).args(["--lang", "en"]).output().unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("/dev/full: cannot write: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains(CSV), "{args:?}: {err}");
        // no summary: the run did not complete
        assert!(!err.contains("projects read"), "{args:?}: {err}");
    }
}

#[test]
fn when_one_of_two_outputs_fails_neither_replaces_its_old_file() {
    let d = dir("one-of-two");
    let out = d.join("scores.csv");
    fs::write(&out, "old scores\n").unwrap();
    let o = jixiao()
        .args(["batch", CSV, "--indicators", "/dev/full", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&out).unwrap(), "old scores\n");
    assert_eq!(names(&d), ["scores.csv"], "no temporary file left behind");

    // and with no file there before, none after
    fs::remove_file(&out).unwrap();
    let o = jixiao()
        .args(["batch", CSV, "--indicators", "/dev/full", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(names(&d).is_empty(), "{:?}", names(&d));
}

#[test]
fn a_file_size_limit_ends_the_batch_with_exit_2_and_the_old_output_whole() {
    let d = dir("ulimit");
    let input = generated(&d, 3000);
    let (out, ind) = (d.join("scores.csv"), d.join("lines.csv"));
    fs::write(&out, "old scores\n").unwrap();
    fs::write(&ind, "old lines\n").unwrap();
    // `exec` so the limit and its signal apply to jixiao itself
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "batch", &input, "-o"])
        .arg(&out)
        .arg("--indicators")
        .arg(&ind)
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{:?} {err}", o.status);
    assert!(err.contains("cannot write: File too large"), "{err}");
    assert!(
        err.contains("scores.csv") || err.contains("lines.csv"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "old scores\n");
    assert_eq!(fs::read_to_string(&ind).unwrap(), "old lines\n");
    assert_eq!(names(&d), ["in.csv", "lines.csv", "scores.csv"]);
}

#[test]
fn a_batch_whose_input_cannot_be_read_leaves_the_old_output() {
    let d = dir("unreadable");
    let (input, out) = (d.join("empty.csv"), d.join("scores.csv"));
    fs::write(&input, "").unwrap();
    fs::write(&out, "old scores\n").unwrap();
    let o = jixiao()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&out).unwrap(), "old scores\n");
    assert_eq!(names(&d), ["empty.csv", "scores.csv"]);
}

#[test]
fn a_complete_batch_replaces_the_old_output_and_leaves_nothing_beside_it() {
    let d = dir("complete");
    let (out, ind) = (d.join("scores.csv"), d.join("lines.csv"));
    fs::write(&out, "old scores, longer than nothing\n".repeat(1000)).unwrap();
    let o = jixiao()
        .args(["batch", CSV, "-o"])
        .arg(&out)
        .arg("--indicators")
        .arg(&ind)
        .output()
        .unwrap();
    assert!(o.status.code() != Some(2), "{}", text(&o.stderr));
    let stdout = jixiao().args(["batch", CSV]).output().unwrap().stdout;
    assert_eq!(fs::read(&out).unwrap(), stdout);
    // Chinese headers by default, after a byte-order mark
    assert!(
        fs::read_to_string(&ind)
            .unwrap()
            .starts_with("\u{feff}项目编号,")
    );
    assert_eq!(names(&d), ["lines.csv", "scores.csv"]);
}

#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_mode_and_a_symlink_stays_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("mode");
    let (real, link) = (d.join("real.csv"), d.join("link.csv"));
    fs::write(&real, "old\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let o = jixiao()
        .args(["batch", CSV, "--headers", "en", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert!(o.status.code() != Some(2), "{}", text(&o.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("project_id,")
    );
    let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(names(&d), ["link.csv", "real.csv"]);
}

#[test]
fn both_outputs_to_one_file_is_refused() {
    let d = dir("same");
    let out = d.join("x.csv");
    let o = jixiao()
        .args(["--lang", "en", "batch", CSV, "-o"])
        .arg(&out)
        .arg("--indicators")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("same file"), "{}", text(&o.stderr));
    assert!(names(&d).is_empty());
}

/// Runs `cmd`, reads one line of its standard output, closes it and waits.
fn read_one_line_then_close(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(!line.is_empty());
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_stops_reading_ends_the_run_quietly_with_141() {
    let d = dir("pipe");
    let input = generated(&d, 20_000);
    let ind = d.join("lines.csv");
    let many: Vec<&str> = std::iter::repeat_n(EXAMPLE, 300).collect();
    for cmd in [
        jixiao().args(["batch", &input]),
        jixiao().args(["batch", &input, "--format", "jsonl"]),
        jixiao()
            .args(["batch", &input, "--indicators", "-", "-o"])
            .arg(d.join("scores.csv")),
        jixiao().args(["batch", &input, "--indicators"]).arg(&ind),
        jixiao().arg("score").args(&many),
        jixiao().args(["generate", "--rows", "100000"]),
    ] {
        let o = read_one_line_then_close(cmd);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(141), "{cmd:?}: {err}");
        // a bad row's line may come before the end, but no write error and no summary
        assert!(
            !err.contains("无法写出") && !err.contains("panick"),
            "{cmd:?}: {err}"
        );
        assert!(!err.contains("jixiao batch"), "{cmd:?}: {err}");
    }
    // the run stopped: neither file output was put in place
    assert_eq!(names(&d), ["in.csv"]);
}
