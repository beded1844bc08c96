// Which fields of a parent record a child batch carries (pure): the top-level fields its subtree's
// endpoints bind (`{resources.<parent>.<field>}` in path, params, headers, body), the child's
// include_from_parent fields and the parent's primary key (the child's per-parent cursor) — never the
// whole record. Values travel as JSON text with exact numbers (an id beyond 2^53 stays exact).
import type { EndpointSpec } from "../connector.ts";
import { placeholdersOf } from "../interpolate/template.ts";
import { parseJson } from "../json/parse.ts";
import { stringifyJson } from "../json/stringify.ts";
import { type PlannedResource, walk } from "../sync/plan.ts";

/** The top-level fields of `parent`'s records that `child` and its descendants need. */
export function parentFields(parent: PlannedResource, child: PlannedResource): string[] {
  const fields = new Set<string>(parent.resource.primaryKey);
  for (const field of child.resource.parent?.includeFromParent ?? []) fields.add(field);
  for (const node of walk([child])) {
    for (const expr of endpointPlaceholders(node.resource.endpoint)) {
      const [scope, resource, first] = expr.split(".");
      const top = first?.split("[")[0];
      if (scope === "resources" && resource === parent.resource.name && top !== undefined && top !== "") fields.add(top);
    }
  }
  return [...fields].sort();
}

/** The record's `fields` (those it has) as JSON text. */
export function projectParent(record: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(record, field)) kept[field] = record[field];
  return stringifyJson(kept) ?? "{}";
}

/** A carried parent record back from its JSON text. */
export function readParent(text: string, where: string): Record<string, unknown> {
  const parsed = parseJson(text, Buffer.byteLength(text));
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    throw new Error(`${where}: a parent record in the batch is not a JSON object (${parsed.ok ? "found another value" : parsed.problem})`);
  }
  return parsed.value as Record<string, unknown>;
}

/** Every `{…}` expression of an endpoint's path, params, headers and body (keys included). */
function endpointPlaceholders(endpoint: EndpointSpec): string[] {
  const texts: string[] = [endpoint.path];
  const collect = (value: unknown): void => {
    if (typeof value === "string") texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        texts.push(key);
        collect(v);
      }
    }
  };
  collect(endpoint.params);
  collect(endpoint.headers);
  collect(endpoint.json);
  collect(endpoint.form);
  return texts.flatMap((text) => {
    try {
      return placeholdersOf(text);
    } catch {
      // Not a template (a literal brace in a body value): binds nothing.
      return [];
    }
  });
}
