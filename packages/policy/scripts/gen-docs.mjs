#!/usr/bin/env node
// Writes docs/rules/README.md (the rules index) from the built rule registry.
// Run after `build`: pnpm --filter @llmchart/policy gen:docs. A test fails when the file drifts.
import { writeFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderRulesIndex, rules } from "../dist/index.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "rules", "README.md");
const tmp = `${target}.${process.pid}.tmp`;
writeFileSync(tmp, renderRulesIndex(rules));
renameSync(tmp, target);
console.log(`wrote ${target}`);
