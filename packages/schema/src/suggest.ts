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

/**
 * Like didYouMean, but only when the answer is unambiguous: no other candidate is as close.
 * What `--fix` may act on.
 */
export function onlyCandidate(input: string, candidates: Iterable<string>): string | undefined {
  const best = didYouMean(input, candidates);
  if (best === undefined) return undefined;
  const lower = input.toLowerCase();
  const d = distance(lower, best.toLowerCase());
  for (const c of candidates) if (c !== best && distance(lower, c.toLowerCase()) <= d) return undefined;
  return best;
}
