// LHC-Forms (NLM's SDC form renderer, npm `lforms`) in headless Chromium renders every
// questionnaire the IBS school ships; the response it makes (filled with an answer to every
// question) is posted to carepath, which accepts and scores it. Run by `cargo xtask test`;
// needs CAREPATH_BIN and Debian's Chromium.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { launchChromium, startServer } from "./server.mjs";

const BIN = process.env.CAREPATH_BIN;
const ROOT = join(import.meta.dirname, "../..");
const LFORMS = join(import.meta.dirname, "node_modules/lforms/dist/lforms");
// Angular, which LHC-Forms is built with, needs zone.js loaded first.
const ZONE = join(import.meta.dirname, "node_modules/zone.js/bundles");
const SHIPPED = join(ROOT, "content/ibs-school/questionnaires");
// The page LHC-Forms runs in, served by the browser context itself (no server of its own).
const PAGE = `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<link rel="stylesheet" href="/webcomponent/styles.css"></head>
<body><div id="form"></div>
<script src="/zone/zone.umd.min.js"></script>
<script src="/webcomponent/lhc-forms.js"></script>
<script src="/fhir/lformsFHIRAll.min.js"></script></body></html>`;

let browser;
before(async () => {
  browser = await launchChromium(chromium);
});
after(async () => { await browser?.close(); });

/** An answer to `item` a person could give: the middle option, the lowest allowed number. */
function answerFor(item, q) {
  const min = (item.extension ?? []).find((e) => e.url.endsWith("/minValue"));
  const lowest = min ? (min.valueInteger ?? min.valueDecimal ?? 0) : 0;
  switch (item.type) {
    case "choice": case "open-choice": {
      let options = item.answerOption ?? [];
      if (!options.length && item.answerValueSet?.startsWith("#")) {
        const vs = (q.contained ?? []).find((c) => `#${c.id}` === item.answerValueSet);
        const concepts = vs?.compose?.include?.flatMap((i) => (i.concept ?? []).map((c) => ({ valueCoding: { system: i.system, code: c.code, display: c.display } }))) ?? [];
        options = vs?.expansion?.contains?.map((c) => ({ valueCoding: c })) ?? concepts;
      }
      const option = options[Math.floor(options.length / 2)];
      return option.valueCoding ? { valueCoding: option.valueCoding } : option;
    }
    case "integer": return { valueInteger: lowest + 1 };
    case "decimal": return { valueDecimal: lowest + 1.5 };
    case "boolean": return { valueBoolean: false };
    case "date": return { valueDate: "2026-12-01" };
    case "string": case "text": return { valueString: "Ingen merknader" };
    default: return null;
  }
}

/** Response items answering every question of `items` that a person answers. */
function answers(items, q) {
  const out = [];
  for (const item of items ?? []) {
    if (item.type === "display") continue;
    if (item.type === "group") {
      const inner = answers(item.item, q);
      if (inner.length) out.push({ linkId: item.linkId, item: inner });
      continue;
    }
    if (item.readOnly || item.enableWhen) continue;
    const answer = answerFor(item, q);
    if (answer) out.push({ linkId: item.linkId, answer: [answer] });
  }
  return out;
}

test("LHC-Forms renders every shipped questionnaire and carepath scores what it sends", async () => {
  const server = await startServer({});
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  await context.route("http://lforms.test/**", (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") return route.fulfill({ contentType: "text/html", body: PAGE });
    if (path.startsWith("/zone/")) return route.fulfill({ path: join(ZONE, path.slice("/zone/".length)) });
    return route.fulfill({ path: join(LFORMS, path) });
  });
  try {
    const token = execFileSync(BIN, ["admin", "create-token", "--user", "kliniker1", "--data-dir", server.dir],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop();
    const api = async (method, path, body) => {
      const res = await fetch(`${server.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/fhir+json", accept: "application/fhir+json" },
        body: body && JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    const found = await api("GET", "/fhir/Patient?name=Haugen");
    const patient = found.json.entry[0].resource.id;
    const files = readdirSync(SHIPPED).filter((f) => f.endsWith(".json"));
    assert.ok(files.length >= 6, `shipped questionnaires: ${files}`);
    for (const file of files) {
      const q = JSON.parse(readFileSync(join(SHIPPED, file), "utf8"));
      const page = await context.newPage();
      try {
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto("http://lforms.test/");
        await page.waitForFunction(() => window.LForms?.Util?.addFormToPage && window.LForms?.FHIR, null, { timeout: 30_000 })
          .catch(() => assert.fail(`${file}: LHC-Forms did not load: ${errors.join("; ")}`));
        const given = { resourceType: "QuestionnaireResponse", status: "in-progress", item: answers(q.item, q) };
        const made = await page.evaluate(async ({ q, given }) => {
          await window.LForms.Util.addFormToPage(q, "form", { questionnaireResponse: given });
          const rendered = document.querySelectorAll("lhc-item").length;
          const response = window.LForms.Util.getFormFHIRData("QuestionnaireResponse", "R4",
            document.getElementById("form"));
          return { rendered, response };
        }, { q, given });
        assert.ok(made.rendered > 0, `${file}: LHC-Forms rendered no items`);
        const response = {
          ...made.response,
          questionnaire: `${q.url}|${q.version}`,
          status: "completed",
          subject: { reference: `Patient/${patient}` },
          authored: "2026-12-01T10:00:00+01:00",
        };
        const posted = await api("POST", "/fhir/QuestionnaireResponse", response);
        assert.equal(posted.status, 201, `${file}: ${JSON.stringify(posted.json)}\nsent: ${JSON.stringify(response)}`);
        const scores = await api("GET", `/fhir/Observation?derived-from=QuestionnaireResponse/${posted.json.id}&_summary=count`);
        const scored = readdirSync(join(ROOT, "content/ibs-school/scoring")).includes(file);
        if (scored) assert.ok(scores.json.total >= 1, `${file}: no score stored`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
    server.stop();
  }
});
