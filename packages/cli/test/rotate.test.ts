import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { READ_ONLY_MESSAGE } from "@llmchart/core";
import { runCli, tempTree } from "./helpers.js";

const V = "infra/apps/llm/values";

describe("llmchart rotate", () => {
  it("bumps the annotation in the named model, keeping comments", async () => {
    const dir = tempTree({
      [`${V}/phi2.yaml`]: "# phi2\npodAnnotations:\n  config/refresh: \"old\" # rotate me\nreplicaCount: 1\n",
      [`${V}/other.yaml`]: "replicaCount: 1\n",
    });
    const r = await runCli(["rotate", "phi2", "--value", "2026-11-27"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, V, "phi2.yaml"), "utf8")).toBe('# phi2\npodAnnotations:\n  config/refresh: "2026-11-27" # rotate me\nreplicaCount: 1\n');
    expect(readFileSync(join(dir, V, "other.yaml"), "utf8")).toBe("replicaCount: 1\n");
  });

  it("bumps every model with --all, using a timestamp by default", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n", [`${V}/b.yaml`]: "podAnnotations: {}\n" });
    const r = await runCli(["rotate", "--all"], dir);
    expect(r.code).toBe(0);
    for (const f of ["a.yaml", "b.yaml"]) {
      expect((parse(readFileSync(join(dir, V, f), "utf8")) as { podAnnotations: Record<string, string> }).podAnnotations["config/refresh"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    }
  });

  it("changes nothing when one of the files is missing or broken", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n", [`${V}/b.yaml`]: "a: 1\na: 2\n" });
    const missing = await runCli(["rotate", "a", "zz"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`llmchart: ${V}/zz.yaml: no values file for model "zz"\n`);
    const broken = await runCli(["rotate", "a", "b"], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^llmchart: ${V}/b.yaml:2:1: cannot edit`));
    expect(readFileSync(join(dir, V, "a.yaml"), "utf8")).toBe("replicaCount: 1\n");
  });

  it("refuses model names that would leave the values folder", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n" });
    const r = await runCli(["rotate", "../../../x"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a model name/);
  });

  it("needs models or --all", async () => {
    expect((await runCli(["rotate"], tempTree({}))).code).toBe(2);
  });
});

describe("llmchart rotate is a careful editor", () => {
  const file = (dir: string) => join(dir, V, "phi2.yaml");

  it("keeps comments under podAnnotations and the trailing comment on that key when it adds the annotation", async () => {
    const text = "replicaCount: 1\npodAnnotations: # bumped by llmchart rotate\n  # who owns it\n  team: llm # the team\n  # end of annotations\nservice:\n  port: 8080\n";
    const dir = tempTree({ [`${V}/phi2.yaml`]: text });
    const r = await runCli(["rotate", "phi2", "--value", "s1"], dir);
    expect(r).toEqual({ code: 0, stdout: `${V}/phi2.yaml: podAnnotations["config/refresh"] = "s1" (Argo CD will roll phi2)\n`, stderr: "" });
    expect(readFileSync(file(dir), "utf8")).toBe(
      "replicaCount: 1\npodAnnotations: # bumped by llmchart rotate\n  # who owns it\n  team: llm # the team\n  config/refresh: \"s1\"\n  # end of annotations\nservice:\n  port: 8080\n",
    );
  });

  it("adds podAnnotations under a key with only a comment, and to a flow mapping", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "podAnnotations: # none yet\nreplicaCount: 1\n", [`${V}/b.yaml`]: "podAnnotations: {team: llm}\n" });
    expect((await runCli(["rotate", "a", "b", "--value", "s1"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, V, "a.yaml"), "utf8")).toBe('podAnnotations: # none yet\n  config/refresh: "s1"\nreplicaCount: 1\n');
    expect(readFileSync(join(dir, V, "b.yaml"), "utf8")).toBe('podAnnotations: {team: llm, config/refresh: "s1"}\n');
  });

  it("keeps a byte order mark, CRLF line endings and the file mode", async () => {
    const dir = tempTree({});
    mkdirSync(join(dir, V), { recursive: true });
    writeFileSync(file(dir), "\ufeffreplicaCount: 1\r\npodAnnotations:\r\n  team: llm\r\n");
    chmodSync(file(dir), 0o640);
    expect((await runCli(["rotate", "phi2", "--value", "s1"], dir)).code).toBe(0);
    expect(readFileSync(file(dir), "utf8")).toBe('\ufeffreplicaCount: 1\r\npodAnnotations:\r\n  team: llm\r\n  config/refresh: "s1"\r\n');
    expect(statSync(file(dir)).mode & 0o777).toBe(0o640);
  });

  it("says unchanged when the value is already set, and writes nothing", async () => {
    const dir = tempTree({ [`${V}/phi2.yaml`]: "podAnnotations:\n  config/refresh: 's1' # keep\n" });
    const before = statSync(file(dir)).ino;
    const r = await runCli(["rotate", "phi2", "--value", "s1"], dir);
    expect(r).toEqual({ code: 0, stdout: `${V}/phi2.yaml: unchanged (podAnnotations["config/refresh"] is already "s1"; Argo CD will not roll phi2)\n`, stderr: "" });
    expect(readFileSync(file(dir), "utf8")).toBe("podAnnotations:\n  config/refresh: 's1' # keep\n");
    expect(statSync(file(dir)).ino).toBe(before);
  });

  it("refuses a read-only file with one line, exit 2, and writes no file", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n", [`${V}/phi2.yaml`]: "replicaCount: 1\n" });
    chmodSync(file(dir), 0o444);
    const r = await runCli(["rotate", "a", "phi2", "--value", "s1"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `llmchart: ${V}/phi2.yaml: ${READ_ONLY_MESSAGE}\n` });
    expect(readFileSync(join(dir, V, "a.yaml"), "utf8")).toBe("replicaCount: 1\n");
    expect(readFileSync(file(dir), "utf8")).toBe("replicaCount: 1\n");
  });

  it("refuses a podAnnotations that is not a mapping, naming its position", async () => {
    const dir = tempTree({ [`${V}/phi2.yaml`]: "replicaCount: 1\npodAnnotations: [a, b]\n" });
    const r = await runCli(["rotate", "phi2", "--value", "s1"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `llmchart: ${V}/phi2.yaml:2:17: podAnnotations is a list, not a mapping; fix it by hand, rotate does not replace it; nothing was changed\n` });
    expect(readFileSync(file(dir), "utf8")).toBe("replicaCount: 1\npodAnnotations: [a, b]\n");
  });

  it("rejects a value with a line break in one line", async () => {
    const dir = tempTree({ [`${V}/phi2.yaml`]: "replicaCount: 1\n" });
    const r = await runCli(["rotate", "phi2", "--value", "a\nb"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^llmchart rotate: --value must be one line of printable text \(no line breaks or control characters\)\n$/);
    expect(readFileSync(file(dir), "utf8")).toBe("replicaCount: 1\n");
  });
});
