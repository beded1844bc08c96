// Finding a resource's operation in the spec: its endpoint path (after the base URL's path) and
// method against the spec's path templates (after a server URL's path). A match of the full path
// wins over a match of the endpoint path alone; more literal segments win; then document order.
import type { LoadedSpec, Operation } from "./spec/index.ts";
import { canonical, configSegments, distance, matchScore, specSegments } from "./path-segments.ts";

export type OperationMatch = { readonly operation: Operation } | { readonly problem: string };

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;
const FULL_MATCH = 1000;
const CLOSEST = 3;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Path prefixes of the spec's servers (variables at their defaults), the empty prefix included. */
function serverPrefixes(document: Readonly<Record<string, unknown>>): string[][] {
  const servers = Array.isArray(document["servers"]) ? document["servers"] : [];
  const prefixes = new Map<string, string[]>([["", []]]);
  for (const server of servers) {
    if (!isObject(server) || typeof server["url"] !== "string") continue;
    const variables = isObject(server["variables"]) ? server["variables"] : {};
    const url = server["url"].replace(/\{([^{}]*)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable["default"] === "string" ? variable["default"] : whole;
    });
    const segments = specSegments(url);
    prefixes.set(segments.join("/"), segments);
  }
  return [...prefixes.values()];
}

/** How well a spec path matches; undefined when it does not. */
function pathScore(specPath: string, full: readonly string[], own: readonly string[], prefixes: readonly string[][]): number | undefined {
  const segments = specSegments(specPath);
  let best: number | undefined;
  for (const prefix of prefixes) {
    const score = matchScore(full, [...prefix, ...segments]);
    if (score !== undefined) best = Math.max(best ?? 0, FULL_MATCH + score);
  }
  const alone = matchScore(own, segments);
  return alone === undefined ? best : Math.max(best ?? 0, alone);
}

/** The operation serving `method path` (path as bound by the model, relative to `baseUrl`). */
export function findOperation(spec: LoadedSpec, ops: readonly Operation[], baseUrl: string, path: string, method: string): OperationMatch {
  const own = configSegments(path);
  const full = ABSOLUTE.test(path) ? own : [...specSegments(baseUrl), ...own];
  const prefixes = serverPrefixes(spec.document);
  const paths = [...new Set(ops.map((o) => o.path))];
  const scored = paths.flatMap((p) => {
    const score = pathScore(p, full, own, prefixes);
    return score === undefined ? [] : [{ path: p, score }];
  });
  const wanted = method.toLowerCase();
  const rank = (list: typeof scored) => [...list].sort((a, b) => b.score - a.score)[0];
  const withMethod = rank(scored.filter((s) => ops.some((o) => o.path === s.path && o.method === wanted)));
  if (withMethod !== undefined) return { operation: ops.find((o) => o.path === withMethod.path && o.method === wanted)! };
  const best = rank(scored);
  if (best !== undefined) {
    const methods = ops.filter((o) => o.path === best.path).map((o) => o.method.toUpperCase());
    return { problem: `${spec.source} path ${best.path} has no ${method} operation (it has ${methods.join(", ")})` };
  }
  const target = canonical(own);
  const closest = paths
    .map((p, i) => ({ p, i, d: distance(target, canonical(specSegments(p))) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, CLOSEST)
    .map((c) => c.p);
  return {
    problem: `no operation in ${spec.source} matches ${method} ${path}${closest.length === 0 ? " (it has no paths)" : `; closest spec paths: ${closest.join(", ")}`}`,
  };
}
