// The record schema of a response schema: the resource's data_selector walked through the schema
// (`$ref`, `allOf` and `oneOf`/`anyOf` looked through), the array's items at the end. Without a
// data_selector the spec implies one: a list response is `$`, an object response with one list
// (or one list with a record-list name) selects that list, an object without lists is one record.
import { parsePath, JsonPathSyntaxError } from "../../runtime/select/jsonpath-parse.ts";
import { RECORD_LIST_NAMES } from "../../runtime/vocabulary/records.ts";
import { deref, type LoadedSpec } from "./spec/index.ts";
import { isSchemaObject, readProperties, readSchemas, readTypes } from "./schema-read.ts";

export type RecordSelection = { readonly schema: unknown; readonly selector: string } | { readonly problem: string };

const SIMPLE_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `schema` and, for a composition, its members (each resolved). */
export function variants(spec: LoadedSpec, schema: unknown, seen = new Set<object>()): Readonly<Record<string, unknown>>[] {
  const resolved = deref(spec, schema);
  if (!isSchemaObject(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  const members = ["allOf", "oneOf", "anyOf"].flatMap((k) => readSchemas(resolved, k) ?? []);
  return [resolved, ...members.flatMap((m) => variants(spec, m, seen))];
}

/** The schema of property `key` (first declaration found), or undefined. */
export function propertyOf(spec: LoadedSpec, schema: unknown, key: string): unknown {
  for (const v of variants(spec, schema)) {
    const found = readProperties(v).find(([name]) => name === key);
    if (found !== undefined) return found[1];
  }
  for (const v of variants(spec, schema)) {
    const extra = v["additionalProperties"];
    if (isSchemaObject(extra)) return extra;
  }
  return undefined;
}

/** Property names declared anywhere in the (composed) schema, in order, unique. */
export function propertyNames(spec: LoadedSpec, schema: unknown): string[] {
  return [...new Set(variants(spec, schema).flatMap((v) => readProperties(v).map(([name]) => name)))];
}

/** True when the schema is (or composes) an array. */
function isArray(spec: LoadedSpec, schema: unknown): boolean {
  return variants(spec, schema).some((v) => readTypes(v).includes("array") || Object.hasOwn(v, "items"));
}

/** The array items' schema (`{}` when the array does not say). */
function itemsOf(spec: LoadedSpec, schema: unknown): unknown {
  for (const v of variants(spec, schema)) if (isSchemaObject(v["items"])) return v["items"];
  return {};
}

/** A JSONPath key segment in the runtime's subset. */
function keyPath(key: string): string {
  return SIMPLE_KEY.test(key) ? key : `['${key.replace(/[\\']/g, "\\$&")}']`;
}

/** The selector the response schema implies when the config has none. */
function impliedSelector(spec: LoadedSpec, response: unknown): string | { readonly problem: string } {
  if (isArray(spec, response)) return "$";
  const lists = propertyNames(spec, response).filter((name) => isArray(spec, propertyOf(spec, response, name)));
  const [only] = lists;
  if (only !== undefined && lists.length === 1) return keyPath(only);
  const named = lists.filter((name) => RECORD_LIST_NAMES.has(name));
  const [first] = named;
  if (first !== undefined && named.length === 1) return keyPath(first);
  if (lists.length === 0) return "$";
  return { problem: `the response has several lists (${lists.join(", ")}): set data_selector to the one holding the records` };
}

/** Why the records cannot be objects (every variant declares only non-object types), or undefined. */
export function notAnObject(spec: LoadedSpec, record: unknown): string | undefined {
  const all = variants(spec, record);
  const objectish = all.some((v) => ["properties", "additionalProperties"].some((k) => Object.hasOwn(v, k)) || readTypes(v).includes("object"));
  const types = [...new Set(all.flatMap((v) => readTypes(v)).filter((t) => t !== "null"))];
  return objectish || types.length === 0 ? undefined : `its records are ${types.join(" or ")} values in the spec, not objects`;
}

/** The record schema (unresolved: a `$ref` stays a `$ref`) under `selector` (null: implied). */
export function selectRecord(spec: LoadedSpec, response: unknown, selector: string | null): RecordSelection {
  const implied = selector ?? impliedSelector(spec, response);
  if (typeof implied !== "string") return implied;
  let segments: ReturnType<typeof parsePath>;
  try {
    segments = parsePath(implied);
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) return { problem: error.message };
    throw error;
  }
  let schema = response;
  let wildcard = false;
  for (const segment of segments) {
    if (segment.kind === "key") {
      const next = propertyOf(spec, schema, segment.key);
      if (next === undefined) {
        const names = propertyNames(spec, schema);
        return {
          problem: `data_selector ${JSON.stringify(implied)}: the response schema has no property ${JSON.stringify(segment.key)}${names.length === 0 ? "" : ` (it has ${names.slice(0, 8).join(", ")}${names.length > 8 ? ", …" : ""})`}`,
        };
      }
      schema = next;
    } else if (isArray(spec, schema)) {
      schema = itemsOf(spec, schema);
      wildcard ||= segment.kind === "wildcard";
    } else {
      return {
        problem: `data_selector ${JSON.stringify(implied)}: ${segment.kind === "index" ? "an index" : "a wildcard"} where the response schema has no list`,
      };
    }
  }
  if (!wildcard && isArray(spec, schema)) schema = itemsOf(spec, schema);
  return { schema, selector: implied };
}
