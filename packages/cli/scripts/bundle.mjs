#!/usr/bin/env node
// Bundles the CLI (after tsc) into dist/bundle/ with esbuild: ES modules split into chunks.
// The pre-commit hook starts a process on every commit, so start-up is part of the product:
//
// - dist/bundle/main.js — the bin's entry: `run`, the argument parser, the formatters and the
//   light part of the core (errors, version). Every command is a dynamic import(), and every
//   heavy part behind it (the language server, capacity pictures, diff, init, the Kubernetes
//   validators) is a chunk of its own, read only when a command needs it.
// - dist/bundle/index.js — the package's library API (package.json "exports").
// - dist/bundle/<name>-<hash>.js — chunks: what the entries share and what they load on demand.
// - dist/bundle/build-id — a hash of every bundled input: @llmchart/core keys its caches by it, so a
//   rule or validator changed without a version bump never reads a result an older build cached.
//
// Not bundled: handlebars' runtime (loaded by module name) and vega/vega-lite (the capacity
// pictures, ~18 MB), imported only when a picture is drawn. Nothing is defined into the code.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(pkgDir, "dist", "bundle");

// Large JSON (the values and Kubernetes schemas, the llama-server flag table) as JSON.parse of a
// string rather than an object literal: V8 reads JSON about twice as fast as the same data as
// JavaScript (measured: 204 KB of Kubernetes definitions, 7.6 → 4.2 ms to import).
const jsonAsParse = {
  name: "json-as-parse",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (text.length < 16 * 1024) return undefined;
      // CommonJS, so both `import x from "./x.json"` and a dependency's require() get the data.
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: "js" };
    });
  },
};

// What the bundled Kubernetes validators never use, left out of the bundle (a smaller check path):
// - ajv-i18n: @kubernetes-models/validate calls only `localize.en`, but the package's index
//   loads all 30-odd languages; the bundle gets English alone.
// - ajv-formats-draft2019: its formats (iri, idn-email, duration …) pull in uri-js, an e-mail
//   grammar and the IANA scheme lists, while the kubernetes-models and Argo CD validators check
//   only int32, int64, byte, double and date-time (ajv-formats' own set, kept). A test
//   (test/bundle-formats.test.ts) fails if a validator ever names a format the bundle lacks.
// The unbundled packages (modelFor's require of other kinds) are untouched.
const unusedByValidators = {
  name: "unused-by-validators",
  setup(b) {
    b.onResolve({ filter: /^ajv-i18n$/ }, async (args) => {
      const en = await b.resolve("ajv-i18n/localize/en", { resolveDir: args.resolveDir, kind: "require-call" });
      return { path: en.path, namespace: "ajv-i18n-en" };
    });
    b.onLoad({ filter: /.*/, namespace: "ajv-i18n-en" }, (args) => ({ contents: `module.exports = { en: require(${JSON.stringify(args.path)}) };`, loader: "js", resolveDir: dirname(args.path) }));
    b.onResolve({ filter: /^ajv-formats-draft2019\/formats(\/index\.js)?$/ }, () => ({ path: "ajv-formats-draft2019", namespace: "no-draft2019-formats" }));
    b.onLoad({ filter: /.*/, namespace: "no-draft2019-formats" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

const result = await build({
  absWorkingDir: pkgDir,
  entryPoints: { main: "dist/main.js", index: "dist/index.js" },
  bundle: true,
  format: "esm",
  splitting: true,
  // Chunks sit beside the entries, two folders below the package root like dist/commands/*.js, so
  // paths relative to a module (hook.ts's "../../bin/llmchart.js", the build-id beside the code)
  // resolve the same bundled or not.
  chunkNames: "[name]-[hash]",
  platform: "node",
  target: "node20",
  outdir,
  external: ["handlebars", "handlebars/*", "vega", "vega-lite"],
  // Bundled CommonJS dependencies call require() for Node's built-ins: give ES modules one.
  banner: { js: 'import { createRequire as __llmchartCreateRequire } from "node:module"; const require = __llmchartCreateRequire(import.meta.url);' },
  // Less to read and parse on every start; identifiers stay, so stack traces name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  write: false,
  metafile: true,
  plugins: [jsonAsParse, unusedByValidators],
});

const hash = createHash("sha256");
hash.update(readFileSync(fileURLToPath(import.meta.url)));
for (const input of Object.keys(result.metafile.inputs).sort()) {
  hash.update(`${input}\0`);
  // A plugin's virtual module ("namespace:path") is made by this script, which is hashed above.
  if (!/^[a-z0-9-]+:/.test(input)) hash.update(readFileSync(join(pkgDir, input)));
  hash.update("\0");
}
const buildId = hash.digest("hex").slice(0, 16);

// A build must not break a CLI that is running meanwhile (a pre-commit hook, a test): each file is
// replaced by rename, and files of earlier builds (chunks under other hashes) are removed only
// once no process can still be loading them.
const files = [...result.outputFiles.map((f) => [f.path, f.contents]), [join(outdir, "build-id"), `${buildId}\n`]];
for (const [path, contents] of files) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}
const current = new Set(files.map(([path]) => relative(outdir, path)));
for (const rel of readdirSync(outdir, { recursive: true, encoding: "utf8" })) {
  const path = join(outdir, rel);
  if (current.has(rel) || statSync(path).isDirectory()) continue;
  if (Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { force: true });
}
console.log(`bundled the CLI into dist/bundle (build ${buildId}, ${result.outputFiles.length} files)`);

// The rule pages ship in the package (dist/docs/rules/): results link them per release
// (releaseDocsBaseUrl in @llmchart/schema: jsDelivr's copy of this package's files).
const docsSrc = join(pkgDir, "..", "..", "docs", "rules");
const docsOut = join(pkgDir, "dist", "docs", "rules");
rmSync(docsOut, { recursive: true, force: true });
mkdirSync(docsOut, { recursive: true });
const pages = readdirSync(docsSrc).filter((f) => f.endsWith(".md"));
for (const page of pages) writeFileSync(join(docsOut, page), readFileSync(join(docsSrc, page)));
console.log(`copied ${pages.length} rule pages into dist/docs/rules`);
