import { describe, expect, it } from "vitest";
import { pinnedServerBuild } from "../src/effective.js";
import { parseServerArgs } from "../src/server-args.js";

/** The build the default config pins: what a file without image.tag runs. */
const flags = pinnedServerBuild().flags;

describe("parseServerArgs", () => {
  it("reads --flag value and --flag=value, through aliases", () => {
    const a = parseServerArgs(flags, ["-t", "4", "--ctx-size=4096", "--port", 8080]);
    expect(a.value("--threads")).toBe("4");
    expect(a.value("-c")).toBe("4096");
    expect(a.get("-c")).toMatchObject({ name: "--ctx-size", inline: true, index: 2, valueIndex: 2 });
    expect(a.get("--port")).toMatchObject({ value: "8080", index: 3, valueIndex: 4, inline: false });
    expect(a.issues).toEqual([]);
  });

  it("normalises underscores in long flags, as llama.cpp does", () => {
    expect(parseServerArgs(flags, ["--ctx_size", "2048"]).value("-c")).toBe("2048");
  });

  it("lets the last occurrence win", () => {
    expect(parseServerArgs(flags, ["-t", "4", "--threads", "8"]).value("-t")).toBe("8");
  });

  it("treats negative numbers as values, not flags", () => {
    const a = parseServerArgs(flags, ["-t", "-1", "-cram", "-1"]);
    expect(a.value("-t")).toBe("-1");
    expect(a.value("--cache-ram")).toBe("-1");
    expect(a.issues).toEqual([]);
  });

  it("gives switches true, and their negated forms false", () => {
    const a = parseServerArgs(flags, ["--metrics", "--no-slots", "-nocb"]);
    expect(a.value("--metrics")).toBe("true");
    expect(a.value("--slots")).toBe("false");
    expect(a.get("-cb")).toMatchObject({ value: "false", negated: true });
  });

  it("reports a value flag followed by another flag as missing its value", () => {
    const a = parseServerArgs(flags, ["-fa", "-c", "4096"]);
    expect(a.issues).toEqual([expect.objectContaining({ kind: "missing-value", index: 0, name: "-fa", next: "-c" })]);
    expect(a.value("-c")).toBe("4096");
  });

  it("takes two values for --control-vector-layer-range", () => {
    const a = parseServerArgs(flags, ["--control-vector-layer-range", "1", "10", "-c", "8"]);
    expect(a.get("--control-vector-layer-range")?.values).toEqual(["1", "10"]);
    expect(a.issues).toEqual([]);
  });

  it("reports unknown and removed flags, swallowing their probable value once", () => {
    const a = parseServerArgs(flags, ["--ctx", "4096", "--mlock", "--no-mmap", "-p", "hi"]);
    expect(a.issues.map((i) => [i.kind, i.index])).toEqual([
      ["unknown-flag", 0],
      ["removed-flag", 2],
      ["removed-flag", 3],
      ["removed-flag", 4],
    ]);
  });

  it("reports stray values, naming the switch they follow", () => {
    const a = parseServerArgs(flags, ["--metrics", "true"]);
    expect(a.issues).toEqual([{ kind: "unexpected-value", index: 1, text: "true", after: "--metrics" }]);
  });

  describe("environment variables", () => {
    it("reads LLAMA_ARG_* and lets a command-line argument win", () => {
      const a = parseServerArgs(flags, ["-t", "4"], [
        { name: "LLAMA_ARG_THREADS", value: "8" },
        { name: "LLAMA_ARG_CTX_SIZE", value: "2048" },
      ]);
      expect(a.get("-t")).toMatchObject({ source: "args", value: "4" });
      expect(a.get("-c")).toMatchObject({ source: "env", value: "2048", index: 1 });
      expect(a.all("-t").map((o) => o.source)).toEqual(["args", "env"]);
    });

    it("reads negated booleans and booleans spelled like llama.cpp accepts them", () => {
      const a = parseServerArgs(flags, [], [
        { name: "LLAMA_ARG_NO_ENDPOINT_SLOTS", value: "1" },
        { name: "LLAMA_ARG_ENDPOINT_METRICS", value: "off" },
      ]);
      expect(a.value("--slots")).toBe("false");
      expect(a.value("--metrics")).toBe("false");
    });

    it("leaves the value of a valueFrom variable unknown", () => {
      const a = parseServerArgs(flags, [], [{ name: "HF_TOKEN", valueFrom: { secretKeyRef: { name: "hf", key: "t" } } }]);
      expect(a.get("-hft")).toMatchObject({ source: "env", value: undefined, fromRef: true });
    });

    it("reports unknown LLAMA_ARG_* names and removed ones, ignores other variables", () => {
      const a = parseServerArgs(flags, [], [{ name: "LLAMA_ARG_CTX" }, { name: "LLAMA_ARG_MLOCK", value: "1" }, { name: "HTTPS_PROXY", value: "x" }]);
      expect(a.issues.map((i) => i.kind)).toEqual(["unknown-env", "removed-env"]);
    });
  });

  describe("what the chart adds", () => {
    const adds = { model: "/models/m.gguf", host: "0.0.0.0", port: 8080, metrics: true };

    it("adds -m, --host, --port and --metrics when nothing sets them", () => {
      const a = parseServerArgs(flags, ["-c", "2048"], [], adds);
      expect(a.get("-m")).toMatchObject({ source: "chart", value: "/models/m.gguf" });
      expect(a.value("--host")).toBe("0.0.0.0");
      expect(a.value("--port")).toBe("8080");
      expect(a.value("--metrics")).toBe("true");
    });

    it("adds nothing the values set, by flag or by variable", () => {
      const a = parseServerArgs(flags, ["--model=/x.gguf"], [{ name: "LLAMA_ARG_PORT", value: "9000" }, { name: "LLAMA_ARG_HOST", value: "::" }], adds);
      expect(a.get("-m")).toMatchObject({ source: "args", value: "/x.gguf" });
      expect(a.get("--port")).toMatchObject({ source: "env", value: "9000" });
      expect(a.get("--host")).toMatchObject({ source: "env", value: "::" });
    });

    it("adds no -m when the server downloads the model itself (-hf)", () => {
      expect(parseServerArgs(flags, ["-hf", "org/repo"], [], adds).get("-m")).toBeUndefined();
    });
  });
});
