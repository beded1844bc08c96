// The part of a spec a connector uses: the matched operations (with their path-level parameters)
// and every component they reach, transitively. Big specs (Stripe: 4 MB) shrink to what the
// resources need before openapi-typescript types them.
import { deref, parsePointer, splitRef, type LoadedSpec } from "../../openapi/spec/index.ts";
import { refsIn } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A used operation: spec path template and lower-case method. */
export interface UsedOperation {
  readonly path: string;
  readonly method: string;
}

/** The top-level unit a ref lives in: `components/<kind>/<name>` or `<key>/<name>` (e.g. a path item). */
function unitOf(ref: string): string[] | undefined {
  const tokens = parsePointer(splitRef(ref).pointer);
  if (tokens === undefined || tokens.length < 2) return undefined;
  return tokens.slice(0, tokens[0] === "components" ? 3 : 2);
}

function get(root: unknown, tokens: readonly string[]): unknown {
  let value = root;
  for (const token of tokens) value = isObject(value) && Object.hasOwn(value, token) ? value[token] : undefined;
  return value;
}

function put(root: Json, tokens: readonly string[], value: unknown): void {
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    const next = Object.hasOwn(node, token) ? node[token] : undefined;
    node = isObject(next) ? next : (node[token] = {});
  }
  node[tokens[tokens.length - 1]!] = value;
}

/** `openapi`, `info`, the used operations and the components they reach (document order kept per map). */
export function pruneDocument(spec: LoadedSpec, used: readonly UsedOperation[]): Json {
  const doc = spec.document;
  const paths: Json = {};
  for (const { path, method } of used) {
    const item = deref(spec, doc.paths[path]);
    if (!isObject(item)) continue;
    const kept = isObject(paths[path]) ? paths[path] : {};
    if (item["parameters"] !== undefined) kept["parameters"] = item["parameters"];
    kept[method] = item[method];
    paths[path] = kept;
  }
  const ordered: Json = {};
  for (const path of Object.keys(doc.paths)) if (Object.hasOwn(paths, path)) ordered[path] = paths[path];
  const pruned: Json = { openapi: doc["openapi"], info: isObject(doc["info"]) ? doc["info"] : { title: "", version: "" }, paths: ordered };
  const units = new Map<string, string[]>();
  const queue = refsIn(ordered);
  // An index, not shift(): shifting a 50,000-ref queue is quadratic.
  for (let i = 0, ref = queue[0]; ref !== undefined; ref = queue[++i]) {
    const unit = unitOf(ref);
    if (unit === undefined || units.has(unit.join("/"))) continue;
    units.set(unit.join("/"), unit);
    queue.push(...refsIn(get(doc, unit)));
  }
  // Insert in document order so the output does not depend on the order refs were met.
  const indexes = new Map<object, Map<string, number>>();
  const sorted = [...units.values()].map((unit) => ({ unit, at: position(doc, unit, indexes) })).sort((a, b) => compare(a.at, b.at));
  for (const { unit } of sorted) put(pruned, unit, get(doc, unit));
  return pruned;
}

/**
 * A unit's position in document order: the index of each of its keys within its parent. Key indexes
 * are computed once per parent (`indexes`): an indexOf per unit is quadratic in a map of 50,000 schemas.
 */
function position(doc: Json, unit: readonly string[], indexes: Map<object, Map<string, number>>): number[] {
  let node: unknown = doc;
  return unit.map((token) => {
    let index = 0;
    if (isObject(node)) {
      let keys = indexes.get(node);
      if (keys === undefined) indexes.set(node, (keys = new Map(Object.keys(node).map((key, i) => [key, i]))));
      index = keys.get(token) ?? -1;
    }
    node = get(node, [token]);
    return index;
  });
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
