// The generated code's identity, carried in a run's plan so a worker refuses a job planned from another
// connector: a SHA-256 over the generated files (what the CLI has), or over the connector spec's data.
import { createHash } from "node:crypto";
import type { ConnectorSpec } from "../connector.ts";

/** The hash of a generated connector's files (path and content, in path order), as `sha256:<hex>`. */
export function generatedCodeHash(files: readonly { readonly path: string; readonly content: string }[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.content.length}\0${file.content}\0`);
  }
  return `sha256:${hash.digest("hex")}`;
}

/**
 * The hash of a connector spec's data — client settings, endpoints, tables, keys, incremental — as
 * `sha256:<hex>`. Functions count by their source text; other non-plain objects (validation schemas,
 * whose internals change as they are used) by their class name only: the tables' columns carry the shape.
 */
export function connectorSpecHash(connector: ConnectorSpec): string {
  return `sha256:${createHash("sha256").update(canonical(connector, new Set())).digest("hex")}`;
}

function canonical(value: unknown, seen: Set<object>): string {
  if (typeof value === "function") return JSON.stringify(`function ${value.toString()}`);
  if (typeof value === "bigint") return JSON.stringify(`bigint ${value.toString()}`);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (seen.has(value)) return '"[cycle]"';
  const proto = Object.getPrototypeOf(value) as object | null;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return JSON.stringify(`[${value.constructor?.name ?? "object"}]`);
  seen.add(value);
  const text = Array.isArray(value)
    ? `[${value.map((v) => canonical(v, seen)).join(",")}]`
    : `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], seen)}`)
        .join(",")}}`;
  seen.delete(value);
  return text;
}
