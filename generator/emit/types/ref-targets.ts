// The OpenAPI structure as openapi-typescript reads it: which parts of an object are schemas,
// parameters, responses, request bodies, headers or path items (children); from that, what a local
// `$ref` points at (targetKind): `components/schemas/X/allOf/0` and `paths/…/schema/items` are
// schemas, `paths/~1a/get/parameters/0` a parameter, a `required` list or an `enum` nothing it
// types; a target outside `paths` and `components` (`#/x-defs/Foo`, `#/definitions/Foo`) is taken
// for a schema. Also the one spelling of a ref that openapi-typescript and this generator decode alike.
import { HTTP_METHODS, valueAt } from "../../openapi/spec/index.ts";

/** The kinds of objects openapi-typescript types under `components`, by their `components` key. */
export const COMPONENT_KINDS = {
  schemas: "schema",
  responses: "response",
  parameters: "parameter",
  requestBodies: "requestBody",
  headers: "header",
  pathItems: "pathItem",
} as const;

export type ComponentsKey = keyof typeof COMPONENT_KINDS;
export type TargetKind = (typeof COMPONENT_KINDS)[ComponentsKey];
export type State = TargetKind | "operation" | "mediaType";

export const SCHEMA_MAPS: ReadonlySet<string> = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
export const SCHEMA_LISTS: ReadonlySet<string> = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SCHEMA_SINGLE = new Set([
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
  "contentSchema",
]);
const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** The `components` key of each kind. */
export const COMPONENTS_KEY: Readonly<Record<TargetKind, ComponentsKey>> = Object.fromEntries(
  Object.entries(COMPONENT_KINDS).map(([key, kind]) => [kind, key]),
) as Record<TargetKind, ComponentsKey>;

function isComponentsKey(key: string | undefined): key is ComponentsKey {
  return key !== undefined && Object.hasOwn(COMPONENT_KINDS, key);
}

/** `#/a~1b/c%25`: each token `~`/`/`-escaped, `%` percent-encoded, nothing else encoded. */
export function canonicalRef(tokens: readonly string[]): string {
  return `#${tokens.map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1").replace(/%/g, "%25")}`).join("")}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value one or two tokens below an object of the OpenAPI structure, and what it is. */
export interface Child {
  readonly tokens: readonly string[];
  readonly state: State;
  readonly value: unknown;
}

/** The parts of `node` (an object of kind `state`) that the OpenAPI structure gives a kind, in document order per keyword. */
export function children(state: State, node: Readonly<Record<string, unknown>>): Child[] {
  const out: Child[] = [];
  const one = (key: string, next: State): void => {
    if (Object.hasOwn(node, key)) out.push({ tokens: [key], state: next, value: node[key] });
  };
  const map = (key: string, next: State): void => {
    const entries = node[key];
    if (isObject(entries)) for (const [name, value] of Object.entries(entries)) out.push({ tokens: [key, name], state: next, value });
  };
  const list = (key: string, next: State): void => {
    const items = node[key];
    if (Array.isArray(items)) for (const [i, value] of items.entries()) out.push({ tokens: [key, String(i)], state: next, value });
  };
  switch (state) {
    case "pathItem":
      for (const method of METHODS) one(method, "operation");
      list("parameters", "parameter");
      return out;
    case "operation": {
      list("parameters", "parameter");
      one("requestBody", "requestBody");
      map("responses", "response");
      const callbacks = node["callbacks"];
      if (isObject(callbacks)) {
        for (const [name, callback] of Object.entries(callbacks)) {
          if (isObject(callback))
            for (const [expression, item] of Object.entries(callback)) out.push({ tokens: ["callbacks", name, expression], state: "pathItem", value: item });
        }
      }
      return out;
    }
    case "requestBody":
      map("content", "mediaType");
      return out;
    case "response":
      map("content", "mediaType");
      map("headers", "header");
      return out;
    case "parameter":
    case "header":
      one("schema", "schema");
      map("content", "mediaType");
      return out;
    case "mediaType":
      one("schema", "schema");
      return out;
    case "schema":
      for (const key of SCHEMA_MAPS) map(key, "schema");
      for (const key of SCHEMA_LISTS) list(key, "schema");
      if (Array.isArray(node["items"])) list("items", "schema");
      else one("items", "schema");
      for (const key of SCHEMA_SINGLE) one(key, "schema");
      return out;
  }
}

/** Where a walk of the structure starts for `tokens`: the kind of object at `tokens.slice(0, at)`. */
function rootOf(tokens: readonly string[]): { state: State; at: number } | undefined {
  const [root, key] = tokens;
  if (root === "components" && isComponentsKey(key) && tokens.length >= 3) return { state: COMPONENT_KINDS[key], at: 3 };
  if ((root === "paths" || root === "webhooks") && tokens.length >= 2) return { state: "pathItem", at: 2 };
  if (root === "components" || root === "paths" || root === "webhooks") return undefined;
  return { state: "schema", at: Math.min(tokens.length, 2) };
}

/** The kind of object at `tokens` in `document`, or undefined when it is none openapi-typescript types. */
export function targetKind(document: unknown, tokens: readonly string[]): TargetKind | undefined {
  const root = rootOf(tokens);
  if (root === undefined) return undefined;
  let { state, at } = root;
  let value: unknown = valueAt(document, tokens.slice(0, at));
  while (at < tokens.length) {
    if (!isObject(value)) return undefined;
    const next = children(state, value).find((c) => c.tokens.every((t, k) => tokens[at + k] === t));
    if (next === undefined) return undefined;
    [state, value, at] = [next.state, next.value, at + next.tokens.length];
  }
  return state === "operation" || state === "mediaType" ? undefined : state;
}
