//! A workbook's bytes (xlsx, xls, ods), read as `score` reads its forms and as `batch` reads
//! its tables. The logic is `jixiao::fuzzing::workbook`, which tests/regressions.rs replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jixiao::fuzzing::workbook(data);
});
