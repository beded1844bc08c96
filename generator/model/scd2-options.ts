// scd2's options (dlt's names) resolved into the merge spec, with every contradictory setting reported
// at its path: validity columns, the active-record and boundary timestamps, the row version column,
// and what scd2 cannot combine with (missing, dedup_sort, an incremental extract without merge_key).
import type { ConfigIssue } from "../../runtime/errors.ts";
import type { Scd2Spec } from "../../runtime/connector.ts";
import { normalizeIdentifier } from "../../runtime/normalize/identifier.ts";
import { ROW_HASH, VALID_FROM, VALID_TO } from "../../runtime/normalize/system-columns.ts";
import type { MergedResource } from "../config/merge-defaults.ts";
import type { ColumnConfig } from "../config/schema.ts";

type MergeObject = Extract<NonNullable<MergedResource["write_disposition"]>, { disposition: "merge" }>;

/** An ISO-8601 date or timestamp (with an optional offset), the forms both destinations cast alike. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** The scd2 spec of `resource` (`object`: its write_disposition object, null for the string form). */
export function resolveScd2(
  resource: MergedResource,
  object: MergeObject | null,
  mergeKey: readonly string[],
  dedupSort: boolean,
  columns: readonly (readonly [string, ColumnConfig])[],
  at: string,
  issues: ConfigIssue[],
): Scd2Spec {
  const path = `${at}.write_disposition`;
  if (object?.missing !== undefined)
    issues.push({ path: `${path}.missing`, message: "scd2 retires the records a complete extract lacks itself; missing applies to the other strategies" });
  if (dedupSort) {
    issues.push({
      path: `${at}.columns`,
      message: "dedup_sort chooses among rows of one primary key; scd2 keeps every distinct version (one row per row hash), so it has no use for it",
    });
  }
  if (resource.endpoint.incremental !== undefined && mergeKey.length === 0) {
    issues.push({
      path: `${at}.merge_key`,
      message:
        "an incremental scd2 resource needs a merge_key (the natural key, or a partition column): without one, every record absent from the increment would be retired",
    });
  }
  for (const key of ["active_record_timestamp", "boundary_timestamp"] as const) {
    const value = object?.[key];
    if (typeof value === "string" && !ISO_TIMESTAMP.test(value))
      issues.push({
        path: `${path}.${key}`,
        message: `expected an ISO date or timestamp such as "9999-12-31" or "2024-08-21T12:15:00+00:00", found ${JSON.stringify(value)}`,
      });
  }
  const [from, to] = (object?.validity_column_names ?? [VALID_FROM, VALID_TO]).map(normalizeIdentifier) as [string, string];
  const version = object?.row_version_column_name === undefined ? undefined : normalizeIdentifier(object.row_version_column_name);
  if (from === to) issues.push({ path: `${path}.validity_column_names`, message: `the two validity columns must differ, both are "${from}"` });
  const declared = new Set(columns.map(([key]) => normalizeIdentifier(key)));
  for (const name of new Set([from, to])) {
    if (declared.has(name) || name === version || name === ROW_HASH)
      issues.push({ path: `${path}.validity_column_names`, message: `validity column "${name}" is also a column of the record; scd2 writes it itself` });
  }
  return {
    ...(object?.validity_column_names === undefined ? {} : { validFrom: from, validTo: to }),
    ...(typeof object?.active_record_timestamp === "string" ? { activeRecordTimestamp: object.active_record_timestamp } : {}),
    ...(object?.boundary_timestamp === undefined ? {} : { boundaryTimestamp: object.boundary_timestamp }),
    ...(version === undefined ? {} : { rowVersionColumn: version }),
  };
}
