import type { PathSegment, Problem } from "@llmchart/schema";
import { toSegments } from "./define-rule.js";
import type { PathLike } from "./types.js";

/**
 * The values paths a file's schema errors leave without a value the rules can interpret: the
 * value of a wrong type, enum, pattern or range; an unknown key (`resources.requestz`); the
 * property a mapping lacks (`model.filename`, from the problem's `data.missingProperty`, the
 * mapping itself when a problem does not name it). Warnings (an ambiguous scalar) leave the value
 * readable. An empty path means the whole file.
 */
export function invalidPaths(problems: readonly Problem[]): PathSegment[][] {
  const out: PathSegment[][] = [];
  for (const p of problems) {
    if (p.severity !== "error") continue;
    const at = toSegments(p.path);
    const missing = p.ruleId === "schema/required" ? p.data?.missingProperty : undefined;
    out.push(typeof missing === "string" ? [...at, missing] : at);
  }
  return out;
}

/** Whether one path is a prefix of the other: reading either reads (part of) the other. */
export function overlaps(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Container = Record<string | number, unknown>;

/**
 * `data` with the values at `paths` taken out, copying only the containers on the way (`data`
 * and the chart defaults it shares stay untouched): a map entry is removed, a list item becomes
 * undefined so that the items after it keep their index. An empty path empties the whole.
 */
export function withoutPaths(data: Record<string, unknown>, paths: readonly (readonly PathSegment[])[]): Record<string, unknown> {
  if (!paths.length) return data;
  if (paths.some((p) => p.length === 0)) return {};
  const copies = new WeakSet<object>();
  const own = (v: object): Container => {
    if (copies.has(v)) return v as Container;
    const c = (Array.isArray(v) ? [...(v as unknown[])] : { ...v }) as Container;
    copies.add(c);
    return c;
  };
  const root = own(data);
  for (const path of paths) {
    const parent = ownedParent(root, path, own);
    if (parent) take(parent, path[path.length - 1]!);
  }
  return root;
}

/** The container holding `path`'s last segment, made the caller's own on the way; undefined when the path leaves the data. */
function ownedParent(root: Container, path: readonly PathSegment[], own: (v: object) => Container): Container | undefined {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    const next = cur[seg];
    if (next === null || typeof next !== "object") return undefined;
    const owned = own(next);
    cur[seg] = owned;
    cur = owned;
  }
  return cur;
}

function take(container: Container, key: PathSegment): void {
  if (Array.isArray(container)) {
    if (typeof key === "number" && key < container.length) container[key] = undefined;
  } else {
    Reflect.deleteProperty(container, key);
  }
}

/**
 * What the running rule has read, for a file with values it cannot interpret: `tainted` turns
 * true once a read overlaps one of them. Answers for dotted paths and for the derived parts' path
 * lists are remembered (rules read the same few literal paths, and `args`, over and over).
 */
export class ReadLog {
  /** Whether the running rule has read a path that overlaps an invalid one. */
  tainted = false;
  private readonly known = new Map<string | readonly PathLike[], boolean>();

  constructor(private readonly invalid: readonly (readonly PathSegment[])[]) {}

  read(path: PathLike): void {
    if (this.tainted) return;
    if (typeof path !== "string") {
      this.tainted = this.hits(path);
      return;
    }
    let hit = this.known.get(path);
    if (hit === undefined) {
      hit = this.hits(toSegments(path));
      this.known.set(path, hit);
    }
    this.tainted = hit;
  }

  /** Reads every path of a derived part's list (`DERIVED_FROM`), remembered by the list. */
  readAll(paths: readonly PathLike[]): void {
    if (this.tainted) return;
    let hit = this.known.get(paths);
    if (hit === undefined) {
      hit = paths.some((p) => this.hits(typeof p === "string" ? toSegments(p) : p));
      this.known.set(paths, hit);
    }
    this.tainted = hit;
  }

  private hits(segments: readonly PathSegment[]): boolean {
    return this.invalid.some((bad) => overlaps(bad, segments));
  }
}
