#!/usr/bin/env node
// Writes docs/rules/README.md and docs/rules/<family>.md from the built rule registry (rule-docs.mjs).
// Run after `build`: pnpm --filter @llmchart/core gen:docs. A test fails when they drift.
import { renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allRules } from "../dist/rules.js";
import { renderFamilyPage, renderRulesIndex, ruleFamilies } from "./rule-docs.mjs";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "rules");
const write = (name, text) => {
  const target = join(dir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
  console.log(`wrote ${target}`);
};
const rules = allRules();
write("README.md", renderRulesIndex(rules));
for (const family of ruleFamilies(rules)) write(`${family}.md`, renderFamilyPage(family, rules));
