import { describe, expect, it } from "vitest";
import { describeReplacement } from "../src/semantic.js";

describe("describeReplacement (what adopting a hand-written file changes)", () => {
  it("lists the fields of YAML data that differ, ignoring key order, comments and quoting", () => {
    const before = "# mine\nspec:\n  project: ml\n  source: { repoURL: 'https://git.example.org/a', path: chart }\n";
    const after = "# generated\nspec:\n  source:\n    path: chart\n    repoURL: https://git.example.org/a.git\n  project: ml\n";
    expect(describeReplacement("apps/llm-a.yaml", before, after)).toEqual(['spec.source.repoURL: "https://git.example.org/a" → "https://git.example.org/a.git"']);
  });

  it("says so when only comments and formatting differ", () => {
    expect(describeReplacement("a.yaml", "a: 1 # x\n", "# header\na:   1\n")).toEqual(["no change in content (comments and formatting only)"]);
  });

  it("counts changed lines for a file that is not YAML data (a Go template)", () => {
    expect(describeReplacement("chart/templates/svc.yaml", "a\nb\n", "a\nc\nd\n")).toEqual(["content replaced: 3 lines → 4 lines, 2 new or changed"]);
  });

  it("never shows a value that looks like a credential (a repoURL with a token in it)", () => {
    const token = `ghp_Zx9Qw3Er7Ty1Ui5Op2As6Df0Gh4Jk8Lm3N`;
    const before = `spec:\n  source: { repoURL: 'https://ci-bot:${token}@github.com/a.git' }\n`;
    const after = "spec:\n  source: { repoURL: 'https://github.com/a.git' }\n";
    const changes = describeReplacement("apps/llm-a.yaml", before, after);
    expect(changes).toEqual(['spec.source.repoURL: a value that looks like a credential (not shown) → "https://github.com/a.git"']);
  });
});
