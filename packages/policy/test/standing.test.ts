import { defaultConfig } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { buildOfImage, flagsAt } from "../src/llama/builds.js";
import { accepts, envReplacement, envStanding, flagStanding, suggestible } from "../src/llama/standing.js";

const server = defaultConfig.images.server;
const tableOf = (tag: string) => buildOfImage({ tag }, server).flags;

describe("how a build takes a flag (flagStanding)", () => {
  it("accepts --mlock in b4719, deprecates it for --load-mode in b10200, rejects it from b10875", () => {
    expect(flagStanding(flagsAt(4719), "--mlock").kind).toBe("active");
    const deprecated = flagStanding(flagsAt(10200), "--mlock");
    expect(deprecated).toMatchObject({ kind: "deprecated" });
    expect(deprecated.kind === "deprecated" && deprecated.replacement).toMatch(/^--load-mode\b/);
    expect(flagStanding(tableOf("server-b10900"), "--mlock")).toMatchObject({ kind: "removed", since: 10875 });
  });

  it("knows a flag added later by the build it came in", () => {
    expect(flagStanding(flagsAt(4719), "--cache-ram")).toEqual({ kind: "later", added: 6723 });
    expect(flagStanding(flagsAt(4719), "--load-mode")).toEqual({ kind: "later", added: 10105 });
    expect(flagStanding(flagsAt(7000), "--cache-ram").kind).toBe("active");
  });

  it("tells a typo from an option of another tool, and reads --ctx_size as --ctx-size", () => {
    expect(flagStanding(flagsAt(7000), "--ctx-sise").kind).toBe("unknown");
    expect(flagStanding(flagsAt(7000), "-p").kind).toBe("other-tool");
    expect(flagStanding(flagsAt(7000), "--ctx_size").kind).toBe("active");
  });

  it("does the same for environment variables, with their LLAMA_ARG_NO_* forms", () => {
    expect(envStanding(flagsAt(4719), "LLAMA_ARG_CACHE_RAM")).toEqual({ kind: "later", added: 6723 });
    expect(envStanding(flagsAt(7000), "LLAMA_ARG_CACHE_RAM").kind).toBe("active");
    expect(envStanding(flagsAt(10200), "LLAMA_ARG_NO_ENDPOINT_SLOTS")).toMatchObject({ kind: "active", negated: true });
    expect(envStanding(flagsAt(7000), "HTTPS_PROXY").kind).toBe("unknown");
  });
});

describe("advice a build takes (suggestible)", () => {
  it("refuses a flag the build does not have yet, or no longer has", () => {
    expect(suggestible(flagsAt(4719), '"--cache-ram", "768"')).toBe(false);
    expect(suggestible(flagsAt(7000), '"--cache-ram", "768"')).toBe(true);
    expect(suggestible(flagsAt(4719), "--load-mode mlock")).toBe(false);
    expect(suggestible(tableOf("server-b10900"), "--mlock")).toBe(false);
  });

  it("refuses a value outside the flag's enumeration in that build", () => {
    expect(suggestible(flagsAt(10200), "--load-mode mlock")).toBe(true);
    expect(suggestible(flagsAt(10200), "--load-mode sometimes")).toBe(false);
    expect(suggestible(flagsAt(7000), "-ctk q8_0 -ctv q8_0")).toBe(true);
  });

  it("checks variables too", () => {
    expect(suggestible(flagsAt(4719), "LLAMA_ARG_CACHE_RAM=0")).toBe(false);
    expect(suggestible(flagsAt(7000), "LLAMA_ARG_CACHE_RAM=0")).toBe(true);
    expect(accepts(flagsAt(7000), "LLAMA_ARG_THREADS")).toBe(true);
  });

  it("turns a flag replacement into its variable", () => {
    expect(envReplacement(flagsAt(10200), "--load-mode mlock")).toBe("LLAMA_ARG_LOAD_MODE=mlock");
    expect(envReplacement(flagsAt(4719), "--load-mode mlock")).toBeUndefined();
  });
});
