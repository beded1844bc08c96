// Nullability in its four spellings, taken out of a schema so that the emitter can apply it once
// (as `.nullable()`, or `.nullish()` with optionality): 3.0 `nullable: true`, 3.1 `type: [..., "null"]`,
// a `oneOf`/`anyOf` branch that only admits null, and `null` inside `enum`.
import { isSchemaObject, readTypes, type SchemaObject } from "./schema-read.ts";

/** A schema without its null spellings. */
export interface NullSplit {
  readonly schema: SchemaObject;
  /** null is admitted besides what `schema` admits. */
  readonly nullable: boolean;
  /** null is the only value admitted (`type: "null"`, `const: null`, `enum: [null]`). */
  readonly onlyNull: boolean;
}

/** Separates null from the rest of a schema. */
export function splitNull(input: SchemaObject): NullSplit {
  const schema: Record<string, unknown> = { ...input };
  let nullable = schema["nullable"] === true;
  delete schema["nullable"];
  let onlyNull = false;

  const types = readTypes(schema);
  if (types.includes("null")) {
    const rest = types.filter((t) => t !== "null");
    if (rest.length === 0) onlyNull = true;
    else nullable = true;
    schema["type"] = rest.length === 1 ? rest[0] : rest;
    if (rest.length === 0) delete schema["type"];
  }
  if (schema["const"] === null) {
    onlyNull = true;
    delete schema["const"];
  }
  const values = schema["enum"];
  if (Array.isArray(values) && values.includes(null)) {
    const rest = values.filter((v) => v !== null);
    if (rest.length === 0) onlyNull = true;
    else nullable = true;
    schema["enum"] = rest;
    if (rest.length === 0) delete schema["enum"];
  }
  for (const key of ["oneOf", "anyOf"]) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const rest = branches.filter((b) => !(isSchemaObject(b) && splitNull(b).onlyNull));
    if (rest.length === branches.length) continue;
    if (rest.length === 0) onlyNull = true;
    else nullable = true;
    schema[key] = rest;
    if (rest.length === 0) delete schema[key];
  }
  return { schema, nullable: nullable && !onlyNull, onlyNull };
}
