// Every command example in README.md and docs/*.md is produced here: the test runs the command on
// the scenario the example describes and compares its output with the document, so the docs and
// the behaviour cannot drift apart. A block is marked with `<!-- example: <id> -->` on the line
// before its fence; `UPDATE_DOC_EXAMPLES=1` rewrites the blocks from what the commands print.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin, layoutCopy, removeLater, repoRoot, runCli } from "./helpers.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const V = "infra/apps/llm/values";
const bin = join(repoRoot, "packages", "cli", "bin", "llmchart.js");
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid", GIT_AUTHOR_DATE: "2026-11-29T10:00:00Z", GIT_COMMITTER_DATE: "2026-11-29T10:00:00Z", LLMCHART_HELM: helmBin, NO_COLOR: "1" };
const git = (dir: string, ...args: string[]) => spawnSync("git", args, { cwd: dir, env: gitEnv, encoding: "utf8" });

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`example setup: ${String(from)} not found in ${file}`);
  writeFileSync(path, next);
}

function committed(dir: string): string {
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "layout");
  return dir;
}

/** One step of an example: what the document shows after `$ ` and how it is run. */
interface Step {
  shown: string;
  run(dir: string): Promise<string>;
}

/** `llmchart <args>` in-process, printing stdout then stderr. */
const llmchart = (args: string[], cwd?: (dir: string) => string): Step => ({
  shown: `llmchart ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`,
  async run(dir) {
    const r = await runCli(args, cwd ? cwd(dir) : dir, { LLMCHART_HELM: helmBin });
    return r.stdout + r.stderr;
  },
});

interface Scenario {
  setup(): string;
  steps: Step[];
  /** The block shows the output alone (e.g. a markdown comment), without `$ ` lines. */
  outputOnly?: boolean;
}

const seedRepo = () => {
  const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-doc-seed-")));
  cpSync(join(repoRoot, "packages", "cli", "test", "fixtures", "seed-repo"), dir, { recursive: true });
  return committed(dir);
};

