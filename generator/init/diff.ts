// What overwriting an existing config with the derived one changes (`init --force`, or what a refusal
// shows): the name, resources added and removed, and per resource the path, paginator, data
// selector, primary key or write disposition that changed.
import { isObject, type Json } from "./schema-view.ts";

const WATCHED = ["path", "paginator", "data_selector", "params", "primary_key", "write_disposition", "selected"] as const;

/** `value` without its `$comment` notes (at every depth), for comparing what a config says. */
export function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === "$comment" && typeof v === "string"))
      .map(([k, v]) => [k, withoutComments(v)]),
  );
}

function facets(resource: Json): Record<(typeof WATCHED)[number], string> {
  const endpoint = isObject(resource.endpoint) ? resource.endpoint : typeof resource.endpoint === "string" ? { path: resource.endpoint } : {};
  const text = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(withoutComments(v)));
  return {
    path: text(endpoint.path),
    paginator: text(endpoint.paginator),
    data_selector: text(endpoint.data_selector),
    params: text(endpoint.params),
    primary_key: text(resource.primary_key),
    write_disposition: text(resource.write_disposition),
    selected: text(resource.selected ?? true),
  };
}

function byName(config: unknown): Map<string, Json> {
  const resources = isObject(config) && Array.isArray(config.resources) ? config.resources : [];
  const out = new Map<string, Json>();
  for (const r of resources) {
    if (typeof r === "string") out.set(r, { name: r, endpoint: r });
    else if (isObject(r) && typeof r.name === "string") out.set(r.name, r);
  }
  return out;
}

/** Short lines describing how `next` differs from `previous` (empty when the resources are the same). */
export function configDiff(previous: unknown, next: Json): string[] {
  const before = byName(previous);
  const after = byName(next);
  const lines: string[] = [];
  const [nameBefore, nameAfter] = [isObject(previous) ? previous.name : undefined, next.name];
  if (nameBefore !== nameAfter) lines.push(`~ name: ${JSON.stringify(nameBefore) ?? "(none)"} → ${JSON.stringify(nameAfter) ?? "(none)"}`);
  for (const name of after.keys()) if (!before.has(name)) lines.push(`+ ${name} (${facets(after.get(name)!).path})`);
  for (const name of before.keys()) if (!after.has(name)) lines.push(`- ${name} (${facets(before.get(name)!).path})`);
  for (const [name, resource] of after) {
    const old = before.get(name);
    if (old === undefined) continue;
    const [a, b] = [facets(old), facets(resource)];
    for (const key of WATCHED) if (a[key] !== b[key]) lines.push(`~ ${name}: ${key} ${a[key]} → ${b[key]}`);
  }
  const clientBefore = isObject(previous) && isObject(previous.client) ? JSON.stringify(withoutComments(previous.client)) : "(none)";
  const clientAfter = JSON.stringify(withoutComments(next.client));
  if (clientBefore !== clientAfter) lines.push(`~ client: ${clientBefore} → ${clientAfter}`);
  return lines;
}
