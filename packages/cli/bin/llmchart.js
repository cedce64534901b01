#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
// The CLI runs from its bundle (scripts/bundle.mjs): a small entry, each command a chunk of its own.
import module from "node:module";

// Node 22.1+ keeps compiled code on disk between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
const { main } = await import("../dist/bundle/main.js");
process.exitCode = await main(process.argv.slice(2));
