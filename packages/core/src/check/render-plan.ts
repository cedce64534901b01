import type { ResolvedConfig } from "@llmchart/schema";
import { helmTemplate, type HelmResult } from "@llmchart/manifests/helm";
import { applicationFor, modelOf } from "@llmchart/sync/application";
import { join } from "node:path";
import type { Layout } from "../config/location.js";
import { hashTree, helmIdentity, RenderCache } from "./cache.js";

/** What a model's `helm template` depends on, and how to run it: check's render stage and its early start share this. */
export interface RenderPlan {
  /** The cache key of a model's render (everything its output depends on), with its release and namespace. */
  target(valuesFile: string, text: string): { key: string; release: string; namespace: string };
  /** `helm template` of a model, with the release and namespace Argo CD uses. */
  render(valuesFile: string, release: string, namespace: string): Promise<HelmResult>;
}

export function renderPlan(project: { root: string; config: ResolvedConfig; layout: Layout; configText: string }, helm: string, tool: string): RenderPlan {
  const chartAbs = join(project.root, project.layout.chartDir);
  const shared = [tool, helmIdentity(helm), hashTree(chartAbs), project.configText];
  return {
    target(valuesFile, text) {
      const app = applicationFor(modelOf(valuesFile), valuesFile, project.config) as { metadata: { name: string }; spec: { destination: { namespace: string } } };
      const release = app.metadata.name;
      const namespace = app.spec.destination.namespace;
      return { key: RenderCache.key([...shared, valuesFile, text, release, namespace]), release, namespace };
    },
    render(valuesFile, release, namespace) {
      return helmTemplate(helm, { chartDir: chartAbs, release, namespace, valuesFiles: [join(project.root, valuesFile)], cwd: project.root });
    },
  };
}
