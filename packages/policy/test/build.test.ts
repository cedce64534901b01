// Every rule, estimate and fix asks the file's build (issue 22): the same values judged as
// the image tag's build reads them, not as the one build the linter used to know.
import { parseSource, type Problem } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { effectiveModel } from "../src/effective.js";
import { lint } from "./helpers.js";

/** The seed's phi-2 file, pinned to `tag`, with `extra` added to its server arguments. */
const phi2 = (tag: string, extra: readonly string[] = [], limit = "6Gi") => `image:
  tag: ${tag}
resources:
  requests:
    cpu: "2"
    memory: "${limit}"
  limits:
    cpu: "4"
    memory: "${limit}"
model:
  repoId: TheBloke/phi-2-GGUF
  filename: phi-2.Q4_K_M.gguf
  sha256: "${"a".repeat(64)}"
extraArgs:
  - "-c"
  - "2048"
  - "-t"
  - "4"
${extra.map((a) => `  - "${a}"\n`).join("")}`;

const EXTRA_LINE = 19;
const flagProblems = (problems: readonly Problem[]) => problems.filter((p) => ["unknown-flag", "removed-flag", "flag-value"].includes(p.ruleId));
const texts = (problems: readonly Problem[]) => problems.map((p) => `${p.ruleId} ${p.message} ${p.fix?.text ?? ""}`).join("\n");

describe("a file pinned to server-b4719 (the seed's era)", () => {
  it("lints --mlock without a flag error", () => {
    expect(flagProblems(lint(phi2("server-b4719", ["--mlock"])))).toEqual([]);
  });

  it.each(["--cache-ram", "--load-mode"])("gets an error at %s's line: b4719 does not have it yet", (flag) => {
    const problems = flagProblems(lint(phi2("server-b4719", [flag, flag === "--cache-ram" ? "768" : "mlock"])));
    expect(problems).toEqual([expect.objectContaining({ ruleId: "unknown-flag", severity: "error", line: EXTRA_LINE, messageId: "laterFlag" })]);
    expect(problems[0]!.message).toMatch(new RegExp(`^server flag "${flag}" was added in b\\d+; this file's build is b4719`));
  });

  it("never mentions a prompt cache or suggests --cache-ram, even when memory is short", () => {
    for (const limit of ["6Gi", "3Gi", "2Gi", "1Gi"]) {
      const all = texts(lint(phi2("server-b4719", [], limit)));
      expect(all).not.toMatch(/prompt cache|--cache-ram|cache-ram/);
    }
    // Without a memory limit the estimate is itemised in the message: no prompt cache in it.
    const noLimit = lint(phi2("server-b4719").replace(/\n {4}memory: "6Gi"/g, ""));
    expect(noLimit.find((p) => p.ruleId === "memory-headroom")?.message).toMatch(/KV cache .* \+ compute .* \+ \d+ MiB headroom/);
    expect(texts(noLimit)).not.toMatch(/prompt cache|cache-ram/);
  });

  it("fits in 6Gi: no host-RAM prompt cache before --cache-ram existed", () => {
    expect(lint(phi2("server-b4719")).filter((p) => p.ruleId === "memory-headroom")).toEqual([]);
    expect(effectiveModel(parseSource("v.yaml", phi2("server-b4719"))).estimate?.promptCacheBytes).toBe(0);
  });

  it("takes a bare -fa before -c as a switch", () => {
    const text = phi2("server-b4719").replace('  - "-c"\n', '  - "-fa"\n  - "-c"\n');
    expect(flagProblems(lint(text))).toEqual([]);
  });

  it("sizes the KV cache for the default -c 4096 when -c is left out, and notes it", () => {
    const text = phi2("server-b4719").replace('  - "-c"\n  - "2048"\n', "");
    const e = effectiveModel(parseSource("v.yaml", text));
    expect(e.estimate?.kvCtx).toBe(4096);
    expect(e.estimate?.breakdown).toContain("(-c default 4096, f16, ");
    expect(lint(text).filter((p) => p.ruleId === "ctx-size-missing")).toEqual([
      expect.objectContaining({ severity: "info", messageId: "noCtxFixedDefault", message: expect.stringMatching(/^no -c: b4719 uses its default of 4096 tokens/) as string }),
    ]);
  });
});

