import { locate, nodeRange, parseSource, problemAt, type PathSegment, type Problem, type Range } from "@llmchart/schema";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DiffResult, ObjectDiff } from "./types.js";
import { IMMUTABLE_RULE_ID } from "./rules.js";

export { IMMUTABLE_RULE_ID };


/** The values keys that most likely caused an immutable change, tried in order. */
function valuesCandidates(o: ObjectDiff): PathSegment[][] {
  const paths = o.fields.map((f) => f.path);
  const has = (prefix: string) => paths.some((p) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));
  if (o.kind === "Service") return [["service", "type"], ["service"]];
  if (o.kind === "PersistentVolumeClaim") {
    const out: PathSegment[][] = [];
    if (has("spec.storageClassName")) out.push(["persistence", "storageClass"]);
    if (has("spec.accessModes")) out.push(["persistence", "accessModes"]);
    if (has("spec.resources")) out.push(["persistence", "size"]);
    return [...out, ["persistence"]];
  }
  return [["nameOverride"], ["fullnameOverride"], ["podLabels"]];
}

/**
 * The `immutable-field` risks of a diff as problems (`diff/immutable-field`, error) at the values
 * file of the model — at the key that most likely caused it when the file sets one — so
 * `check --since <rev>` blocks a change Argo CD could never apply.
 */
export function immutableProblems(result: DiffResult, cwd: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of result.models) {
    for (const o of m.objects) {
      for (const r of o.risks) {
        if (r.id !== "immutable-field") continue;
        let text = "";
        try {
          text = readFileSync(join(cwd, m.valuesFile), "utf8");
        } catch {
          // A removed model has no values file left; the problem goes to line 1.
        }
        const source = parseSource(m.valuesFile, text);
        let range: Range | undefined;
        let path = "";
        for (const segments of valuesCandidates(o)) {
          const loc = locate(source.doc, segments);
          if (loc.depth === segments.length && (loc.keyNode ?? loc.node)) {
            range = nodeRange(loc.keyNode ?? loc.node);
            path = segments.join(".");
            break;
          }
        }
        problems.push(problemAt(source, range, { ruleId: IMMUTABLE_RULE_ID, severity: "error", message: `${o.kind} ${o.name}: ${r.message}`, path }));
      }
    }
  }
  return problems;
}

export { diffRules } from "./rules.js";
