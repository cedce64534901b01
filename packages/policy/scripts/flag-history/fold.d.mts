import type { FlagFacts } from "./facts.mjs";
export type ChangePoint = [number, Partial<FlagFacts> & { secondHand?: boolean } | null];
export type FoldedFlags = Record<string, ChangePoint[]>;
export declare function fold(versions: { build: number; flags: FlagFacts[] }[]): FoldedFlags;
export declare function byCodeUnit(a: string, b: string): number;
export declare function deltaOf(prev: Partial<FlagFacts>, next: FlagFacts): Partial<FlagFacts>;
export declare function factsAt(points: ChangePoint[], build: number): (FlagFacts & { secondHand?: boolean }) | null;
export declare function serialize(data: { header: Record<string, unknown>; secondHand: unknown[]; flags: FoldedFlags }): string;
