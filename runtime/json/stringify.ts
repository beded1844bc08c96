// JSON text of parsed values with their exact numbers: bigints and ExactDecimals as the digits they hold;
// canonicalJson also puts every object's keys in one order.
import { NOT_PLAIN, writeCanonical } from "./canonical-writer.ts";
import { ExactDecimal } from "./exact-decimal.ts";

/**
 * JSON.stringify(value) (no replacer, no indent), except that a bigint or an ExactDecimal is written as
 * its exact digits where JSON.stringify throws. Undefined where JSON.stringify gives undefined; throws a
 * TypeError on a cycle.
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  return write(value, "", new Set(), false);
}

/**
 * stringifyJson with every object's keys in one order at every depth (integer-like keys first in numeric
 * order, as JS lists them, then the rest in code-unit order): one text per JSON value whatever order
 * the API sent its keys in, so a stored JSON column compares as a value on every destination
 * (Postgres' jsonb reorders keys itself; DuckDB compares JSON as text). Throws on a cycle.
 */
export function canonicalJson(value: unknown): string | undefined {
  const plain = writeCanonical(value);
  if (plain !== NOT_PLAIN) return plain;
  try {
    return JSON.stringify(value, withSortedKeys);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  return write(value, "", new Set(), true);
}

/** A JSON.stringify replacer: an object whose keys are out of order becomes a copy with them sorted (~2× faster than `write`). */
function withSortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let i = 1;
  while (i < keys.length && (keys[i - 1] as string) < (keys[i] as string)) i++;
  if (i >= keys.length) return value;
  // No prototype: a `__proto__` key stays a key. JS lists integer-like keys first, in numeric order,
  // whatever the insertion order: still one order per key set.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of keys.sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/** One value as JSON.stringify's SerializeJSONProperty writes it, with exact numbers. */
function write(value: unknown, key: string, ancestors: Set<object>, sortKeys: boolean): string | undefined {
  if (value instanceof ExactDecimal) return value.text;
  if (typeof value === "bigint") return value.toString();
  let v: unknown = value;
  if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
    if (v instanceof ExactDecimal || typeof v === "bigint") return write(v, key, ancestors, sortKeys);
  }
  if (v instanceof Number) v = Number(v);
  else if (v instanceof String) v = String(v);
  else if (v instanceof Boolean) v = v.valueOf();
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "object":
      return v === null ? "null" : writeObject(v, key, ancestors, sortKeys);
    default:
      return undefined; // undefined, functions and symbols, as JSON.stringify leaves them out
  }
}

function writeObject(object: object, key: string, ancestors: Set<object>, sortKeys: boolean): string {
  if (ancestors.has(object)) throw new TypeError("Converting circular structure to JSON");
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    const items: string[] = [];
    for (let i = 0; i < object.length; i++) items.push(write(object[i], String(i), ancestors, sortKeys) ?? "null");
    text = `[${items.join(",")}]`;
  } else {
    const members: string[] = [];
    for (const [k, item] of Object.entries(sortKeys ? (withSortedKeys(key, object) as object) : object)) {
      const written = write(item, k, ancestors, sortKeys);
      if (written !== undefined) members.push(`${JSON.stringify(k)}:${written}`);
    }
    text = `{${members.join(",")}}`;
  }
  ancestors.delete(object);
  return text;
}
