import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to `input`, when it is close enough to be a typo
 * (`modle` → `model`, `resouces` → `resources`). Case-insensitive.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length, and no budget below exceeds 3.
    if (Math.abs(c.length - input.length) > 3) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const len = Math.max(input.length, best.length);
  const budget = len <= 3 ? 1 : len <= 8 ? 2 : 3;
  return bestDistance <= budget ? best : undefined;
}
