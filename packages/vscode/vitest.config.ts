import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // vsce runs as a child process.
    testTimeout: 120_000,
  },
});
