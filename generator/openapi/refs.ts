// The `$ref`s a piece of an OpenAPI document uses, in document order. Values of literal keywords
// (`example`, `default`, `const`, `enum`, `x-…`) are data and never refs, except where the key is a
// property name (inside `properties` and the other name → schema maps).
import { escapeToken } from "./spec/index.ts";

/** Keywords whose values are data, never schemas or refs. */
export const LITERAL_KEYS: ReadonlySet<string> = new Set(["example", "examples", "default", "const", "enum"]);
/** Keywords whose values map names (a property, a component) to schemas or other objects. */
export const NAME_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
  "responses",
  "parameters",
  "headers",
  "content",
  "requestBodies",
  "callbacks",
  "links",
  "pathItems",
  "securitySchemes",
]);

/** Every `$ref` string under `value` (a `$ref` object's siblings are not searched), in order, unique. */
export function refsIn(value: unknown): string[] {
  const out = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown, nameMap: boolean): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) walk(item, false);
      return;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (!nameMap && typeof ref === "string") {
      out.add(ref);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (!nameMap && (LITERAL_KEYS.has(key) || key.startsWith("x-"))) continue;
      walk(child, !nameMap && NAME_MAPS.has(key));
    }
  };
  walk(value, false);
  return [...out];
}

/** Sets an own property even for `__proto__` (a plain assignment would replace the prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A pointer built as a walk descends: each step links to its parent, tokens are listed only when asked. */
export interface PathStep {
  readonly parent: PathStep | undefined;
  readonly token: string;
}

/** The tokens from the root to `step`. */
export function tokensOf(step: PathStep | undefined): string[] {
  const out: string[] = [];
  for (let s = step; s !== undefined; s = s.parent) out.push(s.token);
  return out.reverse();
}

/** Every `$ref` string under `value` that `refsIn` finds, with the pointer tokens of the first object holding it. */
export function refLocations(value: unknown): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const seen = new Set<object>();
  const walk = (node: unknown, nameMap: boolean, at: PathStep | undefined): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, false, { parent: at, token: String(i) });
      return;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (!nameMap && typeof ref === "string") {
      if (!out.has(ref)) out.set(ref, tokensOf(at));
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (!nameMap && (LITERAL_KEYS.has(key) || key.startsWith("x-"))) continue;
      walk(child, !nameMap && NAME_MAPS.has(key), { parent: at, token: key });
    }
  };
  walk(value, false, undefined);
  return out;
}

/**
 * A copy of `value` with every `$ref` that `refsIn` would find replaced by `map(ref)` (object sharing
 * kept): a string is the new ref, an object replaces the whole `$ref` object.
 */
export function mapRefs(value: unknown, map: (ref: string) => string | Readonly<Record<string, unknown>>): unknown {
  const copies = new Map<object, unknown>();
  const walk = (node: unknown, nameMap: boolean): unknown => {
    if (typeof node !== "object" || node === null) return node;
    const done = copies.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      copies.set(node, out);
      for (const item of node) out.push(walk(item, false));
      return out;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    const mapped = !nameMap && typeof ref === "string" ? map(ref) : undefined;
    if (typeof mapped === "object") {
      copies.set(node, mapped);
      return mapped;
    }
    const out: Record<string, unknown> = {};
    copies.set(node, out);
    for (const [key, child] of Object.entries(node)) {
      if (mapped !== undefined) setOwn(out, key, key === "$ref" ? mapped : child);
      else setOwn(out, key, !nameMap && (LITERAL_KEYS.has(key) || key.startsWith("x-")) ? child : walk(child, !nameMap && NAME_MAPS.has(key)));
    }
    return out;
  };
  return walk(value, false);
}

/** The `$ref` of a schema component: `~`, `/` escaped, and `%` (refs are URI fragments, decoded when parsed). */
export function componentRef(name: string): string {
  return `#/components/schemas/${escapeToken(name).replace(/%/g, "%25")}`;
}

/** `#/components/schemas/<name>` for every schema component of `document`, in document order. */
export function componentRefs(document: unknown): string[] {
  const components = typeof document === "object" && document !== null ? (document as { components?: unknown }).components : undefined;
  const schemas = typeof components === "object" && components !== null ? (components as { schemas?: unknown }).schemas : undefined;
  if (typeof schemas !== "object" || schemas === null || Array.isArray(schemas)) return [];
  return Object.keys(schemas).map(componentRef);
}
