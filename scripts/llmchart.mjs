#!/usr/bin/env node
// `pnpm llmchart …` and `pnpm render` in this repository: the CLI with this repository's own Helm,
// so `pnpm llmchart check` renders every model as CI does.
import { useRepoHelm } from "./repo-helm.mjs";

useRepoHelm();
await import("../packages/cli/bin/llmchart.js");
