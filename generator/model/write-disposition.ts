// A resource's write disposition, merge strategy and merge hints (merge_key, the hard_delete and
// dedup_sort column hints) resolved into the table spec, with every invalid combination reported at
// its path (scd2's own options: scd2-options.ts).
import type { ConfigIssue } from "../../runtime/errors.ts";
import type { MergeSpec, WriteDisposition } from "../../runtime/connector.ts";
import { resolveScd2 } from "./scd2-options.ts";
import { normalizeIdentifier } from "../../runtime/normalize/identifier.ts";
import type { MergedResource } from "../config/merge-defaults.ts";
import type { ColumnConfig } from "../config/schema.ts";

/** The table's disposition and, for a merge that is not plain delete-insert on the primary key, its merge spec. */
export interface ResolvedDisposition {
  readonly writeDisposition: WriteDisposition;
  readonly merge?: MergeSpec;
}

/** Resolves `resource`'s disposition; `columns` are its column hints by field name, `at` its path. */
export function resolveDisposition(
  resource: MergedResource,
  columns: readonly (readonly [string, ColumnConfig])[],
  primaryKey: readonly string[],
  at: string,
  issues: ConfigIssue[],
): ResolvedDisposition {
  const value = resource.write_disposition;
  const path = `${at}.write_disposition`;
  const disposition: WriteDisposition = value === undefined ? "append" : typeof value === "string" ? value : value.disposition;
  const object = typeof value === "object" && value.disposition === "merge" ? value : null;
  const strategy = object?.strategy ?? "delete-insert";
  const mergeKey = resource.merge_key === undefined ? [] : [resource.merge_key].flat();
  const hardDelete = columns.filter(([, c]) => c.hard_delete === true).map(([key]) => key);
  const dedupSort = columns.filter(([, c]) => c.dedup_sort !== undefined).map(([key, c]) => ({ key, order: c.dedup_sort ?? "desc" }));
  const hinted = (name: string) => columns.findIndex(([key]) => key === name);
  if (disposition !== "merge") {
    if (mergeKey.length > 0) issues.push({ path: `${at}.merge_key`, message: `merge_key needs write_disposition "merge", found "${disposition}"` });
    for (const key of hardDelete)
      issues.push({ path: `${at}.columns.${key}.hard_delete`, message: `hard_delete needs write_disposition "merge", found "${disposition}"` });
    for (const { key } of dedupSort)
      issues.push({ path: `${at}.columns.${key}.dedup_sort`, message: `dedup_sort needs write_disposition "merge", found "${disposition}"` });
    return { writeDisposition: disposition };
  }
  // dlt's scd2 versions rows by their hash, so it needs no primary key.
  if (primaryKey.length === 0 && strategy !== "scd2") issues.push({ path, message: 'write_disposition "merge" needs a primary_key' });
  if (object !== null && strategy !== "scd2") {
    for (const key of ["validity_column_names", "active_record_timestamp", "boundary_timestamp", "row_version_column_name"] as const) {
      if (object[key] !== undefined) issues.push({ path: `${path}.${key}`, message: `${key} is an scd2 option; strategy is "${strategy}"` });
    }
  }
  const scd2 = strategy === "scd2" ? resolveScd2(resource, object, mergeKey, dedupSort.length > 0, columns, at, issues) : undefined;
  if (object?.missing !== undefined) {
    if (resource.endpoint.incremental !== undefined) {
      issues.push({
        path: `${path}.missing`,
        message: "missing needs a full extract every run; this resource is incremental, so an absent record was not necessarily deleted",
      });
    }
  }
  if (mergeKey.length > 0 && strategy !== "delete-insert" && strategy !== "scd2") {
    issues.push({ path: `${at}.merge_key`, message: `merge_key applies to the delete-insert strategy (and scd2), not "${strategy}"` });
  }
  for (const key of mergeKey) {
    if (!primaryKey.includes(key) && hinted(key) < 0) {
      issues.push({ path: `${at}.merge_key`, message: `merge_key column "${key}" is neither a primary_key column nor declared in columns` });
    }
  }
  if (hardDelete.length > 1)
    issues.push({ path: `${at}.columns`, message: `hard_delete is set on ${hardDelete.length} columns (${hardDelete.join(", ")}); one column flags deletes` });
  if (dedupSort.length > 1) {
    issues.push({
      path: `${at}.columns`,
      message: `dedup_sort is set on ${dedupSort.length} columns (${dedupSort.map((d) => d.key).join(", ")}); one column chooses the winner`,
    });
  }
  for (const key of [...hardDelete, ...dedupSort.map((d) => d.key)]) {
    if (key.includes(".") || key.includes("["))
      issues.push({ path: `${at}.columns.${key}`, message: `"${key}" is a nested field; merge hints apply to a top-level field of the record` });
  }
  const [sort] = dedupSort;
  const merge: MergeSpec = {
    strategy,
    ...(mergeKey.length > 0 ? { mergeKey: mergeKey.map(normalizeIdentifier) } : {}),
    ...(hardDelete[0] === undefined ? {} : { hardDelete: normalizeIdentifier(hardDelete[0]) }),
    ...(sort === undefined ? {} : { dedupSort: { column: normalizeIdentifier(sort.key), order: sort.order } }),
    ...(object?.missing === undefined ? {} : { missing: object.missing }),
    ...(scd2 === undefined || Object.keys(scd2).length === 0 ? {} : { scd2 }),
  };
  // Emitted only when it differs from the default, so connectors without it are unchanged.
  return Object.keys(merge).length === 1 && strategy === "delete-insert" ? { writeDisposition: "merge" } : { writeDisposition: "merge", merge };
}
