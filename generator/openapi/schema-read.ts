// Typed reads of schema keywords: a keyword of the wrong JSON type is treated as absent, so no
// spec value reaches the output except through these checks.

/** A schema object as parsed JSON: nothing in it is trusted. */
export type SchemaObject = Readonly<Record<string, unknown>>;

/** A plain JSON object (not an array, not null). */
export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string keyword. */
export function readString(schema: SchemaObject, key: string): string | undefined {
  const value = schema[key];
  return typeof value === "string" ? value : undefined;
}

/** A finite number keyword. */
export function readNumber(schema: SchemaObject, key: string): number | undefined {
  const value = schema[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A non-negative safe integer keyword (lengths, counts). */
export function readCount(schema: SchemaObject, key: string): number | undefined {
  const value = readNumber(schema, key);
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** `true` only when the keyword is the boolean `true`. */
export function readFlag(schema: SchemaObject, key: string): boolean {
  return schema[key] === true;
}

/** A list of sub-schemas (`allOf`, `oneOf`, `anyOf`); undefined when absent or not a list. */
export function readSchemas(schema: SchemaObject, key: string): readonly unknown[] | undefined {
  const value = schema[key];
  return Array.isArray(value) ? value : undefined;
}

/** The `properties` map as own entries, in document order. */
export function readProperties(schema: SchemaObject): ReadonlyArray<readonly [string, unknown]> {
  const value = schema["properties"];
  return isSchemaObject(value) ? Object.entries(value) : [];
}

/** The `required` names that are strings. */
export function readRequired(schema: SchemaObject): ReadonlySet<string> {
  const value = schema["required"];
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
}

/** The `type` keyword as a list (3.0 string or 3.1 array); empty when absent. */
export function readTypes(schema: SchemaObject): readonly string[] {
  const value = schema["type"];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "$comment",
  "nullable",
  "discriminator",
]);

/** True when the schema constrains nothing (only annotations and `x-` extensions). */
export function isAnnotationOnly(schema: SchemaObject): boolean {
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"));
}
