// Every `$ref` made one openapi-typescript types right: `#/components/<kind>/<name>`, spelled as it
// decodes it. openapi-typescript types any other ref as an indexed access along its pointer
// (`components["schemas"]["X"]["allOf"][0]`, `paths["/a"]["get"]["parameters"][0]`, `x-defs["Foo"]`),
// which names no property of the type it indexes, an optional one or no type at all. So the target
// of such a ref — a schema inside another schema or outside `components`, a parameter, response or
// header inside a path — becomes a component of its own kind, named after its pointer
// (`components["schemas"]["X/allOf/0"]`, `components["parameters"]["paths/~1a/get/parameters/0"]`),
// the same object typed on its own. A ref to what is no schema (a `required` list) is typed unknown,
// as schema.ts accepts it, with a warning.
import { parsePointer, splitRef, toPointer, valueAt } from "../../openapi/spec/index.ts";
import { canonicalRef, COMPONENTS_KEY, targetKind, type ComponentsKey } from "./ref-targets.ts";
import { mapRefs, refLocations, setOwn } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface Hoisted {
  readonly document: Json;
  /** The ref `document` uses for the target of `ref` (any spelling of it); undefined when that target is typed unknown. */
  refFor(ref: string): string | undefined;
  /** The refs of the hoisted components. */
  readonly hoisted: ReadonlySet<string>;
  /** Pointer tokens in `document` → the same place in the input (a hoisted component is where it was hoisted from). */
  origin(tokens: readonly string[]): readonly string[];
  readonly warnings: readonly string[];
}

/** `an array`, `a string`, … for a warning. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object of no kind types.ts can type there" : `a ${typeof value}`;
}

/** The component name of a hoisted target: `X/allOf/0` under the schema `X`, the pointer itself elsewhere. */
function hoistedName(tokens: readonly string[], key: ComponentsKey): string {
  return tokens[0] === "components" && tokens[1] === key ? tokens.slice(2).join("/") : toPointer(tokens).slice(1);
}

function localTokens(ref: string): string[] | undefined {
  const { file, pointer } = splitRef(ref);
  return file === "" ? parsePointer(pointer) : undefined;
}

/** `document` (not changed) with every ref pointing at a component, hoisting or typing unknown where needed. */
export function hoistInnerRefs(document: Json): Hoisted {
  const components = isObject(document["components"]) ? document["components"] : {};
  const taken = new Map<ComponentsKey, Set<string>>();
  const takenIn = (key: ComponentsKey): Set<string> => {
    let set = taken.get(key);
    if (set === undefined) taken.set(key, (set = new Set(isObject(components[key]) ? Object.keys(components[key]) : [])));
    return set;
  };
  // Keyed by the canonical spelling of each target's ref, so that every spelling of one target gets one component.
  const byTarget = new Map<string, string>();
  const unknownTargets = new Set<string>();
  const hoisted: { key: ComponentsKey; name: string; target: unknown; tokens: readonly string[] }[] = [];
  const warnings: string[] = [];
  for (const [ref, at] of refLocations(document)) {
    const tokens = localTokens(ref);
    const target = tokens === undefined ? undefined : valueAt(document, tokens);
    if (tokens === undefined || target === undefined) continue;
    const canonical = canonicalRef(tokens);
    if (byTarget.has(canonical) || unknownTargets.has(canonical)) continue;
    const kind = targetKind(document, tokens);
    if (tokens.length === 3 && tokens[0] === "components" && kind !== undefined && COMPONENTS_KEY[kind] === tokens[1]) continue;
    if (kind === undefined || !isObject(target)) {
      unknownTargets.add(canonical);
      const what = typeof target === "boolean" ? `the boolean schema ${String(target)}` : `no ${kind ?? "schema"} (${describe(target)})`;
      warnings.push(`#${toPointer(at)}: $ref ${JSON.stringify(ref)} points at ${what}; types.ts types it unknown`);
      continue;
    }
    const key = COMPONENTS_KEY[kind];
    const names = takenIn(key);
    let name = hoistedName(tokens, key);
    while (names.has(name)) name += "_";
    names.add(name);
    byTarget.set(canonical, canonicalRef(["components", key, name]));
    hoisted.push({ key, name, target, tokens });
  }
  const refFor = (ref: string): string | undefined => {
    const tokens = localTokens(ref);
    if (tokens === undefined) return ref;
    const canonical = canonicalRef(tokens);
    return unknownTargets.has(canonical) ? undefined : (byTarget.get(canonical) ?? canonical);
  };
  const map = (ref: string): string | Json => refFor(ref) ?? {};
  const out = mapRefs(document, map) as Json;
  const outComponents = isObject(out["components"]) ? out["components"] : (out["components"] = {});
  for (const { key, name, target } of hoisted) {
    const section = isObject(outComponents[key]) ? outComponents[key] : (outComponents[key] = {});
    setOwn(section, name, mapRefs(target, map));
  }
  const origins = new Map(hoisted.map((h) => [`${h.key}/${h.name}`, h.tokens]));
  return {
    document: out,
    refFor,
    hoisted: new Set(byTarget.values()),
    origin: (tokens) => {
      const from = tokens[0] === "components" ? origins.get(`${tokens[1]}/${tokens[2]}`) : undefined;
      return from === undefined ? tokens : [...from, ...tokens.slice(3)];
    },
    warnings,
  };
}
