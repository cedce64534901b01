import { describe, expect, it } from "vitest";
import rule, { FLAGS_BUILD, parseLlamaCppTag, splitReference } from "../../src/rules/image-reference.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["default.yaml", "digest.yaml", "pinned.yaml"],
  invalid: [
    { file: "light.yaml", errors: [{ line: 6, column: 8, path: "image.tag", message: 'image tag "light-b11429" is a light image: it holds only llama-cli, no llama-server, so the pod cannot serve — use a server tag such as server-b11429' }] },
    {
      file: "full.yaml",
      errors: [{ line: 6, column: 8, path: "image.tag", message: 'image tag "full-b11429" is a full image: its entrypoint /app/tools.sh treats the server arguments this chart passes as an unknown command (the chart sets no container command) — use server-b11429' }],
    },
    {
      file: "cuda.yaml",
      errors: [{ line: 6, column: 8, severity: "warning", path: "image.tag", message: 'image tag "server-cuda-b11429" is the cuda (GPU) build: on this CPU chart it either fails to start without the GPU runtime or runs on the CPU after pulling several GB — use server-b11429' }],
    },
    {
      file: "pre-move-repository.yaml",
      errors: [
        {
          line: 5,
          column: 15,
          severity: "warning", path: "image.repository",
          message: "image.repository ghcr.io/ggerganov/llama.cpp is the registry from before llama.cpp moved to the ggml-org organisation: its tags are no longer found, so pulls fail with ImagePullBackOff — use ghcr.io/ggml-org/llama.cpp",
        },
      ],
    },
    {
      file: "other-build.yaml",
      errors: [
        {
          line: 6,
          column: 8,
          severity: "warning", path: "image.tag",
          message: 'image tag "server-b4748" is build b4748, but the flag rules (unknown-flag, removed-flag, flag-value, …) know the flags of b11429: flags added or removed in between may be misjudged — pin server-b11429, or check the server\'s --help yourself',
        },
      ],
    },
    {
      file: "non-official.yaml",
      errors: [{ line: 5, column: 15, severity: "warning", path: "image.repository", message: /^image\.repository docker\.io\/ggerganov\/llama\.cpp is not the official ghcr\.io\/ggml-org\/llama\.cpp: .* the image kind, GPU backend and build checks are skipped and the flag rules assume b11429$/ }],
    },
    { file: "digest-light.yaml", errors: [{ line: 6, column: 8, path: "image.tag", message: /is a light image: .* \(the digest pins the image; the tag says it is light-b11429\) — use a server tag such as server-b11429$/ }] },
    {
      file: "tag-in-repository.yaml",
      errors: [
        { line: 5, column: 15, severity: "warning", path: "image.repository", message: /^image tag "server-vulkan-b4748" is the vulkan \(GPU\) build: .* — use server-b4748$/ },
        { line: 5, column: 15, severity: "warning", path: "image.repository", message: /^image tag "server-vulkan-b4748" is build b4748, / },
      ],
    },
  ],
});

describe("llama.cpp image references", () => {
  it("knows the build of the flag table from the pinned image", () => {
    expect(FLAGS_BUILD).toBe(11429);
  });

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
