import { describe, expect, it } from "vitest";
import rule, { parseLlamaCppTag, splitReference } from "../../src/rules/image-reference.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  // other-build.yaml pins server-b4748: the flag rules judge that build, so nothing to warn about.
  valid: ["default.yaml", "digest.yaml", "other-build.yaml", "pinned.yaml"],
  invalid: [
    { file: "light.yaml", errors: [{ line: 6, column: 8, path: "image.tag", messageId: "lightImage", data: { tag: '"light-b11429"', pinnedBy: "", suggestion: "server-b11429" } }] },
    { file: "full.yaml", errors: [{ line: 6, column: 8, path: "image.tag", messageId: "fullImage", data: { tag: '"full-b11429"', pinnedBy: "", suggestion: "server-b11429" } }] },
    {
      file: "cuda.yaml",
      errors: [{ line: 6, column: 8, severity: "warning", path: "image.tag", messageId: "gpuBuild", data: { tag: '"server-cuda-b11429"', backend: "cuda", pinnedBy: "", suggestion: "server-b11429" } }],
    },
    { file: "pre-move-repository.yaml", errors: [{ line: 5, column: 15, severity: "warning", path: "image.repository", messageId: "preMoveRepository" }] },
    {
      file: "non-official.yaml",
      errors: [{ line: 5, column: 15, severity: "warning", path: "image.repository", messageId: "unofficialRepository", data: { repository: "docker.io/ggerganov/llama.cpp", build: "the newest known build" } }],
    },
    {
      file: "digest-light.yaml",
      errors: [
        {
          line: 6,
          column: 8,
          path: "image.tag",
          messageId: "lightImage",
          data: { tag: '"light-b11429"', pinnedBy: " (the digest pins the image; the tag says it is light-b11429)", suggestion: "server-b11429" },
        },
      ],
    },
    {
      file: "tag-in-repository.yaml",
      errors: [
        { line: 5, column: 15, severity: "warning", path: "image.repository", messageId: "gpuBuild", data: { tag: '"server-vulkan-b4748"', backend: "vulkan", pinnedBy: "", suggestion: "server-b4748" } },
      ],
    },
  ],
});

describe("llama.cpp image references", () => {
  it.each([
    ["server", { kind: "server" }],
    ["server-b4748", { kind: "server", build: 4748 }],
    ["server-cuda-b4748", { kind: "server", backend: "cuda", build: 4748 }],
    ["full-rocm", { kind: "full", backend: "rocm" }],
    ["light-intel-b11429", { kind: "light", backend: "intel", build: 11429 }],
    ["server-my-branch-abc1234", { kind: "server", postfix: "my-branch-abc1234" }],
  ])("parses %s", (tag, parsed) => {
    expect(parseLlamaCppTag(tag)).toEqual(parsed);
  });

  it("refuses tags the project does not publish", () => {
    expect(parseLlamaCppTag("latest")).toBeUndefined();
    expect(parseLlamaCppTag("b4748")).toBeUndefined();
  });

  it("splits references with a tag or a digest inside the repository", () => {
    const digest = `sha256:${"c".repeat(64)}`;
    expect(splitReference("GHCR.io/ggml-org/llama.cpp:server-b1", "ignored", undefined)).toEqual({ repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b1" });
    expect(splitReference(`ghcr.io/ggml-org/llama.cpp@${digest}`, "server-b1", undefined)).toEqual({ repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b1", digest });
    expect(splitReference("localhost:5000/llama.cpp", "server", undefined)).toEqual({ repository: "localhost:5000/llama.cpp", tag: "server" });
  });
});
