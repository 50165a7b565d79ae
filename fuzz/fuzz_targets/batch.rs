//! A batch CSV after one byte of options (encoding, format, rubric), in any encoding.
//! The logic is `jixiao::fuzzing::batch`, which tests/regressions.rs replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jixiao::fuzzing::batch(data);
});
