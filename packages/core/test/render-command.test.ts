import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderCommandFor } from "../src/render-command.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "llmchart-command-"));
  made.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

const withRender = (extra: Record<string, unknown> = {}) => JSON.stringify({ scripts: { render: "llmchart render" }, ...extra });

describe("renderCommandFor: the command generated headers name", () => {
  it("is `llmchart render` in a repository without package.json (a plain GitOps repository)", () => {
    expect(renderCommandFor(repo({}))).toBe("llmchart render");
  });

  it("is `llmchart render` when package.json has no render script running llmchart", () => {
    expect(renderCommandFor(repo({ "package.json": JSON.stringify({ scripts: { build: "tsc" } }) }))).toBe("llmchart render");
    expect(renderCommandFor(repo({ "package.json": JSON.stringify({ scripts: { render: "hugo" } }) }))).toBe("llmchart render");
    expect(renderCommandFor(repo({ "package.json": "{ not json" }))).toBe("llmchart render");
  });

  it("is the render script run by the repository's package manager: packageManager, else the lock file, else npm", () => {
    expect(renderCommandFor(repo({ "package.json": withRender({ packageManager: "pnpm@10.34.9" }) }))).toBe("pnpm render");
    expect(renderCommandFor(repo({ "package.json": withRender({ packageManager: "yarn@4.1.0" }) }))).toBe("yarn render");
    expect(renderCommandFor(repo({ "package.json": withRender(), "pnpm-lock.yaml": "" }))).toBe("pnpm render");
    expect(renderCommandFor(repo({ "package.json": withRender(), "yarn.lock": "" }))).toBe("yarn render");
    expect(renderCommandFor(repo({ "package.json": withRender(), "bun.lock": "" }))).toBe("bun run render");
    expect(renderCommandFor(repo({ "package.json": withRender() }))).toBe("npm run render");
  });

  it("is `pnpm render` in llmchart's own repository", () => {
    expect(renderCommandFor(join(import.meta.dirname, "..", "..", ".."))).toBe("pnpm render");
  });
});
