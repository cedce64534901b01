// The editor reports what lint reports about a values file as a file: a link out of the
// repository (never linted, its text never in a diagnostic) and a name render refuses.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { afterThisTest, CLEAN, startClient } from "./client.js";

const V = "infra/apps/llm/values";

it("refuses a values file linked out of the repository with io/outside-repository and shows nothing of its text", async () => {
  const home = mkdtempSync(join(tmpdir(), "llmchart-home-"));
  afterThisTest(() => { rmSync(home, { recursive: true, force: true }); });
  const token = `ghp_Zx9Qw3Er7Ty1Ui5Op2As6Df0Gh4Jk8Lm3N`;
  // What the editor shows for the link: the target's text, values-shaped with wrong types.
  const text = `model:\n  repoId: 1\nreplicaCount: "https://ci-bot:${token}@github.com"\n${token}: 1\n`;
  writeFileSync(join(home, ".git-credentials"), text);
  const { project, client } = await startClient({ [`${V}/phi2.yaml`]: CLEAN });
  symlinkSync(join(home, ".git-credentials"), join(project.root, V, "creds.yaml"));
  const uri = project.uri(`${V}/creds.yaml`);
  await client.open(uri, text, 1);
  const { diagnostics } = await client.diagnostics(uri, 1);
  expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([["io/outside-repository", 0, 0]]);
  expect(diagnostics[0]!.message).toMatch(/^is a symbolic link that points outside the repository/);
  expect(JSON.stringify(diagnostics)).not.toContain(token.slice(0, 8));
  expect(JSON.stringify(diagnostics)).not.toContain("ci-bot");
});

it.each([["Phi2.yaml"], ["my model.yaml"], ["modèle.yaml"]])("reports layout/model-name for %s, as render does, and still lints its content", async (name) => {
  const { project, client } = await startClient({ [`${V}/${name}`]: CLEAN });
  const uri = project.uri(`${V}/${name}`);
  await client.open(uri, CLEAN.replace('replicaCount: 1', 'replicaCount: "two"'), 1);
  const { diagnostics } = await client.diagnostics(uri, 1);
  expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["layout/model-name", "schema/type"]));
  expect(diagnostics.find((d) => d.code === "layout/model-name")!.range.start).toEqual({ line: 0, character: 0 });
  expect(diagnostics.find((d) => d.code === "layout/model-name")!.message).toMatch(/^model name ".+" must be lowercase letters, digits and "-"/);
});
