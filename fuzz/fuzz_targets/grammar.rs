//! Target and actual text (the target grammar), scored as one indicator under each level.
//! The logic is `jixiao::fuzzing::grammar`, which tests/regressions.rs replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jixiao::fuzzing::grammar(data);
});
