import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderFamilyPage, renderRulesIndex, ruleFamilies } from "../scripts/rule-docs.mjs";
import { allRules } from "../src/rules.js";

const repo = join(import.meta.dirname, "..", "..", "..");

describe("the one rule registry", () => {
  it("holds every id once, each with a description and a docs page", () => {
    const ids = allRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules()) {
      expect(r.description.length, r.id).toBeGreaterThan(10);
      expect(r.docs, r.id).toMatch(/^docs\/rules\/[a-z0-9-]+\.md(#[a-z0-9-]+)?$/);
    }
  });

  it("documents every built-in id on its family page, under an anchor named after it", () => {
    for (const r of allRules().filter((x) => x.id.includes("/"))) {
      const [page, anchor] = r.docs!.split("#");
      const text = readFileSync(join(repo, page!), "utf8");
      expect(text, r.id).toContain(`\n## ${anchor}\n`);
    }
  });

  it("keeps docs/rules/README.md and the family pages in sync (run `pnpm --filter @llmchart/core gen:docs`)", () => {
    expect(readFileSync(join(repo, "docs", "rules", "README.md"), "utf8")).toBe(renderRulesIndex(allRules()));
    for (const family of ruleFamilies(allRules())) {
      expect(readFileSync(join(repo, "docs", "rules", `${family}.md`), "utf8"), family).toBe(renderFamilyPage(family, allRules()));
    }
  });
});
