//! Batch on a workbook against its floor, end to end: `cargo bench --bench workbook`.
//!
//! Generates the benchmark table as an xlsx of N rows (`JIXIAO_BENCH_ROWS`, default 1,000,000)
//! with `jixiao generate -o FILE.xlsx`, times calamine's bare streaming read of it (every cell
//! visited, nothing done: the floor), then times `jixiao batch` on it (to /dev/null) and reads
//! the peak memory it reports. Five rounds of one bare read then one batch; the best time of
//! each, every round's ratio, the highest peak memory.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx, open_workbook};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

fn bare_read(path: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let mut cells = book.worksheet_cells_reader(&name).unwrap();
    let mut n = 0u64;
    while let Some(c) = cells.next_cell().unwrap() {
        n += u64::from(!matches!(c.get_value(), calamine::DataRef::Empty));
    }
    (start.elapsed(), n)
}

fn batch(path: &Path) -> (Duration, String) {
    let start = Instant::now();
    let o = Command::new(BIN)
        .arg("batch")
        .arg(path)
        .args(["-o", "/dev/null", "--lang", "en"])
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    let peak = err
        .lines()
        .find_map(|l| l.split("peak memory ").nth(1))
        .unwrap_or("?")
        .to_string();
    (elapsed, peak)
}

fn main() {
    let rows: usize = std::env::var("JIXIAO_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let path = std::env::temp_dir().join(format!("jixiao-bench-{rows}.xlsx"));
    if !path.exists() {
        let ok = Command::new(BIN)
            .args([
                "generate",
                "--rows",
                &rows.to_string(),
                "--bad-every",
                "1000",
                "-o",
            ])
            .arg(&path)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    let (mut best_bare, mut best_batch) = (Duration::MAX, Duration::MAX);
    let mut peaks = Vec::new();
    for round in 1..=5 {
        let (bare, cells) = bare_read(&path);
        let (b, peak) = batch(&path);
        println!(
            "round {round}: bare read {:.3} s ({cells} cells), batch {:.3} s, ratio {:.2}, peak {peak}",
            bare.as_secs_f64(),
            b.as_secs_f64(),
            b.as_secs_f64() / bare.as_secs_f64()
        );
        best_bare = best_bare.min(bare);
        best_batch = best_batch.min(b);
        peaks.push(peak);
    }
    println!(
        "best: bare read {:.3} s, batch {:.3} s, ratio {:.2}; peaks {}",
        best_bare.as_secs_f64(),
        best_batch.as_secs_f64(),
        best_batch.as_secs_f64() / best_bare.as_secs_f64(),
        peaks.join(", ")
    );
}
