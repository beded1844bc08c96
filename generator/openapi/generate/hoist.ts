// References into another schema's inside (`#/components/schemas/X/allOf/0`, a property of a
// property, a response's schema) made components of their own, for openapi-typescript: it types such a ref as an
// indexed access into X's type (`components["schemas"]["X"]["allOf"][0]`), which names no
// property of the type it indexes, or an optional one. The hoisted component
// `components["schemas"]["X/allOf/0"]` is the same schema, typed on its own.
import { parsePointer, splitRef, valueAt } from "../spec/index.ts";
import { componentRef, mapRefs, refsIn } from "./refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The component name for a ref into a schema: `X/allOf/0` for `#/components/schemas/X/allOf/0`,
 * the pointer itself for one through a `schema` keyword elsewhere (a response's, a parameter's);
 * undefined for a whole component or a ref to no schema.
 */
function innerName(ref: string): string | undefined {
  const { file, pointer } = splitRef(ref);
  const tokens = file === "" ? parsePointer(pointer) : undefined;
  if (tokens === undefined) return undefined;
  if (tokens[0] === "components" && tokens[1] === "schemas") return tokens.length > 3 ? tokens.slice(2).join("/") : undefined;
  return (tokens[0] === "paths" || tokens[0] === "components") && tokens.includes("schema") ? pointer.slice(1) : undefined;
}

/** `document` with every inner schema ref pointing at a hoisted copy of its target (the same object when there is none). */
export function hoistInnerRefs(document: Json): Json {
  const components = isObject(document["components"]) ? document["components"] : {};
  const schemas = isObject(components["schemas"]) ? components["schemas"] : {};
  const hoisted = new Map<string, { ref: string; name: string; target: unknown }>();
  const taken = new Set(Object.keys(schemas));
  for (const ref of refsIn(document)) {
    const inner = innerName(ref);
    const target = inner === undefined ? undefined : valueAt(document, parsePointer(splitRef(ref).pointer) ?? []);
    if (inner === undefined || target === undefined) continue;
    let name = inner;
    while (taken.has(name)) name += "_";
    taken.add(name);
    hoisted.set(ref, { ref: componentRef(name), name, target });
  }
  if (hoisted.size === 0) return document;
  const map = (ref: string): string => hoisted.get(ref)?.ref ?? ref;
  const out = mapRefs(document, map) as Json;
  const outComponents = isObject(out["components"]) ? out["components"] : (out["components"] = {});
  const outSchemas = isObject(outComponents["schemas"]) ? outComponents["schemas"] : (outComponents["schemas"] = {});
  for (const { name, target } of hoisted.values()) outSchemas[name] = mapRefs(target, map);
  return out;
}
