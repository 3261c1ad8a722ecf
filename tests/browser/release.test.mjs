// The release (issue 21, decision 0071): the Debian package from `cargo xtask release`
// installed with dpkg in a clean Debian (debootstrap, entered with chroot), its service
// started as its systemd unit says, the first administrator made with `admin bootstrap`
// and signed in with Chromium; and the OCI image's layer run on its own, as its user.
// `cargo xtask test` builds both from the debug binary and makes the clean Debian (as
// root); CAREPATH_DEB, CAREPATH_OCI and CAREPATH_CHROOT name them. Required in CI.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort, healthy, launchChromium } from "./server.mjs";
import { totp } from "./totp.mjs";

const CI = process.env.CI && process.env.CI !== "false";
const DEB = process.env.CAREPATH_DEB;
const OCI = process.env.CAREPATH_OCI;
const CHROOT = process.env.CAREPATH_CHROOT;
if (CI) {
  assert.ok(DEB && OCI, "CI must build the Debian package and the OCI image (cargo xtask test does)");
  assert.ok(CHROOT, "CI must make a clean Debian for the release test: run as root with debootstrap installed");
}
const skip = !(DEB && OCI && CHROOT) && "needs root, debootstrap and cargo xtask test's package";

let browser;
before(async () => {
  if (skip) return;
  browser = await launchChromium(chromium);
});
after(async () => { await browser?.close(); });

// `NAME=value` lines as an environment of their own.
const only = (lines) => Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

// Starts `argv` inside `root` as `user` with only `env`, and waits until /healthz answers.
async function serve(root, user, env, argv, port) {
  const child = spawn("/usr/sbin/chroot", [`--userspec=${user}`, root, ...argv],
    { env: only(env), stdio: ["ignore", "ignore", "pipe"] });
  const base = await healthy(child, port, 60);
  return { base, stop: () => child.kill("SIGTERM") };
}

