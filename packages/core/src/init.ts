import type { InferResult } from "@llmchart/init";
import { CONFIG_FILE } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createFileAtomic, refuseReadOnly } from "./atomic.js";
import { LineEndingPolicy, withLineEnding } from "./line-endings.js";
import { InputError } from "./errors.js";
import { describeFsError } from "./files.js";
import { remoteOrigin } from "./git.js";
import { findConfig } from "./config/location.js";
import { loadProject } from "./project.js";
import { renderLayout, type RenderLayoutResult } from "./render.js";

export interface InitOptions {
  /** The repository root to adopt (where llmchart.config.yaml will be written). */
  cwd: string;
  /** Infer and report, write nothing. */
  dryRun?: boolean;
}

export interface InitResult {
  inferred: InferResult;
  /** Root-relative path of the config written. */
  configFile: string;
  /** The take-over of the hand-written files render produces (absent with dryRun). */
  render?: RenderLayoutResult;
}

/**
 * Adopts an existing layout: infers llmchart.config.yaml from the chart, the values files and the
 * hand-written Applications already there, writes it (never over an existing config), then takes
 * over the hand-written files render produces — the one explicit step besides `render --adopt` —
 * reporting for each what changes in it.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.cwd);
  const target = join(root, CONFIG_FILE);
  const existing = existsSync(target) ? target : findConfig(root);
  if (existing) throw new InputError(CONFIG_FILE, `already exists (${existing}); init never overwrites a config — edit it, or delete it to start over`);
  const { inferConfig } = await import("@llmchart/init");
  const originUrl = await remoteOrigin(root);
  const inferred = inferConfig({ cwd: root, ...(originUrl !== undefined ? { originUrl } : {}) });
  if (options.dryRun) return { inferred, configFile: CONFIG_FILE };
  // The files it takes over are checked before the config is written: a read-only one stops init with nothing written.
  for (const path of inferred.adopt) refuseReadOnly(join(root, path), path);
  try {
    createFileAtomic(target, withLineEnding(inferred.text, new LineEndingPolicy(root).for(CONFIG_FILE, null)));
  } catch (err) {
    throw new InputError(CONFIG_FILE, (err as NodeJS.ErrnoException).code === "EEXIST" ? "appeared meanwhile; init never overwrites a config" : `cannot write: ${describeFsError(err)}`);
  }
  const project = loadProject({ cwd: root });
  const render = await renderLayout({ project, adopt: inferred.adopt });
  return { inferred, configFile: CONFIG_FILE, render };
}
