import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests run real git in temporary repositories.
    testTimeout: 120_000,
  },
});
