// ESLint for every TypeScript file of the workspace (sources and tests), with typescript-eslint's
// strictTypeChecked rules and type information from each package's tsconfig. `pnpm lint:eslint`.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["**/dist/**", "**/node_modules/**", "packages/*/src/generated/**", "bench-results/**"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Messages quote positions and counts all the time; a number prints as itself.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // noUncheckedIndexedAccess makes every index access `T | undefined`; `!` marks the places
      // where the index was just checked (a loop bound, a regex group that matched).
      "@typescript-eslint/no-non-null-assertion": "off",
      // Matching control characters is the point of several checks (YAML's printable set, one-line messages).
      "no-control-regex": "off",
    },
  },
  {
    // Rules that code written before ESLint came here still breaks: warnings, held at today's
    // count by `--max-warnings` in `pnpm lint:eslint`, so none are added while they are fixed.
    files: ["**/*.ts"],
    rules: Object.fromEntries(
      [
        "no-regex-spaces",
        "no-useless-assignment",
        "@typescript-eslint/no-base-to-string",
        "@typescript-eslint/no-confusing-void-expression",
        "@typescript-eslint/no-dynamic-delete",
        "@typescript-eslint/no-empty-object-type",
        "@typescript-eslint/no-explicit-any",
        "@typescript-eslint/no-unnecessary-condition",
        "@typescript-eslint/no-unnecessary-type-assertion",
        "@typescript-eslint/no-unnecessary-type-conversion",
        "@typescript-eslint/no-unsafe-argument",
        "@typescript-eslint/no-unsafe-assignment",
        "@typescript-eslint/no-unsafe-call",
        "@typescript-eslint/no-unsafe-member-access",
        "@typescript-eslint/no-unsafe-return",
        "@typescript-eslint/no-unused-vars",
        "@typescript-eslint/require-await",
        "@typescript-eslint/restrict-plus-operands",
        "@typescript-eslint/unbound-method",
      ].map((rule) => [rule, rule === "@typescript-eslint/no-unused-vars" ? ["warn", { ignoreRestSiblings: true }] : "warn"]),
    ),
  },
  {
    // Functions a reader can hold in their head (issue 26): a package's source keeps each function
    // at most 25 paths through it and 100 lines. Tests and generated code (ignored above) are exempt.
    files: ["packages/*/src/**/*.ts"],
    rules: {
      complexity: ["error", 25],
      "max-lines-per-function": ["error", { max: 100 }],
    },
  },
  {
    // Outside every package's tsconfig: linted without type information.
    files: ["packages/*/vitest*.config.ts"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