describe("the same file pinned to server-b7000", () => {
  const headroom = (tag: string) => lint(phi2(tag)).filter((p) => p.ruleId === "memory-headroom");

  it("gets memory-headroom for 6Gi: the 8 GiB prompt cache exists there (and not in b4719)", () => {
    const problems = headroom("server-b7000");
    expect(problems).toEqual([expect.objectContaining({ severity: "warning", messageId: "belowEstimate" })]);
    expect(problems[0]!.message).toContain("prompt cache 8.0 GiB (--cache-ram default 8192 MiB)");
    expect(problems[0]!.message).toContain('cap the prompt cache with "--cache-ram"');
    expect(headroom("server-b4719")).toEqual([]);
  });

  it("reports a bare -fa before -c: from b6325 it swallows -c as its value (b4719 takes it as a switch)", () => {
    const withFa = (tag: string) => flagProblems(lint(phi2(tag).replace('  - "-c"\n', '  - "-fa"\n  - "-c"\n')));
    expect(withFa("server-b7000")).toEqual([expect.objectContaining({ ruleId: "flag-value", severity: "error", messageId: "missingValueBeforeFlag", line: 15 })]);
    expect(withFa("server-b4719")).toEqual([]);
  });
});

describe("--mlock across the load-mode change", () => {
  it("is at most a warning on b10200, naming --load-mode", () => {
    const problems = flagProblems(lint(phi2("server-b10200", ["--mlock"])));
    expect(problems).toEqual([expect.objectContaining({ ruleId: "removed-flag", severity: "warning", messageId: "deprecatedFlag", line: EXTRA_LINE })]);
    expect(problems[0]!.message).toMatch(/use --load-mode mlock/);
  });

  it("is an error on b10900", () => {
    const problems = flagProblems(lint(phi2("server-b10900", ["--mlock"])));
    expect(problems).toEqual([expect.objectContaining({ ruleId: "removed-flag", severity: "error", messageId: "removedFlag", line: EXTRA_LINE })]);
    expect(problems[0]!.message).toMatch(/^--mlock was removed from llama-server in b10875 .*: use --load-mode mlock/);
  });

  it("names no --load-mode replacement for a variable on a build without it", () => {
    const text = `${phi2("server-b4719")}extraEnv:\n  - name: LLAMA_ARG_LOAD_MODE\n    value: mlock\n`;
    const problems = flagProblems(lint(text));
    expect(problems).toEqual([expect.objectContaining({ ruleId: "unknown-flag", messageId: "laterEnv" })]);
  });
});

describe("what the build is", () => {
  it("is the values file's image.tag, else the config's pinned image", () => {
    expect(effectiveModel(parseSource("v.yaml", phi2("server-b4719"))).build).toMatchObject({ number: 4719, from: "image.tag", status: "exact" });
    const pinned = effectiveModel(parseSource("v.yaml", phi2("server-b4719").replace("  tag: server-b4719\n", "  tag: ''\n")));
    expect(pinned.build.from).toBe("config");
  });

  it("says once, as info, when a floating tag is judged with the newest known build", () => {
    const problems = lint(phi2("server")).filter((p) => p.ruleId === "image-tag-floating");
    expect(problems.map((p) => `${p.severity} ${p.messageId}`)).toEqual(["warning floatingServerTag", "info judgedWithNewest"]);
  });

  it("says once, as info, that the flag rules do not judge a build older than the data, and they do not", () => {
    const problems = lint(phi2("server-b1000", ["--no-such-flag"]));
    expect(problems.filter((p) => p.ruleId === "image-tag-floating").map((p) => `${p.severity} ${p.messageId}`)).toEqual(["info olderThanData"]);
    expect(flagProblems(problems)).toEqual([]);
  });
});
