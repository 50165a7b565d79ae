//! Batch files in UTF-16 with a byte-order mark, as Excel writes "Unicode 文本 (*.txt)": decoded as
//! they stream, tab-delimited unless `--delimiter` says otherwise, scored exactly as the UTF-8
//! CSV; an unpaired surrogate is an error at its line.

mod common;
use common::rows;

use std::io::{self, Read, Write};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use jixiao::batch::{Failure, Options, Summary, run};
use jixiao::i18n::Lang;
use jixiao::read::csv::Encoding;

struct Out {
    projects: String,
    indicators: String,
    stderr: String,
    summary: Result<Summary, String>,
}

fn batch(input: impl Read + Send, opts: &Options) -> Out {
    let (mut out, mut ind, mut err) = (Vec::new(), Vec::new(), Vec::new());
    let summary = run(input, "in.csv", opts, &mut out, Some(&mut ind), &mut err)
        .map_err(|e| e.render(Lang::En));
    Out {
        projects: String::from_utf8(out).unwrap(),
        indicators: String::from_utf8(ind).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
        summary,
    }
}

fn en() -> Options {
    Options {
        lang: Lang::En,
        ..Options::default()
    }
}

/// A CSV rewritten as Excel's "Unicode 文本" lays it out: tab-delimited, CRLF line ends.
fn as_tab_text(csv_text: &[u8]) -> String {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text);
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for rec in r.records() {
        w.write_record(&rec.unwrap()).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// UTF-16 code units as bytes in the given order.
fn units_to_bytes(units: impl IntoIterator<Item = u16>, le: bool) -> Vec<u8> {
    units
        .into_iter()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

/// `text` in UTF-16 with its byte-order mark.
fn utf16(text: &str, le: bool) -> Vec<u8> {
    units_to_bytes(std::iter::once(0xFEFF).chain(text.encode_utf16()), le)
}

const DATA: [&str; 4] = [
    "tests/data/leshan-2024-table6.csv",
    "tests/data/leshan-2021-backbone-network.csv",
    "tests/data/meixian-2020-department.csv",
    "tests/data/sms-auth-2024-claims.csv",
];

#[test]
fn utf16_tab_text_scores_byte_identically_to_the_utf8_csv() {
    for file in DATA {
        let csv_bytes = std::fs::read(file).unwrap();
        let utf8 = batch(&csv_bytes[..], &en());
        let want = utf8.summary.unwrap();
        assert!(want.scored > 0, "{file}: {}", utf8.stderr);
        let text = as_tab_text(&csv_bytes);
        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let o = batch(&utf16(&text, le)[..], &en());
            let s = o.summary.unwrap_or_else(|e| panic!("{file} {name}: {e}"));
            assert_eq!(s.encoding, name, "{file}");
            assert_eq!(o.projects, utf8.projects, "{file} {name}: {}", o.stderr);
            assert_eq!(o.indicators, utf8.indicators, "{file} {name}");
            assert_eq!(
                (s.rows, s.projects, s.scored, s.in_error),
                (want.rows, want.projects, want.scored, want.in_error),
                "{file} {name}"
            );
            assert_eq!(o.stderr, utf8.stderr, "{file} {name}");
        }
    }
    // forced: `utf16` takes the byte order from the mark, `utf16le` / `utf16be` say it
    let csv_bytes = std::fs::read(DATA[0]).unwrap();
    let utf8 = batch(&csv_bytes[..], &en()).projects;
    let text = as_tab_text(&csv_bytes);
    for (spelling, le, bom) in [
        ("utf16", true, true),
        ("UTF-16", false, true),
        ("utf16le", true, true),
        ("utf-16be", false, true),
        ("utf16le", true, false),
        ("utf16be", false, false),
        ("utf16", true, false),
    ] {
        let forced = Encoding::parse(spelling);
        assert!(forced.is_some(), "{spelling}");
        let mut bytes = utf16(&text, le);
        if !bom {
            bytes.drain(..2);
        }
        let o = batch(
            &bytes[..],
            &Options {
                encoding: forced,
                ..en()
            },
        );
        assert!(
            o.summary.is_ok(),
            "{spelling} {le} {bom}: {:?}",
            o.summary.err()
        );
        assert_eq!(o.projects, utf8, "{spelling} {le} {bom}: {}", o.stderr);
    }
}

#[test]
fn a_delimiter_given_is_used_for_utf16_too() {
    let csv_bytes = std::fs::read(DATA[0]).unwrap();
    let utf8 = batch(&csv_bytes[..], &en()).projects;
    let text = String::from_utf8(csv_bytes).unwrap();
    // a comma-separated UTF-16 file with `--delimiter ,`
    let o = batch(
        &utf16(&text, true)[..],
        &Options {
            delimiter: Some(b','),
            ..en()
        },
    );
    assert_eq!(o.projects, utf8, "{}", o.stderr);
    // and without it, tab: the header is one column, and the error says which were missing
    let e = batch(&utf16(&text, true)[..], &en()).summary.unwrap_err();
    assert!(e.contains("in.csv"), "{e}");
    // a UTF-8 file stays comma-separated by default
    let tab8 = as_tab_text(text.as_bytes());
    assert!(batch(tab8.as_bytes(), &en()).summary.is_err());
}

const HEADER: &str = "项目编码\t项目名称\t预算数\t执行数\t一级指标\t二级指标\t三级指标\t指标值\t权重\t实际完成值\r\n";

fn row(id: &str, name: &str) -> String {
    format!("{id}\t{name}\t10\t9\t产出指标\t数量指标\t检查次数\t≥5次\t90\t6次\r\n")
}

/// The header and three projects, the second's name `name` as UTF-16 code units.
fn three_projects(name: &[u16], le: bool) -> Vec<u8> {
    let mut units: Vec<u16> = vec![0xFEFF];
    units.extend(HEADER.encode_utf16());
    units.extend(row("P1", "甲项目").encode_utf16());
    units.extend("P2\t".encode_utf16());
    units.extend_from_slice(name);
    units.extend(row("", "").encode_utf16().skip(1)); // the cells after the name
    units.extend(row("P3", "丙项目").encode_utf16());
    units_to_bytes(units, le)
}

#[test]
fn an_unpaired_surrogate_puts_only_its_project_in_error_at_its_line() {
    let good: Vec<u16> = "乙项目".encode_utf16().collect();
    for le in [true, false] {
        let want = batch(&three_projects(&good, le)[..], &en());
        assert_eq!(want.summary.unwrap().scored, 3, "{}", want.stderr);
        let want = rows(&want.projects);
        // a lone lead surrogate before a character, before the tab, a lone trail surrogate,
        // two leads, a trail before a lead
        for (name, unit) in [
            (&[0x4E59, 0xD800, 0x9879][..], "U+D800"),
            (&[0x4E59, 0xDBFF], "U+DBFF"),
            (&[0xDC00, 0x4E59], "U+DC00"),
            (&[0xD83D, 0xD83D, 0xDE00], "U+D83D"),
            (&[0xDE00, 0xD83D], "U+DE00"),
        ] {
            let o = batch(&three_projects(name, le)[..], &en());
            let s = o.summary.unwrap();
            assert_eq!(
                (s.projects, s.scored, s.in_error),
                (3, 2, 1),
                "{name:X?}: {}",
                o.stderr
            );
            let got = rows(&o.projects);
            assert_eq!(got.len(), 3);
            assert_eq!((&got[0], &got[2]), (&want[0], &want[2]));
            let (status, reason) = (&got[1]["status"], &got[1]["reason"]);
            assert_eq!(
                (got[1]["project_id"].as_str(), status.as_str()),
                ("P2", "error")
            );
            assert!(
                reason.contains("in.csv:3")
                    && reason.contains("UTF-16")
                    && reason.contains(unit)
                    && reason.contains("项目名称"),
                "{name:X?}: {reason}"
            );
        }
    }
    // a file cut off inside a character: the last row in error at its line
    let mut bytes = three_projects(&good, true);
    bytes.truncate(bytes.len() - 5); // "次" loses a byte, "\r\n" goes
    let o = batch(&bytes[..], &en());
    let s = o.summary.unwrap();
    assert_eq!((s.scored, s.in_error), (2, 1), "{}", o.stderr);
    let reason = &rows(&o.projects)[2]["reason"];
    assert!(
        reason.contains("in.csv:4") && reason.contains("UTF-16"),
        "{reason}"
    );
}

#[test]
fn a_utf32_mark_or_an_encoding_at_odds_with_the_mark_is_an_error_naming_both() {
    let text = format!("{HEADER}{}", row("P1", "甲项目"));
    let mut utf32 = b"\xFF\xFE\x00\x00".to_vec();
    for c in text.chars() {
        utf32.extend((c as u32).to_le_bytes());
    }
    let e = batch(&utf32[..], &en()).summary.unwrap_err();
    assert!(e.contains("UTF-32 LE") && e.contains("in.csv"), "{e}");
    for (bytes, forced, names) in [
        (utf16(&text, true), "gbk", ["UTF-16LE", "GB18030"]),
        (utf16(&text, false), "utf8", ["UTF-16BE", "UTF-8"]),
        (
            [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            "utf16",
            ["UTF-8", "UTF-16"],
        ),
    ] {
        let opts = Options {
            encoding: Encoding::parse(forced),
            ..en()
        };
        let e = batch(&bytes[..], &opts).summary.unwrap_err();
        assert!(
            names.iter().all(|n| e.contains(n)) && e.contains("--encoding"),
            "{forced}: {e}"
        );
    }
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_reads_unicode_text_and_names_its_encoding() {
    let dir = std::env::temp_dir().join(format!("jixiao-utf16-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("表6.txt");
    let csv_bytes = std::fs::read(DATA[0]).unwrap();
    std::fs::write(&path, utf16(&as_tab_text(&csv_bytes), true)).unwrap();
    let p = path.to_str().unwrap();
    let want = String::from_utf8(jixiao(&["batch", DATA[0], "--lang", "en"]).stdout).unwrap();
    for extra in [
        &[][..],
        &["--encoding", "utf16"],
        &["--encoding", "utf16le"],
        &["--delimiter", "auto"],
        &["--delimiter", "tab"],
    ] {
        let o = jixiao(&[&["batch", p, "--lang", "en"][..], extra].concat());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{extra:?}: {err}");
        assert!(err.contains("(UTF-16LE)"), "{extra:?}: {err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout), want, "{extra:?}");
    }
    let o = jixiao(&["batch", p]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("（UTF-16LE）"));
    // a delimiter given is used; a wrong encoding is refused in both languages
    let o = jixiao(&["batch", p, "--delimiter", ","]);
    assert_eq!(o.status.code(), Some(2));
    for lang in ["zh", "en"] {
        let o = jixiao(&["batch", p, "--encoding", "utf32", "--lang", lang]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("utf32") && err.contains("utf16le"), "{err}");
        let o = jixiao(&["batch", p, "--delimiter", "ab", "--lang", lang]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("`ab`") && err.contains("auto"), "{err}");
    }
    let help = String::from_utf8_lossy(&jixiao(&["batch", "--help"]).stdout).to_string();
    assert!(help.contains("UTF-16") && help.contains("auto"), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes what it is given as UTF-16LE with a byte-order mark.
struct Utf16Writer<W: Write> {
    inner: W,
    started: bool,
    /// Bytes of an unfinished UTF-8 character.
    partial: Vec<u8>,
}

impl<W: Write> Write for Utf16Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut units = Vec::with_capacity(buf.len() + 1);
        if !self.started {
            units.push(0xFEFF);
            self.started = true;
        }
        self.partial.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.partial) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to(),
        };
        let text = std::str::from_utf8(&self.partial[..valid]).unwrap();
        units.extend(text.encode_utf16());
        self.partial.drain(..valid);
        self.inner.write_all(&units_to_bytes(units, true))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A reader counting the bytes taken from it.
struct Counted<R> {
    inner: R,
    taken: Arc<AtomicUsize>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}

/// Project rows: takes the header, notes how much input had been taken when the first rows
/// came, then refuses more.
struct FirstRows {
    taken: Arc<AtomicUsize>,
    at_first: Option<usize>,
    writes: usize,
}

impl Write for FirstRows {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writes += 1;
        if self.writes > 1 {
            self.at_first = Some(self.taken.load(Ordering::Relaxed));
            return Err(io::Error::other("enough"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_large_utf16_file_streams_its_first_projects_out_after_a_few_hundred_kib() {
    // 2,000,000 rows (about 300 MiB as UTF-16), made as they are read, never held whole
    let (reader, writer) = io::pipe().unwrap();
    let maker = std::thread::spawn(move || {
        let mut w = Utf16Writer {
            inner: io::BufWriter::new(writer),
            started: false,
            partial: Vec::new(),
        };
        // fails once the reader is gone
        let _ = jixiao::batch::generate::write(2_000_000, 1, Some(1000), &mut w);
    });
    let taken = Arc::new(AtomicUsize::new(0));
    let input = Counted {
        inner: reader,
        taken: Arc::clone(&taken),
    };
    let mut out = FirstRows {
        taken: Arc::clone(&taken),
        at_first: None,
        writes: 0,
    };
    // two workers, each taking a chunk: what is read ahead does not depend on the machine
    let opts = Options {
        delimiter: Some(b','),
        workers: 2,
        ..en()
    };
    let mut err = Vec::new();
    let r = run(input, "big.txt", &opts, &mut out, None, &mut err);
    assert!(
        matches!(r, Err(Failure::Write(..))),
        "{:?}",
        r.err().map(|e| e.render(Lang::En))
    );
    let at_first = out.at_first.unwrap();
    assert!(
        at_first < 4 << 20,
        "{at_first} bytes read before the first project was written"
    );
    maker.join().unwrap();
}
