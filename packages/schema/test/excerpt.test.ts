import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkValues, describeValue, excerpt, HIDDEN_CREDENTIAL, isSecretName, leadsOutsideRepository, looksLikeCredential, MAX_EXCERPT, parseSource, repositoryOf } from "../src/index.js";

// Token-shaped test strings, built at run time so no scanner mistakes this file for a leak.
const ghp = `ghp_${"A1b2C3d4E5".repeat(4)}`;
const hf = `hf_${"q".repeat(34)}`;
const aws = `AKIAIOSFODNN7EXAMPLE`;

describe("excerpt", () => {
  it("quotes a short value as it is", () => {
    expect(excerpt("phi-2.Q4_K_M.gguf")).toBe('"phi-2.Q4_K_M.gguf"');
  });

  it(`cuts a long value to ${MAX_EXCERPT} characters with an ellipsis and says how long it was`, () => {
    const shown = excerpt("x".repeat(300));
    expect(shown).toBe(`"${"x".repeat(MAX_EXCERPT)}…" (300 characters)`);
  });

  it("escapes line breaks, quotes, backslashes, control and bidi characters, and counts escapes against the limit", () => {
    expect(excerpt('a\nb"c\\d\u0007\u202e')).toBe('"a\\nb\\"c\\\\d\\u0007\\u202e"');
    expect(excerpt("\n".repeat(40))).toBe(`"${"\\n".repeat(MAX_EXCERPT / 2)}…" (40 characters)`);
  });

  it("never shows a value that looks like a credential, nor one under a secret key", () => {
    for (const v of [ghp, hf, aws, `https://ci-bot:${ghp}@github.com`, "https://user:hunter2@example.com/x", "-----BEGIN OPENSSH PRIVATE KEY-----", "Bearer abcdefghijklmnop"]) {
      expect(excerpt(v), v.slice(0, 8)).toBe(HIDDEN_CREDENTIAL);
    }
    expect(excerpt("hunter2", "password")).toBe(HIDDEN_CREDENTIAL);
    expect(excerpt("hunter2", "apiKey")).toBe(HIDDEN_CREDENTIAL);
    expect(excerpt("hf-token", "secretName")).toBe('"hf-token"');
  });

  it("describes other values by kind", () => {
    expect(describeValue(["a"])).toBe("a list");
    expect(describeValue({ a: 1 })).toBe("a mapping");
    expect(describeValue(12)).toBe("number 12");
  });
});

describe("looksLikeCredential / isSecretName", () => {
  it("knows environment names and camelCase keys that hold a secret, not those that point at one", () => {
    expect(isSecretName("HF_TOKEN")).toBe(true);
    expect(isSecretName("LLAMA_API_KEY")).toBe(true);
    expect(isSecretName("LLAMA_ARG_API_KEY_FILE")).toBe(false);
    expect(isSecretName("apiKey")).toBe(true);
    expect(isSecretName("secretName")).toBe(false);
    expect(isSecretName("filename")).toBe(false);
  });

  it("leaves ordinary values alone", () => {
    expect(looksLikeCredential("https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf")).toBe(false);
    expect(looksLikeCredential("sk-1")).toBe(false);
  });
});

describe("the schema stage's messages", () => {
  it("do not quote a token-like scalar of the wrong type, nor more than an excerpt of another", () => {
    const text = `model:\n  repoId: 12\n  filename: [a]\nreplicaCount: "https://ci-bot:${ghp}@github.com"\nimage:\n  tag: ${"y".repeat(200)}\n  pullPolicy: ${hf}\n`;
    const { problems } = checkValues(parseSource("v.yaml", text));
    const messages = problems.map((p) => p.message).join("\n");
    expect(problems.find((p) => p.path === "replicaCount")?.message).toContain(HIDDEN_CREDENTIAL);
    expect(problems.find((p) => p.path === "image.pullPolicy")?.message).toContain(HIDDEN_CREDENTIAL);
    expect(messages).not.toContain("ghp_");
    expect(messages).not.toContain("hf_");
    expect(messages).not.toContain("ci-bot");
    expect(messages).not.toContain("y".repeat(MAX_EXCERPT + 1));
  });

  it("escape a line break in an unknown key", () => {
    const { problems } = checkValues(parseSource("v.yaml", '"a\\nb": 1\n'));
    expect(problems.find((p) => p.ruleId === "schema/unknown-property")?.message).toContain('unknown property "a\\nb"');
  });
});

describe("leadsOutsideRepository", () => {
  const base = mkdtempSync(join(tmpdir(), "llmchart-repo-"));
  const repo = join(base, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  mkdirSync(join(repo, "project", "values"), { recursive: true });
  writeFileSync(join(base, "secret.txt"), "token\n");
  writeFileSync(join(repo, ".git", "config"), "[remote]\n");
  writeFileSync(join(repo, "shared.yaml"), "a: 1\n");
  writeFileSync(join(repo, "project", "values", "plain.yaml"), "a: 1\n");
  symlinkSync(join(base, "secret.txt"), join(repo, "project", "values", "out.yaml"));
  symlinkSync("../../.git/config", join(repo, "project", "values", "git.yaml"));
  symlinkSync("../../shared.yaml", join(repo, "project", "values", "shared.yaml"));
  const root = join(repo, "project");

  it("takes the git top-level as the repository, else the project root", () => {
    expect(repositoryOf(root)).toBe(repo);
    expect(repositoryOf(base)).toBe(base);
  });

  it("refuses a link out of the repository or into .git, not a file or a link inside it", () => {
    expect(leadsOutsideRepository(root, join(root, "values", "out.yaml"))).toBe(true);
    expect(leadsOutsideRepository(root, join(root, "values", "git.yaml"))).toBe(true);
    expect(leadsOutsideRepository(root, join(root, "values", "shared.yaml"))).toBe(false);
    expect(leadsOutsideRepository(root, join(root, "values", "plain.yaml"))).toBe(false);
    expect(leadsOutsideRepository(root, join(root, "values", "missing.yaml"))).toBe(false);
  });

  it("leaves a file the user named outside the repository to them", () => {
    expect(leadsOutsideRepository(root, join(base, "secret.txt"))).toBe(false);
  });
});
