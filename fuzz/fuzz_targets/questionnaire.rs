//! The fuzz target `questionnaire`: see `checks::questionnaire` for what it checks.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::questionnaire(data));
