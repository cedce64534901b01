#!/usr/bin/env node
// One `diffLayout` run as a process, for `pnpm bench` to time next to `llmchart check --changed`
// until the CLI's `llmchart diff` exists (and to try the library by hand):
//   node packages/diff/scripts/diff-once.mjs [--cwd <dir>] [--base <rev>] [--format stylish|markdown|json] [model…]
// Helm from LLMCHART_HELM, HELM_BIN or PATH. Exit code: diffExitCode; 2 on a DiffError.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findHelm } from "@llmchart/manifests";
import { checkConfig, CONFIG_FILE, parseSource } from "@llmchart/schema";
import { diffExitCode, diffLayout, DiffError, formatJson, formatMarkdown, formatStylish } from "../dist/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { cwd: { type: "string", default: process.cwd() }, base: { type: "string" }, format: { type: "string", default: "stylish" } },
});
try {
  const cwd = values.cwd;
  const checked = checkConfig(parseSource(CONFIG_FILE, readFileSync(join(cwd, CONFIG_FILE), "utf8"), { yaml: "1.2" }));
  if (!checked.config) throw new DiffError("usage", `${CONFIG_FILE} is invalid`);
  const result = await diffLayout({ cwd, config: checked.config, helm: findHelm(process.env) ?? "", base: values.base, models: positionals });
  const format = { stylish: (r) => formatStylish(r, { color: process.stdout.isTTY && !process.env.NO_COLOR }), markdown: formatMarkdown, json: formatJson }[values.format];
  if (!format) throw new DiffError("usage", `unknown format "${values.format}"`);
  process.stdout.write(format(result));
  process.exitCode = diffExitCode(result);
} catch (err) {
  if (!(err instanceof DiffError)) throw err;
  process.stderr.write(`llmchart diff: ${err.message}\n`);
  process.exitCode = 2;
}
