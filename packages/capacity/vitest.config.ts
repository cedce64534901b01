import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The HTML test starts a real Chromium; on a busy 2-core machine that can take a while.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
