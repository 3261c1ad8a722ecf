//! The fuzz target `fhir_date`: see `checks::fhir_date` for what it checks.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::fhir_date(data));
