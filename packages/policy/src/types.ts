import type { PathSegment, Values } from "@llmchart/schema";

// Value types the rule API and the modules under it (memory, effective values, inspection) share.
// They live here, below both, so that the rule API can name the memory estimate and the memory
// estimate can read effective values without the two modules importing each other.

/** A values path as segments (`["resources", "limits", "cpu"]`) or dotted (`"resources.limits.cpu"`, `"extraArgs[3]"`). */
export type PathLike = string | readonly PathSegment[];

/** The effective values: chart defaults merged with the values file. Keys the schema does not know yet (e.g. `ingress`) stay reachable. */
export type EffectiveValues = Values & Record<string, unknown>;
