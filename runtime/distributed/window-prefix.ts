// The contiguous prefix of committed windows (pure): a windowed backfill's cursor may only advance to
// the end of the last window before the first uncommitted one, so windows committed out of order never
// make the stored cursor skip a window that is still missing (Airbyte's merged-slices rule).
import type { WindowBounds } from "./partition.ts";

/** The last window of the committed prefix (windows 0…k-1 all committed), or null when window 0 is not. */
export function prefixEnd(committed: readonly WindowBounds[]): WindowBounds | null {
  const byIndex = new Map(committed.map((w) => [w.index, w]));
  let last: WindowBounds | null = null;
  for (let i = 0; byIndex.has(i); i++) last = byIndex.get(i) ?? null;
  return last;
}
