// What a local `$ref` points at, read from where its target sits in the OpenAPI document: a schema
// (`components/schemas/X/allOf/0`, `paths/…/schema/items`), a parameter (`paths/~1a/get/parameters/0`),
// a response, a request body, a header or a path item; undefined for anything else (a `required`
// list, an `enum`). A target outside `paths` and `components` (`#/x-defs/Foo`, `#/definitions/Foo`)
// is taken for a schema. Also the one spelling of a ref that openapi-typescript and this generator
// decode alike.
import { HTTP_METHODS } from "../spec/index.ts";

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
type State = TargetKind | "operation" | "mediaType";

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SCHEMA_SINGLE = new Set(["additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema"]);
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

/** The state one step after `state` at `tokens[i]` (the value there is `value`), and how many tokens it takes; undefined for none. */
function step(state: State, tokens: readonly string[], i: number, value: unknown): { state: State; take: number } | undefined {
  const token = tokens[i]!;
  const hasNext = i + 1 < tokens.length;
  switch (state) {
    case "pathItem":
      if (METHODS.has(token)) return { state: "operation", take: 1 };
      return token === "parameters" && hasNext ? { state: "parameter", take: 2 } : undefined;
    case "operation":
      if (token === "parameters" && hasNext) return { state: "parameter", take: 2 };
      if (token === "requestBody") return { state: "requestBody", take: 1 };
      if (token === "responses" && hasNext) return { state: "response", take: 2 };
      return token === "callbacks" && i + 2 < tokens.length ? { state: "pathItem", take: 3 } : undefined;
    case "requestBody":
    case "response":
      if (token === "content" && hasNext) return { state: "mediaType", take: 2 };
      return state === "response" && token === "headers" && hasNext ? { state: "header", take: 2 } : undefined;
    case "parameter":
    case "header":
      if (token === "schema") return { state: "schema", take: 1 };
      return token === "content" && hasNext ? { state: "mediaType", take: 2 } : undefined;
    case "mediaType":
      return token === "schema" ? { state: "schema", take: 1 } : undefined;
    case "schema":
      if ((SCHEMA_MAPS.has(token) || SCHEMA_LISTS.has(token)) && hasNext) return { state: "schema", take: 2 };
      if (token === "items") return { state: "schema", take: Array.isArray(value) && hasNext ? 2 : 1 };
      return SCHEMA_SINGLE.has(token) ? { state: "schema", take: 1 } : undefined;
  }
}

/** The kind of object at `tokens` in `document`, or undefined when it is none openapi-typescript types. */
export function targetKind(document: unknown, tokens: readonly string[]): TargetKind | undefined {
  let state: State;
  let i: number;
  const [root, key] = tokens;
  if (root === "components" && isComponentsKey(key) && tokens.length >= 3) [state, i] = [COMPONENT_KINDS[key], 3];
  else if ((root === "paths" || root === "webhooks") && tokens.length >= 2) [state, i] = ["pathItem", 2];
  else if (root === "components" || root === "paths" || root === "webhooks") return undefined;
  else [state, i] = ["schema", Math.min(tokens.length, 2)];
  let value: unknown = document;
  for (let t = 0; t < i; t++) value = child(value, tokens[t]!);
  while (i < tokens.length) {
    const next = step(state, tokens, i, child(value, tokens[i]!));
    if (next === undefined) return undefined;
    for (let t = i; t < i + next.take; t++) value = child(value, tokens[t]!);
    state = next.state;
    i += next.take;
  }
  return state === "operation" || state === "mediaType" ? undefined : state;
}

function child(value: unknown, token: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, token) ? (value as Record<string, unknown>)[token] : undefined;
}
