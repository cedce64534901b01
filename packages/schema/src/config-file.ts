/**
 * Default name of the config file at the repository root. A module of its own, with no import:
 * what finds the config before the validators load (check's early start) takes it from here.
 */
export const CONFIG_FILE = "llmchart.config.yaml";
