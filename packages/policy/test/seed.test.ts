import { checkValues, parseSource } from "@llmchart/schema";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintPolicy } from "../src/engine.js";

const seedDir = join(import.meta.dirname, "..", "..", "..", "infra", "apps", "llm", "values");

describe("the seed's three values files", () => {
  const inputs = readdirSync(seedDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const source = parseSource(f, readFileSync(join(seedDir, f), "utf8"));
      return { source, checked: checkValues(source) };
    });
  const problems = lintPolicy(inputs);

  it("produce no errors", () => {
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("produce only the justified warnings and infos", () => {
    expect(problems.map((p) => `${p.file} ${p.severity} ${p.ruleId}`)).toEqual([
      // The files pin no image: the config's server-b11429 is newer than the flag data (said once per run, on the first file).
      "dolphin-phi2.yaml info image-tag-floating",
      // llama-server's default 8 GiB prompt cache does not fit next to the model in 12Gi / 8Gi.
      // The seed pins no model (it has no lock file): sizes and shapes come from the names.
      "dolphin-phi2.yaml warning memory-headroom",
      "dolphin-phi2.yaml info model-sha256",
      "dolphin-phi2.yaml info model-size-unknown",
      "mistral7b.yaml warning memory-headroom",
      "mistral7b.yaml info model-sha256",
      "mistral7b.yaml info model-size-unknown",
      "phi2.yaml warning memory-headroom",
      "phi2.yaml info model-sha256",
      "phi2.yaml info model-size-unknown",
      // phi-2 was trained with a 2048-token context; the seed runs -c 4096.
      "phi2.yaml warning ctx-exceeds-training",
    ]);
  });
});
