//! The fuzz target `fhir_resource`: see `checks::fhir_resource` for what it checks.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::fhir_resource(data));
