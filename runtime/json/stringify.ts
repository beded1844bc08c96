// JSON text of parsed values with their exact numbers: bigints and ExactDecimals as the digits they hold.
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
  return write(value, "", new Set());
}

/** One value as JSON.stringify's SerializeJSONProperty writes it, with exact numbers. */
function write(value: unknown, key: string, ancestors: Set<object>): string | undefined {
  if (value instanceof ExactDecimal) return value.text;
  if (typeof value === "bigint") return value.toString();
  let v: unknown = value;
  if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
    if (v instanceof ExactDecimal || typeof v === "bigint") return write(v, key, ancestors);
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
      return v === null ? "null" : writeObject(v, ancestors);
    default:
      return undefined; // undefined, functions and symbols, as JSON.stringify leaves them out
  }
}

function writeObject(object: object, ancestors: Set<object>): string {
  if (ancestors.has(object)) throw new TypeError("Converting circular structure to JSON");
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    const items: string[] = [];
    for (let i = 0; i < object.length; i++) items.push(write(object[i], String(i), ancestors) ?? "null");
    text = `[${items.join(",")}]`;
  } else {
    const members: string[] = [];
    for (const [k, item] of Object.entries(object)) {
      const written = write(item, k, ancestors);
      if (written !== undefined) members.push(`${JSON.stringify(k)}:${written}`);
    }
    text = `{${members.join(",")}}`;
  }
  ancestors.delete(object);
  return text;
}
