//! The fuzz target `national_identity_number`: see `checks::national_identity_number` for what it checks.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::national_identity_number(data));
