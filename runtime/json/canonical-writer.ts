// canonicalJson's fast path: plain parsed JSON (objects, arrays, strings, finite or not numbers,
// booleans, null) written directly, each object's keys in canonical order. The order is computed once
// per key list and reused for every object with the same keys in the same order (an API's records
// mostly share one), so a record costs one pass and no copies. Anything else — a bigint, an
// ExactDecimal, an object with toJSON, a class instance, a boxed primitive, nesting deeper than
// MAX_DEPTH (or a cycle) — returns NOT_PLAIN and the caller takes the general path, which handles all
// of them exactly as before (scd2's stored row hashes depend on every byte of this text).

/** The writer met a value it does not handle: the caller uses the general path. */
export const NOT_PLAIN: unique symbol = Symbol("not plain JSON");

/** Deeper than this is written by the general path (which also reports a cycle). */
const MAX_DEPTH = 256;

/** Remembered key lists: a few, as a record's objects have few shapes (the record, its sub-objects). */
const SHAPES = 16;

interface Shape {
  readonly keys: readonly string[];
  /** Positions in `keys`, in canonical order. */
  readonly order: readonly number[];
  /** `"key":` per position of `order`. */
  readonly members: readonly string[];
}

const shapes: Shape[] = [];

/** An array index as JS orders keys: a canonical integer string below 2^32 − 1. */
function isIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/** JS's key order for an object built with these keys: indices first (numeric), then code-unit order (what sorting and re-inserting gives). */
function canonicalOrder(a: string, b: string): number {
  const ai = isIndex(a);
  const bi = isIndex(b);
  if (ai && bi) return Number(a) - Number(b);
  if (ai !== bi) return ai ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function shapeOf(keys: readonly string[]): Shape {
  search: for (const shape of shapes) {
    if (shape.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue search;
    return shape;
  }
  const order = keys.map((_, i) => i).sort((a, b) => canonicalOrder(keys[a] as string, keys[b] as string));
  const shape: Shape = { keys: [...keys], order, members: order.map((i) => `${JSON.stringify(keys[i])}:`) };
  if (shapes.length >= SHAPES) shapes.shift();
  shapes.push(shape);
  return shape;
}

/** Canonical JSON of plain parsed JSON; undefined as JSON.stringify gives it; NOT_PLAIN for anything else. */
export function writeCanonical(value: unknown, depth = 0): string | undefined | typeof NOT_PLAIN {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      return NOT_PLAIN;
  }
  if (value === null) return "null";
  if (depth >= MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      const item = writeCanonical(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      text += `${i === 0 ? "" : ","}${item ?? "null"}`;
    }
    return `${text}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const object = value as Record<string, unknown>;
  if (typeof object["toJSON"] === "function") return NOT_PLAIN;
  const keys = Object.keys(object);
  const shape = shapeOf(keys);
  let text = "{";
  let first = true;
  for (let j = 0; j < shape.order.length; j++) {
    const member = writeCanonical(object[keys[shape.order[j] as number] as string], depth + 1);
    if (member === NOT_PLAIN) return NOT_PLAIN;
    if (member === undefined) continue;
    text += `${first ? "" : ","}${shape.members[j]}${member}`;
    first = false;
  }
  return `${text}}`;
}
