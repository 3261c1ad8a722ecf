//! An independent check of what the API emits: every resource is validated by the Python
//! `fhir.resources` package (installed into `tests/conformance/.venv` by `cargo xtask
//! test`), an implementation of FHIR that carepath did not write.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Panics with the validator's report unless every resource is valid FHIR.
pub fn assert_valid_fhir(resources: &[serde_json::Value]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    let python = dir.join(".venv/bin/python");
    assert!(
        python.exists(),
        "the FHIR validator is missing: run `cargo xtask test`, or in tests/conformance \
         `python3 -m venv .venv && .venv/bin/pip install -r requirements.txt`"
    );
    let mut child = Command::new(&python)
        .arg(dir.join("validate.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the FHIR validator");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(
            serde_json::Value::Array(resources.to_vec())
                .to_string()
                .as_bytes(),
        )
        .expect("send resources to the validator");
    let out = child.wait_with_output().expect("the validator's answer");
    assert!(
        out.status.success(),
        "fhir.resources refuses what the API emitted:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
