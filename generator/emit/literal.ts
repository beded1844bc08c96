// Emits config values as TypeScript literals: every string goes through JSON.stringify, keys are
// bare only when they are safe identifiers. Config text can never become code.

import { HookRef } from "../model/hook.ts";

const SAFE_KEY = /^[A-Za-z_$][\w$]*$/;

/** A property key as TypeScript source: bare when safe, else a JSON string. */
export function tsKey(key: string): string {
  if (key === "__proto__") return `["__proto__"]`; // a plain "__proto__" key would set the prototype
  return SAFE_KEY.test(key) ? key : JSON.stringify(key);
}

const WIDTH = 100;

/** A JSON-compatible value as a TypeScript expression, wrapped over lines when long; `$hook` references go through `hook`. */
export function tsLiteral(value: unknown, indent = 0, hook?: (ref: HookRef) => string): string {
  if (value instanceof HookRef) {
    if (hook === undefined) throw new TypeError(`a $hook (${value.module}#${value.name}) cannot be emitted here`);
    return hook(value);
  }
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot emit non-finite number ${value}`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "boolean") return String(value);
  const inner = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    const flat = `[${value.map((v) => tsLiteral(v, 0, hook)).join(", ")}]`;
    if (flat.length + indent <= WIDTH || value.length === 0) return flat;
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, indent + 2, hook)},`).join("\n")}\n${" ".repeat(indent)}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const flat = `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v, 0, hook)}`).join(", ")} }`;
    if (flat.length + indent <= WIDTH) return flat;
    return `{\n${entries.map(([k, v]) => `${inner}${tsKey(k)}: ${tsLiteral(v, indent + 2, hook)},`).join("\n")}\n${" ".repeat(indent)}}`;
  }
  throw new TypeError(`cannot emit a ${typeof value} as a literal`);
}
