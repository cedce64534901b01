/** What a quantity measures: CPU in cores, anything else in bytes (or plain units). */
export type QuantityKind = "cpu" | "bytes";

const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|([numkMGTPE])|([KMGTPE]i))?$/;

const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * The most a Kubernetes quantity holds, in base units: it is kept as a 64-bit integer count, and
 * the API server silently caps anything larger (apimachinery's `resource.ParseQuantity`).
 */
export const MAX_QUANTITY = 2n ** 63n - 1n;
/** CPU is counted in millicores by the scheduler and the kubelet (`MilliValue`): 1000× less room. */
export const MAX_CPU_MILLICORES = MAX_QUANTITY;

/** An exact quantity: numerator / denominator base units (bytes, or cores). */
interface Exact {
  num: bigint;
  den: bigint;
}

/** A quantity's exact value, or undefined when it is not one (the grammar above, no sign). */
function exact(value: unknown): Exact | undefined {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return undefined;
    // 1e+21 is how JavaScript writes large numbers: the grammar takes e21.
    text = String(value).replace("e+", "e");
  } else if (typeof value === "string") text = value.trim();
  else return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [int = "", frac = ""] = m[1]!.split(".");
  let num = BigInt(`${int}${frac}` || "0");
  let den = 10n ** BigInt(frac.length);
  const scale = (exp: number, base: bigint) => {
    if (exp >= 0) num *= base ** BigInt(exp);
    else den *= base ** BigInt(-exp);
  };
  if (m[2]) {
    // An absurd exponent is out of range either way; bound it so the arithmetic stays small.
    const e = Number(m[2].slice(1));
    if (e > 400) return { num: MAX_QUANTITY * 10n ** 3n + 1n, den: 1n };
    if (e < -400) return { num: 1n, den: 10n ** 400n };
    scale(e, 10n);
  } else if (m[3]) scale(DECIMAL_EXPONENT[m[3]]!, 10n);
  else if (m[4]) scale(BINARY_EXPONENT[m[4]]!, 2n);
  return { num, den };
}

/** Why Kubernetes would not keep a quantity as written, beyond its form (the schema's pattern says that). */
export type QuantityProblem = { kind: "not-a-quantity" } | { kind: "too-large"; max: string } | { kind: "too-precise" };

/**
 * What is wrong with `value` as a Kubernetes quantity of `kind`, or undefined when Kubernetes
 * keeps it exactly: the grammar (no sign, one suffix), at most MAX_QUANTITY base units (for CPU
 * at most MAX_CPU_MILLICORES millicores), and no finer than 1n (Kubernetes rounds finer values up).
 */
export function quantityProblem(value: unknown, kind: QuantityKind = "bytes"): QuantityProblem | undefined {
  const q = exact(value);
  if (!q) return { kind: "not-a-quantity" };
  if (kind === "cpu" ? q.num * 1000n > MAX_CPU_MILLICORES * q.den : q.num > MAX_QUANTITY * q.den) {
    return { kind: "too-large", max: kind === "cpu" ? `${MAX_CPU_MILLICORES}m` : String(MAX_QUANTITY) };
  }
  if ((q.num * 1_000_000_000n) % q.den !== 0n) return { kind: "too-precise" };
  return undefined;
}

/**
 * Parses a Kubernetes quantity into a number of base units: cores for CPU (`"1500m"` → 1.5,
 * `4` → 4), bytes for memory (`"8Gi"` → 8·2³⁰, `"512M"` → 512·10⁶ — note `G` is 10⁹, `Gi` is 2³⁰).
 * Returns undefined for anything Kubernetes would not keep as written (quantityProblem): lint
 * reports those (`schema/quantity`), and capacity, the rules and the editor never compute with them.
 */
export function parseQuantity(value: unknown, kind: QuantityKind = "bytes"): number | undefined {
  if (quantityProblem(value, kind)) return undefined;
  const q = exact(value)!;
  return Number(q.num) / Number(q.den);
}
