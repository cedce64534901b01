#!/usr/bin/env node
// Regenerates docs/capacity.png: the capacity picture of the bundled seed layout
// (infra/apps/llm/values/*.yaml as committed) on two 8-CPU / 32 GiB nodes, rendered by
// formatHtml and photographed in Debian's headless Chromium. Run after `pnpm build`:
//   node packages/capacity/scripts/screenshot.mjs
import { parseSource } from "@llmchart/schema";
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { capacityInputs, formatHtml, planCapacity } from "../dist/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const valuesDir = join(root, "infra", "apps", "llm", "values");
const chartValues = parseSource("values.yaml", readFileSync(join(root, "infra", "apps", "llm", "charts", "llama-cpp", "values.yaml"), "utf8"));
const sources = readdirSync(valuesDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => parseSource(`infra/apps/llm/values/${f}`, readFileSync(join(valuesDir, f), "utf8")));
const pools = [{ name: "cpu-8", cpu: "8", memory: "32Gi", count: 2, labels: {}, taints: [] }];
const report = planCapacity({ models: capacityInputs(sources, { chartDefaults: chartValues }), pools });

const dir = mkdtempSync(join(tmpdir(), "llmchart-shot-"));
try {
  const page = join(dir, "capacity.html");
  writeFileSync(page, await formatHtml(report, { title: "llmchart capacity — seed layout on 2 × (8 CPU, 32 GiB)" }));
  const browser = await chromium.launch({
    executablePath: process.env.LLMCHART_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 1240, height: 800 }, deviceScaleFactor: 1 });
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
    await tab.screenshot({ path: join(root, "docs", "capacity.png"), fullPage: true });
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log("wrote docs/capacity.png");
