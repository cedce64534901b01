#!/usr/bin/env node
// Bundles the CLI (after tsc) into dist/bundle/ with esbuild. The pre-commit hook starts a
// process on every commit, and most of a short run was spent resolving ~150 modules across
// seven packages:
//
// - dist/bundle/llmchart.cjs — the whole CLI in one CommonJS file. Commands are still evaluated
//   lazily (esbuild turns each `await import()` into an on-demand module initialiser), so a
//   command still runs only its own modules' top-level code.
// - dist/bundle/kinds.cjs — the Kubernetes model modules of the kinds the generated chart
//   renders (and Application): a Deployment alone is ~100 schema modules, which Node would
//   otherwise resolve and load one file at a time. @llmchart/core finds it beside the running
//   bundle; other kinds still load from the packages.
//
// Not bundled: kubernetes-models, @kubernetes-models/argo-cd and handlebars are loaded at run
// time with `createRequire(import.meta.url)`, per kind on demand; from the bundle that resolves
// from packages/cli, which is why they are dependencies of this package too.
//
// Nothing is defined into the code: the version and the cache identity are read at run time
// (@llmchart/core's version.ts), so library code behaves the same bundled or not.
import { build } from "esbuild";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(pkgDir, "dist", "bundle");

const options = {
  absWorkingDir: pkgDir,
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
  // vega and vega-lite (the capacity pictures, ~18 MB of ESM) stay packages: imported with a real
  // import() only when a picture is drawn.
  external: ["kubernetes-models", "kubernetes-models/*", "@kubernetes-models/*", "handlebars", "handlebars/*", "vega", "vega-lite"],
  // `import.meta.url` has no meaning in CommonJS: give every module the bundle file's URL.
  banner: { js: 'const __llmchartModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
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

const main = await build({ ...options, write: false, define: { "import.meta.url": "__llmchartModuleUrl" } });
const kinds = await build({ ...kindsOptions, write: false });

// A build must not break a CLI that is running meanwhile (a pre-commit hook, a test): each file
// is replaced by rename, and files of earlier builds (the code cache of the previous bundle, the
// chunks of older layouts) are removed only once no process can still be loading them.
mkdirSync(outdir, { recursive: true });
const files = [...kinds.outputFiles, ...main.outputFiles];
for (const f of files) {
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
const current = new Set(files.map((f) => basename(f.path)));
for (const name of readdirSync(outdir)) {
  const path = join(outdir, name);
  if (!current.has(name) && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { force: true });
}

console.log("bundled the CLI into dist/bundle");
