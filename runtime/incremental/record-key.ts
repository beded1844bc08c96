// Stable record keys for boundary dedup: the primary key's values, or a hash of the whole record.
import { createHash } from "node:crypto";
import { stringifyJson } from "../json/stringify.ts";

/** JSON of the primary key values (`[42]`, `["a",1]`; exact numbers as their digits); without a key, `sha256:` + a hash of the record's canonical JSON. */
export function recordKey(record: Readonly<Record<string, unknown>>, primaryKey: readonly string[]): string {
  if (primaryKey.length > 0) return stringifyJson(primaryKey.map((k) => (Object.hasOwn(record, k) ? record[k] : null) ?? null)) ?? "[]";
  return `sha256:${createHash("sha256").update(canonicalJson(record)).digest("hex").slice(0, 32)}`;
}

/** JSON with object keys sorted at every depth, so equal records hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return stringifyJson(value) ?? "null";
}
