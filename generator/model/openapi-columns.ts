// Column types from a record schema's top-level properties (own and allOf members'; oneOf/anyOf
// branches are alternatives and type nothing): integer → bigint, number → double, boolean → bool,
// string → text, date-time → timestamp, date → date. Objects, arrays, unions and unknowns are left
// to the runtime (flattened or JSON, typed from the data). write-only properties never arrive.
import type { DataType } from "../../runtime/connector.ts";
import { derefOrUndefined as deref, type LoadedSpec } from "../openapi/spec/index.ts";
import { splitNull } from "../openapi/schema-nullability.ts";
import { isAnnotationOnly, isSchemaObject, readFlag, readProperties, readSchemas, readString, readTypes } from "../openapi/schema-read.ts";

export interface SpecColumn {
  /** The record's field name. */
  readonly key: string;
  readonly dataType: DataType;
}

const MAX_DEPTH = 16;

/** The schema and its allOf members (resolved), in order. */
function allOfParts(spec: LoadedSpec, schema: unknown, seen = new Set<object>()): Readonly<Record<string, unknown>>[] {
  const resolved = deref(spec, schema);
  if (!isSchemaObject(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  return [resolved, ...(readSchemas(resolved, "allOf") ?? []).flatMap((m) => allOfParts(spec, m, seen))];
}

function fromValues(values: readonly unknown[]): DataType | null {
  if (values.length === 0) return null;
  if (values.every((v) => typeof v === "string")) return "text";
  if (values.every((v) => typeof v === "boolean")) return "bool";
  if (values.every((v) => typeof v === "number" && Number.isSafeInteger(v))) return "bigint";
  return null;
}

/** The column type of one property schema, or null when the runtime should decide. */
export function columnType(spec: LoadedSpec, schema: unknown, depth = 0): DataType | null {
  const resolved = deref(spec, schema);
  if (!isSchemaObject(resolved) || depth > MAX_DEPTH) return null;
  const { schema: s, onlyNull } = splitNull(resolved);
  if (onlyNull || Object.hasOwn(s, "oneOf") || Object.hasOwn(s, "anyOf")) return null;
  const members = readSchemas(s, "allOf");
  if (members !== undefined && members.length > 0) {
    const [only] = members;
    return members.length === 1 ? columnType(spec, only, depth + 1) : null;
  }
  if (Object.hasOwn(s, "const")) return fromValues([s["const"]]);
  if (Array.isArray(s["enum"])) return fromValues(s["enum"]);
  const types = readTypes(s);
  const [type] = types;
  if (types.length !== 1) return null;
  const format = readString(s, "format");
  switch (type) {
    case "integer":
      return "bigint";
    case "number":
      return "double";
    case "boolean":
      return "bool";
    case "string":
      return format === "date-time" ? "timestamp" : format === "date" ? "date" : "text";
    default:
      return null;
  }
}

/** Typed columns of a record schema, in declaration order (a later allOf member's definition wins, as in the zod schema). */
export function specColumns(spec: LoadedSpec, record: unknown): SpecColumn[] {
  const properties = new Map<string, unknown>();
  for (const part of allOfParts(spec, record)) {
    for (const [key, property] of readProperties(part)) {
      if (!properties.has(key) || !(isSchemaObject(property) && isAnnotationOnly(property))) properties.set(key, property);
    }
  }
  return [...properties].flatMap(([key, property]): SpecColumn[] => {
    const resolved = deref(spec, property);
    if (isSchemaObject(resolved) && readFlag(resolved, "writeOnly")) return [];
    const dataType = columnType(spec, property);
    return dataType === null ? [] : [{ key, dataType }];
  });
}
