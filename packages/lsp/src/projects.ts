import { CONFIG_FILE, LOCK_FILE } from "@llmchart/schema";
import { basename, dirname, isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { LintBackend, ProjectContext } from "./backend.js";

/** A loaded project: what the backend returned, and what hovers and completion need of it. */
export interface Loaded<P> {
  project: P;
  context: ProjectContext;
}

/** Where an open file's project is. */
export interface Located {
  root: string;
  /** Relative to `root`, with `/`. */
  path: string;
}

export function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Whether llmchart lints the file: the config, or a YAML file in the layout's values folder. */
export function isLinted(loc: Located, ctx: ProjectContext): boolean {
  if (loc.path === CONFIG_FILE) return true;
  return loc.path.startsWith(`${ctx.valuesDir}/`) && /\.ya?ml$/i.test(loc.path);
}

/** A file whose change reloads the project: the config, the chart's values.yaml, the lock file. */
export function isProjectFile(file: string): boolean {
  // The lock file (llmchart models pin) sizes every model's memory.
  return basename(file) === CONFIG_FILE || basename(file) === LOCK_FILE || basename(file) === "values.yaml";
}

/**
 * The projects of the open files: each file's root folder (the folder of the config the CLI would
 * use from there — the backend's `findConfig`, up to the git work tree's top —, else the workspace
 * folder), a project loaded once per root, and the rule-page base each project names.
 */
export class Projects<P> {
  /** The workspace folders, from `initialize`. */
  workspaceRoots: string[] = [];
  /** The rule-page base the server was given or the client passed; it wins over the project's. */
  docsBaseUrl: string | undefined;
  private readonly loads = new Map<string, Promise<Loaded<P>>>();
  // The rule-page base of each loaded project (its ProjectContext), by root folder.
  private readonly projectDocs = new Map<string, string | undefined>();
  // Where each open file's project is; forgotten when a config file appears or changes.
  private readonly located = new Map<string, Located>();

  constructor(
    private readonly backend: LintBackend<P>,
    docsBaseUrl: string | undefined,
  ) {
    this.docsBaseUrl = docsBaseUrl ? withSlash(docsBaseUrl) : undefined;
  }

  locate(uri: string): Located | undefined {
    const hit = this.located.get(uri);
    if (hit) return hit;
    const found = this.findRoot(uri);
    if (found) this.located.set(uri, found);
    return found;
  }

  forget(uri: string): void {
    this.located.delete(uri);
  }

  private findRoot(uri: string): Located | undefined {
    if (!uri.startsWith("file:")) return undefined;
    const file = fileURLToPath(uri);
    // The config the CLI would use from the file's folder; else the workspace folder.
    const config = this.backend.findConfig(dirname(file));
    const root = config !== undefined ? dirname(config) : this.workspaceRoots.find((r) => !relative(r, file).startsWith("..")) ?? dirname(file);
    return { root, path: relative(root, file).split(sep).join("/") };
  }

  /** The project at `root`, loaded once (a failed load is remembered too, until a reload). */
  load(root: string): Promise<Loaded<P>> {
    let p = this.loads.get(root);
    if (!p) {
      p = (async () => {
        const project = await this.backend.loadProject({ cwd: root });
        const context = this.backend.context(project);
        this.projectDocs.set(root, context.docsBaseUrl ? withSlash(context.docsBaseUrl) : undefined);
        return { project, context };
      })();
      this.loads.set(root, p);
    }
    return p;
  }

  docsBase(root: string): string | undefined {
    return this.docsBaseUrl ?? this.projectDocs.get(root) ?? this.backend.defaultDocsBaseUrl;
  }

  /** docsBase once the project at `root` has loaded (or failed to: a config being edited may not load). */
  async loadedDocsBase(root: string): Promise<string | undefined> {
    if (!this.docsBaseUrl) await this.load(root).catch(() => undefined);
    return this.docsBase(root);
  }

  /** A new config can move files to another project: finds every open file's root again, and returns the files whose root changed. */
  relocate(): string[] {
    const before = new Map(this.located);
    this.located.clear();
    const moved: string[] = [];
    for (const [uri, loc] of before) if (this.locate(uri)?.root !== loc.root) moved.push(uri);
    return moved;
  }

  /** Forgets the projects that hold any of `files`, so they load again; returns their roots. */
  unload(files: readonly string[]): Set<string> {
    const roots = new Set<string>();
    for (const file of files) {
      for (const root of this.loads.keys()) if (!relative(root, file).startsWith("..") && !isAbsolute(relative(root, file))) roots.add(root);
    }
    for (const root of roots) this.loads.delete(root);
    return roots;
  }
}
