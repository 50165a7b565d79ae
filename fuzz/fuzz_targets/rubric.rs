//! A rubric file (YAML): loaded and checked, shown, then used to score example projects.
//! The logic is `jixiao::fuzzing::rubric`, which tests/regressions.rs replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jixiao::fuzzing::rubric(data);
});
