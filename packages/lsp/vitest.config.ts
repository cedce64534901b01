import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every test spawns the server (and one Neovim) as a real process.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
