// Query parameters by paging role, recognised by name (the runtime's vocabulary) and type; page sizes.
import type { NameList } from "../../runtime/vocabulary/names.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import type { Parameter } from "../openapi/spec/operations.ts";
import { deref } from "../openapi/spec/resolve.ts";
import { isObject, schemaType, type SchemaType } from "./schema-view.ts";

/** True when the param's name is in `names` (a vocabulary list: `pageToken`, `page-token` match `page_token`). */
export function hasRole(param: Parameter, names: NameList): boolean {
  return names.has(param.name);
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
