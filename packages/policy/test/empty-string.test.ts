import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { lint } from "./helpers.js";
import { lockOf, PHI2 } from "./pinned.js";

/** A complete model, as a seed values file writes it. */
const base = {
  resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "16Gi" } },
  model: { enabled: true, repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf", sha256: "a".repeat(64), downloadUrl: "https://example.org/phi-2.Q4_K_M.gguf" },
  // A build inside the flag data: nothing is said about the build itself.
  image: { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b10500", digest: `sha256:${"b".repeat(64)}` },
  initDownloader: { image: { repository: "curlimages/curl", tag: "8.10.1" } },
  volume: { models: { mountPath: "/models" } },
  extraArgs: ["-m", "/models/phi-2.Q4_K_M.gguf", "-c", "2048", "-t", "4", "--port", "8080", "--host", "0.0.0.0"],
};

/** Every string some rule reads. */
const PATHS = [
  "model.repoId",
  "model.filename",
  "model.downloadUrl",
  "model.sha256",
  "image.repository",
  "image.tag",
  "image.digest",
  "initDownloader.image.repository",
  "initDownloader.image.tag",
  "volume.models.mountPath",
];

function variant(path: string, value: "" | undefined): string {
  const data = structuredClone(base) as Record<string, unknown>;
  const keys = path.split(".");
  let cur = data;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  if (value === undefined) Reflect.deleteProperty(cur, keys.at(-1)!);
  else cur[keys.at(-1)!] = value;
  return stringify(data);
}

// Pinned, so the base file is clean (an unpinned model is an info of model-size-unknown).
const rulesOf = (text: string) => lint(text, { modelLock: lockOf(PHI2) }).map((p) => `${p.ruleId} ${p.path}`).sort();

describe('policy: "" reads as unset', () => {
  it.each(PATHS)('%s: "" gives the same problems as leaving it out', (path) => {
    expect(rulesOf(variant(path, ""))).toEqual(rulesOf(variant(path, undefined)));
  });

  it("the base file is clean, so a difference would show", () => {
    expect(rulesOf(stringify(base))).toEqual([]);
  });

  it('model.downloadUrl: "" is not judged as a URL', () => {
    const problems = lint(variant("model.downloadUrl", ""));
    expect(problems.filter((p) => p.ruleId.startsWith("download-url"))).toEqual([]);
  });

  it('model.sha256: "" is a missing checksum, reported like an absent one', () => {
    expect(rulesOf(variant("model.sha256", ""))).toContain("model-sha256 model.sha256");
  });
});
