let loading: Promise<typeof import("@llmchart/manifests")> | undefined;

/** @llmchart/manifests, loaded once, on the first validation. */
export function loadManifests(): Promise<typeof import("@llmchart/manifests")> {
  loading ??= import("@llmchart/manifests");
  return loading;
}

/**
 * Loads the validators of the kinds the chart renders now rather than at the first validation:
 * `check` calls it while helm renders, when this process would otherwise wait.
 */
export function preloadModels(): Promise<void> {
  return loadManifests().then((m) => m.preloadKinds());
}
