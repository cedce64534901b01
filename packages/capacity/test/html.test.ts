import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtml, MODEL_COLORS } from "../src/index.js";
import { cappedSeed, plan, pool8x32, SEED, seedText, sources } from "./helpers.js";

/** A box as the page measured it (getBoundingClientRect().toJSON()). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

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

  it("draws no model in the marker red, each model in its own colour, and every pod name whole", async () => {
    // The seed with a fourth and fifth model, on two nodes: phi2 surges, the new ones get their own colours.
    const texts = Object.fromEntries(SEED.map((m) => [m, seedText(m)]));
    const extra = { "qwen-small": seedText("phi2"), "tiny-one": seedText("phi2") };
    const file = join(dir, "colours.html");
    writeFileSync(file, await formatHtml(plan(sources({ ...texts, ...extra }), [pool8x32(3)]).report));
    if (!browser) throw new Error("Chromium was not launched");
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    // The node panels' bars name their pod (aria-label "node: …; pod: …"); the ticks are drawn in the marker red.
    const bars = await page.locator('figure > svg path[aria-roledescription="bar"][aria-label*="pod: "]').evaluateAll((els) =>
      els.map((e) => ({ label: e.getAttribute("aria-label") ?? "", fill: (e.getAttribute("fill") ?? "").toLowerCase(), box: e.getBoundingClientRect().toJSON() as Box })),
    );
    const tickFills = await page.locator('figure > svg [aria-roledescription="tick"]').evaluateAll((els) => els.map((e) => (e.getAttribute("fill") ?? e.getAttribute("stroke") ?? "").toLowerCase()));
    expect(bars.length).toBeGreaterThan(0);
    const modelOf = (label: string) => /pod: ([^;]+)/.exec(label)![1]!.replace(/ \(surge\)$/, "");
    const colourOf = new Map<string, Set<string>>();
    for (const b of bars) colourOf.set(modelOf(b.label), (colourOf.get(modelOf(b.label)) ?? new Set()).add(b.fill));
    for (const [model, fills] of colourOf) {
      expect(fills.size, model).toBe(1);
      expect(tickFills, model).not.toContain([...fills][0]);
      expect(["#e45756", "#222222", "#000000"]).not.toContain([...fills][0]);
    }
    const used = [...colourOf.values()].map((f) => [...f][0]);
    expect(new Set(used).size).toBe(used.length);
    expect(used.every((c) => MODEL_COLORS.includes(c!))).toBe(true);

    // A name inside a bar lies wholly within that bar; every pod is named in full somewhere in the picture.
    const inside = await page.locator('figure > svg text[aria-roledescription="text mark"][aria-label*="mid: "]').evaluateAll((els) =>
      els.map((e) => ({ label: e.getAttribute("aria-label") ?? "", text: e.textContent ?? "", box: e.getBoundingClientRect().toJSON() as Box })),
    );
    expect(inside.length).toBeGreaterThan(0);
    for (const t of inside) {
      const node = /node: ([^;]+)/.exec(t.label)![1];
      const pod = /pod: (.+)$/.exec(t.label)![1];
      const own = bars.filter((b) => b.label.includes(`node: ${node};`) && b.label.endsWith(`pod: ${pod}`) && b.box.left - 0.5 <= t.box.left && t.box.right <= b.box.right + 0.5 && b.box.top - 0.5 <= t.box.top && t.box.bottom <= b.box.bottom + 0.5);
      expect(own.length, `${t.text} inside its bar`).toBe(1);
    }
    const svgBox = (await page.locator("figure > svg").boundingBox())!;
    const lists = await page.locator('figure > svg text[aria-label*="pods: "]').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? "", box: e.getBoundingClientRect().toJSON() as Box })));
    const named = lists.flatMap((l) => l.text.split(", "));
    for (const pod of ["phi2 (surge)", "qwen-small", "tiny-one", ...SEED]) expect(named).toContain(pod);
    for (const l of lists) expect(l.box.right, l.text).toBeLessThanOrEqual(svgBox.x + svgBox.width + 0.5);
    await page.close();
  });
});
