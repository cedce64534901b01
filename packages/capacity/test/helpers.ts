import { parseSource, type NodePool, type SourceFile } from "@llmchart/schema";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { capacityInputs, planCapacity, type CapacityModelInput, type CapacityReport } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The seed's three values files as the repository ships them (copied, so infra/ may change freely). */
export const SEED = ["phi2", "dolphin-phi2", "mistral7b"] as const;

export function seedText(model: (typeof SEED)[number]): string {
  return readFileSync(join(here, "fixtures", "seed", `${model}.yaml`), "utf8");
}

/**
 * The seed with the prompt cache capped (`--cache-ram 1024`, what memory-headroom suggests):
 * its limits then hold the estimate, so only scheduling decides whether it fits.
 */
export function cappedSeedText(model: (typeof SEED)[number]): string {
  return seedText(model).replace(/ {2}- "--host"\n {2}- "0\.0\.0\.0"\n?$/, '  - "--host"\n  - "0.0.0.0"\n  - "--cache-ram"\n  - "1024"\n');
}

export function sources(texts: Record<string, string>): SourceFile[] {
  return Object.entries(texts).map(([model, text]) => parseSource(`infra/apps/llm/values/${model}.yaml`, text));
}

export function cappedSeed(): SourceFile[] {
  return sources(Object.fromEntries(SEED.map((m) => [m, cappedSeedText(m)])));
}

/** A pool of `count` nodes with 8 CPUs and 32 GiB each (default reservation). */
export function pool8x32(count: number, extra: Partial<NodePool> = {}): NodePool {
  return { name: "cpu-8", cpu: "8", memory: "32Gi", count, labels: {}, taints: [], ...extra };
}

export function plan(files: SourceFile[], pools: NodePool[]): { report: CapacityReport; inputs: CapacityModelInput[] } {
  const inputs = capacityInputs(files);
  return { report: planCapacity({ models: inputs, pools }), inputs };
}
