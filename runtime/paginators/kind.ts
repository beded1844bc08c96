// A paginator kind: everything about one `paginator.type` in one place — its config grammar (dlt's
// keys, zod), how dlt's defaults resolve into its spec, whether it can stop, which query params it
// writes, and its behaviour. The registry (index.ts) lists the kinds; the generator's config schema,
// the model, auto-detection and init all ask it.
import { z } from "zod";
import type { Paginator } from "./paginator.ts";

/** A validated config of one kind: `type` and the kind's own keys. */
export type KindConfig<T extends string, G extends z.ZodRawShape> = { readonly type: T } & z.output<z.ZodObject<G>>;

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

/** The kind's config object as dlt writes it: `{"type": "<type>", ...its keys}`, unknown keys refused. */
export function kindObject(kind: PaginatorKind): KindObject {
  return z.strictObject({ type: z.literal(kind.type), ...kind.grammar }) as KindObject;
}

/** What the config schema sees of a kind's object: its `type` (the other keys reach `resolve` as parsed). */
export type KindObject = z.ZodObject<{ type: z.ZodLiteral<string> }, z.core.$strict>;

/** Whether the kind may be given by name alone (none of its keys is required). */
export function hasShorthand(kind: PaginatorKind): boolean {
  return requiredKeys(kind).length === 0;
}

/** The keys a config of this kind must set. */
export function requiredKeys(kind: PaginatorKind): string[] {
  return Object.entries(kind.grammar)
    .filter(([, schema]) => !z.safeParse(schema, undefined).success)
    .map(([key]) => key);
}
