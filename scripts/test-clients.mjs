#!/usr/bin/env node
// The real programs the test suite drives beyond Node and npm, and how they get onto a machine.
// `npm test` (scripts/bootstrap.mjs) and CI (.ci/run, through npm test) call this first:
// - every client present: nothing happens (apt is never run);
// - some missing, running as root where apt-get exists: `apt-get update`, then a noninteractive
//   `apt-get install` of the missing Debian packages;
// - otherwise: one line per missing client saying how to install it, exit 1, before anything slow.
// The tests that drive a client fail (never skip) when it is absent, so this is the one place
// that makes the README's `npm test` work on a new machine.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Each client: the Debian package that provides it, how it is found, and which tests need it.
 * `found(env)` answers from the environment the tests will see (PATH, LLMCHART_CHROMIUM).
 */
export const CLIENTS = [
  { name: "git", pkg: "git", found: (env) => onPath("git", env), why: "the hook, staged-content, diff and pre-commit tests use real repositories" },
  { name: "busybox", pkg: "busybox", found: (env) => onPath("busybox", env), why: "the download script is proven under busybox sh, the curl image's shell" },
  { name: "nvim", pkg: "neovim", found: (env) => onPath("nvim", env), why: "the language server is proven in a real editor (headless Neovim)" },
  { name: "chromium", pkg: "chromium", found: (env) => existsSync(env.LLMCHART_CHROMIUM || "/usr/bin/chromium"), why: "the capacity report's HTML is opened in a real headless browser (LLMCHART_CHROMIUM names another)" },
  { name: "pre-commit", pkg: "pre-commit", found: (env) => onPath("pre-commit", env), why: "the published hook is proven with the real pre-commit framework" },
];

function onPath(command, env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The clients `env` lacks. */
export function missingClients(env = process.env) {
  return CLIENTS.filter((c) => !c.found(env));
}

/** One line per missing client: what it is for and the command that installs it. */
export function installLines(missing, { root, aptGet }) {
  const how = (c) => (aptGet ? `${root ? "" : "sudo "}apt-get install -y ${c.pkg}` : `install the ${c.pkg} package (Debian: apt-get install -y ${c.pkg})`);
  return missing.map((c) => `test-clients: ${c.name} is missing — ${c.why}; install it with: ${how(c)}`);
}

function run(command, args) {
  const r = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return r.status === 0;
}

/**
 * Makes sure every client is there: returns 0 when they all are (possibly after installing them
 * as root), else prints the install lines on stderr and returns 1.
 */
export function ensureClients(env = process.env) {
  const missing = missingClients(env);
  if (!missing.length) return 0;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const aptGet = onPath("apt-get", env);
  if (root && aptGet) {
    const pkgs = missing.map((c) => c.pkg);
    console.error(`test-clients: installing ${pkgs.join(", ")} with apt-get (the tests drive them)`);
    if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", ...pkgs])) {
      const still = missingClients(env);
      if (!still.length) return 0;
      for (const line of installLines(still, { root, aptGet })) console.error(line);
      return 1;
    }
    console.error("test-clients: apt-get failed (see above)");
  }
  for (const line of installLines(missing, { root, aptGet })) console.error(line);
  if (!root && aptGet) console.error("test-clients: or run `npm test` as root, which installs them");
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(ensureClients());
