// Query parameters by paging role, recognised by name (case-insensitive, `_`/`-` ignored) and type.
import type { LoadedSpec } from "../spec/load.ts";
import type { Parameter } from "../spec/operations.ts";
import { deref } from "../spec/resolve.ts";
import { isObject, schemaType, type SchemaType } from "./schema-view.ts";

/** `page_token` → `pagetoken`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const set = (names: string): ReadonlySet<string> => new Set(names.split(" ").map(normalizeName));

export const LIMIT_NAMES = set("limit per_page page_size size max_results $top count top max_page_size");
export const OFFSET_NAMES = set("offset start skip start_at $skip from");
export const PAGE_NAMES = set("page page_number page_num");
export const CURSOR_NAMES = set(
  "cursor after starting_after page_token next_page_token continuation continuation_token marker token next_token pagination_token next_cursor page_cursor",
);
/** Cursor params whose value is the id of the last record seen (Stripe). */
export const ID_CURSOR_NAMES = set("starting_after after after_id");

export function hasRole(param: Parameter, names: ReadonlySet<string>): boolean {
  return names.has(normalizeName(param.name));
}

export function paramType(spec: LoadedSpec, param: Parameter): SchemaType | undefined {
  return param.schema === undefined ? undefined : schemaType(spec, param.schema);
}

/** A numeric keyword of the parameter's schema (`maximum`, `default`, `minimum`). */
export function paramNumber(spec: LoadedSpec, param: Parameter, key: "maximum" | "default" | "minimum"): number | undefined {
  const schema = deref(spec, param.schema);
  const value = isObject(schema) ? schema[key] : undefined;
  return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

/** Prose that states a page size's upper bound: "between 1 and 100", "maximum of 100", "up to 100"… */
const PROSE_MAXIMUM = [
  /\bbetween\s+\d+\s+and\s+(\d+)\b/i,
  /\b(?:maximum|max\.?|at most|up to|no more than|cannot exceed|must not exceed|not exceed|less than or equal to)\s*(?:value\s*)?(?:of|is|:|=)?\s*(\d+)\b/i,
];

/** The upper bound the parameter's description states (1 to 10,000), with the words that say it. */
function describedMaximum(spec: LoadedSpec, param: Parameter): { value: number; words: string } | undefined {
  const schema = deref(spec, param.schema);
  for (const text of [param.raw["description"], isObject(schema) ? schema["description"] : undefined]) {
    if (typeof text !== "string") continue;
    for (const pattern of PROSE_MAXIMUM) {
      const match = pattern.exec(text);
      const value = match === null ? NaN : Number(match[1]);
      if (Number.isSafeInteger(value) && value >= 1 && value <= 10_000) return { value, words: (match?.[0] ?? "").replace(/\s+/g, " ") };
    }
  }
  return undefined;
}

/**
 * The page size to ask for: the declared maximum, else a maximum the description states (Stripe's
 * `limit` says "between 1 and 100" and declares none), else the default (with where it came from).
 */
export function pageSize(spec: LoadedSpec, param: Parameter): { value: number; from: string } | undefined {
  const maximum = paramNumber(spec, param, "maximum");
  if (maximum !== undefined && maximum > 0) return { value: maximum, from: `its maximum ${maximum}` };
  const described = describedMaximum(spec, param);
  if (described !== undefined) return { value: described.value, from: `its description: ${JSON.stringify(described.words)}` };
  const fallback = paramNumber(spec, param, "default");
  if (fallback !== undefined && fallback > 0) return { value: fallback, from: `its default ${fallback}` };
  return undefined;
}

/** The query parameters of an operation. */
export function queryParams(params: readonly Parameter[]): Parameter[] {
  return params.filter((p) => p.in === "query");
}
