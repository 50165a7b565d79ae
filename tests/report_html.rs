//! `jixiao report … -o report.html` without a browser: user text escaped, nothing loaded from
//! outside (a Content-Security-Policy, no outside src or href), the library's totals and
//! grades in each project's section, the same bytes for the same input, English with
//! `--lang en`, a batch's projects in full or as rows, and the exit codes.

mod common;
use common::{fresh_dir, jixiao, names, text};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use jixiao::library::Library;
use jixiao::report::Rubrics;

const SMS: &str = "examples/sms-auth-2024-claims.yaml";

fn dir(name: &str) -> PathBuf {
    fresh_dir(&format!("report-html-{name}"))
}

/// Runs `report` on `inputs` into `out` (plus `extra` arguments).
fn report(inputs: &[&str], out: &Path, extra: &[&str]) -> Output {
    jixiao()
        .arg("report")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The section of the project shown in full at place `seq`.
fn section(html: &str, seq: usize) -> &str {
    let start = html
        .find(&format!("<section class=\"project\" id=\"p-{seq}\""))
        .unwrap_or_else(|| panic!("no section p-{seq}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

/// Every value of `attr="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let v = &html[i + key.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn each_project_shows_the_library_s_total_and_grade_and_the_bytes_repeat() {
    let d = dir("totals");
    let inputs = examples();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let (a, b) = (d.join("a.html"), d.join("b.html"));
    let o = report(&inputs, &a, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    report(&inputs, &b, &[]);
    let html = fs::read_to_string(&a).unwrap();
    assert_eq!(
        html.as_bytes(),
        fs::read(&b).unwrap(),
        "same input, same bytes"
    );
    assert_eq!(names(&d), ["a.html", "b.html"], "no scratch file left");

    let library = Library::shipped().unwrap();
    let mut rubrics = Rubrics::new(None);
    for (i, path) in inputs.iter().enumerate() {
        let r = jixiao::commands::report_file(path, &library, &mut rubrics).unwrap();
        let s = section(&html, i + 1);
        let total = jixiao::num::fmt2(r.card.total);
        assert!(
            s.contains(&format!("<td class=\"total\">{total}<")),
            "{path}: total {total}"
        );
        assert!(
            s.contains(&format!("<td class=\"grade\">{}<", r.card.grade)),
            "{path}: grade {}",
            r.card.grade
        );
        assert!(s.contains(&r.record.id), "{path}");
        for f in &r.flags {
            assert!(s.contains(&format!("href=\"#rule-{}\"", f.code)), "{path}");
            assert!(
                html.contains(&format!("id=\"rule-{}\"", f.code)),
                "{}: explained",
                f.code
            );
        }
        // a row per project, in input order
        assert!(html.contains(&format!("<tr id=\"r-{}\"", i + 1)));
    }
    assert!(html.contains(&format!("<b class=\"n-projects\">{}</b>", inputs.len())));
}

#[test]
fn user_text_is_escaped_and_nothing_is_loaded_from_outside() {
    let d = dir("escape");
    let yaml = fs::read_to_string(SMS)
        .unwrap()
        .replace(
            "name: 2024年医保网上办事大厅短信认证费用",
            "name: \"<script>alert(1)</script>\"",
        )
        .replace("department: 乐山市医疗保障事务中心", "department: \"=1+1\"")
        .replace(
            "    claimed_score: 10\n",
            "    claimed_score: 10\n    deviation: \"<img src=x onerror=alert(2)> & 'q'\"\n",
        );
    let input = d.join("evil.yaml");
    fs::write(&input, yaml).unwrap();
    let out = d.join("r.html");
    let o = report(&[input.to_str().unwrap()], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &#39;q&#39;"));
    assert!(!html.contains("<img"));
    assert!(html.contains(">=1+1<") || html.contains(" =1+1"), "as text");
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );

    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
    ));
    for attr in ["src", "href", "action", "srcset", "poster", "data"] {
        for v in attribute_values(&html, attr) {
            assert!(v.starts_with('#'), "{attr}=\"{v}\" leaves the file");
        }
    }
    for outside in [
        "http://", "https://", "//cdn", "@import", "<link", "url(http", "<iframe",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(html.contains("\"Microsoft YaHei\", \"PingFang SC\", \"Noto Sans CJK SC\""));
    assert!(html.contains("@media print") && html.contains("size: A4"));
}

#[test]
fn english_labels_with_lang_en() {
    let d = dir("en");
    let (zh, en) = (d.join("zh.html"), d.join("en.html"));
    report(&[SMS], &zh, &[]);
    report(&[SMS], &en, &["--lang", "en"]);
    let (zh, en) = (
        fs::read_to_string(zh).unwrap(),
        fs::read_to_string(en).unwrap(),
    );
    assert!(en.contains("<html lang=\"en\">") && zh.contains("<html lang=\"zh-CN\">"));
    for label in [
        "Review opinion",
        "Overview",
        "Scorecard",
        "By unit",
        "All projects",
    ] {
        assert!(en.contains(label), "{label}");
    }
    for label in ["复核意见", "总览", "评分表", "按单位", "全部项目"] {
        assert!(zh.contains(label), "{label}");
        assert!(
            !en.contains(&format!(">{label}<")),
            "{label} in the English page"
        );
    }
    assert!(
        en.contains("<td class=\"grade\">excellent<"),
        "the grade in English"
    );
    assert!(en.contains("The unit claimed a total of 100"));
}

#[test]
fn a_batch_shows_every_project_when_few_and_only_the_worst_when_many() {
    let d = dir("batch");
    let csv = d.join("in.csv");
    let o = jixiao()
        .args(["generate", "--rows", "3000", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(o.status.success());
    let batch = jixiao()
        .arg("batch")
        .arg(&csv)
        .args(["-o", "-"])
        .output()
        .unwrap();
    let projects = text(&batch.stdout).lines().count() - 1;
    assert!(projects > 20, "{projects}");

    let out = d.join("r.html");
    let o = report(&[csv.to_str().unwrap()], &out, &["--full", "10"]);
    assert_eq!(o.status.code(), Some(1), "generated projects are in error");
    let html = fs::read_to_string(&out).unwrap();
    let sections = html.matches("<section class=\"project\"").count();
    let rows = html.matches("<tr id=\"r-").count();
    assert_eq!(rows, projects, "a row per project");
    assert_eq!(sections, 10, "the limit");
    assert!(
        html.contains("(10 / "),
        "the overview says how many are in full"
    );
    // the sections shown are error-flagged projects, each listed in the overview
    for (i, _) in html.match_indices("<section class=\"project\" id=\"p-") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        let seq = attribute_values(tag, "id")[0].trim_start_matches("p-");
        assert_ne!(attribute_values(tag, "data-e"), ["0"], "{tag}");
        assert!(
            html.contains(&format!("<li><a href=\"#p-{seq}\">")),
            "{seq}"
        );
    }

    let all = d.join("all.html");
    let o = report(
        &[csv.to_str().unwrap()],
        &all,
        &["--full", &projects.to_string()],
    );
    assert_eq!(o.status.code(), Some(1));
    let html = fs::read_to_string(&all).unwrap();
    assert_eq!(
        html.matches("<section class=\"project\"").count(),
        projects,
        "at most the limit: all in full"
    );
}

#[test]
fn an_unwritable_output_exits_2_naming_it_and_leaves_no_file() {
    let d = dir("unwritable");
    let missing = d.join("no-such-folder").join("r.html");
    let o = report(&[SMS], &missing, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("{}: cannot create: ", missing.display())),
        "{err}"
    );
    assert!(!missing.parent().unwrap().exists());

    // a folder nobody may write in (as root, a mode is no bar: /proc takes no new file)
    let ro = d.join("read-only");
    fs::create_dir(&ro).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = fs::write(ro.join("probe"), "");
    let mut targets = vec![PathBuf::from("/proc/jixiao-report.html")];
    if probe.is_err() {
        targets.push(ro.join("r.html"));
    }
    for target in targets {
        let o = report(&[SMS], &target, &["--lang", "en"]);
        assert_eq!(o.status.code(), Some(2), "{}", target.display());
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!("{}: cannot create: ", target.display())),
            "{err}"
        );
        assert!(!target.exists());
    }
    let _ = fs::remove_file(ro.join("probe"));
    assert!(names(&ro).is_empty(), "nothing left in the folder");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn an_unreadable_input_exits_2_and_is_shown_as_not_scored() {
    let d = dir("bad-input");
    let out = d.join("r.html");
    let o = report(&[SMS, "no-such-file.yaml"], &out, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no-such-file.yaml"));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("class=\"failed\">no-such-file.yaml"));
    assert!(html.contains("LS2024-968"));

    // a batch CSV reads as batch reads it
    let o = report(&["tests/data/sms-auth-2024-claims.csv"], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("LS2024-968") && html.contains("<td class=\"total\">95.81<"));
}

#[test]
fn exit_0_when_clean_and_1_when_denied() {
    let d = dir("deny");
    let out = d.join("r.html");
    let clean = "examples/central-2021-no-cost.yaml";
    let o = report(&[clean], &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let check = jixiao()
        .args(["check", clean, "--deny", "warning"])
        .output()
        .unwrap();
    let o = report(&[clean], &out, &["--deny", "warning"]);
    assert_eq!(o.status.code(), check.status.code(), "as check");
}

#[test]
fn brief_digests_for_the_projects_not_in_full_change_no_byte() {
    use jixiao::batch::{Options, Outputs, Sink, run_to};
    use jixiao::render::html::{Report, Settings};
    use jixiao::report::digest::Digest;

    /// The same report, asking for every digest in full.
    struct Full(Report<Vec<u8>>);
    impl Sink for Full {
        fn add(&mut self, d: Digest) -> std::io::Result<()> {
            self.0.add(d)
        }
    }
    let d = dir("brief");
    let csv = d.join("in.csv");
    let o = jixiao()
        .args(["generate", "--rows", "4000", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(o.status.success());
    let bytes = fs::read(&csv).unwrap();
    let settings = |full| Settings {
        lang: jixiao::i18n::Lang::Zh,
        full,
        inputs: vec!["in.csv".into()],
        date: None,
        deny: jixiao::flags::Severity::Error,
    };
    let page = |r: Report<Vec<u8>>| {
        let (rows, sections, ending) = r.end();
        let mut out = Vec::new();
        let mut sections = std::io::Cursor::new(sections);
        ending
            .write(&mut out, &mut &rows[..], &mut sections)
            .unwrap();
        (String::from_utf8(out).unwrap(), ending.shown().len())
    };
    for (full, chunk) in [(5, 3), (40, 7), (0, 16)] {
        let opts = Options {
            chunk,
            workers: 2,
            ..Options::default()
        };
        let mut brief = Report::new(settings(full), Vec::new(), Vec::new());
        assert!(brief.detail().is_some());
        run_to(
            &bytes[..],
            "in.csv",
            &opts,
            Outputs::Digests(&mut brief),
            &mut Vec::new(),
        )
        .unwrap();
        let mut whole = Full(Report::new(settings(full), Vec::new(), Vec::new()));
        run_to(
            &bytes[..],
            "in.csv",
            &opts,
            Outputs::Digests(&mut whole),
            &mut Vec::new(),
        )
        .unwrap();
        let (a, n) = page(brief);
        let (b, _) = page(whole.0);
        assert_eq!(n, full, "as many in full as the limit");
        assert!(a == b, "full {full}, chunk {chunk}: the pages differ");
        if full > 0 {
            assert!(
                a.contains("<td class=\"reason\">"),
                "the sections have their reasons"
            );
        }
    }
}

#[test]
fn a_workbook_of_forms_shows_what_check_reads_from_it() {
    let d = dir("forms");
    let book = "tests/forms/workbook-two-projects.xlsx";
    let out = d.join("r.html");
    let o = report(&[book], &out, &[]);
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&o.stderr)
    );
    let html = fs::read_to_string(&out).unwrap();
    let library = Library::shipped().unwrap();
    let mut rubrics = Rubrics::new(None);
    let reports = jixiao::commands::report_files(book, &library, &mut rubrics);
    assert_eq!(reports.len(), 2);
    for (i, r) in reports.into_iter().enumerate() {
        let r = r.unwrap();
        let s = section(&html, i + 1);
        let total = jixiao::num::fmt2(r.card.total);
        assert!(
            s.contains(&format!("<td class=\"total\">{total}<")),
            "{total}"
        );
        assert!(s.contains(&r.record.name), "{}", r.record.name);
    }
}

#[test]
fn the_page_goes_to_standard_output_or_a_device_as_well() {
    let o = jixiao().args(["report", SMS, "-o", "-"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert!(page.contains("<td class=\"total\">95.81<"));
    let o = jixiao()
        .args(["report", SMS, "-o", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
}
