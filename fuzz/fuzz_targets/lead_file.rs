//! See `leadq_fuzz::lead_file` (fuzz/src/lib.rs) for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| leadq_fuzz::lead_file(data));
