// The init report: what was found (list endpoints, paginators by type) and every warning.
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { isObject, type Json } from "./schema-view.ts";

/** Summary lines then `warning:` lines, for stderr. */
export function reportLines(spec: LoadedSpec, config: Json, gets: number, lists: number, warnings: readonly string[]): string[] {
  const resources = Array.isArray(config.resources) ? config.resources.filter(isObject) : [];
  const counts = new Map<string, number>();
  let children = 0;
  let unselected = 0;
  for (const r of resources) {
    const endpoint = isObject(r.endpoint) ? r.endpoint : {};
    const paginator = isObject(endpoint.paginator) ? String(endpoint.paginator.type) : String(endpoint.paginator ?? "none");
    counts.set(paginator, (counts.get(paginator) ?? 0) + 1);
    if (typeof endpoint.path === "string" && endpoint.path.includes("{resources.")) children++;
    if (r.selected === false) unselected++;
  }
  const byType = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");
  return [
    `${spec.source} (OpenAPI ${spec.version}): ${gets} GET operations, ${lists} list endpoints`,
    `${resources.length} resources (${children} children, ${unselected} unselected); paginators: ${byType}`,
    ...warnings.map((w) => `warning: ${w}`),
  ];
}
