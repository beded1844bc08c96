// Following local refs in a bundled document.
import { SpecError } from "./errors.ts";
import type { LoadedSpec } from "./load.ts";
import { parsePointer, splitRef, valueAt } from "./pointer.ts";

/** The value a local ref (`#/components/schemas/Pet`) points to; SpecError when there is none. */
export function resolveRef(spec: LoadedSpec, ref: string): unknown {
  const parts = splitRef(ref);
  const tokens = parts.file === "" ? parsePointer(parts.pointer) : undefined;
  const value = tokens === undefined ? undefined : valueAt(spec.document, tokens);
  if (value === undefined) throw new SpecError(spec.source, parts.pointer, `$ref ${JSON.stringify(ref)} does not resolve in the bundled document`);
  return value;
}

/** `value` with `$ref`s followed until a non-ref (3.1 sibling keys of a ref are dropped); cycles end in a SpecError. */
export function deref(spec: LoadedSpec, value: unknown): unknown {
  return follow(spec, value, "throw");
}

/** `deref`, except that a loop of aliases (`A: {$ref: A}`) is undefined: it constrains nothing. */
export function derefOrUndefined(spec: LoadedSpec, value: unknown): unknown {
  return follow(spec, value, "undefined");
}

function follow(spec: LoadedSpec, value: unknown, onCycle: "throw" | "undefined"): unknown {
  const seen = new Set<string>();
  let current = value;
  while (typeof current === "object" && current !== null && typeof (current as { $ref?: unknown }).$ref === "string") {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref) && onCycle === "undefined") return undefined;
    if (seen.has(ref)) throw new SpecError(spec.source, splitRef(ref).pointer, `$ref ${JSON.stringify(ref)} refers to itself through ${[...seen].join(" → ")}`);
    seen.add(ref);
    current = resolveRef(spec, ref);
  }
  return current;
}
