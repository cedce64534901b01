import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRulesIndex } from "../src/docs-index.js";
import { rules } from "../src/registry.js";
import { policyRules } from "../src/index.js";
import type { Rule } from "../src/define-rule.js";

const pkg = join(import.meta.dirname, "..");
const repo = join(pkg, "..", "..");
const ruleFiles = readdirSync(join(pkg, "src", "rules"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();

describe("the rule set (conventions: one rule = one file, test, fixtures, doc)", () => {
  it("registers every file in src/rules, and nothing else", () => {
    expect(rules.map((r) => r.id).sort()).toEqual(ruleFiles);
  });

  it("exports every rule's metadata for SARIF", () => {
    expect(policyRules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    for (const m of policyRules) expect(m).toMatchObject({ help: expect.any(String), docs: `docs/rules/${m.id}.md` });
  });

  describe.each(ruleFiles)("%s", (file) => {
    let rule: Rule;
    it("default-exports a rule whose id is its file name", async () => {
      rule = ((await import(`../src/rules/${file}.ts`)) as { default: Rule }).default;
      expect(rule.id).toBe(file);
      expect(rules).toContain(rule);
    });

    it("has a test file", () => {
      expect(existsSync(join(pkg, "test", "rules", `${file}.test.ts`))).toBe(true);
    });

    it("has valid and invalid fixtures", () => {
      for (const kind of ["valid", "invalid"]) {
        const dir = join(pkg, "test", "fixtures", file, kind);
        expect(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".yaml")), `${kind} fixtures`).toBe(true);
      }
    });

    it("has a doc page that states its description, severity and fixability", async () => {
      rule ??= ((await import(`../src/rules/${file}.ts`)) as { default: Rule }).default;
      const path = join(repo, "docs", "rules", `${file}.md`);
      expect(existsSync(path), path).toBe(true);
      const doc = readFileSync(path, "utf8");
      expect(doc.split("\n")[0]).toBe(`# ${file}`);
      expect(doc).toContain(rule.description);
      expect(doc).toContain(`Default severity: **${rule.severity}**`);
      expect(doc).toContain(`Fixable: ${rule.fixable ? "yes" : "no"}`);
      expect(doc).toMatch(/## Invalid\n\n```yaml\n/);
      expect(doc).toMatch(/## Valid\n\n```yaml\n/);
    });
  });

  it("keeps docs/rules/README.md in sync with the registry (run `pnpm --filter @llmchart/policy gen:docs`)", () => {
    expect(readFileSync(join(repo, "docs", "rules", "README.md"), "utf8")).toBe(renderRulesIndex(rules));
  });

  it("has no doc page without a rule", () => {
    const pages = readdirSync(join(repo, "docs", "rules"))
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .map((f) => f.replace(/\.md$/, ""))
      .sort();
    expect(pages).toEqual(ruleFiles);
  });
});
