import type { DiffResult } from "@llmchart/diff";
import { parseSource } from "@llmchart/schema";
import { InputError } from "../errors.js";
import { readSourceText } from "../files.js";
import { chartDefaultsData } from "../lint/policy-stage.js";
import type { Project } from "../project.js";
import { planFile } from "./plan.js";

/** The tag of an image reference (`repo:server-b4719@sha256:…` → `server-b4719`). */
function tagOf(image: unknown): string | undefined {
  if (typeof image !== "string") return undefined;
  const ref = image.split("@")[0]!;
  const colon = ref.lastIndexOf(":");
  return colon > ref.lastIndexOf("/") ? ref.slice(colon + 1) : undefined;
}

const SERVER_IMAGE = /containers\[name=server\]\.image$/;

/**
 * `llmchart diff` on a change that moves the server image to another build (in a values file or
 * the config): the upgrade's findings for that move, on the working tree's values file, as
 * `server-build` risks of the model's Deployment — the same analysis `llmchart upgrade` runs.
 */
export function addServerBuildRisks(project: Project, result: DiffResult): void {
  let defaults: Record<string, unknown> | undefined;
  for (const m of result.models) {
    const deployment = m.objects.find((o) => o.kind === "Deployment" && o.change === "changed");
    const image = deployment?.fields.find((f) => SERVER_IMAGE.test(f.path));
    const from = tagOf(image?.before);
    const to = tagOf(image?.after);
    const build = to ? /-b([0-9]+)$/.exec(to)?.[1] : undefined;
    if (!deployment || !from || !to || build === undefined || from === to) continue;
    let text: string;
    try {
      text = readSourceText(project.root, m.valuesFile).text;
    } catch (err) {
      if (err instanceof InputError) continue; // diff reports the file's own trouble
      throw err;
    }
    defaults ??= chartDefaultsData(project).data;
    const plan = planFile(parseSource(m.valuesFile, text), { config: project.config, chartDefaults: defaults }, Number(build), { fromTag: from });
    for (const f of plan.result.findings) {
      deployment.risks.push({ id: "server-build", severity: f.severity, message: `${from} → ${to}: ${f.message}${f.rewrite ? ` (safe rewrite: ${f.rewrite.description})` : ""}` });
    }
  }
}
