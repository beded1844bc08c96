// Where a user's config differs from what init derives from the spec, setting by setting: the lines a
// re-run of init prints for what it kept ("kept tickets.endpoint.paginator {…}; init derives {…}").
// `$comment`s are notes, never compared.
import { withoutComments } from "./diff.ts";
import { isObject, type Json } from "./schema-view.ts";

const MAX_VALUE = 100;

/** A value for a report line: compact JSON without comments, cut at 100 characters; `(none)` when absent. */
export function shown(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(withoutComments(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A resource as an object with an object endpoint (the string shorthands expanded). */
export function resourceObjectOf(raw: unknown): Json {
  const resource: Json = typeof raw === "string" ? { name: raw, endpoint: raw } : isObject(raw) ? raw : {};
  return typeof resource.endpoint === "string" ? { ...resource, endpoint: { path: resource.endpoint } } : resource;
}

/** One line per key of `mine` or `derived` (but `skip` and `$comment`) whose values differ. */
export function keyEdits(at: string, mine: Json, derived: Json, skip: readonly string[] = []): string[] {
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(derived)])].filter((k) => k !== "$comment" && !skip.includes(k));
  return keys.filter((k) => shown(mine[k]) !== shown(derived[k])).map((k) => `kept ${at}.${k} ${shown(mine[k])}; init derives ${shown(derived[k])}`);
}

/** How the user's version of a resource differs from the derived one (the derived one with the user's resource names). */
export function resourceEdits(mine: unknown, derived: unknown, operation: string): string[] {
  const [a, b] = [resourceObjectOf(mine), resourceObjectOf(derived)];
  const name = String(a.name);
  const renamed = a.name === b.name ? [] : [`kept ${name} (${operation}); init names it ${String(b.name)}`];
  const endpoint = keyEdits(`${name}.endpoint`, isObject(a.endpoint) ? a.endpoint : {}, isObject(b.endpoint) ? b.endpoint : {});
  return [...renamed, ...keyEdits(name, a, b, ["name", "endpoint"]), ...endpoint];
}
