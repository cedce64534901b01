import { describe, expect, it } from "vitest";
import { MAX_RESOURCE_NAME, modelNameError, modelNames } from "../src/model-name.js";

describe("model names", () => {
  it("names the seed's resources like the seed", () => {
    expect(modelNames("phi2", "llm-", "llama-cpp")).toEqual({ model: "phi2", release: "llm-phi2", fullname: "llm-phi2-llama-cpp" });
  });

  it.each(["phi2", "dolphin-phi2", "a", "m".repeat(49)])("accepts %s", (name) => {
    expect(modelNameError(name, "llm-", "llama-cpp")).toBeUndefined();
  });

  it.each([["A_B"], ["-x"], ["x-"], ["two words"], ["../../x"], ["ünï"], [""]])("rejects %j as a DNS label", (name) => {
    expect(modelNameError(name, "llm-", "llama-cpp")).toMatch(/lowercase letters, digits/);
  });

  it("rejects a name whose resource names would exceed 63 characters", () => {
    const name = "m".repeat(50);
    expect(`llm-${name}-llama-cpp`.length).toBeGreaterThan(MAX_RESOURCE_NAME);
    expect(modelNameError(name, "llm-", "llama-cpp")).toMatch(/at most 49/);
  });

  it("rejects a release name over Helm's 53 characters", () => {
    expect(modelNameError("m".repeat(50), "llm-", "x")).toMatch(/Helm allows 53/);
  });
});
