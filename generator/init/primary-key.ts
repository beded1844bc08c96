// The record's primary key: a scalar `id` (or `gid`, `uuid`) property of the item schema.
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { objectView, schemaType } from "./schema-view.ts";

export interface PrimaryKey {
  readonly field: string;
  readonly evidence: string;
}

const CANDIDATES = ["id", "gid", "uuid", "sid"];
const KEY_TYPES = new Set(["string", "integer", "number", undefined]);

/** The primary key field of records shaped like `items`, or undefined. */
export function primaryKey(spec: LoadedSpec, items: unknown): PrimaryKey | undefined {
  const view = objectView(spec, items);
  for (const field of CANDIDATES) {
    const prop = view.props.get(field);
    if (prop === undefined || !KEY_TYPES.has(schemaType(spec, prop))) continue;
    const how = view.required.has(field) ? "a required" : "an";
    return { field, evidence: `records have ${how} \`${field}\` property` };
  }
  return undefined;
}
