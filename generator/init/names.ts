// Names for init: snake_case words, resource names from paths (collisions resolved deterministically).

/** `Customer Support API` → `customer_support_api`; `listPets` → `list_pets`; empty when nothing is left. */
export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** A connector name the grammar accepts (`^[a-z][a-z0-9_]*$`), from a title. */
export function connectorName(title: string): string {
  const snake = snakeCase(title).slice(0, 60).replace(/_+$/, "");
  if (snake === "") return "connector";
  return /^[a-z]/.test(snake) ? snake : `api_${snake}`;
}

const VARIABLE = /^\{[^}]*\}$/;

/** The literal (non-variable) path segments, snake_cased. */
export function pathWords(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s !== "" && !VARIABLE.test(s))
    .map(snakeCase)
    .filter((s) => s !== "");
}

/**
 * One resource name per path, in the same order: the last literal segment, widened with earlier
 * segments while names collide (`comments` → `tickets_comments`, `/v1/x` `/v2/x` → `v1_x` `v2_x`),
 * then `_2`, `_3` on what remains.
 */
export function resourceNames(paths: readonly string[]): string[] {
  const words = paths.map((p) => {
    const w = pathWords(p);
    return w.length === 0 ? ["root"] : w;
  });
  const take = words.map(() => 1);
  const name = (i: number) => words[i]!.slice(-take[i]!).join("_");
  for (let changed = true; changed; ) {
    changed = false;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < words.length; i++) groups.set(name(i), [...(groups.get(name(i)) ?? []), i]);
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      for (const i of members) {
        if (take[i]! < words[i]!.length) {
          take[i]!++;
          changed = true;
        }
      }
    }
  }
  const seen = new Map<string, number>();
  return words.map((_, i) => {
    const base = name(i);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** `customers` → `customer`, `categories` → `category`, `statuses` → `status` (English plural, roughly). */
export function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}
