import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtml } from "../src/index.js";
import { cappedSeed, plan, pool8x32, SEED } from "./helpers.js";

/** Debian's chromium package (installed by .ci/run where missing); LLMCHART_CHROMIUM overrides it. */
const CHROMIUM = process.env.LLMCHART_CHROMIUM ?? "/usr/bin/chromium";

describe("html in a real headless Chromium", () => {
  let browser: Browser | undefined;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium) or set LLMCHART_CHROMIUM`);
    dir = mkdtempSync(join(tmpdir(), "llmchart-capacity-"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("renders without console errors, with the picture and every model name visible", async () => {
    const file = join(dir, "capacity.html");
    writeFileSync(file, await formatHtml(plan(cappedSeed(), [pool8x32(1)]).report));
    if (!browser) throw new Error("Chromium was not launched");
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    expect(problems).toEqual([]);
    const svg = page.locator("figure > svg");
    expect(await svg.count()).toBe(1);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(200);
    const svgText = await svg.textContent();
    for (const m of SEED) expect(svgText).toContain(m);
    expect(await page.locator(".verdict").textContent()).toBe("✗ phi2, mistral7b do not fit (first: mistral7b)");
    await page.close();
  });
});
