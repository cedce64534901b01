import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Tests spawn the CLI, git, helm and npm: never a per-test limit a busy machine can hit.
    testTimeout: 120_000,
  },
});
