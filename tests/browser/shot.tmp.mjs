// Screenshots for a person to look at (not a test). Args: base "user|path|width" ...
import { chromium } from "playwright-core";
const [base, ...shots] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
let i = 0;
for (const s of shots) {
  const [user, path, width] = s.split("|");
  const ctx = await browser.newContext({ locale: "nb-NO", viewport: { width: Number(width || 390), height: Number(process.env.H || 900) } });
  const page = await ctx.newPage();
  await page.goto(`${base}/logg-inn`);
  await page.locator('#brukernavn').fill(user);
  await page.locator('form[action="/logg-inn/demo"] button').click();
  await page.waitForLoadState();
  await page.goto(`${base}${path}`);
  i += 1;
  await page.screenshot({ path: `/tmp/shots/${i}-${user}.png`, fullPage: true, clip: process.env.H ? { x: 0, y: Number(process.env.Y || 0), width: Number(width || 390), height: Number(process.env.H) } : undefined });
  await ctx.close();
}
await browser.close();
