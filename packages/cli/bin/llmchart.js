#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
// The CLI runs from its bundle (scripts/bundle.mjs): one file, no module resolution at start-up.
import { createRequire } from "node:module";
import module from "node:module";

// Node 22.1+ keeps compiled code on disk between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
const { main } = createRequire(import.meta.url)("../dist/bundle/llmchart.cjs");
process.exitCode = await main(process.argv.slice(2));
