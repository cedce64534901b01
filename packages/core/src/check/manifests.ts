let loading: Promise<typeof import("@llmchart/manifests")> | undefined;

/** @llmchart/manifests, loaded once, on the first validation. */
export function loadManifests(): Promise<typeof import("@llmchart/manifests")> {
  loading ??= import("@llmchart/manifests");
  return loading;
}

/**
 * @llmchart/manifests with the validators of the kinds `text` (a YAML stream) names loaded: what
 * validateManifests needs for that text, and nothing more.
 */
export async function manifestsFor(text: string): Promise<typeof import("@llmchart/manifests")> {
  const manifests = await loadManifests();
  await manifests.preloadKinds(text);
  return manifests;
}
