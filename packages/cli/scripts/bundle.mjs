#!/usr/bin/env node
// Bundles the CLI (after tsc) into dist/bundle/ with esbuild, then records V8's code cache for
// it. The pre-commit hook starts a process on every commit, and most of a short run was spent
// resolving ~150 modules across six packages and compiling the same code again each time:
//
// - dist/bundle/llmchart.cjs — the whole CLI in one CommonJS file. Commands are still evaluated
//   lazily (esbuild turns each `await import()` into an on-demand module initialiser), so a
//   command still runs only its own modules' top-level code.
// - dist/bundle/llmchart.cjs.v8cache — V8's code cache of that file after a training run (the
//   bundled layout linted and checked in-process, scripts/code-cache.mjs), so functions a run
//   needs come compiled. bin/cached-script.cjs uses it only when it was made from these exact
//   bytes and V8 accepts it (same Node version and flags); otherwise it compiles as usual.
//   Never required: the CLI works the same without it.
// - dist/bundle/kinds.cjs — the Kubernetes model modules of the kinds the generated chart
//   renders (and Application): a Deployment alone is ~100 schema modules, which Node would
//   otherwise resolve and load one file at a time (src/check/manifests.ts hands the file to
//   @llmchart/manifests; other kinds still load from the packages). Its code cache beside it too.
//
// Not bundled: kubernetes-models, @kubernetes-models/argo-cd and handlebars/runtime are loaded at
// run time with `createRequire(import.meta.url)`, per kind on demand; from the bundle that
// resolves from packages/cli, which is why they are dependencies of this package too.
//
// `__LLMCHART_VERSION__` and `__LLMCHART_BUILD_ID__` are defined here: the version (the bundle
// has no package.json beside it) and a hash of every bundled input, so caches keyed by the tool
// are invalidated by any change of its code, not only by a version bump.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(pkgDir, "dist", "bundle");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

const options = {
  absWorkingDir: pkgDir,
  // `run` too, for the training run of scripts/code-cache.mjs.
  stdin: {
    contents: 'export { main } from "./dist/main.js";\nexport { run } from "./dist/run.js";\n',
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
  external: ["kubernetes-models", "kubernetes-models/*", "@kubernetes-models/*", "handlebars", "handlebars/*"],
  // `import.meta.url` has no meaning in CommonJS: give every module the bundle file's URL.
  banner: { js: 'const __llmchartModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // import("node:fs") becomes require(): the file runs through vm.Script (bin/cached-script.cjs), which
  // has no loader for real dynamic imports.
  supported: { "dynamic-import": false },
  // A third less to read and hash on every start; identifiers stay, so stack traces name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
};

/** Module specifiers of the kinds the chart's templates render, plus the Argo CD Application. */
const KINDS = [
  "kubernetes-models/v1/ServiceAccount",
  "kubernetes-models/v1/Service",
  "kubernetes-models/v1/Pod",
  "kubernetes-models/v1/PersistentVolumeClaim",
  "kubernetes-models/apps/v1/Deployment",
  "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "kubernetes-models/networking.k8s.io/v1/Ingress",
  "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "kubernetes-models/policy/v1/PodDisruptionBudget",
  "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application",
];
const kindsOptions = {
  absWorkingDir: pkgDir,
  // Each entry is a function, so a kind's modules are evaluated only when it is first looked up.
  stdin: {
    contents: `module.exports = {\n${KINDS.map((k) => `  ${JSON.stringify(k)}: () => require(${JSON.stringify(k)}),`).join("\n")}\n};\n`,
    resolveDir: pkgDir,
    sourcefile: "kinds-entry.cjs",
    loader: "js",
  },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  outfile: join(outdir, "kinds.cjs"),
  // Generated validator code only: smaller to read and parse on each check that validates.
  minify: true,
  legalComments: "none",
  logLevel: "warning",
};

// First passes only to learn the inputs; the build id is a hash of their contents.
const probe = await build({ ...options, write: false, metafile: true, define: { __LLMCHART_VERSION__: "undefined", __LLMCHART_BUILD_ID__: "undefined", "import.meta.url": "__llmchartModuleUrl" } });
const kindsProbe = await build({ ...kindsOptions, write: false, metafile: true });
const generated = new Set([options.stdin.sourcefile, kindsOptions.stdin.sourcefile]);
const hash = createHash("sha256");
hash.update(readFileSync(fileURLToPath(import.meta.url))); // this script: the options and the list of kinds
hash.update(options.stdin.contents);
hash.update(kindsOptions.stdin.contents);
for (const input of [...Object.keys(probe.metafile.inputs), ...Object.keys(kindsProbe.metafile.inputs)].filter((i) => !generated.has(i)).sort()) {
  hash.update(`${input}\0`);
  hash.update(readFileSync(join(pkgDir, input)));
  hash.update("\0");
}
const buildId = hash.digest("hex").slice(0, 16);

const main = await build({
  ...options,
  write: false,
  define: { __LLMCHART_VERSION__: JSON.stringify(pkg.version), __LLMCHART_BUILD_ID__: JSON.stringify(buildId), "import.meta.url": "__llmchartModuleUrl" },
});
const kinds = await build({ ...kindsOptions, write: false });

// A build must not break a CLI that is running meanwhile (a pre-commit hook, a test): each file
// is replaced by rename, and files of earlier builds (the code cache of the previous bundle, the
// chunks of older layouts) are removed only once no process can still be loading them. A code
// cache of other bytes is never used (bin/cached-script.cjs checks), so a stale one is harmless.
mkdirSync(outdir, { recursive: true });
const files = [...kinds.outputFiles, ...main.outputFiles];
for (const f of files) {
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
const current = new Set(files.flatMap((f) => [basename(f.path), `${basename(f.path)}.v8cache`]));
for (const name of readdirSync(outdir)) {
  const path = join(outdir, name);
  if (!current.has(name) && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { force: true });
}

// The training run, in a fresh process so V8 runs with its default flags (a cache made under
// other flags is rejected).
const trained = spawnSync(process.execPath, [join(pkgDir, "scripts", "code-cache.mjs")], { cwd: pkgDir, encoding: "utf8" });
if (trained.status !== 0) console.warn(`code cache not written (the CLI works without it, only slower to start):\n${trained.stderr}`);
console.log(`bundled the CLI into dist/bundle (build ${buildId})${trained.status === 0 ? `, ${trained.stdout.trim()}` : ""}`);
