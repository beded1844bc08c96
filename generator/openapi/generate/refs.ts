// The `$ref`s a piece of an OpenAPI document uses, in document order. Values of literal keywords
// (`example`, `default`, `const`, `enum`, `x-…`) are data and never refs, except where the key is a
// property name (inside `properties` and the other name → schema maps).

const LITERAL_KEYS = new Set(["example", "examples", "default", "const", "enum"]);
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas", "responses", "parameters", "headers", "content", "requestBodies", "callbacks", "links", "pathItems", "securitySchemes"]);

/** Every `$ref` string under `value` (a `$ref` object's siblings are not searched), in order, unique. */
export function refsIn(value: unknown): string[] {
  const out = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown, nameMap: boolean): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) walk(item, false);
      return;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (!nameMap && typeof ref === "string") {
      out.add(ref);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (!nameMap && (LITERAL_KEYS.has(key) || key.startsWith("x-"))) continue;
      walk(child, !nameMap && NAME_MAPS.has(key));
    }
  };
  walk(value, false);
  return [...out];
}
