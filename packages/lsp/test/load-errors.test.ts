import { InputError, InputErrors } from "@llmchart/core";
import { describe, expect, it } from "vitest";
import { loadErrorDiagnostics } from "../src/load-errors.js";

/** Core's own errors, as a failed project load throws them: `file` the path alone, the position as fields. */
function inputError(file: string, message: string, position?: { line: number; column: number }): InputError {
  return new InputError(file, message, position);
}

function inputErrors(...errors: InputError[]): InputErrors {
  return new InputErrors(errors);
}

const start = (d: { range: { start: { line: number; character: number } } }) => [d.range.start.line, d.range.start.character];

describe("loadErrorDiagnostics", () => {
  it("puts an error of the file at its line and column (0-based in LSP), without the place in the message", () => {
    const err = inputErrors(inputError("llmchart.config.yaml", "rules.x: unknown severity \"loud\"", { line: 2, column: 28 }));
    const [d, ...rest] = loadErrorDiagnostics(err, "llmchart.config.yaml");
    expect(rest).toEqual([]);
    expect(start(d!)).toEqual([1, 27]);
    expect(d!.range.end).toEqual(d!.range.start);
    expect(d!).toMatchObject({ severity: 1, code: "config", source: "llmchart", message: 'rules.x: unknown severity "loud"' });
  });

  it("shows an error of another file at the top, naming where it is", () => {
    const err = inputErrors(inputError("llmchart.config.yaml", "bad", { line: 2, column: 3 }));
    const [d] = loadErrorDiagnostics(err, "infra/apps/llm/values/m.yaml");
    expect(start(d!)).toEqual([0, 0]);
    expect(d!.message).toBe("project not loaded: llmchart.config.yaml:2:3: bad");
  });

  it("shows an error without a position at the top, even in its own file", () => {
    const err = inputErrors(inputError("llmchart.lock.yaml", "cannot read the lock file: permission denied"));
    const [d] = loadErrorDiagnostics(err, "llmchart.lock.yaml");
    expect(start(d!)).toEqual([0, 0]);
    expect(d!.message).toBe("project not loaded: llmchart.lock.yaml: cannot read the lock file: permission denied");
  });

  it("keeps each error of several, in order", () => {
    const err = inputErrors(inputError("llmchart.config.yaml", "one", { line: 3, column: 5 }), inputError("llmchart.config.yaml", "two", { line: 7, column: 1 }));
    expect(loadErrorDiagnostics(err, "llmchart.config.yaml").map((d) => [...start(d), d.message])).toEqual([
      [2, 4, "one"],
      [6, 0, "two"],
    ]);
  });

  it("reads nothing out of a file name that looks like a position", () => {
    // The position is in the fields only: a file named like "path:line:col" stays a name.
    const err = inputErrors(inputError("llmchart.config.yaml:2:3", "bad"));
    const [d] = loadErrorDiagnostics(err, "llmchart.config.yaml");
    expect(start(d!)).toEqual([0, 0]);
    expect(d!.message).toBe("project not loaded: llmchart.config.yaml:2:3: bad");
  });

  it("says anything else that was thrown, by its first line, at the top", () => {
    const [d] = loadErrorDiagnostics(new Error("boom\nstack"), "m.yaml");
    expect(start(d!)).toEqual([0, 0]);
    expect(d!.message).toBe("project not loaded: boom");
  });
});
