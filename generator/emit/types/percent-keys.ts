// Names with `%` carried through openapi-typescript. It builds a JSON pointer for each schema it
// types by appending raw names, then decodes that pointer as a URI fragment: a `%` that starts no
// percent-escape in a component, property, path or parameter name (`100%`, `cpu%`) throws "URI
// malformed". So before it runs, each `%` in a name — an object key, and the strings that name keys:
// `required`, a parameter's `name`, `discriminator.propertyName`, the tokens of a `$ref` — becomes a
// private-use character the document does not hold, and the printed types get their `%` back.
import { parsePointer, splitRef } from "../../openapi/spec/index.ts";
import { canonicalRef } from "./ref-targets.ts";
import { LITERAL_KEYS, NAME_MAPS as REF_NAME_MAPS, setOwn } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

/** The name maps refs.ts knows, plus `paths` (path templates are names too, and may hold `%`). */
const NAME_MAPS = new Set([...REF_NAME_MAPS, "paths"]);

export interface Carried {
  readonly document: Json;
  /** A name as it is in `document`. */
  swap(name: string): string;
  /** Printed text with its `%` back. */
  restore(text: string): string;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasPercentKey(node: unknown, seen = new Set<object>()): boolean {
  if (typeof node !== "object" || node === null || seen.has(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((item) => hasPercentKey(item, seen));
  return Object.entries(node).some(([key, child]) => key.includes("%") || hasPercentKey(child, seen));
}

/** `document` with `%` in names swapped out (itself when no key holds one). */
export function carryPercentKeys(document: Json): Carried {
  if (!hasPercentKey(document)) return { document, swap: (name) => name, restore: (text) => text };
  const text = JSON.stringify(document);
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code))) code++;
  const sentinel = String.fromCharCode(code);
  const swap = (name: string): string => name.replaceAll("%", sentinel);
  const swapRef = (ref: string): string => {
    const { file, pointer } = splitRef(ref);
    const tokens = file === "" ? parsePointer(pointer) : undefined;
    return tokens === undefined || !tokens.some((t) => t.includes("%")) ? ref : canonicalRef(tokens.map(swap));
  };
  // Its tags are values, not names: only the property and the refs change.
  const discriminator = (d: Json): Json => {
    const mapping = isObject(d["mapping"])
      ? Object.fromEntries(Object.entries(d["mapping"]).map(([tag, ref]) => [tag, typeof ref === "string" ? swapRef(ref) : ref]))
      : undefined;
    return { ...d, ...(typeof d["propertyName"] === "string" ? { propertyName: swap(d["propertyName"]) } : {}), ...(mapping === undefined ? {} : { mapping }) };
  };
  const copies = new Map<object, unknown>();
  const walk = (node: unknown, nameMap: boolean): unknown => {
    if (typeof node !== "object" || node === null) return node;
    const done = copies.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      copies.set(node, out);
      for (const item of node) out.push(walk(item, false));
      return out;
    }
    const out: Json = {};
    copies.set(node, out);
    const isParameter = !nameMap && typeof (node as Json)["in"] === "string";
    for (const [key, child] of Object.entries(node)) {
      let value: unknown;
      if (nameMap) value = walk(child, false);
      else if (key === "$ref" && typeof child === "string") value = swapRef(child);
      else if (key === "required" && Array.isArray(child)) value = child.map((name: unknown) => (typeof name === "string" ? swap(name) : name));
      else if (key === "name" && isParameter && typeof child === "string") value = swap(child);
      else if (key === "discriminator" && isObject(child)) value = discriminator(child);
      else value = LITERAL_KEYS.has(key) || key.startsWith("x-") ? child : walk(child, NAME_MAPS.has(key));
      setOwn(out, nameMap ? swap(key) : key, value);
    }
    return out;
  };
  const escaped = `\\\\u${code.toString(16).toUpperCase()}`;
  const printed = new RegExp(`(?<!\\\\)((?:\\\\\\\\)*)${escaped}`, "g");
  return {
    document: walk(document, false) as Json,
    swap,
    restore: (printedText) => printedText.replace(printed, "$1%").replaceAll(sentinel, "%"),
  };
}
