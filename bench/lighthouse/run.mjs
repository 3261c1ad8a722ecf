// Lighthouse over every patient page of the demo: mobile, simulated slow 3G (300 ms round
// trip, 400 kbit/s, 4x slower CPU), as the care-team issue measured them, over HTTP and
// over HTTPS (a TLS front on loopback with a certificate made for the run, as a hospital's
// reverse proxy would be). Prints per page when the main content shows (Largest
// Contentful Paint) and what the page weighs as sent (compressed, headers included), the
// median of RUNS runs; with --write puts the table in docs/performance.md between the
// `lighthouse` markers. Exits 1 when a page misses a target.
//
// Needs CAREPATH_BIN (a release build: `cargo xtask bench` sets it) and Debian's chromium
// (CHROMIUM, default /usr/bin/chromium). Serves on a loopback port for as long as it runs.

import { execFileSync, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { createSecureServer } from "node:http2";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const BIN = process.env.CAREPATH_BIN;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const RUNS = Number(process.env.RUNS || 3);
const WRITE = process.argv.includes("--write");
// The targets of the care-team issue.
const MAIN_CONTENT_MS = 2000;
const WEIGHT_BYTES = 30 * 1024;

if (!BIN) {
  console.error("set CAREPATH_BIN to a release build of carepath (cargo xtask bench does)");
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on("error", reject);
  });
}

// A TLS front for `base` on its own loopback port, speaking HTTP/2 as a hospital's reverse
// proxy would (nginx `http2 on`), with a self-signed certificate made now (openssl); the
// browser is started to accept it.
async function startTlsFront(base, dir) {
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  const target = new URL(base);
  // Headers HTTP/2 leaves out (pseudo-headers in, connection-specific ones out).
  const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);
  const front = createSecureServer({
    key: readFileSync(join(dir, "key.pem")),
    cert: readFileSync(join(dir, "cert.pem")),
    allowHTTP1: true,
  }, (req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !k.startsWith(":")));
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method,
        headers: { ...headers, host: target.host, "x-forwarded-proto": "https" } }, (up) => {
        res.writeHead(up.statusCode, Object.fromEntries(Object.entries(up.headers).filter(([k]) => !hopByHop.has(k))));
        up.pipe(res);
      });
      upstream.on("error", () => { res.writeHead(502); res.end(); });
      req.pipe(upstream);
    });
  const port = await freePort();
  await new Promise((resolve) => front.listen(port, "127.0.0.1", resolve));
  return { base: `https://127.0.0.1:${port}`, stop: () => front.close() };
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "carepath-lighthouse-"));
  const port = await freePort();
  const child = spawn(BIN, ["serve", "--demo", "--data-dir", dir, "--addr", `127.0.0.1:${port}`],
    { env: { ...process.env, CAREPATH_LOG: "warn" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`carepath did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const tls = await startTlsFront(base, dir);
  return {
    base,
    tls: tls.base,
    stop: () => { tls.stop(); child.kill("SIGTERM"); rmSync(dir, { recursive: true, force: true }); },
  };
}

function cookieOf(res, name) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}

// A demo user's session cookie, signed in as the sign-in page does.
async function signIn(base, username) {
  const page = await fetch(`${base}/logg-inn`);
  const csrfCookie = cookieOf(page, "carepath_login_csrf");
  if (!csrfCookie) throw new Error("the sign-in page set no CSRF cookie");
  const res = await fetch(`${base}/logg-inn/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ brukernavn: username, _csrf: csrfCookie.split("=")[1] }),
  });
  const session = cookieOf(res, "carepath_session");
  if (!session) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return session;
}

// The first link on `path` whose address matches `pattern`.
async function firstLink(base, cookie, path, pattern) {
  const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const found = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).find((href) => pattern.test(href));
  if (!found) throw new Error(`no link like ${pattern} on ${path}`);
  return found.replaceAll("&amp;", "&");
}

// Every patient page, each as a demo patient for whom it has content.
async function pages(base) {
  const as = {};
  for (const u of ["pasient1", "pasient2", "pasient3", "pasient4", "pasient5", "pasient6", "pasient8"]) {
    as[u] = await signIn(base, u);
  }
  const modulePage = await firstLink(base, as.pasient2, "/pasient/moduler", /^\/pasient\/moduler\/[^/]+\/[^/]+$/);
  const form = await firstLink(base, as.pasient3, "/pasient", /^\/pasient\/skjema\/[^/]+$/);
  return [
    ["/logg-inn", null, "sign-in"],
    ["/pasient/vilkar", as.pasient1, "terms (pasient1)"],
    ["/pasient", as.pasient5, "home: waiting for a decision (pasient5)"],
    ["/pasient/moduler", as.pasient2, "modules (pasient2)"],
    [modulePage, as.pasient2, "module page (pasient2)"],
    ["/pasient/meldinger", as.pasient2, "messages (pasient2)"],
    [form, as.pasient3, "form due (pasient3)"],
    ["/pasient", as.pasient4, "finished: results (pasient4)"],
    ["/pasient/maalinger", as.pasient6, "measurements (pasient6)"],
    ["/pasient/skjema/ibs-symptomskaar/resultat", as.pasient2, "form result (pasient2)"],
    ["/pasient/skjema/handleddsskjema/resultat", as.pasient8, "form result (pasient8)"],
    ["/pasient/innsyn", as.pasient2, "access log (pasient2)"],
    ["/pasient/mine-data", as.pasient2, "my data (pasient2)"],
  ];
}

