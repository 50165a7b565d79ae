//! A project file (YAML): read, then scored, re-checked and rendered.
//! The logic is `jixiao::fuzzing::project`, which tests/regressions.rs replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jixiao::fuzzing::project(data);
});
