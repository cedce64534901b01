import { describe, expect, it } from "vitest";
import { HISTORICAL_FLAGS, INTEGER_FLAG_NAMES, REPEATABLE_FLAG_NAMES, REPLACEMENTS, allowedValues, findEnv, findFlag, flagSpecs } from "../src/flags.js";

describe("the llama-server flag table", () => {
  it("matches the reference: 252 accepted options, 98 rejected", () => {
    expect(flagSpecs.filter((s) => s.serverRelevant)).toHaveLength(252);
    expect(flagSpecs.filter((s) => !s.serverRelevant)).toHaveLength(98);
  });

  it("has the env variables the reference spot-checked", () => {
    expect(findFlag("-t")?.env).toBe("LLAMA_ARG_THREADS");
    expect(findFlag("-c")?.env).toBe("LLAMA_ARG_CTX_SIZE");
    expect(findFlag("-np")?.env).toBe("LLAMA_ARG_N_PARALLEL");
    expect(findFlag("--api-key")?.env).toBe("LLAMA_API_KEY");
    expect(findFlag("-hft")?.env).toBe("HF_TOKEN");
    expect(findEnv("LLAMA_ARG_NO_ENDPOINT_SLOTS")).toMatchObject({ negated: true });
    expect(findFlag("--no-mmap")?.serverRelevant).toBe(false);
  });

  it("names only accepted flags as integer or repeatable", () => {
    for (const n of [...INTEGER_FLAG_NAMES, ...REPEATABLE_FLAG_NAMES]) expect(findFlag(n)?.serverRelevant, n).toBe(true);
  });

  it("names only rejected flags (or their variables) as replaced", () => {
    for (const key of Object.keys(REPLACEMENTS)) {
      const spec = key.startsWith("-") ? findFlag(key) : findEnv(key)?.spec;
      if (HISTORICAL_FLAGS.has(key)) expect(spec, key).toBeUndefined();
      else expect(spec?.serverRelevant, key).toBe(false);
    }
  });

  it("reads enumerations from value hints", () => {
    expect(allowedValues(findFlag("-fa")!)).toEqual(["on", "off", "auto"]);
    expect(allowedValues(findFlag("--rope-scaling")!)).toEqual(["none", "linear", "yarn"]);
    expect(allowedValues(findFlag("-ctk")!)).toContain("q8_0");
    expect(allowedValues(findFlag("-c")!)).toBeUndefined();
  });
});
