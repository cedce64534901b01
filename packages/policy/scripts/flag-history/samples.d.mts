import type { FlagFacts } from "./facts.mjs";
export interface Sample { build: number; commit: string; sourceCommit: string; sourceBuild: number; era: string; flags: FlagFacts[] }
export declare function writeSample(build: number, commit: string, version: { build: number; commit: string; era: string; flags: FlagFacts[] }): string;
export declare function readSample(text: string): Sample;
