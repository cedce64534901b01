/**
 * Default name of the config file at the repository root. A module of its own, with no import:
 * what finds the config before the validators load (check's early start) takes it from here.
 */
export const CONFIG_FILE = "llmchart.config.yaml";

/**
 * Name of the lock file beside the config: each model file's size, SHA256 and GGUF header facts,
 * written by `llmchart models pin` and read by everything that judges memory (never the network).
 */
export const LOCK_FILE = "llmchart.lock.yaml";
