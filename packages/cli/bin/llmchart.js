#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
// The CLI runs from its esbuild bundle (scripts/bundle.mjs): one file instead of ~150 modules.
import { createRequire } from "node:module";

const { main } = createRequire(import.meta.url)("../dist/bundle/llmchart.cjs");
process.exitCode = await main(process.argv.slice(2));
