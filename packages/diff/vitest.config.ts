import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests spawn real git and real helm; a busy machine must not fail them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
