import { describe, expect, it } from "vitest";
import { checkValues, parseSource, valuesSchema } from "../src/index.js";

type Schema = Record<string, unknown>;

/**
 * Objects the chart hands to Kubernetes verbatim (toYaml): there "" means what the Kubernetes
 * API makes of it, not "unset", so these keep the API's own rules.
 */
const PASSED_THROUGH = new Set(["tolerations", "affinity", "extraEnv", "extraVolumes", "extraVolumeMounts", "topologySpreadConstraints", "podSecurityContext", "securityContext", "initDownloader.extraEnv", "networkPolicy.ingressFrom", "networkPolicy.egress.to", "autoscaling.behavior"]);

function resolve(schema: unknown): Schema {
  const s = (schema ?? {}) as Schema;
  if (typeof s.$ref !== "string") return s;
  const name = s.$ref.replace("#/definitions/", "");
  return { ...resolve((valuesSchema.definitions as Record<string, unknown>)[name]), ...s, $ref: undefined };
}

/** Whether a property holds text: a string type, or an enum of strings. Quantities (string or number) are not. */
function isString(s: Schema): boolean {
  if (s.type === "string") return true;
  return s.type === undefined && Array.isArray(s.enum) && s.enum.every((v) => typeof v === "string");
}

/** Every optional string property of the values schema, as a path, descending into mappings only. */
function optionalStrings(schema: Schema, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [key, raw] of Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})) {
    const path = [...prefix, key];
    if (PASSED_THROUGH.has(path.join("."))) continue;
    const child = resolve(raw);
    if (isString(child) && !required.has(key)) out.push(path);
    if (child.properties) out.push(...optionalStrings(child, path));
  }
  return out;
}

function nested(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value);
}

describe('values schema: "" means unset, as in Helm charts', () => {
  const paths = optionalStrings(valuesSchema);

  it("finds the optional strings Helm users blank out", () => {
    const dotted = paths.map((p) => p.join("."));
    for (const p of ["model.downloadUrl", "model.sha256", "model.repoId", "nameOverride", "fullnameOverride", "image.digest", "image.repository", "initDownloader.image.digest", "service.type", "volume.models.mountPath", "metrics.serviceMonitor.interval"]) {
      expect(dotted).toContain(p);
    }
  });

  it.each(paths.map((p) => [p.join("."), p] as const))('accepts %s: ""', (_name, path) => {
    const source = parseSource("values.yaml", JSON.stringify(nested(path, "")));
    expect(checkValues(source).problems).toEqual([]);
  });

  it("still rejects a malformed non-empty value", () => {
    const source = parseSource("values.yaml", 'model:\n  downloadUrl: "ftp://x"\n  sha256: "abc"\n');
    expect(checkValues(source).problems.map((p) => [p.path, p.ruleId])).toEqual([
      ["model.downloadUrl", "schema/pattern"],
      ["model.sha256", "schema/pattern"],
    ]);
  });
});
