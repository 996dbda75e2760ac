#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checker_core_fuzz::pattern_parity(data));
