// The auth registry: one line per kind (each kind's module holds its grammar, defaults, secret keys
// and behaviour), and createAuth, which builds an Auth from its spec.
import type { AuthSpec } from "../connector.ts";
import { ConfigError } from "../errors.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import { apiKeyKind } from "./api-key.ts";
import type { Auth } from "../hooks.ts";
import type { AuthOptions } from "./auth.ts";
import { bearerKind } from "./bearer.ts";
import { httpBasicKind } from "./http-basic.ts";
import type { AuthKind, AuthSpecOf } from "./kind.ts";
import { oauth2Kind } from "./oauth2.ts";

export type { Auth } from "../hooks.ts";
export type { AuthOptions } from "./auth.ts";
export type { AuthKind } from "./kind.ts";

/** Every auth kind the runtime implements, in the order messages list them (a `custom` $hook aside). */
export const authKinds = [apiKeyKind, bearerKind, httpBasicKind, oauth2Kind] as const;

/** The user's own Auth (a `$hook`): the one AuthSpec member without a kind. */
export type CustomAuthSpec = Extract<AuthSpec, { type: "custom" }>;

// AuthSpec (connector.ts, below auth/) cannot derive its members from this registry, so these two
// lines tie them: they fail to compile when a built-in member has no kind here, or a kind here
// resolves to a spec that is not a member.
type Registered<T extends (typeof authKinds)[number]["type"]> = T;
type Member<S extends AuthSpec> = S;
/** Every built-in auth type (all but `custom`). */
export type AuthType = Registered<Exclude<AuthSpec, CustomAuthSpec>["type"]>;
/** What the registry's kinds resolve to. */
export type BuiltInAuthSpec = Member<AuthSpecOf<(typeof authKinds)[number]>>;

/** The kind named `type` among `kinds`; undefined when none is. */
export function authKind(type: string, kinds: readonly AuthKind[] = authKinds): AuthKind | undefined {
  return kinds.find((kind) => kind.type === type);
}

/**
 * Builds the Auth for `spec`: resolves its secrets now (a missing one throws MissingSecretError
 * before any request) and registers every secret value with `redactor`. `options` supplies the
 * fetch, clock, retry settings and timeout of auths that make their own requests (OAuth2).
 */
export function createAuth(
  spec: AuthSpec | { readonly type: string },
  secrets: SecretSource,
  redactor: Redactor,
  options: AuthOptions = {},
  kinds: readonly AuthKind[] = authKinds,
): Auth {
  if (isCustom(spec)) return spec.auth;
  const kind = authKind(spec.type, kinds);
  if (kind === undefined) {
    const valid = [...kinds.map((k) => k.type), "custom"].join(", ");
    throw new ConfigError("auth spec", [{ path: "auth.type", message: `unknown auth type "${spec.type}"; valid types: ${valid}` }]);
  }
  return kind.create(spec, secrets, redactor, options);
}

function isCustom(spec: { readonly type: string }): spec is CustomAuthSpec {
  return spec.type === "custom";
}
