//! Batch throughput and memory, end to end: `cargo bench --bench batch`.
//!
//! Generates a realistic file of N indicator rows (`JIXIAO_BENCH_ROWS`, default 1,000,000) with
//! `jixiao generate`, times a bare read of it with the csv crate (a `ByteRecord` loop), then
//! times `jixiao batch` on it (parse, score, re-check, write to /dev/null) and reads the peak
//! resident memory the command reports. With `JIXIAO_BENCH_BIG=1` it also runs a file ten times
//! larger, to show that memory does not grow with the file. It runs five rounds of one bare
//! read then one batch, and reports the best time of each, every round's ratio, and the
//! highest peak memory of all rounds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

fn generate(rows: usize, path: &Path) {
    let status = Command::new(BIN)
        .args([
            "generate",
            "--rows",
            &rows.to_string(),
            "--bad-every",
            "1000",
            "-o",
        ])
        .arg(path)
        .status()
        .expect("run jixiao generate");
    assert!(status.success());
}

fn bare_read(path: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let mut rec = csv::ByteRecord::new();
    let mut n = 0u64;
    while rdr.read_byte_record(&mut rec).unwrap() {
        n += 1;
    }
    (start.elapsed(), n)
}

/// Wall time of `jixiao batch`, and the peak RSS (KiB) it reports.
fn batch(path: &Path) -> (Duration, Option<f64>) {
    let start = Instant::now();
    let out = Command::new(BIN)
        .args(["batch", "-o", "/dev/null", "--lang", "en"])
        .arg(path)
        .output()
        .expect("run jixiao batch");
    let elapsed = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss = err
        .lines()
        .find_map(|l| l.split("peak memory ").nth(1))
        .and_then(|s| s.trim().trim_end_matches(" MiB").parse::<f64>().ok());
    (elapsed, rss)
}

/// Rounds of measurement.
const ROUNDS: usize = 5;

fn measure(rows: usize, dir: &Path) {
    let path: PathBuf = dir.join(format!("bench-{rows}.csv"));
    generate(rows, &path);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    // Rounds of one bare read then one batch, so that both sides see the same moments of a
    // noisy machine; the best of each is reported, and every round's own ratio beside it.
    let mut rounds = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let (bare, n) = bare_read(&path);
        assert_eq!(n as usize, rows);
        let (full, rss) = batch(&path);
        rounds.push((bare, full, rss));
    }
    let bare = rounds.iter().map(|r| r.0).min().unwrap_or_default();
    let full = rounds.iter().map(|r| r.1).min().unwrap_or_default();
    let rss = rounds.iter().filter_map(|r| r.2).reduce(f64::max);
    let ratios: Vec<String> = rounds
        .iter()
        .map(|r| format!("{:.2}", r.1.as_secs_f64() / r.0.as_secs_f64()))
        .collect();
    let rps = rows as f64 / full.as_secs_f64();
    println!(
        "rows                 {rows} ({:.1} MiB)",
        size as f64 / 1048576.0
    );
    println!(
        "bare csv read        {:.3} s ({:.0} rows/s)",
        bare.as_secs_f64(),
        rows as f64 / bare.as_secs_f64()
    );
    println!(
        "jixiao batch         {:.3} s ({:.0} rows/s)",
        full.as_secs_f64(),
        rps
    );
    println!(
        "ratio to bare read   {:.2} (best against best; each round: {})",
        full.as_secs_f64() / bare.as_secs_f64(),
        ratios.join(", ")
    );
    match rss {
        Some(m) => println!("peak RSS             {m:.1} MiB"),
        None => println!("peak RSS             (not reported on this system)"),
    }
    println!();
    let _ = std::fs::remove_file(&path);
}

fn main() {
    let rows: usize = std::env::var("JIXIAO_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("jixiao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    measure(rows, &dir);
    if std::env::var_os("JIXIAO_BENCH_BIG").is_some() {
        measure(rows * 10, &dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
