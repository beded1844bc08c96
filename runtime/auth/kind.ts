// An auth kind: everything about one `auth.type` in one place — its config grammar (dlt's keys, zod),
// how dlt's defaults resolve into its spec, which keys hold secrets, and its behaviour. The registry
// (index.ts) lists the kinds; the generator's config schema, the model and init all ask it.
import type { z } from "zod";
import type { KindConfig } from "../kind.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import type { Auth } from "../hooks.ts";
import type { AuthOptions } from "./auth.ts";

export interface AuthKind<T extends string = string, G extends z.ZodRawShape = z.ZodRawShape, S extends { readonly type: T } = { readonly type: T }> {
  readonly type: T;
  /** dlt's keys besides `type`, in the order the JSON Schema lists them. */
  readonly grammar: G;
  /** The keys holding a credential as a `{"$secret": name}` reference (init names each secret after its key). */
  readonly secrets: readonly string[];
  /** dlt's defaults applied: a validated config → the fully defaulted spec. */
  resolve(config: KindConfig<T, G>): S;
  /**
   * The behaviour: resolves the spec's secrets now (a missing one throws MissingSecretError before any
   * request) and registers every secret value with `redactor`.
   */
  create(spec: S, secrets: SecretSource, redactor: Redactor, options: AuthOptions): Auth;
}

/** The spec type a kind resolves to. */
export type AuthSpecOf<K> = K extends AuthKind<string, z.ZodRawShape, infer S> ? S : never;

/** Declares a kind (the identity, typed: `resolve` sees the kind's own config, `secrets` names its own keys). */
export function defineAuthKind<T extends string, G extends z.ZodRawShape, S extends { readonly type: T }>(
  kind: AuthKind<T, G, S> & { readonly secrets: readonly (keyof G & string)[] },
): AuthKind<T, G, S> {
  return kind;
}
