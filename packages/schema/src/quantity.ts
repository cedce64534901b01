/** What a quantity measures: CPU in cores, anything else in bytes (or plain units). */
export type QuantityKind = "cpu" | "bytes";

const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|([numkMGTPE])|([KMGTPE]i))?$/;

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/**
 * Parses a Kubernetes quantity into a number of base units: cores for CPU (`"1500m"` → 1.5,
 * `4` → 4), bytes for memory (`"8Gi"` → 8·2³⁰, `"512M"` → 512·10⁶ — note `G` is 10⁹, `Gi` is 2³⁰).
 * Returns undefined for anything Kubernetes would reject.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  if (m[3]) return base * (DECIMAL[m[3]] ?? 1);
  if (m[4]) return base * (BINARY[m[4]] ?? 1);
  return base;
}
