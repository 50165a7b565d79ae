//! Helpers the integration tests share (each test file is a crate of its own: `mod common;`).

use std::collections::BTreeMap;

/// The rows of a CSV text, each as header → cell.
#[allow(dead_code)]
pub fn rows(csv_text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The `jixiao` binary, ready for arguments.
#[allow(dead_code)]
pub fn jixiao() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

/// Bytes as text, bad UTF-8 shown as such.
#[allow(dead_code)]
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh, empty folder for one test, named `name` under the build's test folder.
#[allow(dead_code)]
pub fn fresh_dir(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The names in folder `d`, sorted.
#[allow(dead_code)]
pub fn names(d: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Runs the `jixiao` binary with `args` to its end.
#[allow(dead_code)]
pub fn run(args: &[&str]) -> std::process::Output {
    jixiao().args(args).output().unwrap()
}

/// `actual` must equal the golden file `tests/golden/NAME`; UPDATE_GOLDEN=1 rewrites it (then
/// review the diff).
#[allow(dead_code)]
pub fn golden(name: &str, actual: &str) {
    let path = format!("tests/golden/{name}");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {path}: run with UPDATE_GOLDEN=1"));
    assert_eq!(actual, want, "{path} differs");
}
