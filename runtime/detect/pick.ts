// Choosing the best-placed body value or query param among several with known names.
import type { NameList } from "../vocabulary/names.ts";
import type { BodyEntry } from "./body-scan.ts";

/** A query param of the request: its name as written and its value. */
export interface QueryParam {
  readonly name: string;
  readonly value: string;
}

/**
 * The best entry whose key is in `names` and whose value passes `accept`: entries in the
 * object `near` first, then the shallowest, then the earliest name in `names`, then document order.
 */
export function pickEntry(
  entries: readonly BodyEntry[],
  names: NameList,
  accept: (value: unknown) => boolean,
  near?: Readonly<Record<string, unknown>>,
): BodyEntry | undefined {
  let best: BodyEntry | undefined;
  let bestKey: readonly number[] = [];
  for (const entry of entries) {
    const rank = names.rank(entry.name);
    if (rank < 0 || !accept(entry.value)) continue;
    const key = [entry.parent === near ? 0 : 1, entry.depth, rank, entry.order];
    if (best === undefined || compareKeys(key, bestKey) < 0) {
      best = entry;
      bestKey = key;
    }
  }
  return best;
}

/** Lexicographic comparison of two equally long number tuples. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The query param of `url` whose name comes first in `names` and whose value passes `accept`. */
export function findQueryParam(url: URL, names: NameList, accept: (value: string) => boolean): QueryParam | undefined {
  let best: QueryParam | undefined;
  let bestRank = names.names.length;
  for (const [name, value] of url.searchParams) {
    const rank = names.rank(name);
    if (rank >= 0 && rank < bestRank && accept(value)) {
      best = { name, value };
      bestRank = rank;
    }
  }
  return best;
}
