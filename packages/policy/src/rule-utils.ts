import { bareExcerpt, excerpt, MAX_NAME_EXCERPT, type PathSegment } from "@llmchart/schema";
import { posix } from "node:path";
import type { RuleContext } from "./define-rule.js";
import type { ServerBuild } from "./llama/types.js";
import type { ServerOption } from "./server-args.js";

/** A non-empty string, else undefined (the chart treats `""` as unset). */
export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/**
 * The values path of a server option: the flag token (`extraArgs[4]`), its value token
 * (`extraArgs[5]`, the same token for `--flag=value`) or the env entry's value
 * (`extraEnv[1].value`). Undefined for options the chart adds.
 */
export function optionPath(o: ServerOption, part: "flag" | "value" = "value"): PathSegment[] | undefined {
  if (o.source === "args") {
    const i = part === "value" ? (o.valueIndex ?? o.index) : o.index;
    return i === undefined ? undefined : ["extraArgs", i];
  }
  if (o.source === "env" && o.index !== undefined) {
    return part === "value" && !o.fromRef ? ["extraEnv", o.index, "value"] : ["extraEnv", o.index];
  }
  return undefined;
}

/**
 * A name as a message shows it (a file name, a repository id, a tag, a flag, a path): as written
 * when it is plain, else quoted and escaped — up to MAX_NAME_EXCERPT characters, so the advice
 * that names it stays whole, and never a credential.
 */
export function nameText(name: string): string {
  return bareExcerpt(name, undefined, MAX_NAME_EXCERPT);
}

/** A name in double quotes, as the values file would spell it (`image.tag "latest"`), cut and escaped like nameText. */
export function quotedName(name: string): string {
  return excerpt(name, undefined, MAX_NAME_EXCERPT);
}

/**
 * How to name an option in a message: `-t 8`, `LLAMA_ARG_THREADS=8`, `--port 8080 (added by the
 * chart)`. Name and value are excerpts (bareExcerpt): an odd or long value is quoted and cut, a
 * secret one (`--api-key`) not shown.
 */
export function describeOption(o: ServerOption): string {
  const name = nameText(o.name);
  const value = (v: string) => bareExcerpt(v, o.spec.env ?? o.name);
  if (o.source === "env") return o.value === undefined ? name : `${name}=${value(o.value)}`;
  const v = o.spec.takesValue ? (o.inline ? `=${o.value === undefined ? "" : value(o.value)}` : o.value !== undefined ? ` ${value(o.value)}` : "") : "";
  return `${name}${v}${o.source === "chart" ? " (added by the chart)" : ""}`;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** A Kubernetes memory quantity at least `n` bytes, rounded up to whole Gi (or 256Mi steps below 2Gi). */
export function memoryQuantityAtLeast(n: number): string {
  if (n < 2 * GiB) return `${Math.ceil(n / (256 * MiB)) * 256}Mi`;
  return `${Math.ceil(n / GiB)}Gi`;
}

/** The model path the chart would add: `<mountPath>/<filename>`. */
export function expectedModelPath(ctx: RuleContext): string | undefined {
  const filename = ctx.text("model.filename");
  if (!filename) return undefined;
  const mountPath = ctx.text("volume.models.mountPath") ?? "/models";
  return posix.join(mountPath, filename);
}

/** The values file's own value of a path, for messages: `resources.limits.cpu "4"` (a string as its excerpt). */
export function shown(v: unknown): string {
  return typeof v === "string" ? excerpt(v) : String(v);
}

/**
 * Whether the flag rules judge a file's flags: not for a build older than the data, whose flags
 * the data does not know (`image-tag-floating` says so once instead).
 */
export function judgesFlags(build: Pick<ServerBuild, "status">): boolean {
  return build.status !== "older-than-data";
}

/** How to name what a pod's memory holds besides the weights, in terms the file's build knows: no prompt cache before `--cache-ram` existed. */
export function memoryParts(build: Pick<ServerBuild, "defaults">): { caches: string; extras: string; byHand: string } {
  return build.defaults.cacheRamMiB !== undefined
    ? { caches: "KV or prompt cache", extras: "KV cache, --cache-ram and headroom", byHand: "file + KV cache + compute + --cache-ram + headroom" }
    : { caches: "KV cache", extras: "KV cache and headroom", byHand: "file + KV cache + compute + headroom" };
}

/**
 * The file's build for messages: `b4719`, or for a build newer than the data the build its tag
 * names (`image-tag-floating` says once which facts the rules assumed for it, and which build
 * a tag or digest that names none was judged with).
 */
export function buildName(build: Pick<ServerBuild, "requested">): string {
  return build.requested !== undefined ? `b${build.requested}` : "the newest known build";
}