const SCENARIOS: Record<string, Scenario> = {
  "hook-commit": {
    setup() {
      const dir = committed(layoutCopy());
      spawnSync(process.execPath, [bin, "hook", "install"], { cwd: dir, env: gitEnv });
      edit(dir, `${V}/mistral7b.yaml`, '- "-t"\n  - "6"', '- "-t"\n  - "12"');
      edit(dir, `${V}/phi2.yaml`, "replicaCount: 1", 'replicaCount: "one"\nmodle: {}');
      git(dir, "add", "-A");
      return dir;
    },
    steps: [
      {
        shown: 'git commit -m "more threads"',
        run(dir) {
          const r = git(dir, "commit", "-q", "-m", "more threads");
          return Promise.resolve(r.stdout + r.stderr);
        },
      },
    ],
  },
  "render-check": {
    setup() {
      const dir = layoutCopy();
      spawnSync("rm", [join(dir, "infra/apps/llm/argocd/llm-phi2.yaml")]);
      return dir;
    },
    steps: [llmchart(["render", "--check"]), llmchart(["render"])],
  },
  "render-hand-written": {
    setup() {
      const dir = layoutCopy();
      edit(dir, "infra/apps/llm/argocd/llm-phi2.yaml", /^# .*\n(# .*\n)*/, "# ours: the platform team's Application\n");
      edit(dir, "infra/apps/llm/argocd/llm-phi2.yaml", /project: .*/, "project: platform");
      return dir;
    },
    steps: [llmchart(["render"]), llmchart(["render", "--adopt", "infra/apps/llm/argocd/llm-phi2.yaml"])],
  },
  new: {
    setup: layoutCopy,
    steps: [llmchart(["new", "qwen7b", "--repo-id", "Qwen/Qwen2.5-7B-Instruct-GGUF", "--file", "qwen2.5-7b-instruct-q4_k_m.gguf", "--cpu", "6"])],
  },
  rotate: {
    setup: layoutCopy,
    steps: [llmchart(["rotate", "phi2", "--value", "2026-11-29T10-00-00Z"]), llmchart(["rotate", "phi2", "--value", "2026-11-29T10-00-00Z"])],
  },
  "check-github": {
    setup() {
      const dir = layoutCopy();
      edit(dir, `${V}/mistral7b.yaml`, '- "-t"\n  - "6"', '- "-t"\n  - "12"');
      return dir;
    },
    steps: [llmchart(["check", "--quiet", "--format", "github"])],
  },
  "lint-stylish": {
    setup() {
      const dir = layoutCopy();
      edit(dir, `${V}/phi2.yaml`, "replicaCount: 1", 'replicaCount: "one"\nmodle: {}');
      return dir;
    },
    steps: [llmchart(["lint", `${V}/phi2.yaml`])],
  },
  "lint-subdirectory": {
    setup: layoutCopy,
    steps: [llmchart(["lint", "--quiet", "--format", "compact", "phi2.yaml"], (dir) => join(dir, V))],
  },
  init: {
    setup: seedRepo,
    steps: [llmchart(["init"]), llmchart(["check", "--quiet"])],
  },
  "diff-markdown": {
    setup() {
      const dir = committed(layoutCopy());
      for (const m of ["phi2", "mistral7b"]) edit(dir, `${V}/${m}.yaml`, '- "-c"\n  - "4096"', '- "-c"\n  - "8192"');
      return dir;
    },
    steps: [llmchart(["diff", "--format", "markdown"])],
    outputOnly: true,
  },
  upgrade: {
    setup() {
      const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-doc-upgrade-")));
      cpSync(join(repoRoot, "packages", "cli", "test", "fixtures", "b4719-repo"), dir, { recursive: true });
      return dir;
    },
    steps: [llmchart(["upgrade", "--to", "b10900", `${V}/phi2.yaml`]), llmchart(["upgrade", "--to", "b10900", "--write"]), llmchart(["lint", "--quiet"])],
  },
  "capacity-table": {
    setup() {
      const dir = layoutCopy();
      edit(dir, "llmchart.config.yaml", /\nrules: \{\}\n/, "\nrules: {}\ncapacity:\n  nodePools:\n    - { name: cpu8, cpu: \"8\", memory: 32Gi, count: 1 }\n");
      return dir;
    },
    steps: [llmchart(["capacity"])],
  },
};

/** Output made comparable: no temporary folders, no commit ids. */
function normalise(text: string, dir: string): string {
  return text
    .split(dir)
    .join("<repo>")
    .replace(/\b[0-9a-f]{12,40}\b/g, "0123456789ab")
    .replace(/[ \t]+$/gm, "");
}

const DOCS = ["README.md", ...readdirSync(join(repoRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const MARK = /^<!-- example: ([a-z0-9-]+) -->\n(`{3,})([a-z]*)\n([\s\S]*?)\n\2\n/gm;

async function produce(id: string): Promise<string> {
  const scenario = SCENARIOS[id];
  if (!scenario) throw new Error(`no scenario "${id}"`);
  const dir = scenario.setup();
  let out = "";
  for (const step of scenario.steps) {
    const text = normalise(await step.run(dir), dir).replace(/\n+$/, "");
    out += scenario.outputOnly ? text : `$ ${step.shown}\n${text}${text ? "\n" : ""}`;
  }
  return out.replace(/\n+$/, "");
}

describe("the documentation's examples are what the commands print", () => {
  const found: { doc: string; id: string }[] = [];
  for (const doc of DOCS) for (const m of readFileSync(join(repoRoot, doc), "utf8").matchAll(MARK)) found.push({ doc, id: m[1]! });

  it("marks every command block, and every scenario is shown somewhere", () => {
    for (const doc of DOCS) {
      const text = readFileSync(join(repoRoot, doc), "utf8");
      const blocks = [...text.matchAll(/^(?:<!-- example: [a-z0-9-]+ -->\n)?```[a-z]*\n\$ (?:llmchart|pnpm llmchart|npx llmchart|git commit)/gm)];
      for (const b of blocks) expect(b[0], `${doc}: a command example without <!-- example: … -->`).toMatch(/^<!-- example:/);
    }
    expect(new Set(found.map((f) => f.id))).toEqual(new Set(Object.keys(SCENARIOS)));
  });

  it.each(Object.keys(SCENARIOS))("%s", async (id) => {
    const wanted = await produce(id);
    for (const { doc } of found.filter((f) => f.id === id)) {
      const path = join(repoRoot, doc);
      const text = readFileSync(path, "utf8");
      const match = [...text.matchAll(MARK)].find((m) => m[1] === id)!;
      if (process.env.UPDATE_DOC_EXAMPLES) {
        const fence = wanted.includes("```") ? "````" : match[2]!;
        writeFileSync(path, text.replace(match[0], () => `<!-- example: ${id} -->\n${fence}${match[3]}\n${wanted}\n${fence}\n`));
        continue;
      }
      expect(match[4], `${doc}: example "${id}" differs from what the command prints (UPDATE_DOC_EXAMPLES=1 rewrites it)`).toBe(wanted);
    }
  });
});
