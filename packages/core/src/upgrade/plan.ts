import { effectiveModel, type EffectiveModel, type ServerBuild } from "@llmchart/policy";
import { formatBinaryBytes, locate, parseQuantity, parseSource, toData, type PathSegment, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { defaultChanges, type DefaultChange } from "./defaults.js";
import { appendItems, applyEdits, insertAfterItem, replaceScalar, type TextEdit } from "./edits.js";
import { flagChanges, type FlagChange, type FlagRewrite } from "./flags.js";
import { pinTagEdit, valuesPin, type ValuesPin } from "./image.js";
import { tagFor } from "./target.js";
import type { BuildRef, MemoryChange, UpgradeFileResult, UpgradeFinding } from "./types.js";

/** What every file's plan needs of the project. */
export interface PlanContext {
  config: ResolvedConfig;
  /** The chart's values.yaml as data (the defaults every values file is merged over). */
  chartDefaults: Record<string, unknown>;
}

/** One values file's upgrade, planned: the result, and the texts `--write` and the check after it need. */
export interface FilePlan {
  result: UpgradeFileResult;
  /** The values file with the safe rewrites and, when the file pins its tag, the new tag: what `--write` writes. */
  text: string;
  /** What the file runs after the upgrade (`text`, with the new tag even when the chart's pin decides), for the lint of the result; undefined when a digest pins the image. */
  lintText: string | undefined;
  /** The memory-relevant defaults `--write` pins, when the upgrade would otherwise exceed the memory limit. */
  pinned: string[];
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * The file's effective model as if its image were `tag`: the values' image with that tag, no
 * digest, and a repository without a tag of its own — the same effectiveModel the rules use, so
 * the build, the server options and the memory estimate are the rules'.
 */
export function modelWithTag(data: Record<string, unknown>, tag: string, ctx: PlanContext): EffectiveModel {
  const image = { ...record(data.image) };
  if (typeof image.repository === "string") image.repository = image.repository.replace(/@.*$/, "").replace(/:([^/:]+)$/, "");
  return effectiveModel({ ...data, image: { ...image, tag, digest: null } }, { config: ctx.config, chartDefaults: ctx.chartDefaults });
}

/** The file's values as plain data ({} when they cannot be read as data: the rules then see the chart defaults). */
function dataOf(source: SourceFile): Record<string, unknown> {
  const parsed = toData(source);
  return parsed.ok ? record(parsed.data) : {};
}

function buildRef(build: ServerBuild, tag: string | undefined): BuildRef {
  return { number: build.number, requested: build.requested, status: build.status, label: build.label, tag };
}

function effectiveTag(model: EffectiveModel): string | undefined {
  const tag = record(model.values.image).tag;
  return typeof tag === "string" && tag.trim() !== "" ? tag.trim() : undefined;
}

/** 1-based position of a values path in the file, or of its nearest existing parent. */
function positionOf(source: SourceFile, path: readonly PathSegment[]): { line: number; column: number } {
  const found = locate(source.doc, path);
  const node = found.node ?? found.keyNode ?? found.nearestKey;
  const pos = source.lineCounter.linePos(node?.range?.[0] ?? 0);
  return { line: pos.line, column: pos.col };
}

function pathText(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** The text edits of one flag rewrite; undefined when the file is not written in a way they can follow. */
function rewriteEdits(source: SourceFile, r: FlagRewrite): TextEdit[] | undefined {
  const item = (path: PathSegment[]) => locate(source.doc, path).node;
  const edits: (TextEdit | undefined)[] = [];
  if (r.kind === "replace-flag") {
    edits.push(replaceScalar(item(["extraArgs", r.index]), r.tokens[0]!));
    if (r.tokens.length > 1) edits.push(insertAfterItem(source, ["extraArgs"], r.index, r.tokens.slice(1)));
  } else if (r.kind === "add-value") {
    edits.push(insertAfterItem(source, ["extraArgs"], r.index, r.values));
  } else {
    edits.push(replaceScalar(item(["extraEnv", r.index, "name"]), r.name));
    if (r.value !== undefined) edits.push(replaceScalar(item(["extraEnv", r.index, "value"]), r.value));
  }
  return edits.every((e): e is TextEdit => e !== undefined) ? edits : undefined;
}

function flagFinding(source: SourceFile, c: FlagChange, edits: TextEdit[] | undefined): UpgradeFinding {
  const path: PathSegment[] = c.at.list === "extraArgs" ? ["extraArgs", c.at.index] : ["extraEnv", c.at.index, "name"];
  return {
    kind: c.kind,
    severity: c.severity,
    subject: c.subject,
    message: c.message,
    file: source.path,
    ...positionOf(source, path),
    path: pathText(path),
    ...(c.rewrite && edits ? { rewrite: { description: c.rewrite.description } } : {}),
  };
}

function defaultFinding(source: SourceFile, c: DefaultChange): UpgradeFinding {
  // A default the file leaves out is set in extraArgs: the finding points there (or at the top).
  const at = locate(source.doc, ["extraArgs"]).keyNode ? positionOf(source, ["extraArgs"]) : { line: 1, column: 1 };
  return { kind: "default-changed", severity: c.severity, subject: c.subject, message: c.message, file: source.path, ...at, path: "" };
}

interface MemoryVerdict {
  finding: UpgradeFinding | undefined;
  memory: MemoryChange | undefined;
  /** The grown need no longer fits the limit. */
  exceeds: boolean;
}

function memoryVerdict(source: SourceFile, before: EffectiveModel, after: EffectiveModel, pins: readonly DefaultChange[]): MemoryVerdict {
  const a = before.estimate?.memoryBytes;
  const b = after.estimate?.memoryBytes;
  if (a === undefined || b === undefined) return { finding: undefined, memory: undefined, exceeds: false };
  const raw = record(record(after.values.resources).limits).memory;
  const limit = parseQuantity(raw);
  const memory: MemoryChange = { beforeBytes: a, afterBytes: b, ...(limit !== undefined ? { limitBytes: limit, limit: String(raw) } : {}) };
  if (Math.abs(a - b) < 2 ** 20) return { finding: undefined, memory, exceeds: false };
  const exceeds = limit !== undefined && b > limit && b > a;
  const need = `memory need ${formatBinaryBytes(a)} → ${formatBinaryBytes(b)}`;
  const verdict =
    limit === undefined
      ? "no resources.limits.memory to hold it"
      : exceeds
        ? `above resources.limits.memory ${String(raw)}: the pod would be OOM-killed (${after.estimate!.breakdown})`
        : `resources.limits.memory ${String(raw)} still covers it`;
  const pinText = pins.map((p) => p.pin!.join(" ")).join(", ");
  const finding: UpgradeFinding = {
    kind: "memory",
    severity: exceeds ? "error" : "info",
    subject: "resources.limits.memory",
    message: `${need}: ${verdict}`,
    file: source.path,
    ...positionOf(source, ["resources", "limits", "memory"]),
    path: "resources.limits.memory",
    ...(exceeds && pins.length ? { rewrite: { description: `add ${pinText} (the current build's defaults)` } } : {}),
  };
  return { finding, memory, exceeds };
}

function tagChange(source: SourceFile, pin: ValuesPin, before: string | undefined, after: string, configFile: string, configTag: { line: number; column: number }): UpgradeFileResult["tag"] {
  if (pin.where === "none") return { where: "config", before, after, file: configFile, ...configTag };
  const pos = source.lineCounter.linePos(pin.node?.range?.[0] ?? 0);
  return { where: pin.where === "digest" ? "digest" : "values", before, after, file: source.path, line: pos.line, column: pos.col };
}

function digestFinding(source: SourceFile, after: string): UpgradeFinding {
  return {
    kind: "image",
    severity: "error",
    subject: "image.digest",
    message: `a digest pins this file's image: a new tag changes nothing while it is set — replace the digest with the one of ${after} (upgrade does not look digests up)`,
    file: source.path,
    ...positionOf(source, ["image", "digest"]),
    path: "image.digest",
  };
}

/** What the file says first (by line), then the defaults it leaves to the server (in their order), then memory. */
export function sortFindings(findings: UpgradeFinding[]): void {
  const rank = (f: UpgradeFinding) => (f.kind === "memory" ? 2 : f.kind === "default-changed" ? 1 : 0);
  findings.sort((x, y) => rank(x) - rank(y) || (rank(x) === 1 ? 0 : x.line - y.line || x.column - y.column));
}

/** Where the config pins the server tag, for results that point there. */
export interface ConfigPin {
  file: string;
  line: number;
  column: number;
}

/** The options of planFile beyond the file and the target. */
export interface PlanOptions {
  /** Judge the file as if it ran this tag now (diff: the base's image), instead of the tag it names. */
  fromTag?: string;
  /** Where the config pins the server tag (for a file that takes its build from there). */
  configPin?: ConfigPin;
}

/**
 * What moving one values file to build `target` comes to: the changes to the flags and variables
 * it sets and to the defaults it leaves to the server, the memory estimate on both builds (the one
 * estimate, computed twice), and the safe rewrites as text edits. Reads and writes nothing.
 */
export function planFile(source: SourceFile, ctx: PlanContext, target: number, options: PlanOptions = {}): FilePlan {
  const data = dataOf(source);
  const before = options.fromTag ? modelWithTag(data, options.fromTag, ctx) : effectiveModel(source, { config: ctx.config, chartDefaults: ctx.chartDefaults });
  const fromTag = options.fromTag ?? effectiveTag(before);
  const toTag = tagFor(fromTag, target);
  const after = modelWithTag(data, toTag, ctx);
  const sides = { from: before.build, to: after.build, before, after };
  const pin = valuesPin(source);

  const findings: UpgradeFinding[] = [];
  const edits: TextEdit[] = [];
  for (const change of flagChanges(before.args, sides.from, sides.to)) {
    const e = change.rewrite ? rewriteEdits(source, change.rewrite) : undefined;
    if (e) edits.push(...e);
    findings.push(flagFinding(source, change, e));
  }
  const defaults = defaultChanges(sides);
  findings.push(...defaults.map((d) => defaultFinding(source, d)));
  const pins = defaults.filter((d) => d.pin);
  const mem = memoryVerdict(source, before, after, pins);
  let pinned: string[] = [];
  if (mem.exceeds && pins.length) {
    const append = appendItems(source, ["extraArgs"], pins.flatMap((p) => p.pin!));
    if (append) {
      edits.push(append);
      pinned = pins.flatMap((p) => p.pin!);
    } else if (mem.finding) delete mem.finding.rewrite;
  }
  if (mem.finding) findings.push(mem.finding);
  if (pin.where === "digest") findings.push(digestFinding(source, toTag));
  if (pin.where === "values") {
    const e = pinTagEdit(source, pin, toTag);
    if (e) edits.push(e);
  }
  const text = applyEdits(source.text, edits);
  const lintText = pin.where === "digest" ? undefined : pin.where === "values" ? text : withPinnedTag(source.path, text, toTag);
  let memory = mem.memory;
  if (memory && pinned.length) memory = { ...memory, afterWriteBytes: modelWithTag(dataOf(parseSource(source.path, text)), toTag, ctx).estimate?.memoryBytes ?? memory.afterBytes };
  sortFindings(findings);
  const result: UpgradeFileResult = {
    file: source.path,
    model: source.path.replace(/^.*\//, "").replace(/\.ya?ml$/i, ""),
    from: buildRef(sides.from, fromTag),
    to: buildRef(sides.to, toTag),
    tag: tagChange(source, pin, fromTag, toTag, options.configPin?.file ?? "llmchart.config.yaml", options.configPin ?? { line: 1, column: 1 }),
    ...(memory ? { memory } : {}),
    findings,
    breaks: false,
    written: false,
  };
  return { result, text, lintText, pinned };
}

/** `text` with `image.tag` set (the tag the chart's pin will have once render ran), for the lint of the upgraded file. */
function withPinnedTag(path: string, text: string, tag: string): string | undefined {
  const source = parseSource(path, text);
  const e = pinTagEdit(source, { where: "none" }, tag);
  return e ? applyEdits(text, [e]) : undefined;
}
