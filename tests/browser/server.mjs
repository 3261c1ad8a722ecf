// Starting carepath for the browser and client tests: `carepath serve --demo` on a free
// loopback port with its own data directory, waited for until /healthz answers.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";

const BIN = process.env.CAREPATH_BIN;

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on("error", reject);
  });
}

export async function startServer(env, { port, config } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "carepath-browser-"));
  port ??= await freePort();
  const extra = {};
  if (config) {
    writeFileSync(join(dir, "carepath.toml"), config);
    extra.CAREPATH_CONFIG = join(dir, "carepath.toml");
  }
  const child = spawn(BIN, ["serve", "--demo", "--data-dir", dir, "--addr", `127.0.0.1:${port}`],
    { env: { ...process.env, CAREPATH_LOG: "warn", ...env, ...extra }, stdio: ["ignore", "ignore", "pipe"] });
  const base = await healthy(child, port);
  return { base, dir, stop: () => { child.kill("SIGTERM"); rmSync(dir, { recursive: true, force: true }); } };
}


// Waits until `child`, a carepath listening on `port`, answers /healthz; returns its address.
export async function healthy(child, port, seconds = 30) {
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try { if ((await fetch(`${base}/healthz`)).ok) return base; } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`carepath did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Debian's headless Chromium, started as this machine needs it (no sandbox, no network of its own).
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
    timeout: 60_000,
  });
}
