// For a connector generated from an OpenAPI spec: where the live records disagree with the spec's
// record schema — fields the spec does not describe, values of another type than it declares, records
// its schema refuses. The most common reason a spec-derived connector fails in production.
import type { ResourcePreview } from "../../../runtime/preview/run-preview.ts";
import { inferColumns } from "../../../runtime/preview/infer-columns.ts";
import { normalizeIdentifier } from "../../../runtime/normalize/identifier.ts";

/** The record fields a resource's schema names (an object schema's shape); empty when it has none. */
export function schemaFields(preview: ResourcePreview): Set<string> {
  const shape = (preview.resource.schema as { shape?: unknown }).shape;
  return new Set(typeof shape === "object" && shape !== null ? Object.keys(shape) : []);
}

/** Report lines, empty when the records agree with the spec. */
export function specDisagreements(preview: ResourcePreview): string[] {
  const named = schemaFields(preview);
  const declared = new Map(preview.resource.table.columns.map((c) => [c.name, c.dataType]));
  const parent = preview.resource.parent;
  const included = new Set(parent === null ? [] : parent.includeFromParent.map((f) => `_${parent.resource}_${f}`));
  const lines: string[] = [];
  const inferred = inferColumns(preview.records);
  const missing = inferred.filter((c) => !named.has(c.field) && !included.has(c.field)).map((c) => c.field);
  if (missing.length > 0) lines.push(`not in the spec: ${missing.join(", ")}`);
  for (const column of inferred) {
    const type = declared.get(normalizeIdentifier(column.field));
    if (type !== undefined && column.dataType !== null && column.dataType !== type && !(type === "double" && column.dataType === "bigint")) {
      lines.push(`${column.field}: the spec says ${type}, the records hold ${column.kinds.filter((k) => k !== "null").join(", ")}`);
    }
  }
  if (preview.invalid.count > 0)
    lines.push(`${preview.invalid.count} of ${preview.records.length} records fail the spec's schema: ${preview.invalid.first[0] ?? ""}`);
  return lines;
}
