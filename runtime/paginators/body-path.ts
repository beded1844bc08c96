// Dot paths into JSON request bodies (dlt's *_body_path): read back, and written copy-on-write.
import { ConfigError, PaginationError } from "../errors.ts";
import type { PageRequest } from "../http/request.ts";
import { describeValue } from "../select/describe.ts";

/** A parsed body path: the option it came from, its text and its keys. */
export interface BodyKeyPath {
  /** e.g. "offset paginator", for messages. */
  readonly who: string;
  /** e.g. "offset_body_path", for messages. */
  readonly option: string;
  readonly path: string;
  readonly keys: readonly string[];
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Splits `path` on dots; throws ConfigError when it is empty or has an empty key (`a..b`, `.a`). */
export function parseBodyPath(who: string, option: string, path: string): BodyKeyPath {
  const keys = path.split(".");
  if (keys.some((key) => key === "")) {
    throw new ConfigError(who, [{ path: `paginator.${option}`, message: `"${path}" is not a dot path of non-empty keys (e.g. "paging.cursor")` }]);
  }
  return { who, option, path, keys };
}

/** The value at `at` in the request's JSON body; undefined when the body or any key is absent. */
export function readBodyValue(request: PageRequest, at: BodyKeyPath): unknown {
  let node: unknown = request.json;
  for (const key of at.keys) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** `node` (an object, or absent) with `value` set at keys[index..]; copies every object on the way. */
function put(node: unknown, at: BodyKeyPath, index: number, value: unknown): JsonObject {
  if (node !== undefined && !isObject(node)) {
    const where = index === 0 ? "the JSON request body" : `\`${at.keys.slice(0, index).join(".")}\` in the JSON request body`;
    throw new PaginationError(`${at.who}: cannot write ${at.option} \`${at.path}\`: ${where} is a ${describeValue(node)}, not an object`);
  }
  const object: JsonObject = node ?? {};
  const key = at.keys[index] ?? "";
  const child = index === at.keys.length - 1 ? value : put(Object.hasOwn(object, key) ? object[key] : undefined, at, index + 1, value);
  return { ...object, [key]: child };
}

/**
 * A copy of `request` whose JSON body has `value` at `at`, nested objects created as needed (no body
 * or a null body starts as `{}`); the input request and body are never mutated. Throws ConfigError
 * when the request sends a form body, PaginationError when the body or a key on the way is not an object.
 */
export function writeBodyValue(request: PageRequest, at: BodyKeyPath, value: string | number): PageRequest {
  if (request.form !== undefined) {
    throw new ConfigError(at.who, [{ path: `paginator.${at.option}`, message: "writes into the JSON body, but the endpoint sends a form body (data)" }]);
  }
  return { ...request, json: put(request.json ?? undefined, at, 0, value) };
}
