import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildOfImage, flagHistory, flagsAt } from "../../src/llama/builds.js";
import { listedBy, minus, parseHelp } from "./help.js";

// `llama-server --help` of servers built from llama.cpp's source, recorded with the commit they
// came from (fixtures/help-b<build>.json). The data for that build must list the same spellings
// and the same env vars; `--rpc` only exists in servers built with the RPC backend.
const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixtures = readdirSync(dir)
  .filter((f) => /^help-b\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { file: string; commit: string; build: number });
const RPC_ONLY = { names: ["--rpc"], envs: ["LLAMA_ARG_RPC"] };

describe("recorded llama-server --help", () => {
  it("has at least one fixture", () => {
    expect(fixtures.map((f) => f.build)).toContain(4747);
  });

  for (const fx of fixtures) {
    const help = parseHelp(readFileSync(join(dir, fx.file), "utf8"));
    const data = listedBy(flagsAt(fx.build));
    const rpcAside = (s: Set<string>, drop: string[]) => new Set([...s].filter((x) => !drop.includes(x)));

    it(`b${fx.build} (${fx.commit.slice(0, 8)}): the data lists the same spellings`, () => {
      expect(help.names.size).toBeGreaterThan(100);
      expect(minus(help.names, rpcAside(data.names, RPC_ONLY.names))).toEqual([]);
      expect(minus(rpcAside(data.names, RPC_ONLY.names), help.names)).toEqual([]);
    });

    it(`b${fx.build} (${fx.commit.slice(0, 8)}): the data lists the same env vars`, () => {
      expect(help.envs.size).toBeGreaterThan(50);
      expect(minus(help.envs, rpcAside(data.envs, RPC_ONLY.envs))).toEqual([]);
      expect(minus(rpcAside(data.envs, RPC_ONLY.envs), help.envs)).toEqual([]);
    });
  }
});

describe("server-b4747, against its real --help", () => {
  const help = parseHelp(readFileSync(join(dir, "help-b4747.txt"), "utf8"));
  const build = buildOfImage({ tag: "server-b4747" }, { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b11429" });

  it("accepts every long flag the binary lists", () => {
    const long = [...help.names].filter((n) => n.startsWith("--"));
    expect(long.length).toBeGreaterThan(150);
    const refused = long.filter((n) => {
      const spec = build.flags.find(n);
      return !spec || !spec.server || spec.status === "removed";
    });
    expect(refused).toEqual([]);
  });

  it("refuses the flags added later, each with the build it was added in", () => {
    const later = ["--cache-ram", "--load-mode", "--fit", "--no-jinja", "--kv-unified"];
    for (const name of later) expect(build.flags.find(name), name).toBeUndefined();
    expect(Object.fromEntries(later.map((n) => [n, flagHistory(n).added]))).toEqual({
      "--cache-ram": 6723,
      "--load-mode": 10105,
      "--fit": 7407,
      "--no-jinja": 7170,
      "--kv-unified": 5913,
    });
  });
});
