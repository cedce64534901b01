import type { FlagFacts } from "./facts.mjs";
export declare const SOURCE_PATHS: readonly string[];
export declare function eraOf(has: (path: string) => boolean, read: (path: string) => string): string;
export declare function extract(files: Record<string, string | undefined>): { era: string; flags: FlagFacts[] };
export declare function normalizeVersion(flags: FlagFacts[]): FlagFacts[];
export declare function keyOf(f: FlagFacts): string;
