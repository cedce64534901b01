import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/precompile.ts"],
    // The tests run real Helm, a process per render; on a loaded two-core CI machine a suite
    // of them can take well over vitest's 5 s default without anything being wrong.
    testTimeout: 120_000,
  },
});
