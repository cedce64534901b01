import type { K8sObject } from "./objects.js";

/**
 * How Argo CD treats an object helm renders with a `helm.sh/hook` annotation (Argo CD's
 * docs/user-guide/helm.md, "Helm Hooks"): install/upgrade/delete hooks become Argo CD hooks (run
 * in that phase of a sync, not part of the application's live state); rollback hooks are not
 * supported and ignored (never applied); `crd-install` is a normal resource. Test hooks
 * (`test`, `test-success`, `test-failure`) are left to the caller (undefined here).
 */
export type ArgoHook = { kind: "hook"; phases: string[]; helm: string } | { kind: "ignored"; helm: string };

const PHASE: Readonly<Record<string, string>> = {
  "pre-install": "PreSync",
  "pre-upgrade": "PreSync",
  "post-install": "PostSync",
  "post-upgrade": "PostSync",
  "pre-delete": "PreDelete",
  "post-delete": "PostDelete",
};
const IGNORED = new Set(["pre-rollback", "post-rollback"]);
const TEST = new Set(["test", "test-success", "test-failure"]);

/** The Argo CD view of an object's Helm hook annotation, or undefined for a normal resource (or a test hook). */
export function argoHookOf(o: K8sObject): ArgoHook | undefined {
  const meta = o.data.metadata;
  const annotations = meta && typeof meta === "object" ? (meta as { annotations?: unknown }).annotations : undefined;
  const raw = annotations && typeof annotations === "object" ? (annotations as Record<string, unknown>)["helm.sh/hook"] : undefined;
  if (typeof raw !== "string") return undefined;
  const events = raw.split(",").map((e) => e.trim()).filter(Boolean);
  if (!events.length || events.some((e) => TEST.has(e))) return undefined;
  const phases = [...new Set(events.flatMap((e) => (PHASE[e] ? [PHASE[e]] : [])))];
  if (phases.length) return { kind: "hook", phases, helm: raw };
  if (events.every((e) => IGNORED.has(e))) return { kind: "ignored", helm: raw };
  return undefined;
}

/** For people: "an Argo CD PreSync hook (helm.sh/hook: pre-upgrade): runs in that phase of every sync, not kept as part of the application". */
export function describeHook(hook: Extract<ArgoHook, { kind: "hook" }>): string {
  return `an Argo CD ${hook.phases.join("/")} hook (helm.sh/hook: ${hook.helm}): runs in that phase of a sync and is not part of the application's live state`;
}
