// Columns inferred from sample records, conservatively: a field seen only as null has no type; integers
// and fractions widen to double; an integer beyond int64 or a number no double holds stays exact
// (decimal); date-times, dates and times are recognized by format, and widen to text beside other
// strings; any other mix widens to json. Objects and lists are not typed here: the loader flattens
// objects into `field__sub` columns and turns lists into nested tables, which the result names.
import { ExactDecimal } from "../json/exact-decimal.ts";
import type { DataType } from "../connector.ts";

/** What one value looks like. */
type Kind = "null" | "bool" | "integer" | "big integer" | "fraction" | "exact fraction" | "timestamp" | "date" | "time" | "text" | "object" | "list";

export interface InferredColumn {
  /** The record field, as the API names it. */
  readonly field: string;
  /** The column type the samples support; null: none (only nulls, or an object or list). */
  readonly dataType: DataType | null;
  /** Each kind of value seen, in first-seen order (`integer`, `timestamp`, `null`, …). */
  readonly kinds: readonly string[];
  /** Records the field appeared in (null included). */
  readonly seen: number;
  /** Records where it was null. */
  readonly nulls: number;
  /** `list`: the loader makes a nested table of it; `object`: flattened columns. Null for scalars. */
  readonly nested: "list" | "object" | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  if (value instanceof ExactDecimal) return "exact fraction";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isSafeInteger(value) ? "integer" : "fraction";
    case "bigint":
      return value >= INT64_MIN && value <= INT64_MAX ? "integer" : "big integer";
    case "string":
      return TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T")))
        ? "timestamp"
        : DATE.test(value)
          ? "date"
          : TIME.test(value)
            ? "time"
            : "text";
    default:
      return "object";
  }
}

const NUMBERS = new Set<Kind>(["integer", "big integer", "fraction", "exact fraction"]);
const STRINGS = new Set<Kind>(["timestamp", "date", "time", "text"]);

/** The narrowest type every kind in `kinds` (nulls left out) fits. */
function widen(kinds: ReadonlySet<Kind>): DataType | null {
  const set = new Set([...kinds].filter((k) => k !== "null"));
  if (set.size === 0 || set.has("object") || set.has("list")) return null;
  const all = (group: ReadonlySet<Kind>) => [...set].every((k) => group.has(k));
  if (set.size === 1 && set.has("bool")) return "bool";
  if (all(NUMBERS)) {
    if (set.has("big integer") || set.has("exact fraction")) return "decimal";
    return set.has("fraction") ? "double" : "bigint";
  }
  if (all(STRINGS)) {
    if (set.size === 1) return [...set][0] === "text" ? "text" : ([...set][0] as "timestamp" | "date" | "time");
    return set.size === 2 && set.has("timestamp") && set.has("date") ? "timestamp" : "text";
  }
  return "json";
}

/** One entry per top-level field of `records` (objects; other values are skipped), in first-seen order. */
export function inferColumns(records: readonly unknown[]): InferredColumn[] {
  const fields = new Map<string, { kinds: Set<Kind>; seen: number; nulls: number }>();
  for (const record of records) {
    if (typeof record !== "object" || record === null || Array.isArray(record)) continue;
    for (const [field, value] of Object.entries(record)) {
      let entry = fields.get(field);
      if (entry === undefined) {
        entry = { kinds: new Set(), seen: 0, nulls: 0 };
        fields.set(field, entry);
      }
      const kind = kindOf(value);
      entry.kinds.add(kind);
      entry.seen++;
      if (kind === "null") entry.nulls++;
    }
  }
  return [...fields].map(([field, { kinds, seen, nulls }]) => ({
    field,
    dataType: widen(kinds),
    kinds: [...kinds],
    seen,
    nulls,
    nested: kinds.has("list") ? "list" : kinds.has("object") ? "object" : null,
  }));
}
