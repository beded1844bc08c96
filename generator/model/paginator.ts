// Resolves a paginator config into a fully defaulted spec through the runtime's paginator registry
// (each kind applies dlt's defaults and says whether it can stop).
import { paginatorKind, paginatorKinds, type PaginatorKind, type PaginatorSpec } from "../../runtime/paginators/index.ts";
import type { Paginator } from "../../runtime/hooks.ts";
import type { CustomPaginatorSpec } from "../../runtime/connector.ts";
import { HookRef } from "./hook.ts";

/** Applies dlt's defaults (any config but `auto`); returns an error message for an unknown kind or one that could never stop. */
export function resolvePaginator(
  config: string | ({ readonly type: string } & Readonly<Record<string, unknown>>),
  kinds: readonly PaginatorKind[] = paginatorKinds,
): PaginatorSpec | CustomPaginatorSpec | { error: string } {
  const c: { readonly type: string } & Readonly<Record<string, unknown>> = typeof config === "string" ? { type: config } : config;
  if (c.type === "custom") return { type: "custom", paginator: HookRef.parse(c as { readonly type: "custom"; readonly $hook: string }).as<Paginator>() };
  const kind = paginatorKind(c.type, kinds);
  if (kind === undefined) return { error: `unknown paginator type "${c.type}"` };
  // dlt: a value goes either into a query param or into the JSON body, never both.
  for (const key of Object.keys(kind.grammar).filter((k) => k.endsWith("_body_path"))) {
    const name = key.slice(0, -"_body_path".length);
    if (`${name}_param` in c && key in c) return { error: `either '${name}_param' or '${name}_body_path' must be provided, not both` };
  }
  const spec = kind.resolve(c);
  if ("error" in spec) return { error: spec.error };
  if (kind.stop !== undefined && !kind.stop.canStop(spec)) return { error: `${kind.type} paginator can never stop: ${kind.stop.advice}` };
  return spec as PaginatorSpec;
}
