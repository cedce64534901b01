import { describe, expect, it } from "vitest";
import { DATA_RANGE, SECOND_HAND_POINTS, buildOfImage, buildOfTag, defaultsAt, flagHistory, flagsAt } from "../../src/llama/builds.js";
import historyJson from "../../src/llama/flag-history.json" with { type: "json" };

const PINNED = { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b11429" };
const spec = (build: number, name: string) => flagsAt(build).find(name);

describe("flag facts the issue names, read from the data", () => {
  it("--mlock: active at b4719, deprecated at b10200 in favour of --load-mode, removed (second-hand) at b10900", () => {
    expect(spec(4719, "--mlock")).toMatchObject({ status: "active", server: true, secondHand: false });
    expect(spec(10200, "--mlock")).toMatchObject({ status: "deprecated", statusSince: 10105, secondHand: false });
    expect(spec(10200, "--mlock")?.replacement).toMatch(/^--load-mode\b/);
    expect(spec(10900, "--mlock")).toMatchObject({ status: "removed", statusSince: 10875, secondHand: true });
    expect(flagHistory("--mlock")).toMatchObject({ deprecated: 10105, removed: 10875, secondHand: true });
    for (const name of ["--mmap", "--no-mmap", "-dio", "--direct-io", "-ndio"]) {
      expect(spec(10900, name)?.status, name).toBe("removed");
      expect(spec(10587, name)?.status, name).toBe("deprecated");
    }
  });

  it("-fa is a switch at b4719 and takes on|off|auto from b6325", () => {
    expect(spec(4719, "-fa")).toMatchObject({ valueCount: 0, takesValue: false });
    expect(spec(6324, "-fa")?.valueCount).toBe(0);
    expect(spec(6325, "-fa")?.valueCount).toBe(1);
    expect(spec(6325, "-fa")?.allowedValues).toEqual(expect.arrayContaining(["on", "off", "auto"]));
    expect(defaultsAt(4719).flashAttnTakesValue).toBe(false);
    expect(defaultsAt(6325).flashAttnTakesValue).toBe(true);
  });

  it("--cache-ram is absent before b6723 and defaults to 8192 MiB after", () => {
    expect(spec(6722, "--cache-ram")).toBeUndefined();
    expect(spec(6723, "--cache-ram")).toMatchObject({ default: "8192", env: "LLAMA_ARG_CACHE_RAM", integer: true });
    expect(defaultsAt(6722).cacheRamMiB).toBeUndefined();
    expect(defaultsAt(6723).cacheRamMiB).toBe(8192);
    expect(defaultsAt(10587).cacheRamMiB).toBe(8192);
    expect(flagHistory("--cache-ram").added).toBe(6723);
    expect(flagHistory("LLAMA_ARG_CACHE_RAM").added).toBe(6723);
  });

  it("-c defaults to 4096 until b7406 and to 0 (from the model) from b7407", () => {
    expect(spec(7406, "-c")?.default).toBe("4096");
    expect(spec(7407, "-c")?.default).toBe("0");
    expect(defaultsAt(4719).ctxSize).toBe(4096);
    expect(defaultsAt(7407).ctxSize).toBe(0);
  });

  it("-np defaults to 1 until b7432 and to -1 (auto, with a unified KV cache) from b7433", () => {
    expect(defaultsAt(7432)).toMatchObject({ parallel: 1, kvUnifiedWhenAuto: false });
    expect(defaultsAt(7433)).toMatchObject({ parallel: -1, kvUnifiedWhenAuto: true });
  });

  it("--timeout defaults to 600 s until b9411 and 3600 s from b9412", () => {
    expect(defaultsAt(9411).timeoutSeconds).toBe(600);
    expect(defaultsAt(9412).timeoutSeconds).toBe(3600);
  });

  it("--load-mode exists from b10105 and defaults to auto from b10364", () => {
    expect(spec(10104, "--load-mode")).toBeUndefined();
    expect(defaultsAt(10104).loadMode).toBeUndefined();
    expect(spec(10105, "-lm")?.names).toContain("--load-mode");
    expect(defaultsAt(10363).loadMode).not.toBe("auto");
    expect(defaultsAt(10364).loadMode).toBe("auto");
    expect(flagHistory("--load-mode").added).toBe(10105);
  });

  it("--kv-unified exists from b5913", () => {
    expect(spec(5912, "--kv-unified")).toBeUndefined();
    expect(spec(5913, "-kvu")?.names).toContain("--kv-unified");
    expect(flagHistory("--kv-unified").added).toBe(5913);
  });

  it("--no-jinja: its own option from b7170 (when jinja turned on), a negated spelling of --jinja from b7376", () => {
    expect(spec(7169, "--no-jinja")).toBeUndefined();
    expect(defaultsAt(7169).jinja).toBe(false);
    expect(defaultsAt(7170).jinja).toBe(true);
    expect(spec(7375, "--no-jinja")?.names).toEqual(["--no-jinja"]);
    expect(spec(7376, "--no-jinja")).toMatchObject({ names: ["--jinja", "--no-jinja"], negatedNames: ["--no-jinja"], envNegated: "LLAMA_ARG_NO_JINJA" });
    expect(flagHistory("--no-jinja").added).toBe(7170);
  });
});

describe("flagsAt", () => {
  it("memoises one table per build", () => {
    expect(flagsAt(4719)).toBe(flagsAt(4719));
  });

  it("normalises --ctx_size to --ctx-size, as llama.cpp does", () => {
    expect(flagsAt(4719).find("--ctx_size")).toBe(flagsAt(4719).find("-c"));
    expect(flagsAt(4719).find("-c_x")).toBeUndefined();
  });

  it("finds an env var and its LLAMA_ARG_NO_ form where the build reads it", () => {
    const t = flagsAt(10587);
    expect(t.findEnv("LLAMA_ARG_MMAP")).toMatchObject({ negated: false });
    expect(t.findEnv("LLAMA_ARG_NO_MMAP")).toMatchObject({ negated: true, spec: t.find("--mmap") });
    expect(flagsAt(4719).findEnv("LLAMA_ARG_NO_MMAP")).toMatchObject({ negated: false, spec: flagsAt(4719).find("--no-mmap") });
    expect(flagsAt(4719).findEnv("LLAMA_ARG_NO_JINJA")).toBeUndefined();
  });

  it("keeps other tools' options, marked server: false with their tool", () => {
    // -p is common to every tool but excluded from the server: no tool named
    expect(flagsAt(4719).find("-p")).toMatchObject({ server: false, tools: [] });
    expect(flagsAt(4719).serverFlagNames).not.toContain("--prompt");
    expect(flagsAt(4719).find("-cnv")).toMatchObject({ server: false, tools: ["main"] });
    expect(flagsAt(10587).find("-cnv")).toMatchObject({ server: false, tools: ["completion"] });
    // from b3087 the server parsed every common option, -p included, until b4441 excluded it
    expect(flagsAt(3000).find("-p")).toMatchObject({ server: false });
    expect(flagsAt(4000).find("-p")).toMatchObject({ server: true });
    expect(flagHistory("-p")).toMatchObject({ added: 3087, removed: 4441 });
  });

  it("lists only options that work in serverFlagNames / serverEnvNames", () => {
    const t = flagsAt(10900);
    expect(t.serverFlagNames).not.toContain("--mlock");
    expect(t.serverEnvNames).not.toContain("LLAMA_ARG_MLOCK");
    expect(t.serverFlagNames).toContain("--load-mode");
    expect(flagsAt(10587).serverFlagNames).toContain("--mlock");
  });

  it("gives since and statusSince for hovers", () => {
    expect(spec(10587, "--cache-ram")).toMatchObject({ since: 6723, statusSince: 6723, status: "active" });
    expect(spec(4719, "--port")?.since).toBe(DATA_RANGE.first);
  });
});

describe("defaultsAt", () => {
  const points = Object.values(historyJson.flags as unknown as Record<string, [number, unknown][]>).flatMap((ps) => ps.map((p) => p[0]));
  const builds = [...new Set([...points, DATA_RANGE.first, DATA_RANGE.last])].filter((b) => b >= DATA_RANGE.first).sort((a, b) => a - b);

  it("states every default it derives, at every change point of the data", () => {
    expect(builds.length).toBeGreaterThan(100);
    for (const b of builds) {
      const d = defaultsAt(b);
      expect(Number.isInteger(d.ctxSize) && d.ctxSize >= 0, `b${b} -c`).toBe(true);
      expect(d.parallel === -1 || d.parallel >= 1, `b${b} -np`).toBe(true);
      expect(d.timeoutSeconds > 0, `b${b} --timeout`).toBe(true);
    }
  });
});

describe("buildOfImage", () => {
  it("reads the build from a server tag of the values file", () => {
    for (const tag of ["server-b4719", "server-cuda-b4719", "b4719"]) {
      expect(buildOfImage({ tag }, PINNED)).toMatchObject({ number: 4719, requested: 4719, from: "image.tag", status: "exact", label: "b4719" });
    }
    expect(buildOfImage({ repository: "ghcr.io/ggml-org/llama.cpp:server-b6000" }, PINNED)).toMatchObject({ number: 6000, from: "image.tag" });
    expect(buildOfImage({ tag: "server-b4719" }, PINNED).flags).toBe(flagsAt(4719));
    expect(buildOfImage({ tag: "server-b4719" }, PINNED).defaults).toBe(defaultsAt(4719));
  });

  it("falls back to the config's pinned image, newer than the data", () => {
    const b = buildOfImage({}, PINNED);
    expect(b).toMatchObject({ number: DATA_RANGE.last, requested: 11429, from: "config", status: "newer-than-data" });
    expect(b.label).toBe(`b${DATA_RANGE.last} (newest in the data; server-b11429 is newer; with the second-hand change points of b10875)`);
    expect(b.flags.find("--mlock")?.status).toBe("removed");
    expect(SECOND_HAND_POINTS.map((p) => p.build)).toEqual([10875]);
    expect(SECOND_HAND_POINTS[0]?.citation).toMatch(/#28334/);
  });

  it("applies second-hand points only up to the requested build", () => {
    const b = buildOfImage({ tag: "server-b10700" }, PINNED);
    expect(b.status).toBe("newer-than-data");
    expect(b.flags.find("--mlock")?.status).toBe("deprecated");
    expect(b.label).toBe(`b${DATA_RANGE.last} (newest in the data; server-b10700 is newer)`);
  });

  it("judges a moving tag or a bare digest with the newest known state", () => {
    expect(buildOfImage({ tag: "server" }, PINNED)).toMatchObject({ number: DATA_RANGE.last, requested: undefined, status: "floating", from: "image.tag" });
    expect(buildOfImage({ tag: "server" }, PINNED).flags.find("--mlock")?.status).toBe("removed");
    const d = buildOfImage({ digest: "sha256:0123456789abcdef0123456789abcdef" }, PINNED);
    expect(d).toMatchObject({ status: "unknown-digest", from: "image.digest", number: DATA_RANGE.last });
    expect(d.label).toContain("sha256:0123456789ab…");
    expect(buildOfImage({ tag: "server-b4719", digest: "sha256:00" }, PINNED).status).toBe("exact");
  });

  it("says older-than-data before the first build", () => {
    expect(buildOfImage({ tag: "server-b2500" }, PINNED)).toMatchObject({ status: "older-than-data", requested: 2500, number: DATA_RANGE.first });
  });

  it("reads build numbers from tags", () => {
    expect(buildOfTag("server-b4719")).toBe(4719);
    expect(buildOfTag("full-cuda-b10000")).toBe(10000);
    expect(buildOfTag("server")).toBeUndefined();
    expect(buildOfTag("server-b4719-x")).toBeUndefined();
  });
});
