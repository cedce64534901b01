import { defineConfig } from "vitest/config";

// The real-binary check: `LLAMA_SERVER=/path/to/llama-server LLAMA_SERVER_BUILD=4747 pnpm test:binary`.
// Not part of `vitest run`: without a binary it fails rather than pretending to pass.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["test/**/*.binary.ts"],
  },
});
