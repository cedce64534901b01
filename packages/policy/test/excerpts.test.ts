// Policy messages quote what a values file says only as excerpts (@llmchart/schema's excerpt):
// escaped, short, and never a value that looks like a credential.
import { HIDDEN_CREDENTIAL } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { lint } from "./helpers.js";

const GHP = `ghp_Zx9Qw3Er7Ty1Ui5Op2As6Df0Gh4Jk8Lm3N`;
const LONG = "z".repeat(300);

describe("policy messages", () => {
  it("never quote a credential, by its value or by the flag it is given to", () => {
    const text = [
      "model:",
      "  repoId: TheBloke/phi-2-GGUF",
      "  filename: phi-2.Q4_K_M.gguf",
      `  downloadUrl: "https://ci-bot:${GHP}@example.com/phi-2.Q4_K_M.gguf"`,
      "extraArgs:",
      // --api-key may be repeated (each adds a key); --hf-token given twice is a duplicate whose
      // message describes both occurrences, values included.
      '  - "--hf-token"',
      `  - "sk-${"a".repeat(30)}"`,
      '  - "--hf-token"',
      `  - "${GHP}"`,
      `  - "--bogus=${GHP}"`,
      "",
    ].join("\n");
    const messages = lint(text).map((p) => p.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(m).not.toContain("ghp_");
      expect(m).not.toContain("ci-bot");
      expect(m).not.toContain("sk-aaa");
    }
    expect(messages.some((m) => m.includes(HIDDEN_CREDENTIAL))).toBe(true);
  });

  it("quote a long or odd value as a short escaped excerpt on one line", () => {
    const text = ["extraArgs:", '  - "-c"', `  - "${LONG}"`, '  - "-fa"', '  - "a\\nkind: Secret"', `  - "${LONG}"`, ""].join("\n");
    const messages = lint(text).map((p) => p.message);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(m).not.toContain("\n");
      expect(m).not.toContain("z".repeat(25));
    }
    expect(messages).toContainEqual(expect.stringContaining('got "a\\nkind: Secret"'));
  });
});