test("the Debian package installs in a clean Debian, runs as its own user, and its first administrator signs in", { skip }, async () => {
  const inside = (...args) => execFileSync("chroot", [CHROOT, ...args]).toString();
  copyFileSync(DEB, join(CHROOT, "tmp/carepath.deb"));
  inside("dpkg", "-i", "/tmp/carepath.deb");

  // A system user of its own that cannot log in, and folders and files only it may read.
  assert.match(inside("getent", "passwd", "carepath"), /^carepath:x:\d+:\d+:[^:]*:\/var\/lib\/carepath:\/usr\/sbin\/nologin$/m);
  const modes = inside("stat", "-c", "%a %U %G %n", "/var/lib/carepath", "/var/lib/carepath/data",
    "/etc/carepath", "/etc/carepath/carepath.toml", "/usr/bin/carepath", "/lib/systemd/system/carepath.service");
  for (const line of ["700 carepath carepath /var/lib/carepath", "700 carepath carepath /var/lib/carepath/data",
    "750 root carepath /etc/carepath", "640 root carepath /etc/carepath/carepath.toml",
    "755 root root /usr/bin/carepath", "644 root root /lib/systemd/system/carepath.service"]) {
    assert.ok(modes.split("\n").includes(line), `expected "${line}" in:\n${modes}`);
  }
  assert.match(inside("carepath", "--version"), /^carepath \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)$/m);

  // Started as the unit says: its user, its environment, its command.
  const unit = readFileSync(join(CHROOT, "lib/systemd/system/carepath.service"), "utf8");
  const one = (key) => unit.match(new RegExp(`^${key}=(.*)$`, "m"))[1].trim();
  const user = one("User");
  assert.equal(one("Group"), user);
  assert.equal(one("UMask"), "0077");
  const environment = [...unit.matchAll(/^Environment=(.*)$/gm)].map((m) => m[1].trim());
  const exec = one("ExecStart").split(/\s+/);
  try { execFileSync("mount", ["-t", "proc", "proc", join(CHROOT, "proc")]); } catch { /* not needed */ }
  const port = await freePort();
  const local = [`CAREPATH_ADDR=127.0.0.1:${port}`, `CAREPATH_PUBLIC_URL=http://127.0.0.1:${port}`, "CAREPATH_LOG=warn"];
  const server = await serve(CHROOT, `${user}:${user}`, [...environment, ...local], exec, port);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "nb-NO" });
  try {
    // The data key and the database the service made are its user's alone.
    const data = inside("stat", "-c", "%a %U %n", "/var/lib/carepath/data/carepath.key", "/var/lib/carepath/data/carepath.db");
    assert.match(data, /^600 carepath \/var\/lib\/carepath\/data\/carepath\.key$/m);
    assert.match(data, /^600 carepath \/var\/lib\/carepath\/data\/carepath\.db$/m);

    // The operator makes the first administrator as the service user.
    const said = execFileSync("chroot", [`--userspec=${user}:${user}`, CHROOT, "env", "-i", ...environment, ...local,
      "carepath", "admin", "bootstrap", "--user", "driftsansvarlig", "--name", "Dina Drift"]).toString().trim();
    const link = said.split("\n").pop();
    assert.match(link, new RegExp(`^${server.base}/logg-inn/nytt-passord/`));

    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(link);
    const password = "fire fjorder og et fyrtårn";
    await page.getByLabel("Nytt passord").fill(password);
    await page.getByLabel("Gjenta passordet").fill(password);
    await page.getByRole("button", { name: "Lagre passordet" }).click();
    await page.waitForURL(`${server.base}/logg-inn?passord=satt`);
    // Without HelseID or ID-porten set up, the staff form is the one open.
    if (!(await page.locator("#ansatt-brukernavn").isVisible())) {
      await page.getByText("Ansatt uten HelseID eller kursdeltaker?").click();
    }
    await page.locator("#ansatt-brukernavn").fill("driftsansvarlig");
    await page.getByLabel("Passord", { exact: true }).fill(password);
    await page.locator("form[action='/logg-inn/passord'] button").click();
    await page.waitForURL(`${server.base}/logg-inn/kode`);
    const key = await page.locator(".secret code").innerText();
    await page.getByLabel("Kode (6 siffer)").fill(totp(key));
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL(`${server.base}/admin`);
    await page.goto(`${server.base}/admin/ansatte`);
    await page.getByText("Dina Drift").first().waitFor();

    // A second bootstrap is refused now that there is an administrator.
    assert.throws(() => execFileSync("chroot", [`--userspec=${user}:${user}`, CHROOT, "env", "-i", ...environment,
      "carepath", "admin", "bootstrap", "--user", "eva", "--name", "Eva"], { stdio: "pipe" }));
  } finally {
    await context.close();
    server.stop();
    try { execFileSync("umount", [join(CHROOT, "proc")]); } catch { /* not mounted */ }
  }
});

test("the OCI image holds everything the binary needs and runs as its own user", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "carepath-oci-"));
  try {
    execFileSync("tar", ["-xf", OCI, "-C", dir]);
    const blob = (digest) => join(dir, "blobs", digest.replace(":", "/"));
    const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
    assert.match(index.manifests[0].annotations["org.opencontainers.image.ref.name"], /^carepath:\d+\.\d+\.\d+$/);
    const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), "utf8"));
    const config = JSON.parse(readFileSync(blob(manifest.config.digest), "utf8"));
    assert.equal(manifest.layers.length, 1);
    const root = join(dir, "root");
    execFileSync("mkdir", [root]);
    execFileSync("tar", ["-xzf", blob(manifest.layers[0].digest), "-C", root]);
    assert.equal(execFileSync("stat", ["-c", "%a %u", join(root, "var/lib/carepath")]).toString().trim(),
      `700 ${config.config.User.split(":")[0]}`);
    // Nothing but the layer: the binary starts, serves, and writes its data as its user.
    const port = await freePort();
    const env = config.config.Env.map((e) => e.startsWith("CAREPATH_ADDR=") ? `CAREPATH_ADDR=127.0.0.1:${port}` : e);
    const server = await serve(root, config.config.User, env,
      [...config.config.Entrypoint, ...config.config.Cmd], port);
    try {
      const res = await fetch(`${server.base}/logg-inn`);
      assert.equal(res.status, 200);
      assert.equal(execFileSync("stat", ["-c", "%a %u", join(root, "var/lib/carepath/data/carepath.key")]).toString().trim(),
        `600 ${config.config.User.split(":")[0]}`);
    } finally {
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
