#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
