#!/usr/bin/env node
// Writes docs/rules/README.md and docs/rules/<family>.md from the built rule registry.
// Run after `build`: pnpm --filter @llmchart/core gen:docs. A test fails when they drift.
import { renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderFamilyPage, renderRulesIndex, ruleFamilies } from "../dist/rule-docs.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "rules");
const write = (name, text) => {
  const target = join(dir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
  console.log(`wrote ${target}`);
};
write("README.md", renderRulesIndex());
for (const family of ruleFamilies()) write(`${family}.md`, renderFamilyPage(family));
