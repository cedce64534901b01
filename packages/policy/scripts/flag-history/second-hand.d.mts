import type { FoldedFlags } from "./fold.mjs";
export interface SecondHandPoint { build: number; names: string[]; set: Record<string, unknown>; citation: string }
export declare function readSecondHand(json: unknown, file: string): SecondHandPoint[];
export declare function mergeSecondHand(flags: FoldedFlags, points: SecondHandPoint[], lastBuild: number, file: string): { build: number; names: string[]; citation: string }[];
