// One resource of the written config, in a stable key order, with `$comment`s carrying the evidence.
import { escapeTemplate } from "../../runtime/interpolate/template.ts";
import type { ListEndpoint } from "./endpoint.ts";
import type { ParentLink } from "./parents.ts";
import type { Json } from "./schema-view.ts";

export interface ResourcePlan {
  readonly name: string;
  readonly endpoint: ListEndpoint;
  readonly link: ParentLink | undefined;
  /** Fields its children need from its own parent. */
  readonly includes: readonly string[];
  /** False when it runs only to feed a selected child, or needs values filled in. */
  readonly selected: boolean;
  /** Why it is unselected, when it is. */
  readonly unselectedBecause: string | undefined;
}

/** Sorted by key; string values escaped, since params and headers are `{placeholder}` templates. */
function literal<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === "string" ? (escapeTemplate(v) as T) : v]));
}

/** The resource object for the config. */
export function resourceObject(plan: ResourcePlan): Json {
  const { endpoint: ep, link } = plan;
  const summary = typeof ep.op.operation.summary === "string" ? ` (${ep.op.operation.summary.replace(/\s+/g, " ").trim().slice(0, 120)})` : "";
  const evidence = [
    `GET ${ep.op.path}${summary}`,
    ep.list.evidence,
    ep.primaryKey === undefined ? "no id property on the records: append" : `${ep.primaryKey.evidence}: merge on it`,
    ...(link === undefined ? [] : [`child of ${link.parent}: ${link.evidence}`]),
    ...(plan.unselectedBecause === undefined ? [] : [`unselected: ${plan.unselectedBecause}`]),
  ];
  const endpoint: Json = {
    path: link?.path ?? escapeTemplate(ep.op.path),
    ...(Object.keys(ep.params).length === 0 ? {} : { params: literal(ep.params) }),
    ...(Object.keys(ep.headers).length === 0 ? {} : { headers: literal(ep.headers) }),
    data_selector: ep.list.selector,
    paginator: { $comment: ep.paging.evidence, ...ep.paging.paginator },
  };
  return {
    $comment: evidence.join("; "),
    name: plan.name,
    ...(plan.selected ? {} : { selected: false }),
    endpoint,
    ...(ep.primaryKey === undefined ? { write_disposition: "append" } : { primary_key: ep.primaryKey.field, write_disposition: "merge" }),
    ...(plan.includes.length === 0 ? {} : { include_from_parent: [...new Set(plan.includes)].sort() }),
  };
}
