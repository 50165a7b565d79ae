//! Batch CSV bytes: the encoding decided once per file (a stray byte is an error at its line, not
//! a switch to GBK), byte-order marks dropped whatever the encoding, and lines longer than the
//! limit stopped with an error at their line, memory bounded.

mod common;
use common::rows;

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use jixiao::batch::{Options, Summary, run};
use jixiao::read::csv::Encoding;

/// The longest line the batch reader takes (README, "Batch CSV").
const LIMIT: usize = 1 << 20;

const HEADER: &str =
    "项目编码,项目名称,预算数,执行数,一级指标,二级指标,三级指标,指标值,权重,实际完成值\n";

fn row(id: &str, name: &[u8]) -> Vec<u8> {
    let mut r = format!("{id},").into_bytes();
    r.extend_from_slice(name);
    r.extend_from_slice(",10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n".as_bytes());
    r
}

struct Out {
    projects: String,
    stderr: String,
    summary: Result<Summary, String>,
}

fn batch_from(input: impl Read + Send, opts: &Options) -> Out {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let summary = run(input, "in.csv", opts, &mut out, None, &mut err)
        .map_err(|e| e.render(jixiao::i18n::Lang::En));
    Out {
        projects: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
        summary,
    }
}

fn batch(input: &[u8], forced: Option<Encoding>) -> Out {
    let opts = Options {
        lang: jixiao::i18n::Lang::En,
        encoding: forced,
        ..Options::default()
    };
    batch_from(input, &opts)
}

fn column<'a>(p: &'a [BTreeMap<String, String>], name: &str) -> Vec<&'a str> {
    p.iter().map(|r| r[name].as_str()).collect()
}

#[test]
fn a_stray_byte_in_a_utf8_file_is_an_error_at_its_line_not_a_switch_to_gbk() {
    // a byte no encoding reads, one GBK reads, a GBK character, a UTF-8 sequence cut short
    for stray in [&b"\xff"[..], b"\x80", b"\xb0\xa1", b"\xe4\xba"] {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend(row("P1", "甲项目".as_bytes()));
        bytes.extend(row("P2", &[b"\xe4\xb9\x99", stray].concat()));
        bytes.extend(row("P3", "丙项目".as_bytes()));
        let o = batch(&bytes, None);
        let s = o.summary.unwrap_or_else(|e| panic!("{stray:?}: {e}"));
        assert_eq!(s.encoding, "UTF-8", "{stray:?}");
        assert_eq!((s.projects, s.scored, s.in_error), (3, 2, 1), "{stray:?}");
        let p = rows(&o.projects);
        assert_eq!(column(&p, "status"), ["ok", "error", "ok"]);
        // the bad row's name as far as it reads, the stray byte shown as such
        let names = column(&p, "project_name");
        assert_eq!((names[0], names[2]), ("甲项目", "丙项目"));
        assert!(
            names[1].starts_with('乙') && names[1][3..].chars().all(|c| c == '\u{FFFD}'),
            "{stray:?}: {}",
            names[1]
        );
        let reason = &p[1]["reason"];
        assert!(
            reason.contains("in.csv:3") && reason.contains("not UTF-8"),
            "{stray:?}: {reason}"
        );
        assert!(o.stderr.contains("in.csv:3: "), "{}", o.stderr);
    }
}

