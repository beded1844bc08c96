// Schemas in shapes openapi-typescript can read. It throws on a schema that is not an object or a
// boolean (`properties: {a: "string"}`, `items: null`) and on a composition or property map of the
// wrong type (`allOf: {…}`, `properties: […]`), failing the whole generation without saying where.
// schema.ts accepts such a schema as unknown; in typeable's copy of the document each one becomes
// `{}` (unknown) and each misshapen keyword is left out, with a located warning.
import { toPointer } from "../../openapi/spec/index.ts";
import type { Hoisted } from "./hoist.ts";
import { children, COMPONENT_KINDS, SCHEMA_LISTS, SCHEMA_MAPS, type ComponentsKey, type State } from "./ref-targets.ts";
import { setOwn, tokensOf, type PathStep } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `${typeof value === "object" ? "an" : "a"} ${typeof value}`;
}

/** Puts `value` at `tokens` (one or two deep) under `node`. */
function put(node: Json, tokens: readonly string[], value: unknown): void {
  const [key, name] = tokens;
  if (tokens.length === 1) return setOwn(node, key!, value);
  const holder = node[key!];
  if (Array.isArray(holder)) holder[Number(name)] = value;
  else if (isObject(holder)) setOwn(holder, name!, value);
}

/** Rewrites, in place, the misshapen schemas of `hoisted.document` (typeable's own copy); returns the warnings. */
export function typeableShapes(hoisted: Hoisted): string[] {
  const warnings = new Set<string>();
  const where = (at: PathStep | undefined, ...more: string[]): string => `#${toPointer(hoisted.origin([...tokensOf(at), ...more]))}`;
  const seen = new Set<object>();
  const walk = (state: State, node: Json, at: PathStep | undefined): void => {
    if (seen.has(node) || typeof node["$ref"] === "string") return;
    seen.add(node);
    if (state === "schema") {
      for (const key of [...SCHEMA_LISTS, ...SCHEMA_MAPS]) {
        const value = node[key];
        const list = SCHEMA_LISTS.has(key);
        if (value === undefined || (list ? Array.isArray(value) : isObject(value))) continue;
        warnings.add(`${where(at, key)}: not ${list ? "a list" : "a map"} of schemas (${describe(value)}); types.ts leaves it out`);
        delete node[key];
      }
    }
    for (const child of children(state, node)) {
      let below: PathStep | undefined = at;
      for (const token of child.tokens) below = { parent: below, token };
      if (isObject(child.value)) walk(child.state, child.value, below);
      else if (child.state === "schema" && typeof child.value !== "boolean") {
        warnings.add(`${where(below)}: not a schema (${describe(child.value)}); types.ts types it unknown`);
        put(node, child.tokens, {});
      }
    }
  };
  const document = hoisted.document;
  const step = (parent: PathStep | undefined, token: string): PathStep => ({ parent, token });
  const components = isObject(document["components"]) ? document["components"] : {};
  for (const [key, state] of Object.entries(COMPONENT_KINDS)) {
    const section = components[key as ComponentsKey];
    if (!isObject(section)) continue;
    for (const [name, value] of Object.entries(section)) {
      const at = step(step(step(undefined, "components"), key), name);
      if (isObject(value)) walk(state, value, at);
      else if (state === "schema" && typeof value !== "boolean") {
        warnings.add(`${where(at)}: not a schema (${describe(value)}); types.ts types it unknown`);
        setOwn(section, name, {});
      }
    }
  }
  for (const root of ["paths", "webhooks"]) {
    const items = document[root];
    if (isObject(items)) for (const [path, item] of Object.entries(items)) if (isObject(item)) walk("pathItem", item, step(step(undefined, root), path));
  }
  return [...warnings];
}
