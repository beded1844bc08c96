// Reading response schemas for init: the type of a schema, its properties (allOf merged, anyOf/oneOf
// unioned), its array items. Refs are followed; depth is bounded so cyclic schemas end.
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { deref } from "../openapi/spec/resolve.ts";

export type Json = Readonly<Record<string, unknown>>;
export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/** An object schema's properties (raw, refs not followed) and which are required. */
export interface ObjectView {
  readonly props: ReadonlyMap<string, unknown>;
  readonly required: ReadonlySet<string>;
}

const MAX_DEPTH = 8;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function schema(spec: LoadedSpec, value: unknown): Json | undefined {
  const resolved = deref(spec, value);
  return isObject(resolved) ? resolved : undefined;
}

function branches(s: Json, key: "allOf" | "anyOf" | "oneOf"): unknown[] {
  const list = s[key];
  return Array.isArray(list) ? list : [];
}

/** The schema's type: `type` (first non-null of a 3.1 list), else implied by properties/items/branches. */
export function schemaType(spec: LoadedSpec, value: unknown, depth = 0): SchemaType | undefined {
  const s = schema(spec, value);
  if (s === undefined || depth > MAX_DEPTH) return undefined;
  const declared = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (typeof declared === "string") return declared as SchemaType;
  if (isObject(s.properties)) return "object";
  if (s.items !== undefined) return "array";
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const types = new Set(
      branches(s, key)
        .map((b) => schemaType(spec, b, depth + 1))
        .filter((t) => t !== undefined && t !== "null"),
    );
    if (types.size === 1) return [...types][0];
  }
  return undefined;
}

/** True when a schema is (or may be) an object: records are objects. */
export function isObjectLike(spec: LoadedSpec, value: unknown): boolean {
  const t = schemaType(spec, value);
  return t === "object" || (t === undefined && schema(spec, value) !== undefined);
}

/** The items schema of an array schema, or undefined when it is not an array. */
export function arrayItems(spec: LoadedSpec, value: unknown): unknown {
  const s = schema(spec, value);
  if (s === undefined || schemaType(spec, s) !== "array") return undefined;
  return s.items ?? {};
}

/** The properties of an object schema (allOf merged; anyOf/oneOf props unioned, required only if in every branch). */
export function objectView(spec: LoadedSpec, value: unknown, depth = 0): ObjectView {
  const props = new Map<string, unknown>();
  const required = new Set<string>();
  const s = schema(spec, value);
  if (s === undefined || depth > MAX_DEPTH) return { props, required };
  if (isObject(s.properties)) for (const [name, prop] of Object.entries(s.properties)) props.set(name, prop);
  if (Array.isArray(s.required)) for (const name of s.required) if (typeof name === "string") required.add(name);
  for (const part of branches(s, "allOf")) {
    const view = objectView(spec, part, depth + 1);
    for (const [name, prop] of view.props) if (!props.has(name)) props.set(name, prop);
    for (const name of view.required) required.add(name);
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const views = branches(s, key).map((b) => objectView(spec, b, depth + 1));
    for (const view of views) for (const [name, prop] of view.props) if (!props.has(name)) props.set(name, prop);
    for (const name of views[0]?.required ?? []) if (views.every((v) => v.required.has(name))) required.add(name);
  }
  return { props, required };
}

/** A property found inside a response envelope: its path from the body root and its schema. */
export interface Field {
  readonly tokens: readonly string[];
  readonly schema: unknown;
  readonly type: SchemaType | undefined;
}

/** Every property of the envelope (breadth first, through objects, not into arrays), skipping `exclude`. */
export function envelopeFields(spec: LoadedSpec, root: unknown, exclude: readonly string[] = [], maxDepth = 4): Field[] {
  const out: Field[] = [];
  let level: { tokens: string[]; schema: unknown }[] = [{ tokens: [], schema: root }];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const node of level) {
      for (const [name, prop] of objectView(spec, node.schema).props) {
        const tokens = [...node.tokens, name];
        if (tokens.length === exclude.length && tokens.every((t, i) => t === exclude[i])) continue;
        const type = schemaType(spec, prop);
        out.push({ tokens, schema: prop, type });
        if (type === "object") next.push({ tokens, schema: prop });
      }
    }
    level = next;
  }
  return out;
}
