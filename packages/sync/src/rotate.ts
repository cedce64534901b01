import { isMap, isScalar, type Scalar } from "yaml";
import { locate, type SourceFile } from "@llmchart/schema";

/** The pod annotation the seed bumps to make Argo CD roll the pods after a Secret changed. */
export const ROLLOUT_ANNOTATION = "config/refresh";

/**
 * Returns the text of `source` with `podAnnotations[<key>]` set to `value`. An existing value is
 * replaced in place (only its characters change, so comments, order and quoting elsewhere stay
 * byte for byte); a missing annotation is added through the YAML document, which keeps comments.
 */
export function bumpRolloutAnnotation(source: SourceFile, value: string, key = ROLLOUT_ANNOTATION): string {
  const found = locate(source.doc, ["podAnnotations", key]);
  const node = found.node;
  if (node && isScalar(node) && node.range) {
    const [start, end] = node.range;
    return source.text.slice(0, start) + JSON.stringify(value) + source.text.slice(end);
  }
  const doc = source.doc.clone();
  const annotations = doc.get("podAnnotations", true);
  if (!isMap(annotations)) doc.set("podAnnotations", doc.createNode({}));
  doc.setIn(["podAnnotations", key], doc.createNode(value));
  const scalar = doc.getIn(["podAnnotations", key], true) as Scalar;
  scalar.type = "QUOTE_DOUBLE";
  return doc.toString({ lineWidth: 0 });
}

/** A rotation stamp that sorts and reads well: `2026-11-27T10-15-00Z` (no colons, valid in any annotation). */
export function rotationStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
}
