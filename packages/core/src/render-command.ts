import { DEFAULT_RENDER_COMMAND } from "@llmchart/schema";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** How each package manager runs a package.json script. */
const RUN_SCRIPT: Readonly<Record<string, (script: string) => string>> = {
  pnpm: (s) => `pnpm ${s}`,
  yarn: (s) => `yarn ${s}`,
  bun: (s) => `bun run ${s}`,
  npm: (s) => `npm run ${s}`,
};

/** Lock files, in the order their package manager is preferred when package.json names none. */
const LOCK_FILES: readonly [string, string][] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
];

interface PackageJson {
  packageManager?: unknown;
  scripts?: Record<string, unknown>;
}

function readPackageJson(root: string): PackageJson | undefined {
  try {
    const data = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageJson | null;
    return typeof data === "object" && data !== null ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The package manager of the repository at `root`: package.json `packageManager`, else its lock file, else npm. */
function packageManager(root: string, pkg: PackageJson): string {
  const named = typeof pkg.packageManager === "string" ? /^(pnpm|yarn|npm|bun)@/.exec(pkg.packageManager)?.[1] : undefined;
  if (named) return named;
  return LOCK_FILES.find(([file]) => existsSync(join(root, file)))?.[1] ?? "npm";
}

/** The command a project's generated headers name: its own override, else renderCommandFor its root. */
export function projectRenderCommand(project: { root: string; renderCommand?: string | undefined }): string {
  return project.renderCommand ?? renderCommandFor(project.root);
}

/**
 * The command that regenerates the generated files in the repository at `root` (the project
 * root), as their headers name it: the repository's own `render` script run by its package
 * manager when its package.json defines one that runs llmchart (`pnpm render` in llmchart's own
 * repository), else `llmchart render`. A repository without package.json (a plain GitOps
 * repository) gets `llmchart render`.
 */
export function renderCommandFor(root: string): string {
  const pkg = readPackageJson(root);
  const script = pkg?.scripts?.render;
  if (!pkg || typeof script !== "string" || !/\bllmchart\b/.test(script)) return DEFAULT_RENDER_COMMAND;
  return RUN_SCRIPT[packageManager(root, pkg)]!("render");
}
