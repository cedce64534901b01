import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { mergeValues } from "../src/merge.js";

const chart = {
  service: { type: "ClusterIP", port: 8080 },
  extraArgs: ["-c", "2048"],
  resources: { limits: { cpu: "2", memory: "4Gi" } },
  model: { enabled: true },
};

describe("mergeValues: Helm's coalescing", () => {
  it("merges maps key by key", () => {
    const m = mergeValues(chart, parseSource("v.yaml", "service:\n  port: 9090\n"));
    expect(m.data.service).toEqual({ type: "ClusterIP", port: 9090 });
  });

  it("replaces lists whole instead of concatenating them", () => {
    const m = mergeValues(chart, parseSource("v.yaml", "extraArgs: [-t, '4']\n"));
    expect(m.data.extraArgs).toEqual(["-t", "4"]);
  });

  it("deletes a default with null, at any depth", () => {
    const m = mergeValues(chart, parseSource("v.yaml", "resources:\n  limits:\n    memory: null\nextraArgs: ~\n"));
    expect(m.data.resources).toEqual({ limits: { cpu: "2" } });
    expect("extraArgs" in m.data).toBe(false);
  });

  it("keeps the values file's side when a map meets a scalar, as Helm does after its warning", () => {
    const m = mergeValues(chart, { service: "none", model: { enabled: false } });
    expect(m.data.service).toBe("none");
    expect(m.data.model).toEqual({ enabled: false });
  });

  it("drops nulls the chart itself holds", () => {
    const m = mergeValues({ a: null, b: { c: null, d: 1 } }, {});
    expect(m.data).toEqual({ b: { d: 1 } });
  });

  it("does not modify its inputs", () => {
    const defaults = structuredClone(chart);
    mergeValues(defaults, { service: { port: 1 }, extraArgs: null });
    expect(defaults).toEqual(chart);
  });
});

describe("mergeValues: provenance", () => {
  const file = parseSource("v.yaml", "# a comment\nservice:\n  type: LoadBalancer\nextraArgs: ~\n");
  const m = mergeValues(chart, file);

  it("points a value set by the file at its node", () => {
    const o = m.originOf(["service", "type"]);
    expect(o.kind).toBe("values");
    expect(o.kind === "values" && o.node?.range?.[0]).toBe(file.text.indexOf("LoadBalancer"));
  });

  it("marks a value that comes from the chart default, with the closest node of the file", () => {
    const o = m.originOf(["service", "port"]);
    expect(o.kind).toBe("default");
    expect(o.kind === "default" && o.nearestKey?.range?.[0]).toBe(file.text.indexOf("service:"));
  });

  it("marks a default the file deleted with null, pointing at the null", () => {
    const o = m.originOf(["extraArgs", 0]);
    expect(o.kind).toBe("deleted");
    expect(o.kind === "deleted" && o.node?.range?.[0]).toBe(file.text.indexOf("~"));
  });

  it("marks a path neither sets as unset", () => {
    expect(m.originOf(["ingress", "enabled"]).kind).toBe("unset");
  });

  it("never attributes an item of a replaced list to the chart", () => {
    const n = mergeValues(chart, parseSource("v.yaml", "extraArgs: [-t]\n"));
    expect(n.originOf(["extraArgs", 0]).kind).toBe("values");
    expect(n.originOf(["extraArgs", 1]).kind).toBe("unset");
  });
});
