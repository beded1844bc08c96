// `$ref` cycles that an emitter cannot express, cut; alias chains collapsed. A reference is *eager*
// when the emitted code needs the target's definition to define the referrer: through `allOf`,
// `oneOf`, `anyOf`, `not` and a bare `$ref` (an alias); for TypeScript types also array items,
// which `components["schemas"]["X"][]` resolves at once inside an interface (TS2502). A loop of
// the first kind never reaches a value (JSON Schema leaves it undefined, zod recurses forever, tsc
// refuses it), so each back-edge of a depth-first walk over the eager references is replaced by
// `{}` (unknown). Loops through properties and `additionalProperties` (and, for zod, items)
// consume input and stay recursive; types.ts turns loops through items into interfaces
// (typeable.ts). Every alias then points at the end of its chain (`A0` → `A2000` rather than
// `A1`), so no emitted type or schema nests a chain's length deep.
import { isAnnotationOnly, isSchemaObject, readString } from "../openapi/schema-read.ts";

/** Keywords whose sub-schemas are eager for zod (they validate the same value). */
export const VALIDATOR_EAGER: readonly string[] = ["allOf", "oneOf", "anyOf", "not"];
/** Keywords whose sub-schemas are eager for openapi-typescript's types. */
export const TYPE_EAGER: readonly string[] = [...VALIDATOR_EAGER, "items", "prefixItems"];

/** A cut reference: in `from`'s schema, an eager `$ref` to `to`, now `{}`. */
export interface CutRef {
  readonly from: string;
  readonly to: string;
  /** The refs of the loop it closed, from `to` to `from`. */
  readonly loop: readonly string[];
}

export interface Acyclic {
  /** The schema to emit for a `$ref`: cut and alias-collapsed where needed, else the spec's own. */
  resolve(ref: string): unknown;
  /** Every cut, in walk order. */
  readonly cuts: readonly CutRef[];
}

/**
 * Walks the eager positions of `schema`; at each `$ref` object, `visit` may return a replacement.
 * Returns `schema` itself when nothing was replaced, else a copy along the replaced paths.
 */
function walkEager(schema: unknown, eager: readonly string[], visit: (ref: string) => unknown, active = new Set<object>()): unknown {
  if (!isSchemaObject(schema) || active.has(schema)) return schema;
  const ref = readString(schema, "$ref");
  if (ref !== undefined) return visit(ref) ?? schema;
  active.add(schema);
  try {
    let copy: Record<string, unknown> | undefined;
    for (const key of eager) {
      const value = schema[key];
      const next = Array.isArray(value) ? mapList(value, (item) => walkEager(item, eager, visit, active)) : walkEager(value, eager, visit, active);
      if (next !== value) (copy ??= { ...schema })[key] = next;
    }
    return copy ?? schema;
  } finally {
    active.delete(schema);
  }
}

function mapList(list: readonly unknown[], f: (item: unknown) => unknown): readonly unknown[] {
  const out = list.map(f);
  return out.every((item, i) => item === list[i]) ? list : out;
}

/** The eager `$ref`s of a schema, in document order, unique. */
export function eagerRefs(schema: unknown, eager: readonly string[]): string[] {
  const out = new Set<string>();
  walkEager(schema, eager, (ref) => void out.add(ref));
  return [...out];
}

/**
 * Cuts the eager cycles among the schemas reachable from `roots` (refs, walked in order) and
 * collapses alias chains. `lookup` returns a ref's schema, or undefined when it does not resolve.
 */
export function acyclic(
  roots: readonly string[],
  lookup: (ref: string) => unknown,
  eagerIn: readonly string[] | ((ref: string) => readonly string[]),
): Acyclic {
  const eagerOf = typeof eagerIn === "function" ? eagerIn : () => eagerIn;
  const state = new Map<string, "active" | "done">();
  const backEdges = new Map<string, Set<string>>();
  const cuts: CutRef[] = [];
  // Iterative, so that a chain of thousands of aliases cannot overflow the stack.
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack = [{ ref: root, targets: eagerRefs(lookup(root), eagerOf(root)), next: 0 }];
    state.set(root, "active");
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const to = top.targets[top.next++];
      if (to === undefined) {
        stack.pop();
        state.set(top.ref, "done");
        continue;
      }
      const seen = state.get(to);
      if (seen === "active") {
        const set = backEdges.get(top.ref) ?? new Set();
        backEdges.set(top.ref, set.add(to));
        const loop = stack.slice(stack.findIndex((entry) => entry.ref === to)).map((entry) => entry.ref);
        cuts.push({ from: top.ref, to, loop });
      } else if (seen === undefined && lookup(to) !== undefined) {
        state.set(to, "active");
        stack.push({ ref: to, targets: eagerRefs(lookup(to), eagerOf(to)), next: 0 });
      }
    }
  }
  const cut = new Map<string, unknown>();
  for (const [from, targets] of backEdges)
    cut.set(
      from,
      walkEager(lookup(from), eagerOf(from), (ref) => (targets.has(ref) ? {} : undefined)),
    );
  const afterCuts = (ref: string): unknown => (cut.has(ref) ? cut.get(ref) : lookup(ref));
  // An alias marked `nullable: true` (3.0) admits null wherever its chain is used: carried along.
  const ends = new Map<string, { readonly end: string; readonly nullable: boolean }>();
  /** The last ref of the alias chain from `ref` (itself when it is no alias); memoized, so all chains cost linear time. */
  const endOf = (ref: string): { readonly end: string; readonly nullable: boolean } => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = ref;
    let found = ends.get(current);
    while (found === undefined) {
      const next = aliasOf(afterCuts(current));
      if (next === undefined || onPath.has(next) || next === current || afterCuts(next) === undefined) found = { end: current, nullable: false };
      else {
        path.push(current);
        onPath.add(current);
        current = next;
        found = ends.get(current);
      }
    }
    let nullable = found.nullable;
    for (const step of path.reverse()) {
      nullable ||= nullableAlias(afterCuts(step));
      ends.set(step, { end: found.end, nullable });
    }
    return ends.get(ref) ?? found;
  };
  const resolve = (ref: string): unknown => {
    const schema = afterCuts(ref);
    const target = aliasOf(schema);
    if (target === undefined || !isSchemaObject(schema) || afterCuts(target) === undefined) return schema;
    const { end, nullable } = endOf(target);
    if (end === target) return schema;
    return nullable && schema["nullable"] !== true ? { ...schema, $ref: end, nullable: true } : { ...schema, $ref: end };
  };
  return { resolve, cuts };
}

function nullableAlias(schema: unknown): boolean {
  return isSchemaObject(schema) && schema["nullable"] === true;
}

/** The `$ref` of a schema that is only a reference (plus annotations), else undefined. */
export function aliasOf(schema: unknown): string | undefined {
  if (!isSchemaObject(schema)) return undefined;
  const { $ref: ref, ...rest } = schema;
  return typeof ref === "string" && isAnnotationOnly(rest) ? ref : undefined;
}
