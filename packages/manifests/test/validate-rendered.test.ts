import { describe, expect, it } from "vitest";
import { validateManifests, validateRendered, type CleanDocument, type DocumentMemo } from "../src/validate.js";

// A stream shaped like `helm template` output: every document after a `---` line.
const doc = (source: string, body: string) => `---\n# Source: llama-cpp/templates/${source}\n${body}`;
const serviceAccount = (name: string) => doc("serviceaccount.yaml", `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`);
const service = (name: string, port: string | number = 8080) =>
  doc("service.yaml", `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n    - port: ${port}\n      targetPort: http\n`);
const deployment = (name: string, extra = "") =>
  doc(
    "deployment.yaml",
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: { app: x }
  template:
    metadata:
      labels: { app: x }
      annotations: { rollout: "1" }
    spec:
      containers:
        - name: server
          image: server:1${extra}
`,
  );

/** A memo in memory that counts what it was asked, to show which documents were spared. */
function memo(): DocumentMemo & { hits: number; size: () => number } {
  const store = new Map<string, CleanDocument>();
  const m = {
    hits: 0,
    get(key: string) {
      const e = store.get(key);
      if (e) m.hits++;
      return e;
    },
    set(key: string, entry: CleanDocument) {
      store.set(key, entry);
    },
    size: () => store.size,
  };
  return m;
}

const strict = { strict: true };

describe("validateRendered (validateManifests remembering clean documents)", () => {
  it("reports exactly what validateManifests reports, before and after an edit, with the spared documents remembered", async () => {
    const m = memo();
    const before = serviceAccount("a") + service("a") + deployment("a");
    expect(await validateRendered(before, "out.yaml", { ...strict, memo: m })).toEqual(validateManifests(before, "out.yaml", strict));
    expect(m.size()).toBe(3);
    // The edit breaks the Deployment (a typo and a wrong type): the other two are not read again,
    // and the Deployment's problems keep their lines in the whole stream.
    const after = serviceAccount("a") + service("a") + deployment("a", "\n          imagePullPolicy: 3\n          portz: []");
    const expected = validateManifests(after, "out.yaml", strict);
    const deploymentLine = after.split("\n").indexOf("kind: Deployment") + 1;
    expect(new Set(expected.map((p) => p.ruleId))).toEqual(new Set(["manifest/unknown-field", "manifest/schema"]));
    expect(expected.every((p) => p.line > deploymentLine)).toBe(true);
    m.hits = 0;
    expect(await validateRendered(after, "out.yaml", { ...strict, memo: m })).toEqual(expected);
    expect(m.hits).toBe(2);
  });

  it("still finds a duplicate object that involves a remembered document", async () => {
    const m = memo();
    await validateRendered(service("a") + deployment("a"), "out.yaml", { ...strict, memo: m });
    for (const stream of [service("a") + deployment("a") + service("a", 9090), service("a", 9090) + service("a") + deployment("a")]) {
      const expected = validateManifests(stream, "out.yaml", strict);
      expect(expected.map((p) => p.ruleId)).toEqual(["manifest/duplicate"]);
      expect(await validateRendered(stream, "out.yaml", { ...strict, memo: m })).toEqual(expected);
    }
  });

  it("remembers nothing it found a problem in, and nothing of a stream it cannot split by its `---` lines", async () => {
    const m = memo();
    const broken = service("a", "http-port") + deployment("a");
    await validateRendered(broken, "out.yaml", { ...strict, memo: m });
    expect(m.size()).toBe(1); // the Deployment only
    for (const odd of [`%YAML 1.2\n${service("b")}`, `${service("b")}...\n`, `--- ${service("b").slice(4)}`]) {
      const n = memo();
      expect(await validateRendered(odd, "out.yaml", { ...strict, memo: n })).toEqual(validateManifests(odd, "out.yaml", strict));
      expect(n.size()).toBe(0);
    }
  });

  it("keeps a strict check apart from a loose one, and text before the first `---` in every run", async () => {
    const m = memo();
    const stream = `apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n${service("a")}`;
    await validateRendered(stream, "out.yaml", { memo: m });
    m.hits = 0;
    expect(await validateRendered(stream, "out.yaml", { ...strict, memo: m })).toEqual(validateManifests(stream, "out.yaml", strict));
    expect(m.hits).toBe(0);
    const again = await validateRendered(stream, "out.yaml", { memo: m });
    expect(m.hits).toBe(1);
    expect(again).toEqual(validateManifests(stream, "out.yaml"));
    expect(again.map((p) => `${p.line} ${p.ruleId}`)).toEqual(["3 manifest/invalid"]);
  });
});
