import type { Problem } from "@llmchart/schema";
import type { Formatter } from "../types.js";

const FIELDS = ["ruleId", "severity", "message", "file", "line", "column", "endLine", "endColumn", "path"] as const;

/**
 * The machine contract: exactly one JSON array of problems on stdout, each with the fields
 * above in this order (plus `messageId` when the rule names its messages, which stays the same
 * when a message is reworded, and `fix` when one is available). Nothing else is printed.
 */
export const json: Formatter = (problems) => {
  const out = problems.map((p) => {
    const o: Record<string, unknown> = {};
    for (const f of FIELDS) o[f] = p[f];
    if (p.messageId !== undefined) o.messageId = p.messageId;
    if (p.fix) o.fix = p.fix;
    return o as unknown as Problem;
  });
  return JSON.stringify(out, null, 2) + "\n";
};
