#!/usr/bin/env node
// Bundles the extension and vscode-languageclient into one CommonJS file: VS Code loads
// extensions with require(), and `vsce package --no-dependencies` then ships no node_modules
// (which pnpm's symlinked layout would not package correctly anyway). `vscode` is provided
// by the editor at run time.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  absWorkingDir: pkgDir,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});
