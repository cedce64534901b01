import { describe, expect, it } from "vitest";
import { formatMessage, schemaRules } from "../src/index.js";

describe("formatMessage", () => {
  it("fills every {{placeholder}} from data, numbers included", () => {
    expect(formatMessage("{{flag}} runs {{ n }} threads", { flag: "-t", n: 8 })).toBe("-t runs 8 threads");
  });

  it("puts values in as they are: no second expansion, no $-patterns", () => {
    expect(formatMessage("tag {{tag}}", { tag: "{{tag}} $& $1" })).toBe("tag {{tag}} $& $1");
  });

  it("throws for a placeholder without a value (a bug in the rule, not the user's file)", () => {
    expect(() => formatMessage("{{a}} and {{b}}", { a: "x" })).toThrow(/no value for \{\{b\}\}/);
  });
});

describe("schema rules' messages", () => {
  it("every template's placeholders are plain names", () => {
    for (const rule of schemaRules) {
      for (const template of Object.values(rule.messages ?? {})) {
        for (const m of template.matchAll(/\{\{(.*?)\}\}/g)) expect(m[1]!.trim(), `${rule.id}: ${template}`).toMatch(/^[A-Za-z0-9_]+$/);
      }
    }
  });
});
