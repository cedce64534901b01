"use strict";
// Runs the CommonJS files of dist/bundle (packages/cli/scripts/bundle.mjs) through vm.Script with
// V8's code cache beside each one (`<file>.v8cache`), so a run starts with the functions it needs
// already compiled. A cache is used only when its header holds the SHA-256 of exactly the file's
// bytes (V8 itself checks only the source length, its version and its flags, and recompiles when
// those differ); without a usable cache the file is compiled as Node would compile it.
// CommonJS so that both bin/llmchart.js and the bundle (for dist/bundle/kinds.cjs) load this one
// module instance, whose registry the build's training run writes the caches from.
const { createHash } = require("node:crypto");
const { readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");

const HASH_BYTES = 32;
/** Every file run so far: its compiled script and the hash of its bytes. */
const loaded = new Map();

/** Runs `file` (absolute) once and returns its exports. */
function runCachedScript(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const source = readFileSync(file);
  const hash = createHash("sha256").update(source).digest();
  let cachedData;
  try {
    const cache = readFileSync(`${file}.v8cache`);
    if (cache.length > HASH_BYTES && hash.equals(cache.subarray(0, HASH_BYTES))) cachedData = cache.subarray(HASH_BYTES);
  } catch {
    // no cache: compile as usual
  }
  const script = new Script(Module.wrap(source.toString("utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  loaded.set(file, { script, hash, module });
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** Stores the code cache of every file run so far (for the build's training run). */
function writeCodeCaches() {
  for (const [file, { script, hash }] of loaded) {
    const target = `${file}.v8cache`;
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}

module.exports = { runCachedScript, writeCodeCaches };
