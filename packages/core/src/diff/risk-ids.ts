import { RISK_IDS, type RiskId } from "@llmchart/diff/rules";
import { DiffError } from "../errors.js";

/** `--fail-on immutable-field,downtime` → risk ids; a DiffError (exit 2) naming an unknown one. */
export function parseRiskIds(text: string): RiskId[] {
  const ids = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !(RISK_IDS as readonly string[]).includes(id));
  if (unknown.length) throw new DiffError("usage", `unknown risk ${unknown.map((u) => `"${u}"`).join(", ")} in --fail-on; known: ${RISK_IDS.join(", ")}`);
  return ids as RiskId[];
}
