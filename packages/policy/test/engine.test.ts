import { checkValues, parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { lintPolicy } from "../src/engine.js";
import { fallbackChartDefaults } from "../src/defaults.js";
import { lint, where, withRules } from "./helpers.js";

const PHI = "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\n";

describe("lintPolicy: effective values", () => {
  const chart = parseSource(
    "charts/llama-cpp/values.yaml",
    'image:\n  repository: ghcr.io/ggml-org/llama.cpp\n  tag: server\nresources:\n  limits:\n    cpu: "4"\nextraArgs: ["-t", "4", "--port", "9000"]\n',
  );
  const options = { chartDefaults: chart, chartDefaultsLabel: "charts/llama-cpp/values.yaml" };

  it("points a problem whose value comes from the chart default at the closest node, and says so", () => {
    const problems = lint(`${PHI}image:\n  pullPolicy: Always\nextraArgs: ["-t", "4"]\n`, options).filter((p) => p.ruleId === "image-tag-floating");
    expect(problems).toEqual([
      expect.objectContaining({
        line: 4,
        column: 1,
        path: "image.tag",
        message: expect.stringMatching(/^image\.tag "server" floats: .* \[image\.tag = "server" comes from the chart default \(charts\/llama-cpp\/values\.yaml\)\]$/) as string,
      }),
      // The chart's floating tag names no build: the rules judged the newest they know, and say so.
      expect.objectContaining({ line: 4, column: 1, path: "image.tag", severity: "info", messageId: "judgedWithNewest" }),
    ]);
  });

  it("names the config's defaults: key, where a person edits a chart default, instead of the generated values.yaml", () => {
    const configText = "defaults:\n  image:\n    tag: server\n";
    const config = { ...withRules({}), defaults: { image: { tag: "server" } } };
    const floating = (extra: object) => lint(`${PHI}extraArgs: ["-t", "4"]\n`, { ...options, config, ...extra }).find((p) => p.ruleId === "image-tag-floating")?.message;
    expect(floating({ configSource: parseSource("llmchart.config.yaml", configText) })).toMatch(/\[image\.tag = "server" comes from llmchart\.config\.yaml:3:5 defaults\.image\.tag\]$/);
    // Without the parsed config: the file and the key.
    expect(floating({})).toMatch(/\[image\.tag = "server" comes from llmchart\.config\.yaml defaults\.image\.tag\]$/);
    // A values.yaml render has not caught up with (the config says something else) is the chart's.
    expect(floating({ config: { ...config, defaults: { image: { tag: "server-b4000" } } } })).toMatch(/comes from the chart default \(charts\/llama-cpp\/values\.yaml\)\]$/);
  });

  it("judges a list the values file replaces, not the chart's", () => {
    // The chart's extraArgs had -t 4 and --port 9000; the file's list replaces them whole.
    const problems = lint(`${PHI}extraArgs: ["-c", "2048"]\n`, options);
    expect(where(problems.filter((p) => ["threads-unset", "server-port"].includes(p.ruleId)))).toEqual(["4:1 threads-unset"]);
  });

  it("reports a chart default the values file does not override, without a fix it cannot apply", () => {
    const problems = lint(PHI, options).filter((p) => p.ruleId === "server-port");
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        path: "extraArgs[3]",
        message: expect.stringContaining('[extraArgs[3] = "9000" comes from the chart default (charts/llama-cpp/values.yaml)]') as string,
      }),
    ]);
    expect(problems[0]!.fix).toBeUndefined();
  });

  it("sees a default deleted with null as gone, and points at the null", () => {
    const problems = lint(`${PHI}resources:\n  limits:\n    cpu: null\nextraArgs: ["-t", "4"]\n`, options);
    expect(problems.filter((p) => p.ruleId === "cpu-limit-missing")).toEqual([expect.objectContaining({ line: 6, column: 10, path: "resources.limits.cpu" })]);
  });

  it("falls back to the values schema's defaults and the config's pinned images without a chart", () => {
    const defaults = fallbackChartDefaults();
    expect(defaults).toMatchObject({
      service: { type: "ClusterIP", port: 8080 },
      volume: { models: { mountPath: "/models" } },
      progressDeadlineSeconds: 1800,
      model: { enabled: true },
      image: { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b11429" },
      initDownloader: { image: { repository: "curlimages/curl", tag: "8.10.1" } },
    });
    // The pinned tag is no floating one; it is newer than the flag data, which is said once, as info.
    expect(lint(PHI).filter((p) => p.ruleId === "image-tag-floating").map((p) => `${p.severity} ${p.messageId}`)).toEqual(["info configNewerThanData"]);
  });

  it("accepts chart defaults as plain data", () => {
    const problems = lint(PHI, { chartDefaults: { service: { port: 9000 }, extraArgs: ["--port", "8080"] } });
    expect(problems.filter((p) => p.ruleId === "server-port").map((p) => p.message)).toEqual([
      expect.stringMatching(/^--port 8080 but service\.port is 9000 \(the chart default\): .* \[extraArgs\[1\] = "8080" comes from the chart default\]$/),
    ]);
  });
});

describe("lintPolicy: configuration", () => {
  const text = `${PHI}extraArgs: ["--port", "9000"]\n`;

  it("uses each rule's default severity", () => {
    expect(lint(text).find((p) => p.ruleId === "server-port")?.severity).toBe("error");
    expect(lint(text).find((p) => p.ruleId === "model-sha256")?.severity).toBe("info");
  });

  it("takes severities from the config's rules section, and off turns a rule off", () => {
    const problems = lint(text, { config: withRules({ "server-port": "warning", "model-sha256": "off", "cpu-limit-missing": "error" }) });
    expect(problems.find((p) => p.ruleId === "server-port")?.severity).toBe("warning");
    expect(problems.find((p) => p.ruleId === "model-sha256")).toBeUndefined();
    expect(problems.find((p) => p.ruleId === "cpu-limit-missing")?.severity).toBe("error");
  });

  it("judges a file with a schema error on the values the error is not about", () => {
    expect(lint(`replicaCount: "one"\n${text}`).map((p) => p.ruleId)).toEqual(lint(text).map((p) => p.ruleId));
    expect(lint(`replicaCount: "one"\n${text}`).map((p) => p.ruleId)).toContain("server-port");
  });

  it("returns problems sorted by file and position", () => {
    const a = parseSource("b.yaml", text);
    const b = parseSource("a.yaml", text);
    const problems = lintPolicy([a, b].map((source) => ({ source, checked: checkValues(source) })));
    const keys = problems.map((p) => [p.file, p.line, p.column]);
    expect(keys).toEqual([...keys].sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]))));
    expect(problems[0]!.file).toBe("a.yaml");
  });
});

describe("lintPolicy: one mistake, one report", () => {
  it("leaves a -t without a value to flag-value alone", () => {
    const problems = lint(`${PHI}resources:\n  limits:\n    cpu: "4"\nextraArgs: ["-c", "2048", "-t"]\n`);
    expect(problems.filter((p) => p.severity !== "info").map((p) => p.ruleId)).toEqual(["memory-headroom", "flag-value"]);
  });

  it("reports a value swallowed after an unknown flag once", () => {
    const problems = lint(`${PHI}extraArgs: ["--ctx", "4096"]\n`);
    expect(problems.filter((p) => p.path.startsWith("extraArgs[")).map((p) => `${p.path} ${p.ruleId}`)).toEqual(["extraArgs[0] unknown-flag"]);
  });
});
