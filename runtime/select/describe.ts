// Short, secret-free descriptions of JSON values for error messages.

const MAX_KEYS = 20;
const MAX_PREVIEW = 40;

/** The JSON type name of `value`: "null", "list", "object", "string", "number", "boolean" or "undefined". */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value;
}

/** A type name plus a short preview for scalars, e.g. `string "abc"`, `number 2.5`, `list`. */
export function describeValue(value: unknown): string {
  const type = jsonTypeName(value);
  if (typeof value === "string") {
    const text = value.length > MAX_PREVIEW ? `${value.slice(0, MAX_PREVIEW)}…` : value;
    return `${type} ${JSON.stringify(text)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${type} ${String(value)}`;
  return type;
}

/** What a response body looks like at the top level, e.g. "top-level keys: data, meta". */
export function describeBody(body: unknown): string {
  if (Array.isArray(body)) return `the response is a list of ${body.length} item${body.length === 1 ? "" : "s"}`;
  if (typeof body !== "object" || body === null) return `the response is ${jsonTypeName(body)}`;
  const keys = Object.keys(body);
  if (keys.length === 0) return "the response is an empty object";
  const shown = keys.slice(0, MAX_KEYS).join(", ");
  const more = keys.length > MAX_KEYS ? ` … and ${keys.length - MAX_KEYS} more` : "";
  return `top-level keys: ${shown}${more}`;
}
