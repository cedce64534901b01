#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
// The CLI runs from its bundle (scripts/bundle.mjs), with V8's code cache (./cached-script.cjs).
import { fileURLToPath } from "node:url";
import loader from "./cached-script.cjs";

const { main } = loader.runCachedScript(fileURLToPath(new URL("../dist/bundle/llmchart.cjs", import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
