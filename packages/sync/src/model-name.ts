import { excerpt } from "@llmchart/schema";

/** Kubernetes DNS-1123 label: what a Helm release, an Application and a Service name must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Helm refuses release names longer than this. */
export const MAX_RELEASE_NAME = 53;
/** Kubernetes names of Services and of labels' values are DNS-1123 labels: at most 63 characters. */
export const MAX_RESOURCE_NAME = 63;

export interface ModelNames {
  model: string;
  /** Helm release and Argo CD Application name: `<prefix><model>` (seed: `llm-phi2`). */
  release: string;
  /** Name of the Deployment and Service: `<release>-<chart>` (seed: `llm-phi2-llama-cpp`). */
  fullname: string;
}

/** The names a model gets in the cluster. */
export function modelNames(model: string, releasePrefix: string, chartName: string): ModelNames {
  const release = `${releasePrefix}${model}`;
  return { model, release, fullname: release.includes(chartName) ? release : `${release}-${chartName}` };
}

/**
 * Why `model` cannot be used as a model name, or undefined when it can. The name comes from the
 * values file name and ends up in the release name, the Application name and every resource
 * name, so it must be a DNS label and leave them within Kubernetes' and Helm's limits.
 */
export function modelNameError(model: string, releasePrefix: string, chartName: string): string | undefined {
  if (!DNS_LABEL.test(model)) {
    return `model name ${excerpt(model)} must be lowercase letters, digits and "-", starting and ending with a letter or digit (it becomes the release and resource names)`;
  }
  const names = modelNames(model, releasePrefix, chartName);
  if (names.release.length > MAX_RELEASE_NAME) {
    return `release name "${names.release}" is ${names.release.length} characters; Helm allows ${MAX_RELEASE_NAME} (shorten the model name to at most ${MAX_RELEASE_NAME - releasePrefix.length})`;
  }
  if (names.fullname.length > MAX_RESOURCE_NAME) {
    const room = MAX_RESOURCE_NAME - (names.fullname.length - model.length);
    return `resource name "${names.fullname}" is ${names.fullname.length} characters; Kubernetes allows ${MAX_RESOURCE_NAME} (shorten the model name to at most ${room})`;
  }
  return undefined;
}
