// How the heuristics compare key and param names: one normalization, and ordered lists of names.

/** A key or param name as every heuristic compares it: lower-cased, all but letters and digits dropped (`page_token`, `pageToken`, `Page-Token` → `pagetoken`; `$skip` → `skip`; `_links` → `links`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Normalized names in priority order: where two names match, the earlier one is preferred. */
export interface NameList {
  /** The normalized names, most common (or most trusted) first. */
  readonly names: readonly string[];
  /** True when `name`, normalized, is in the list. */
  has(name: string): boolean;
  /** The position of `name`, normalized (0 = the first); -1 when it is not in the list. */
  rank(name: string): number;
}

/** A NameList of `names` as usually written (normalized here; a duplicate keeps its first place). */
export function nameList(...names: readonly string[]): NameList {
  const ranks = new Map<string, number>();
  for (const name of names) {
    const normal = normalizeName(name);
    if (!ranks.has(normal)) ranks.set(normal, ranks.size);
  }
  const rank = (name: string): number => ranks.get(normalizeName(name)) ?? -1;
  return { names: [...ranks.keys()], has: (name) => rank(name) >= 0, rank };
}

/** One NameList holding `lists` in order (a name keeps its first place). */
export function joinLists(...lists: readonly NameList[]): NameList {
  return nameList(...lists.flatMap((list) => list.names));
}
