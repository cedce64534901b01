import { describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../src/errors.js";
import { configErrors } from "../src/config/check.js";
import { parseLockText } from "../src/models/lock-file.js";

describe("InputError", () => {
  it("names the file alone when it has no position", () => {
    const e = new InputError("values/a.yaml", "cannot read");
    expect(e.message).toBe("values/a.yaml: cannot read");
    expect(e.file).toBe("values/a.yaml");
    expect(e.line).toBeUndefined();
    expect(e.column).toBeUndefined();
  });

  it("carries its position as fields, and says path:line:col in its message", () => {
    const e = new InputError("llmchart.config.yaml", "bad value", { line: 3, column: 7 });
    expect(e.message).toBe("llmchart.config.yaml:3:7: bad value");
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({ file: "llmchart.config.yaml", line: 3, column: 7 });
  });

  it("keeps a message on one line", () => {
    expect(new InputError("a\nb.yaml", "x\ny", { line: 1, column: 2 }).message).toBe("a\\nb.yaml:1:2: x\\ny");
  });

  it("is how config problems become exit-2 errors, each with its position", () => {
    const errors = configErrors([{ ruleId: "config/x", severity: "error", message: "wrong", file: "llmchart.config.yaml", line: 4, column: 2, endLine: 4, endColumn: 5, path: "x" }]);
    expect(errors).toBeInstanceOf(InputErrors);
    expect(errors.message).toBe("llmchart.config.yaml:4:2: wrong");
    expect(errors.errors.map((e) => [e.file, e.line, e.column])).toEqual([["llmchart.config.yaml", 4, 2]]);
  });

  it("places a broken lock file's error at its line and column", () => {
    let caught: unknown;
    try {
      parseLockText("llmchart.lock.yaml", "models: [\n");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputErrors);
    const [first] = (caught as InputErrors).errors;
    expect(first!.file).toBe("llmchart.lock.yaml");
    expect(first!.message.startsWith(`llmchart.lock.yaml:${first!.line}:${first!.column}: `)).toBe(true);
    expect(first!.line).toBeGreaterThan(0);
  });
});
