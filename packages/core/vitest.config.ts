import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests spawn git and helm; a busy CI runner must not turn slowness into failures.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
