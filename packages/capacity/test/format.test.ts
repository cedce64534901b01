import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { formatJson, formatMarkdown, formatSvg, formatTable } from "../src/index.js";
import { cappedSeed, plan, pool8x32, SEED } from "./helpers.js";

const oneNode = () => plan(cappedSeed(), [pool8x32(1)]).report;
const twoNodes = () => plan(cappedSeed(), [pool8x32(2)]).report;

/** Every text node of a parsed SVG, flattened. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string" || typeof node === "number") out.push(String(node));
  else if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) if (!k.startsWith("@_")) texts(v, out);
  return out;
}

/** The parts of `formatJson`'s output the json test reads. */
interface CapacityJson {
  models: { model: string; requests: unknown; limits: unknown; estimate: { memoryBytes: number; weightsBytes: number; kvCacheBytes: number; promptCacheBytes: number; headroomBytes: number } | null; reason?: string }[];
  pools: { name: string; nodes: { models: string[] }[] }[];
  fits: boolean;
}

describe("json", () => {
  it("has the documented shape: models with requests, limits, itemised estimate, pool, node, fits, reason; pools with nodes; fits", () => {
    const json = JSON.parse(formatJson(oneNode())) as CapacityJson;
    expect(Object.keys(json).slice(0, 3)).toEqual(["models", "pools", "fits"]);
    expect(json.fits).toBe(false);
    const mistral = json.models.find((m) => m.model === "mistral7b")!;
    expect(Object.keys(mistral).slice(0, 9)).toEqual(["model", "requests", "limits", "estimate", "pool", "node", "fits", "reason", "file"]);
    expect(mistral.requests).toEqual({ cpu: 4000, memory: 8 * 2 ** 30 });
    expect(mistral.limits).toEqual({ cpu: 6000, memory: 12 * 2 ** 30 });
    expect(Object.keys(mistral.estimate!)).toEqual(["memoryBytes", "weightsBytes", "kvCacheBytes", "promptCacheBytes", "headroomBytes", "computeBytes", "fileSize", "shapeBasis"]);
    expect(mistral.estimate!.promptCacheBytes).toBe(1024 * 2 ** 20);
    expect(mistral).toMatchObject({ pool: null, node: null, fits: false });
    expect(mistral.reason).toMatch(/^a pod requests 4 CPU and 8 GiB/);
    const dolphin = json.models.find((m) => m.model === "dolphin-phi2")!;
    expect(dolphin).toMatchObject({ pool: "cpu-8", node: "cpu-8-1", fits: true });
    expect("reason" in dolphin).toBe(false);
    expect(json.pools[0]!.name).toBe("cpu-8");
    expect(Object.keys(json.pools[0]!.nodes[0]!).slice(0, 3)).toEqual(["allocatable", "used", "models"]);
    expect(json.pools[0]!.nodes[0]!.models).toEqual(["dolphin-phi2", "phi2"]);
  });
});

describe("table", () => {
  it("lists every model, the nodes and the reason, and ends with the verdict", () => {
    const out = formatTable(oneNode());
    for (const m of SEED) expect(out).toContain(m);
    expect(out).toMatch(/^MODEL +REQUESTS +LIMITS +ESTIMATE +THREADS +POOLS +NODE +FITS$/m);
    expect(out).toMatch(/^mistral7b +4 CPU, 8 GiB +6 CPU, 12 GiB +5.8 GiB +6\/6 +cpu-8 +not placed +no$/m);
    expect(out).toMatch(/^cpu-8-1 +7.91 CPU, 28.3 GiB +6 CPU, 12 GiB +1.91 CPU, 16.3 GiB +10 CPU, 20 GiB +dolphin-phi2, phi2$/m);
    expect(out).toContain("mistral7b does not fit: a pod requests 4 CPU and 8 GiB");
    expect(out.trimEnd().split("\n").pop()).toBe("✗ phi2, mistral7b do not fit (first: mistral7b)");
    expect(out).not.toContain("\u001b[");
    expect(formatTable(oneNode(), { color: true })).toContain("\u001b[31m✗");
  });

  it("says when everything fits", () => {
    expect(formatTable(twoNodes()).trimEnd().split("\n").pop()).toBe("✓ all 3 models fit on 2 nodes");
  });
});

describe("markdown", () => {
  it("gives a verdict line and tables a pull request can show", () => {
    const out = formatMarkdown(oneNode(), { title: "Capacity" });
    expect(out.split("\n").slice(0, 3)).toEqual(["### Capacity", "", "❌ phi2, mistral7b do not fit (first: mistral7b)"]);
    expect(out).toContain("| model | requests | limits | estimate |");
    expect(out).toMatch(/^\| mistral7b \| 4 CPU, 8 GiB \| 6 CPU, 12 GiB \| 5.8 GiB \|/m);
    expect(out).toContain("- **mistral7b** does not fit: a pod requests 4 CPU and 8 GiB");
  });
});

describe("svg", () => {
  it("is well-formed XML whose text names every model, node and part", async () => {
    const svg = await formatSvg(oneNode());
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-parser 5 still ships it; its successor is not a dependency here
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["svg"]);
    const words = texts(doc);
    for (const m of SEED) expect(words).toContain(m);
    for (const w of ["cpu-8-1", "not placed", "weights", "KV cache", "prompt cache", "request", "limit"]) expect(words).toContain(w);
  });

  it("without pools draws only the models", async () => {
    const svg = await formatSvg(plan(cappedSeed(), []).report);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-parser 5 still ships it; its successor is not a dependency here
    expect(XMLValidator.validate(svg)).toBe(true);
    const words = texts(new XMLParser({ ignoreAttributes: false }).parse(svg));
    for (const m of SEED) expect(words).toContain(m);
    expect(words).not.toContain("CPU (cores)");
  });
});
