//! The fuzz target `questionnaire_response`: see `checks::questionnaire_response` for what it checks.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::questionnaire_response(data));
