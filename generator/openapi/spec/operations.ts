// Walking a spec's operations: path, method, the operation, and its parameters (path-level and
// operation-level merged, refs resolved; the operation's own win on the same name and location).
import { SpecError } from "./errors.ts";
import type { LoadedSpec } from "./load.ts";
import { toPointer } from "./pointer.ts";
import { deref } from "./resolve.ts";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Readonly<Record<string, unknown>>;

/** A Parameter Object with its ref resolved. */
export interface Parameter {
  readonly name: string;
  readonly in: "query" | "header" | "path" | "cookie";
  readonly required: boolean;
  /** The parameter's schema, refs not followed (undefined for `content`-style parameters). */
  readonly schema: unknown;
  readonly raw: JsonObject;
}

export interface Operation {
  readonly path: string;
  readonly method: HttpMethod;
  readonly operation: JsonObject;
  /** Path-level then operation-level parameters, merged by (in, name). */
  readonly parameters: readonly Parameter[];
  /** JSON pointer of the operation, e.g. `/paths/~1pets/get`. */
  readonly pointer: string;
}

const LOCATIONS = new Set(["query", "header", "path", "cookie"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parameters(spec: LoadedSpec, list: unknown, at: readonly (string | number)[]): Parameter[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SpecError(spec.source, toPointer(at), "expected a list of parameters");
  return list.map((item, i) => {
    const raw = deref(spec, item);
    if (!isObject(raw) || typeof raw.name !== "string" || typeof raw.in !== "string" || !LOCATIONS.has(raw.in)) {
      throw new SpecError(spec.source, toPointer([...at, i]), 'expected a parameter with a string "name" and "in" one of query, header, path, cookie');
    }
    return { name: raw.name, in: raw.in as Parameter["in"], required: raw.required === true || raw.in === "path", schema: raw.schema, raw };
  });
}

/** Every operation of the spec, in document order. */
export function operations(spec: LoadedSpec): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(spec.document.paths)) {
    const item = deref(spec, rawItem);
    if (!isObject(item)) throw new SpecError(spec.source, toPointer(["paths", path]), "expected a path item object");
    const shared = parameters(spec, item.parameters, ["paths", path, "parameters"]);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      if (!isObject(operation)) throw new SpecError(spec.source, toPointer(["paths", path, method]), "expected an operation object");
      const own = parameters(spec, operation.parameters, ["paths", path, method, "parameters"]);
      const key = (p: Parameter) => `${p.in}\u0000${p.name}`;
      const ownKeys = new Set(own.map(key));
      const merged = [...shared.filter((p) => !ownKeys.has(key(p))), ...own];
      out.push({ path, method, operation, parameters: merged, pointer: toPointer(["paths", path, method]) });
    }
  }
  return out;
}
