import { ggufBytes, llamaLikeSpec, startFakeHub, type FakeHub } from "@llmchart/gguf/testing";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers.js";

const GEMMA = ggufBytes(
  llamaLikeSpec({ "gemma2.attention.key_length": 256, "gemma2.attention.value_length": 256, "gemma2.attention.sliding_window": 1024, "gemma2.context_length": 8192, "general.file_type": 15 }, "gemma2"),
);

const values = `# the instruction-tuned Gemma 2
resources:
  limits:
    cpu: "2"
    memory: 16Mi
model:
  repoId: bartowski/gemma-2-9b-it-GGUF
  filename: gemma-2-9b-it-Q4_K_M.gguf
extraArgs: ["-c", "8192", "-t", "2", "--cache-ram", "0"]
`;

let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({
    "bartowski/gemma-2-9b-it-GGUF/gemma-2-9b-it-Q4_K_M.gguf": { bytes: GEMMA },
    "acme/gated/gated-7b.Q4_K_M.gguf": { bytes: GEMMA, token: "hf_secret" },
  });
});
afterAll(() => hub.close());

describe("llmchart models pin", () => {
  it("pins over HTTP, fills model.sha256, and lint then reads the lock with the server stopped", async () => {
    const own = await startFakeHub({ "bartowski/gemma-2-9b-it-GGUF/gemma-2-9b-it-Q4_K_M.gguf": { bytes: GEMMA } });
    const dir = tempTree({ "infra/apps/llm/values/gemma.yaml": values });
    const pinned = await runCli(["models", "pin"], dir, { HF_ENDPOINT: own.url });
    expect(pinned.stderr).toBe("");
    expect(pinned.stdout).toMatch(/^pinned gemma: gemma-2-9b-it-Q4_K_M\.gguf 0\.00 GiB, sha256 [0-9a-f]{12}… \(gemma2, Q4_K_M, 2 layers, 4 heads \/ 2 KV heads, sliding window 1024, context 8192\)\n/);
    expect(pinned.stdout).toContain("filled model.sha256 in infra/apps/llm/values/gemma.yaml\nwrote llmchart.lock.yaml\n");
    expect(pinned.code).toBe(0);
    expect(readFileSync(join(dir, "llmchart.lock.yaml"), "utf8")).toContain("architecture: gemma2");
    await own.close();

    const lint = await runCli(["lint", "-f", "json"], dir);
    const problems = JSON.parse(lint.stdout) as { ruleId: string; message: string }[];
    expect(problems.map((p) => p.ruleId)).toEqual(["memory-headroom"]);
    expect(problems[0]!.message).toMatch(/model 17 KiB pinned \+ KV cache 25 MiB \(-c 8192, f16, 2 layers, 1 of 2 layers windowed to 4608 cells, 4 slots sharing it; from the pinned GGUF header\)/);
  });

  it("says which model failed and why, on one line, exit 1, and pins the rest", async () => {
    const dir = tempTree({
      "infra/apps/llm/values/gated.yaml": "model:\n  repoId: acme/gated\n  filename: gated-7b.Q4_K_M.gguf\n",
      "infra/apps/llm/values/gemma.yaml": values,
    });
    const r = await runCli(["models", "pin"], dir, { HF_ENDPOINT: hub.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`llmchart: gated: ${hub.url}/acme/gated/resolve/main/gated-7b.Q4_K_M.gguf: 401 Unauthorized: the repository is gated or private — set HF_TOKEN to a token of an account with access\n`);
    expect(r.stdout).toMatch(/^pinned gemma: /);
    const withToken = await runCli(["models", "pin", "gated"], dir, { HF_ENDPOINT: hub.url, HF_TOKEN: "hf_secret" });
    expect(withToken.code).toBe(0);
    expect(withToken.stdout + withToken.stderr).not.toContain("hf_secret");
  });

  it("refuses --offline without --file, and an unknown subcommand (exit 2)", async () => {
    const dir = tempTree({ "infra/apps/llm/values/gemma.yaml": values });
    expect(await runCli(["models", "pin", "--offline"], dir)).toMatchObject({ code: 2, stderr: "llmchart models: --offline needs --file <path.gguf>: the local copy to pin\n" });
    expect(await runCli(["models", "lock"], dir)).toMatchObject({ code: 2, stderr: 'llmchart models: unknown subcommand "lock" (expected: pin)\n' });
    expect((await runCli(["models", "pin", "--help"], dir)).stdout).toMatch(/^Usage: llmchart models pin/);
  });
});

describe("llmchart new on a model whose architecture is unknown", () => {
  it("sizes the KV cache conservatively from the file size, never 0, and says so on stderr", async () => {
    const dir = tempTree({});
    const r = await runCli(["new", "gemma", "--repo-id", "bartowski/gemma-2-9b-it-GGUF", "--file", "gemma-2-9b-it-Q4_K_M.gguf", "--no-render"], dir);
    expect(r.code).toBe(0);
    // Gemma 2 9B needs about 8.2 GiB at -c 4096 with a 1 GiB prompt cache; 7Gi (the KV cache counted as 0) was OOM-killed.
    const memory = Number(/memory (\d+)Gi/.exec(r.stdout)?.[1]);
    expect(memory).toBeGreaterThanOrEqual(9);
    expect(r.stderr).toMatch(/^llmchart: note: the architecture of gemma-2-9b-it-Q4_K_M\.gguf is unknown \(not pinned, not in the known-model table\), so memory \d+Gi assumes a conservative KV cache of [\d.]+ GiB and compute buffers of \d+ MiB for -c 4096; run `llmchart models pin gemma` for the exact figure\n$/);
  });
});
