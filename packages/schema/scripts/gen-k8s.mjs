#!/usr/bin/env node
// Rebuilds the generated Kubernetes definitions: the k8s.* definitions of
// schemas/values.schema.json (only those its properties refer to) and schemas/kubernetes.schema.json
// (every built-in kind, for the strict manifest check). Run it after editing the values schema
// or bumping @kubernetes/client-node; a test fails when the committed files drift.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { generateAll } from "./k8s-definitions.mjs";

for (const [file, content] of await generateAll()) {
  let before = "";
  try {
    before = readFileSync(file, "utf8");
  } catch {}
  if (before === content) {
    console.log(`unchanged ${file}`);
    continue;
  }
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file}`);
}
