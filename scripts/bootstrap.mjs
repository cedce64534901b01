#!/usr/bin/env node
// Quick-start entry for machines that have only Node and npm: installs the workspace with
// the pnpm version pinned in package.json (via npx, so no global pnpm or corepack is
// needed), then runs the given pnpm command. Used by `npm run check` and `npm test`.
// With --clients first (npm test), the real programs the tests drive are made sure of before
// anything slow: installed as root with apt-get, else one line each on how to (test-clients.mjs).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { useRepoHelm } from "./repo-helm.mjs";
import { ensureClients } from "./test-clients.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
if (args[0] === "--clients") {
  args.shift();
  const code = ensureClients();
  if (code !== 0) process.exit(code);
}

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

// The test run and `llmchart …` use this repository's own Helm.
useRepoHelm();
process.exit(pnpmRun(args));