const config = {
  extends: "lighthouse:default",
  settings: {
    formFactor: "mobile",
    throttlingMethod: "simulate",
    // Slow 3G as the issue states it; Lighthouse's own presets use the same shape.
    throttling: {
      rttMs: 300,
      throughputKbps: 400,
      cpuSlowdownMultiplier: 4,
      requestLatencyMs: 300 * 3.75,
      downloadThroughputKbps: 400 * 0.9,
      uploadThroughputKbps: 400 * 0.9,
    },
    onlyAudits: ["first-contentful-paint", "largest-contentful-paint", "total-byte-weight", "network-requests"],
    // The session cookie is set on the page before each run (Chrome does not send a Cookie
    // header given as an extra header), so Lighthouse must not clear it; the cache is
    // cleared here instead, so every run is a cold load.
    disableStorageReset: true,
  },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const server = await startServer();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    // The TLS front's certificate is made for this run only.
    "--ignore-certificate-errors"],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
const rows = [];
let failed = 0;
try {
  for (const [path, cookie, name] of await pages(server.base)) {
    const measure = async (base) => {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send("Network.clearBrowserCache");
        await cdp.send("Network.clearBrowserCookies");
        if (cookie) {
          const [cookieName, value] = cookie.split("=");
          await page.setCookie({ name: cookieName, value, url: base });
        }
        const result = await lighthouse(`${base}${path}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
        }, config, page);
        await page.close();
        const audits = result.lhr.audits;
        const landed = new URL(result.lhr.finalDisplayedUrl).pathname;
        if (landed !== new URL(`${base}${path}`).pathname) {
          throw new Error(`${path} ended on ${landed}: a redirect where the page should be`);
        }
        runs.push({
          fcp: audits["first-contentful-paint"].numericValue,
          lcp: audits["largest-contentful-paint"].numericValue,
          bytes: audits["total-byte-weight"].numericValue,
          requests: (audits["network-requests"].details?.items ?? []).length,
        });
      }
      return {
        fcp: median(runs.map((r) => r.fcp)),
        lcp: median(runs.map((r) => r.lcp)),
        bytes: median(runs.map((r) => r.bytes)),
        requests: median(runs.map((r) => r.requests)),
      };
    };
    const http = await measure(server.base);
    const https = await measure(server.tls);
    const row = {
      name,
      path: path.replace(/\/[0-9a-f-]{36}/g, "/{id}"),
      http,
      https,
      lcp: Math.max(http.lcp, https.lcp),
      bytes: Math.max(http.bytes, https.bytes),
    };
    row.ok = row.lcp <= MAIN_CONTENT_MS && row.bytes <= WEIGHT_BYTES;
    if (!row.ok) failed++;
    rows.push(row);
    console.error(`${name}: main content ${(http.lcp / 1000).toFixed(2)} s (HTTP), ${(https.lcp / 1000).toFixed(2)} s (HTTPS), ${(row.bytes / 1024).toFixed(1)} KB`);
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
  server.stop();
}

const kb = (b) => (b / 1024).toFixed(1);
const s = (ms) => (ms / 1000).toFixed(2);
const table = [
  `Lighthouse ${JSON.parse(readFileSync(new URL("./node_modules/lighthouse/package.json", import.meta.url))).version}, ` +
    `mobile, simulated slow 3G (300 ms round trip, 400 kbit/s, 4x slower CPU), on loopback over HTTP and ` +
    `over HTTPS (a TLS front speaking HTTP/2, as a reverse proxy would be), the demo (SQLite), median of ${RUNS} runs; ` +
    `${new Date().toISOString().slice(0, 10)}. Targets: main content (LCP) within ${MAIN_CONTENT_MS / 1000} s, ` +
    `at most ${WEIGHT_BYTES / 1024} KB as sent (compressed, headers included).`,
  "",
  "| page | path | first content HTTP / HTTPS (s) | main content HTTP / HTTPS (s) | weight as sent (KB) | requests | within target |",
  "|---|---|---:|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.name} | \`${r.path}\` | ${s(r.http.fcp)} / ${s(r.https.fcp)} | ` +
    `${s(r.http.lcp)} / ${s(r.https.lcp)} | ${kb(r.bytes)} | ${r.https.requests} | ${r.ok ? "yes" : "**no**"} |`),
  "",
].join("\n");
console.log(table);
if (WRITE) {
  const doc = join(dirname(fileURLToPath(import.meta.url)), "../../docs/performance.md");
  const text = readFileSync(doc, "utf8");
  const [start, end] = ["<!-- lighthouse:start -->", "<!-- lighthouse:end -->"];
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/performance.md lacks the ${start} / ${end} markers`);
  writeFileSync(doc, `${text.slice(0, a)}${start}\n${table}${text.slice(b)}`);
  console.error("wrote docs/performance.md");
}
process.exit(failed ? 1 : 0);
