//! Limits that fail fast and say so: a YAML document too large or nested too deep. Each attack
//! runs the binary as a child process, so a stack overflow (SIGABRT) fails the test instead of
//! the harness.

use std::path::PathBuf;
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch file of this test process.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn yaml_nested_100000_levels_is_refused_at_once_at_its_line() {
    // a flow value inside a block mapping: the shape that took libyaml's scanner 58 s
    let deep = format!(
        "# deep\nitems: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let rubric = scratch("deep-rubric.yaml", &deep);
    let project = scratch("deep-project.yaml", &deep);
    for (args, file) in [
        (vec!["rubric", "check"], &rubric),
        (vec!["score"], &project),
        (
            vec!["score", "examples/city-department-2025.yaml", "--rubric"],
            &rubric,
        ),
    ] {
        let p = file.to_str().unwrap();
        let o = jixiao(&[args.as_slice(), &[p, "--lang", "en"]].concat());
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert!(
            // the mapping is level 1, so the 64th `[` (at column 8 + 63) opens level 65
            e.contains(&format!("{p}:2:71: YAML is nested too deep")) && e.contains("64"),
            "{args:?}: {e}"
        );
        let o = jixiao(&[args.as_slice(), &[p]].concat());
        assert!(stderr(&o).contains("YAML 嵌套过深"), "{}", stderr(&o));
    }
}

#[test]
fn a_yaml_file_over_a_mebibyte_is_refused_at_the_line_that_passes_it() {
    let line = format!("# {}\n", "x".repeat(1021));
    let mut text = "id: x\n".to_string();
    while text.len() <= 1 << 20 {
        text.push_str(&line);
    }
    let path = scratch("large.yaml", &text);
    let p = path.to_str().unwrap();
    let o = jixiao(&["rubric", "check", p, "--lang", "en"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    // byte 1048576 is on line 1 + (1048576 - 6) / 1024 + 1
    let at = 1 + (1_048_576 - 6) / 1024 + 1;
    assert!(
        e.contains(&format!(
            "{p}:{at}: the YAML file is larger than 1048576 bytes"
        )),
        "{e}"
    );
}
