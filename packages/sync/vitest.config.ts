import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Correctness tests never race the clock: a busy CI runner must not turn slowness into failures.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["test/**/*.test.ts"],
  },
});
