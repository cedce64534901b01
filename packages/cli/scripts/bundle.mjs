#!/usr/bin/env node
// Bundles the CLI (after tsc) into dist/bundle/llmchart.cjs with esbuild: the whole CLI and its
// workspace packages in one CommonJS file, so a pre-commit hook's process does not resolve and
// load ~150 modules across six packages on every commit. Commands are still evaluated lazily
// (esbuild turns each `await import()` into an on-demand module initialiser). The Kubernetes
// models of the kinds the chart renders come along (@llmchart/manifests imports them by literal
// specifier); other kinds, and handlebars/runtime, are loaded at run time with `createRequire`,
// which is why kubernetes-models, @kubernetes-models/argo-cd and handlebars stay dependencies.
//
// Beside the bundle: `build-id`, a hash of every bundled input, so results cached by `check`
// are keyed by the code that produced them, not only by the version (src/version.ts).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(pkgDir, "dist", "bundle");

const result = await build({
  absWorkingDir: pkgDir,
  // The bin's entry and the package's library API (package.json "exports") in one file.
  stdin: {
    contents: 'export * from "./dist/index.js";\nexport { main } from "./dist/main.js";\n',
    resolveDir: pkgDir,
    sourcefile: "bundle-entry.js",
    loader: "js",
  },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // dist/bundle/ is two levels below the package root like dist/commands/*.js, so paths relative
  // to a module (hook.ts's "../../bin/llmchart.js") resolve the same bundled or not.
  outfile: join(outdir, "llmchart.cjs"),
  // handlebars' runtime is loaded by module name; vega and vega-lite (the capacity pictures, ~18 MB
  // of ESM) are imported with a real import() only when a picture is drawn.
  external: ["handlebars", "handlebars/*", "vega", "vega-lite"],
  // `import.meta.url` has no meaning in CommonJS: give every module the bundle file's URL.
  banner: { js: 'const __llmchartModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__llmchartModuleUrl" },
  // A third less to read and parse on every start; identifiers stay, so stack traces name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  write: false,
  metafile: true,
});

const hash = createHash("sha256");
hash.update(readFileSync(fileURLToPath(import.meta.url)));
for (const input of Object.keys(result.metafile.inputs).filter((i) => i !== "bundle-entry.js").sort()) {
  hash.update(`${input}\0`);
  hash.update(readFileSync(join(pkgDir, input)));
  hash.update("\0");
}
const buildId = hash.digest("hex").slice(0, 16);

// A build must not break a CLI that is running meanwhile (a pre-commit hook, a test): each file
// is replaced by rename.
mkdirSync(outdir, { recursive: true });
const files = [...result.outputFiles.map((f) => [f.path, f.contents]), [join(outdir, "build-id"), `${buildId}\n`]];
for (const [path, contents] of files) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}
console.log(`bundled the CLI into dist/bundle (build ${buildId})`);
