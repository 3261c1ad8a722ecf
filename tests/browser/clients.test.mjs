// Independent FHIR clients against a running carepath (demo data on SQLite): fhirpy, the
// Python FHIR client from PyPI, creates, reads, updates, conditionally updates, counts
// and pages (tests/conformance/fhirpy_client.py). Run by `cargo xtask test`; needs
// CAREPATH_BIN and the conformance virtualenv (`cargo xtask test` makes it).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "./server.mjs";

const BIN = process.env.CAREPATH_BIN;
const ROOT = join(import.meta.dirname, "../..");
const PYTHON = join(ROOT, "tests/conformance/.venv/bin/python");

test("fhirpy creates, reads, updates, conditionally updates, counts and pages", async () => {
  assert.ok(existsSync(PYTHON), "the conformance virtualenv is missing: run `cargo xtask test`");
  const server = await startServer({});
  try {
    const token = execFileSync(BIN, ["admin", "create-token", "--user", "kliniker1", "--data-dir", server.dir],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop();
    const out = execFileSync(PYTHON, [join(ROOT, "tests/conformance/fhirpy_client.py"), server.base, token],
      { encoding: "utf8", timeout: 120_000 });
    assert.match(out, /fhirpy: ok/);
  } finally {
    server.stop();
  }
});
