import { allRules, initProject } from "@llmchart/core";
import { HIDDEN_CREDENTIAL, looksLikeCredential } from "@llmchart/schema";
import type { Io } from "../io.js";
import { printAdopted, printWritten, report } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { initSpec } from "../specs.js";

/** An inferred value on one line: JSON, cut at 100 characters, never one that looks like a credential (a repoURL with a token in it). */
function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (looksLikeCredential(text)) return HIDDEN_CREDENTIAL;
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
}

export async function init(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommand(initSpec, argv);
  if (values.help) {
    io.stdout(helpText(initSpec));
    return 0;
  }
  const result = await initProject({ cwd: io.cwd, dryRun: values["dry-run"] });
  const { inferred } = result;
  io.stdout(`${values["dry-run"] ? "would write" : "wrote"} ${result.configFile}, inferred from:\n`);
  for (const r of inferred.report) io.stdout(`  ${r.what} = ${show(r.value)}  (${r.from}${r.note ? `; ${r.note}` : ""})\n`);
  if (inferred.notCarried.length) {
    io.stdout("not carried over:\n");
    for (const n of inferred.notCarried) io.stdout(`  ${n.what}: ${n.why}\n`);
  }
  if (values["dry-run"]) {
    if (inferred.adopt.length) io.stdout(`render would take over ${inferred.adopt.length} hand-written file${inferred.adopt.length === 1 ? "" : "s"}:\n${inferred.adopt.map((p) => `  ${p}\n`).join("")}`);
    return 0;
  }
  const rendered = result.render!;
  printAdopted(io, rendered.adopted);
  printWritten(io, rendered, false);
  if (!rendered.problems.length) {
    io.stdout(`llmchart init: ${rendered.adopted.length} adopted, ${rendered.drift.length} written; next: llmchart check\n`);
    return 0;
  }
  return report(io, rendered.problems, { format: "stylish", rules: allRules(), filesChecked: rendered.files });
}
