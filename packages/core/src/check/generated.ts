import type { Problem } from "@llmchart/schema";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../project.js";
import { projectRenderCommand } from "../render-command.js";
import { driftProblem, handWrittenProblem, runGenerators } from "../render.js";
import { assertInsideRepo } from "../safe-path.js";
import { writeGeneratedFiles } from "../write-files.js";
import { RenderCache, sha256 } from "./cache.js";
import { manifestsFor } from "./manifests.js";

export interface GeneratedCheckOptions {
  project: Project;
  /** The values files of the layout, as the Applications generator lists them. */
  valuesFiles: readonly string[];
  cache: RenderCache;
  tool: string;
}

/** What the generators produced for one set of inputs, remembered so an unchanged layout is checked by hashing alone. */
interface Memo {
  /** Each generated file: repo-relative path and SHA-256 of its content. */
  files: [string, string][];
  owned: string[];
  /** The generators' own problems (warnings only: a run with errors is not remembered). */
  problems: Problem[];
  /** Problems of the generated Applications against the Argo CD schema. */
  applications: Problem[];
}

function asMemo(data: Record<string, unknown> | undefined): Memo | undefined {
  if (!data) return undefined;
  const { files, owned, problems, applications } = data;
  if (!Array.isArray(files) || !Array.isArray(owned) || !Array.isArray(problems) || !Array.isArray(applications)) return undefined;
  return data as unknown as Memo;
}

/**
 * Whether the disk holds exactly the remembered files: every one with the remembered content,
 * nothing else (no symlink, no extra file) in an owned folder, no owned folder leading out of the
 * repository. Anything else — drift, a hand-written file, a leftover — answers false, and the
 * caller runs the generators to report it exactly as `render --check` does.
 */
function diskMatches(root: string, memo: Memo): boolean {
  const expected = new Map(memo.files);
  const listed = new Set<string>();
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (err) {
      // A missing folder holds nothing, as render --check sees it; anything else is left to it.
      const code = (err as NodeJS.ErrnoException).code;
      return code === "ENOENT" || code === "ENOTDIR";
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (!walk(rel)) return false;
      } else if (!e.isFile() || !expected.has(rel)) return false;
      else listed.add(rel);
    }
    return true;
  };
  for (const dir of memo.owned) {
    try {
      assertInsideRepo(root, join(root, dir), dir);
    } catch {
      return false;
    }
    if (!walk(dir)) return false;
  }
  for (const [path, hash] of expected) {
    if (!listed.has(path)) return false; // every generator output lies in an owned folder
    try {
      if (sha256(readFileSync(join(root, path))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * `render --check` of the chart and the Applications, then the Applications against the Argo CD
 * schema — the problems `check` reports for what the generators own, in the same order.
 *
 * The generators are pure functions of the tool build, the config and the list of values files,
 * so their output is remembered under a key of those: when the disk still holds exactly that
 * output, nothing is generated, compared line by line or validated again. Otherwise everything
 * runs as before, and each Application's validation is cached by its content (adding a model
 * validates one Application, not all of them).
 */
export async function checkGenerated(options: GeneratedCheckOptions): Promise<Problem[]> {
  const { project, cache, tool } = options;
  const { configSource } = project;
  // The headers name the repository's render command (its package.json), so that is an input too.
  const key = RenderCache.key([tool, "generated", configSource.path, configSource.text, projectRenderCommand(project), ...options.valuesFiles]);
  const memo = asMemo(cache.read(key));
  if (memo && diskMatches(project.root, memo)) return [...memo.problems, ...memo.applications];

  const generated = await runGenerators(project);
  // Unusable values files are reported by check itself, once.
  const generatorProblems = generated.problems.filter((p) => p.ruleId !== "layout/duplicate-model" && p.ruleId !== "io/unreadable");
  const out: Problem[] = [...generatorProblems];
  const generatorErrors = generatorProblems.some((p) => p.severity === "error");
  // The files as render would write them (the repository's line endings), which is what the disk is compared with next time.
  let onDisk = generated.files;
  if (!generatorErrors) {
    const result = writeGeneratedFiles(generated.files, { root: project.root, owned: generated.owned, check: true });
    const paths = new Set(generated.files.map((f) => f.path));
    out.push(...result.drift.map(driftProblem), ...result.handWritten.map((p) => handWrittenProblem(p, paths.has(p))));
    onDisk = result.files;
  }
  const applications: Problem[] = [];
  for (const app of generated.files.filter((f) => f.path.startsWith(`${project.layout.applicationsDir}/`))) {
    const appKey = RenderCache.key([tool, "application", app.path, app.content]);
    let found = cache.get(appKey);
    if (!found) {
      found = (await manifestsFor(app.content)).validateManifests(app.content, app.path);
      cache.set(appKey, found);
    }
    applications.push(...found);
  }
  out.push(...applications);
  if (!generatorErrors) {
    const files = onDisk.map((f): [string, string] => [f.path, sha256(f.content)]);
    cache.write(key, { files, owned: generated.owned, problems: generatorProblems, applications } satisfies Memo);
  }
  return out;
}
