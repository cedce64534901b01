import type { Problem } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { github } from "../src/formatters/problems/github.js";

const context = { color: false, rules: [], toolName: "llmchart", toolVersion: "0.1.0", filesChecked: 1, docsBaseUrl: "https://docs.example/rules/" };
const base = { file: "infra/apps/llm/values/phi2.yaml", line: 30, column: 5, endLine: 30, endColumn: 11, path: "extraArgs[3]" };

describe("github formatter (workflow annotations)", () => {
  it("writes one ::error/::warning/::notice line per problem with file, line and col", () => {
    const problems: Problem[] = [
      { ...base, ruleId: "server-port", severity: "error", message: "--port 9090 but service.port is 8080" },
      { ...base, ruleId: "ctx-exceeds-training", severity: "warning", message: "-c 4096 is above phi-2's training context (2048)" },
      { ...base, ruleId: "model-sha256", severity: "info", message: "model.sha256 is not set" },
    ];
    expect(github(problems, context)).toBe(
      [
        "::error file=infra/apps/llm/values/phi2.yaml,line=30,col=5,endLine=30,endColumn=11,title=server-port::--port 9090 but service.port is 8080",
        "::warning file=infra/apps/llm/values/phi2.yaml,line=30,col=5,endLine=30,endColumn=11,title=ctx-exceeds-training::-c 4096 is above phi-2's training context (2048)",
        "::notice file=infra/apps/llm/values/phi2.yaml,line=30,col=5,endLine=30,endColumn=11,title=model-sha256::model.sha256 is not set",
        "",
      ].join("\n"),
    );
  });

  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    const out = github([{ ...base, file: "a,b:c.yaml", ruleId: "x", severity: "error", message: "100% sure\r\nline two: ok, fine" }], context);
    expect(out).toBe("::error file=a%2Cb%3Ac.yaml,line=30,col=5,endLine=30,endColumn=11,title=x::100%25 sure%0D%0Aline two: ok, fine\n");
  });

  it("prints nothing for a clean run", () => {
    expect(github([], context)).toBe("");
  });
});

describe("llmchart lint --format github", () => {
  it("annotates policy problems at their line and column", async () => {
    const { runCli, tempTree } = await import("./helpers.js");
    const dir = tempTree({ "values/m.yaml": 'model:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ["--host", "127.0.0.1"]\n' });
    const r = await runCli(["lint", "-f", "github", "values/m.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error file=values/m.yaml,line=3,col=23,endLine=3,endColumn=34,title=server-host-loopback::--host 127.0.0.1 listens on loopback only");
    expect(r.stdout).toMatch(/^::notice file=values\/m\.yaml,line=1,col=1,.*title=model-sha256::/m);
  });
});
