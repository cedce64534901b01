#!/usr/bin/env node
// The root `postinstall` script. Under pnpm (this monorepo's install) it builds every package.
// Under npm it does nothing: npm installs the root only when the pre-commit framework installs
// this repository as a `language: node` hook (`npm install`, then `npm pack` and a global
// install of the tarball). That hook runs the CLI bundle a release revision carries
// (packages/cli/dist/bundle); the workspace packages are not there to build. Not `prepare`:
// npm pack runs that and prints its banner on stdout, where pre-commit reads the tarball's name.
import { spawnSync } from "node:child_process";

// npm_execpath names the package manager that runs this script (npm sets it to itself; it is not
// read from npm_config_* like the user agent, which a parent pnpm process leaks into npm).
if (!/pnpm/.test(process.env.npm_execpath ?? "")) process.exit(0);
const r = spawnSync("turbo", ["run", "build", "--output-logs=errors-only"], { stdio: "inherit", shell: process.platform === "win32" });
if (r.error) {
  console.error(`prepare: could not run turbo: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
