// The pruned document, copied, in a shape whose openapi-typescript types compile: refs into other
// schemas' insides, or to anything but a whole component, hoisted to components (hoist.ts);
// schemas openapi-typescript cannot read typed unknown (schema-shapes.ts); discriminator mappings
// pointed at what the refs now point at (discriminators.ts); loops of allOf/oneOf/anyOf/`$ref` cut to unknown and
// alias chains collapsed, as schema.ts does (ref-cycles.ts); and the components on a loop through
// array items named, so their arrays become interfaces (defer-arrays.ts). A loop through items
// that no interface can hold (a tuple of itself) is cut to unknown as a last resort.
import { parsePointer, splitRef, valueAt } from "../../openapi/spec/index.ts";
import { acyclic, TYPE_EAGER, VALIDATOR_EAGER, type Acyclic } from "../ref-cycles.ts";
import { typeableDiscriminators } from "./discriminators.ts";
import { hoistInnerRefs } from "./hoist.ts";
import { typeableShapes } from "./schema-shapes.ts";
import { componentRefs, refsIn } from "../../openapi/refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Eager keywords of a component whose arrays become interfaces: its items no longer are. */
const DEFERRED_EAGER = TYPE_EAGER.filter((k) => k !== "items");

export interface Typeable {
  readonly document: Json;
  /** Names of the schema components whose top-level arrays must become interfaces. */
  readonly deferred: ReadonlySet<string>;
  /** What could not be typed as the spec writes it, located in the spec. */
  readonly warnings: readonly string[];
}

/** `document` with each schema component replaced by what `resolved` gives for it. */
function withSchemas(document: Json, resolved: Acyclic): Json {
  const components = isObject(document["components"]) ? document["components"] : {};
  const schemas = isObject(components["schemas"]) ? components["schemas"] : {};
  const refs = componentRefs(document);
  const rewritten = Object.fromEntries(Object.entries(schemas).map(([name, schema], i) => [name, resolved.resolve(refs[i]!) ?? schema]));
  return { ...document, components: { ...components, schemas: rewritten } };
}

/** The pruned document ready for openapi-typescript; `records` are the resources' record schemas. */
export function typeable(pruned: Json, records: readonly unknown[]): Typeable {
  const hoisted = hoistInnerRefs(pruned);
  const warnings = [...hoisted.warnings, ...typeableShapes(hoisted), ...typeableDiscriminators(hoisted)];
  let document = hoisted.document;
  const lookup = (ref: string): unknown => {
    const { file, pointer } = splitRef(ref);
    const tokens = file === "" ? parsePointer(pointer) : undefined;
    return tokens === undefined ? undefined : valueAt(document, tokens);
  };
  // Walked from the records, then in document order, as schema.ts is: both cut the same edges.
  const roots = [...refsIn(records).flatMap((ref) => hoisted.refFor(ref) ?? []), ...componentRefs(document)];
  document = withSchemas(document, acyclic(roots, lookup, VALIDATOR_EAGER));
  const deferred = new Set<string>();
  // Each round defers every component on a loop it finds; a round that finds no new one cuts.
  for (;;) {
    const round = acyclic(roots, lookup, (ref) => (deferred.has(ref) ? DEFERRED_EAGER : TYPE_EAGER));
    const fresh = round.cuts.flatMap((cut) => cut.loop).filter((ref) => !deferred.has(ref));
    if (fresh.length === 0) {
      if (round.cuts.length > 0) document = withSchemas(document, round);
      break;
    }
    for (const ref of fresh) deferred.add(ref);
  }
  const names = [...deferred].map((ref) => parsePointer(splitRef(ref).pointer)?.[2]).filter((name) => name !== undefined);
  return { document, deferred: new Set(names), warnings };
}