#[test]
fn a_stray_byte_among_many_rows_puts_only_its_project_in_error() {
    // more rows than the first look takes in, a stray byte inside it and one after it
    let mut bytes = HEADER.as_bytes().to_vec();
    for i in 1..=5000 {
        let name = match i {
            500 => b"\xe7\x94\xb2\xff".to_vec(),
            4900 => b"\xe4\xb9\x99\xfe".to_vec(),
            _ => format!("项目{i}").into_bytes(),
        };
        bytes.extend(row(&format!("P{i}"), &name));
    }
    assert!(bytes.len() > 4 * 64 * 1024);
    let o = batch(&bytes, None);
    let s = o.summary.unwrap();
    assert_eq!((s.projects, s.scored, s.in_error), (5000, 4998, 2));
    let p = rows(&o.projects);
    let errors: Vec<(&str, &str)> = p
        .iter()
        .filter(|r| r["status"] == "error")
        .map(|r| (r["project_id"].as_str(), r["reason"].as_str()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, "P500");
    assert!(errors[0].1.contains("in.csv:501"), "{}", errors[0].1);
    assert_eq!(errors[1].0, "P4900");
    assert!(errors[1].1.contains("in.csv:4901"), "{}", errors[1].1);
    assert_eq!(p[998]["project_name"], "项目999");
}

#[test]
fn gbk_files_are_still_read_as_gbk() {
    // a generated file, larger than the first look, as GB18030
    let mut utf8 = Vec::new();
    jixiao::batch::generate::write(3000, 5, Some(1000), &mut utf8).unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
    let (a, b) = (batch(&utf8, None), batch(&gbk, None));
    assert_eq!(b.summary.unwrap().encoding, "GB18030/GBK");
    assert_eq!(a.projects, b.projects);
    assert_eq!(a.stderr.replace("UTF-8", "GB18030/GBK"), b.stderr);

    // English headers and a few Chinese cells; a stray byte puts its own row in error
    let text = "project_id,project_name,planned,executed,level1,level2,name,target,weight,actual\n\
                P1,甲项目,10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n\
                P2,乙项目,10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n\
                P3,丙项目,10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n";
    let mut gbk = encoding_rs::GBK.encode(text).0.into_owned();
    let at = gbk.windows(2).position(|w| w == b"P2").unwrap() + 3;
    gbk.insert(at, 0xFF);
    let o = batch(&gbk, None);
    let s = o.summary.unwrap();
    assert_eq!(s.encoding, "GB18030/GBK");
    let p = rows(&o.projects);
    assert_eq!(
        column(&p, "project_name"),
        ["甲项目", "\u{FFFD}乙项目", "丙项目"]
    );
    assert!(p[1]["reason"].contains("in.csv:3"), "{}", p[1]["reason"]);
    assert!(
        p[1]["reason"].contains("not GB18030/GBK"),
        "{}",
        p[1]["reason"]
    );
}

#[test]
fn a_byte_order_mark_is_dropped_whatever_the_encoding() {
    let text = "project_id,project_name,planned,executed,level1,level2,name,target,weight,actual\n\
                P1,甲项目,10,9,产出指标,数量指标,检查次数,≥5次,90,6次\n";
    let gbk = encoding_rs::GBK.encode(text).0.into_owned();
    let utf8_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    for (name, bytes, forced) in [
        (
            "UTF-8 BOM, GBK forced",
            [&b"\xEF\xBB\xBF"[..], &gbk].concat(),
            Some(Encoding::Gb18030),
        ),
        (
            "UTF-8 BOM, UTF-8 forced",
            utf8_bom.clone(),
            Some(Encoding::Utf8),
        ),
        ("UTF-8 BOM", utf8_bom, None),
        (
            "GB18030 BOM",
            [&b"\x84\x31\x95\x33"[..], &gbk].concat(),
            None,
        ),
        (
            "GB18030 BOM, GBK forced",
            [&b"\x84\x31\x95\x33"[..], &gbk].concat(),
            Some(Encoding::Gb18030),
        ),
    ] {
        let o = batch(&bytes, forced);
        let s = o.summary.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((s.scored, s.in_error), (1, 0), "{name}: {}", o.projects);
        assert!(
            s.ignored_columns.is_empty(),
            "{name}: {:?}",
            s.ignored_columns
        );
        let p = rows(&o.projects);
        assert_eq!(p[0]["project_id"], "P1", "{name}");
        assert_eq!(p[0]["project_name"], "甲项目", "{name}");
    }
    // UTF-16 is read with its mark (comma-separated here, so with `--delimiter ,`), and a
    // forced encoding of one byte at a time is an error naming both
    for (bom, le, name) in [
        (&b"\xFF\xFE"[..], true, "UTF-16LE"),
        (b"\xFE\xFF", false, "UTF-16BE"),
    ] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let opts = Options {
            lang: jixiao::i18n::Lang::En,
            delimiter: Some(b','),
            ..Options::default()
        };
        let o = batch_from(&bytes[..], &opts);
        let s = o.summary.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((s.encoding, s.scored), (name, 1), "{name}");
        assert_eq!(rows(&o.projects)[0]["project_name"], "甲项目", "{name}");
        for forced in [Encoding::Utf8, Encoding::Gb18030] {
            let e = batch(&bytes, Some(forced)).summary.unwrap_err();
            assert!(
                e.contains(name) && e.contains(forced.name()) && e.contains("in.csv"),
                "{name} {forced:?}: {e}"
            );
        }
    }
}

/// `data`, counting how many of its bytes were taken.
struct Counted {
    data: Vec<u8>,
    pos: usize,
    taken: Arc<AtomicUsize>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        self.taken.store(self.pos, Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn a_line_longer_than_the_limit_stops_reading_with_an_error_at_its_line() {
    // a line with no break in it, and a quote never closed
    for (long, what) in [(&b"P3,"[..], "line 4"), (b"P3,\"", "quote")] {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend(row("P1", "甲项目".as_bytes()));
        bytes.extend(row("P2", "乙项目".as_bytes()));
        bytes.extend(long);
        bytes.resize(bytes.len() + 2 * LIMIT, b'x');
        bytes.push(b'\n');
        bytes.extend(row("P4", "丁项目".as_bytes()));
        let taken = Arc::new(AtomicUsize::new(0));
        let total = bytes.len();
        let input = Counted {
            data: bytes,
            pos: 0,
            taken: Arc::clone(&taken),
        };
        let opts = Options {
            lang: jixiao::i18n::Lang::En,
            ..Options::default()
        };
        let o = batch_from(input, &opts);
        let s = o.summary.unwrap();
        let p = rows(&o.projects);
        assert_eq!(column(&p, "project_id"), ["P1", "P2"], "{}", o.stderr);
        assert_eq!((s.projects, s.scored, s.in_error), (3, 2, 1));
        assert!(
            o.stderr.contains("in.csv:4: ")
                && o.stderr.contains("1 MiB")
                && o.stderr.contains("reading stopped")
                && o.stderr.contains(what),
            "{}",
            o.stderr
        );
        // the line was not held whole: reading stopped soon after the limit
        let taken = taken.load(Ordering::Relaxed);
        assert!(taken < LIMIT + LIMIT / 2, "{taken} of {total} bytes read");
    }
    // a line at the limit is read
    let mut bytes = HEADER.as_bytes().to_vec();
    let mut long = row("P1", "甲项目".as_bytes());
    long.pop();
    long.resize(LIMIT, b' ');
    long.push(b'\n');
    bytes.extend(long);
    let s = batch(&bytes, None).summary.unwrap();
    assert_eq!((s.projects, s.scored), (1, 1));
}

#[test]
fn a_file_without_line_breaks_ends_quickly_with_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("jixiao-bytes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("zeros.csv");
    std::fs::write(&path, vec![0u8; 2 * LIMIT]).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["batch", path.to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("zeros.csv:1: ") && err.contains("header") && err.contains("1 MiB"),
        "{err}"
    );
}
