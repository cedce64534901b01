export interface FlagFacts {
  names: string[];
  negatedNames: string[];
  valueCount: 0 | 1 | 2;
  valueHint: string | null;
  allowedValues: string[] | null;
  env: string | null;
  envNegated: string | null;
  default: string | null;
  help: string;
  status: "active" | "deprecated" | "removed";
  replacement: string | null;
  server: boolean;
  tools: string[];
  integer: boolean;
  repeatable: boolean;
}
export declare const FACT_DEFAULTS: Readonly<FlagFacts>;
export declare const FACT_KEYS: readonly (keyof FlagFacts)[];
export declare function makeFacts(partial: Partial<FlagFacts>): FlagFacts;
export declare function defaultOf(help: string): string | null;
export declare function firstLine(help: string): string;
export declare function allowedFromHint(hint: string | null): string[] | null;
export declare function allowedFromHelp(help: string): string[] | null;
export declare function replacementFrom(said: { warnings?: string[]; removed?: string | null; help?: string }): string | null;
export declare function normalizeName(name: string): string;
