import type { RuleMeta } from "@llmchart/schema";

export declare const RULE_DOCS_COMMAND: string;
export declare function renderRulesIndex(rules: readonly RuleMeta[]): string;
export declare function ruleFamilies(rules: readonly RuleMeta[]): string[];
export declare function renderFamilyPage(family: string, rules: readonly RuleMeta[]): string;
