// Emits config values as TypeScript literals: every string goes through JSON.stringify, keys are
// bare only when they are safe identifiers. Config text can never become code.

const SAFE_KEY = /^[A-Za-z_$][\w$]*$/;

/** A property key as TypeScript source: bare when safe, else a JSON string. */
export function tsKey(key: string): string {
  return SAFE_KEY.test(key) && key !== "__proto__" ? key : JSON.stringify(key);
}

/** A JSON-compatible value as a TypeScript expression. */
export function tsLiteral(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot emit non-finite number ${value}`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v)}`).join(", ")} }`;
  }
  throw new TypeError(`cannot emit a ${typeof value} as a literal`);
}
