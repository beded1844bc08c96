// Discriminators as openapi-typescript can type them. It narrows each mapped schema's tag property
// to the mapping's keys, reading mapping values as refs verbatim, and tags an unmapped `$ref` member
// of a `oneOf` with the last segment of its ref as written (`ns~1Tiger`, `Animal~1oneOf~10`). So,
// in the document it is given: each mapping value becomes the ref the document uses for its target
// (a bare schema name its component's ref, a ref into another schema the hoisted component); a
// value that points at nothing is left out, with a warning; an unmapped member that is a component
// whose ref escapes its name is mapped from its name, as OpenAPI's implicit mapping does; and an
// unmapped member that is no component (a hoisted inner schema), which OpenAPI gives no tag, is
// wrapped in an allOf so that none is invented.
import { parsePointer, splitRef, toPointer, valueAt } from "../../openapi/spec/index.ts";
import type { Hoisted } from "./hoist.ts";
import { canonicalRef } from "./ref-targets.ts";
import { setOwn, tokensOf, type PathStep } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every object of `value` (literal values, `x-` extensions and a `$ref`'s siblings skipped) with its pointer, once each. */
function objects(value: unknown, visit: (node: Json, at: PathStep | undefined) => void): void {
  const seen = new Set<object>();
  const walk = (node: unknown, at: PathStep | undefined): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, { parent: at, token: String(i) });
      return;
    }
    if (typeof (node as Json)["$ref"] === "string") return;
    visit(node as Json, at);
    for (const [key, child] of Object.entries(node)) if (!LITERAL_KEYS.has(key) && !key.startsWith("x-")) walk(child, { parent: at, token: key });
  };
  walk(value, undefined);
}

/** The component name of `#/components/schemas/<name>`, else undefined. */
function schemaComponent(ref: string): string | undefined {
  const { file, pointer } = splitRef(ref);
  const tokens = file === "" ? parsePointer(pointer) : undefined;
  return tokens?.length === 3 && tokens[0] === "components" && tokens[1] === "schemas" ? tokens[2] : undefined;
}

/** Rewrites, in place, the discriminators of `hoisted.document` (typeable's own copy); returns the warnings. */
export function typeableDiscriminators(hoisted: Hoisted): string[] {
  const document = hoisted.document;
  const warnings = new Set<string>();
  objects(document, (node, at) => {
    const discriminator = node["discriminator"];
    if (!isObject(discriminator) || typeof discriminator["propertyName"] !== "string") return;
    const mapping: Record<string, string> = {};
    const given = isObject(discriminator["mapping"]) ? discriminator["mapping"] : {};
    for (const [tag, value] of Object.entries(given)) {
      const where = `#${toPointer(hoisted.origin([...tokensOf(at), "discriminator", "mapping", tag]))}`;
      const ref = typeof value !== "string" ? undefined : value.startsWith("#") ? hoisted.refFor(value) : canonicalRef(["components", "schemas", value]);
      const tokens = ref === undefined ? undefined : parsePointer(splitRef(ref).pointer);
      const target = tokens === undefined ? undefined : valueAt(document, tokens);
      if (ref !== undefined && isObject(target)) {
        setOwn(mapping, tag, ref);
        continue;
      }
      const what =
        typeof value !== "string" ? "is no ref or schema name" : target === undefined && ref !== undefined ? "points at nothing" : "points at no schema";
      warnings.add(`${where}: ${JSON.stringify(value)} ${what}; types.ts leaves that tag out`);
    }
    const mapped = new Set(Object.values(mapping));
    const oneOf = node["oneOf"];
    if (Array.isArray(oneOf)) {
      node["oneOf"] = oneOf.map((member: unknown) => {
        const ref = isObject(member) && typeof member["$ref"] === "string" ? member["$ref"] : undefined;
        if (ref === undefined || mapped.has(ref)) return member;
        const name = hoisted.hoisted.has(ref) ? undefined : schemaComponent(ref);
        if (name === undefined) return { allOf: [member] };
        if (ref.slice(ref.lastIndexOf("/") + 1) !== name && !Object.hasOwn(mapping, name)) setOwn(mapping, name, ref);
        return member;
      });
    }
    if (Object.keys(mapping).length > 0 || discriminator["mapping"] !== undefined) node["discriminator"] = { ...discriminator, mapping };
  });
  return [...warnings];
}
