import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { flagsAt, DATA_RANGE } from "../../src/llama/builds.js";
import { listedBy, minus, parseHelp } from "./help.js";

// Runs a real `llama-server --help` (LLAMA_SERVER: its path, LLAMA_SERVER_BUILD: the build it was
// built from) and compares its spellings and env vars with the data for that build. `--rpc` is
// listed only by servers built with the RPC backend, so it is left out on both sides.
const binary = process.env.LLAMA_SERVER;
const build = Number(process.env.LLAMA_SERVER_BUILD);
const RPC = new Set(["--rpc", "LLAMA_ARG_RPC"]);
const withoutRpc = (s: Set<string>) => new Set([...s].filter((x) => !RPC.has(x)));

describe("a real llama-server --help", () => {
  it("is configured: LLAMA_SERVER and LLAMA_SERVER_BUILD name a binary and its build inside the data", () => {
    if (!binary || !Number.isInteger(build)) {
      throw new Error("set LLAMA_SERVER=<path to llama-server> and LLAMA_SERVER_BUILD=<the build it was built from>");
    }
    expect(build).toBeGreaterThanOrEqual(DATA_RANGE.first);
    expect(build).toBeLessThanOrEqual(DATA_RANGE.last);
  });

  it("lists the spellings and env vars the data has for its build", () => {
    if (!binary) throw new Error("LLAMA_SERVER is not set");
    const run = spawnSync(binary, ["--help"], { encoding: "utf8", timeout: 20_000 });
    if (run.error) throw run.error;
    const help = parseHelp(`${run.stdout}${run.stderr}`);
    const data = listedBy(flagsAt(build));
    expect(help.names.size).toBeGreaterThan(50);
    expect({ missingFromData: minus(withoutRpc(help.names), data.names), missingFromHelp: minus(withoutRpc(data.names), help.names) }).toEqual({ missingFromData: [], missingFromHelp: [] });
    expect({ missingFromData: minus(withoutRpc(help.envs), data.envs), missingFromHelp: minus(withoutRpc(data.envs), help.envs) }).toEqual({ missingFromData: [], missingFromHelp: [] });
  });
});
