import { capacityFormats } from "@llmchart/capacity";
import { UsageError } from "@llmchart/core/errors";
import { describe, expect, it } from "vitest";
import { capacityFormatters } from "../src/formatters/capacity/index.js";
import { diffFormatters } from "../src/formatters/diff/index.js";
import { problemFormatters } from "../src/formatters/index.js";
import { selectFormatter } from "../src/formatters/select.js";
import type { FormatterSet } from "../src/formatters/types.js";
import { upgradeFormatters } from "../src/formatters/upgrade/index.js";
import { capacitySpec, checkSpec, diffSpec, lintSpec, upgradeSpec } from "../src/specs.js";

// One output system: every command's --format is a name in that command's formatter set, loaded
// and checked by one selectFormatter; a formatter is a function from the result to text.
type AnySet = FormatterSet<string, never, never, string | Promise<string>>;
const sets: [string, AnySet, { options: Record<string, unknown> }][] = [
  ["lint", problemFormatters, lintSpec],
  ["check", problemFormatters, checkSpec],
  ["diff", diffFormatters, diffSpec],
  ["capacity", capacityFormatters, capacitySpec],
  ["upgrade", upgradeFormatters, upgradeSpec],
];

describe("formatter sets", () => {
  for (const [command, set, spec] of sets) {
    it(`${command}: every name loads a formatter function, and --help lists exactly those names`, async () => {
      for (const name of set.names) expect(typeof (await selectFormatter(set, name))).toBe("function");
      const description = (spec.options.format as { description: string }).description;
      expect(description.replace(/ \(default.*$/, "").split(/ \| |, /)).toEqual([...set.names]);
    });

    it(`${command}: an unknown name is a usage error that lists the set`, async () => {
      await expect(selectFormatter(set, "nope")).rejects.toThrow(new UsageError(`unknown format "nope" (expected ${set.names.join(", ")})`));
      await expect(selectFormatter(set, "nope")).rejects.toBeInstanceOf(UsageError);
    });
  }

  it("capacity's set names every format the capacity package renders", () => {
    expect(capacityFormatters.names).toEqual(capacityFormats);
  });
});
