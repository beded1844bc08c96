// A paginator kind: everything about one `paginator.type` in one place — its config grammar (dlt's
// keys, zod), how dlt's defaults resolve into its spec, whether it can stop, which query params it
// writes, and its behaviour. The registry (index.ts) lists the kinds; the generator's config schema,
// the model, auto-detection and init all ask it.
import type { z } from "zod";
import { requiredKeys, type KindConfig } from "../kind.ts";
import type { Paginator } from "../hooks.ts";

export { kindObject, requiredKeys, type KindConfig, type KindObject } from "../kind.ts";

export interface PaginatorKind<T extends string = string, G extends z.ZodRawShape = z.ZodRawShape, S extends { readonly type: T } = { readonly type: T }> {
  readonly type: T;
  /** dlt's keys besides `type`, in the order the JSON Schema lists them. A kind with no required key may be given as its name alone. */
  readonly grammar: G;
  /** dlt's defaults applied: a validated config → the fully defaulted spec, or why the config is refused. */
  resolve(config: KindConfig<T, G>): S | { readonly error: string };
  /** Set when some specs could page forever: the test, and the advice that follows "<type> paginator can never stop: ". */
  readonly stop?: { canStop(spec: S): boolean; readonly advice: string };
  /** The query params the paginator writes: name → the first request's value (undefined when only later requests carry one). */
  writes(spec: S): Readonly<Record<string, string | number | undefined>>;
  /** The behaviour: throws ConfigError for a spec it cannot use. */
  create(spec: S): Paginator;
}

/** The spec type a kind resolves to. */
export type SpecOf<K> = K extends PaginatorKind<string, z.ZodRawShape, infer S> ? S : never;

/** Declares a kind (the identity, typed: `resolve` sees the kind's own config). */
export function definePaginatorKind<T extends string, G extends z.ZodRawShape, S extends { readonly type: T }>(
  kind: PaginatorKind<T, G, S>,
): PaginatorKind<T, G, S> {
  return kind;
}

/** Whether the kind may be given by name alone (none of its keys is required). */
export function hasShorthand(kind: PaginatorKind): boolean {
  return requiredKeys(kind).length === 0;
}
