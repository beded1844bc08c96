// Walks the objects of a response body (never entering lists) and lists every key/value found.
import { normalizeName } from "../vocabulary/names.ts";

/** One value found in the body, with where it sits. */
export interface BodyEntry {
  /** Keys from the root down to this value. */
  readonly keys: readonly string[];
  /** The last key, as written. */
  readonly key: string;
  /** `key` normalized (normalizeName), for name matching. */
  readonly name: string;
  readonly value: unknown;
  /** The object holding the value. */
  readonly parent: Readonly<Record<string, unknown>>;
  /** Normalized key of the object holding the value ("" at the top level). */
  readonly parentName: string;
  /** Number of keys from the root (1 = top level). */
  readonly depth: number;
  /** Position in depth-first key order. */
  readonly order: number;
}

/** True for a JSON object (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every value inside nested objects of `body`, depth-first in key order, to `maxDepth` keys deep. */
export function scanBody(body: unknown, maxDepth: number): BodyEntry[] {
  const out: BodyEntry[] = [];
  const visit = (node: Record<string, unknown>, keys: readonly string[]): void => {
    const parentName = normalizeName(keys[keys.length - 1] ?? "");
    for (const [key, value] of Object.entries(node)) {
      const path = [...keys, key];
      out.push({ keys: path, key, name: normalizeName(key), value, parent: node, parentName, depth: path.length, order: out.length });
      if (isPlainObject(value) && path.length < maxDepth) visit(value, path);
    }
  };
  if (isPlainObject(body)) visit(body, []);
  return out;
}

/** True when `body` is a list or holds a list within `maxDepth` keys (it is a page of records, not one record). */
export function holdsList(body: unknown, maxDepth = 3): boolean {
  return Array.isArray(body) || scanBody(body, maxDepth).some((entry) => Array.isArray(entry.value));
}
