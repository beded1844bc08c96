// Auth construction: one factory per `AuthSpec["type"]`; adding a kind adds one row.
import type { Redactor } from "../secrets/redactor.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import type { AuthSpec } from "../connector.ts";
import { createApiKeyAuth } from "./api-key.ts";
import type { Auth, AuthOptions } from "./auth.ts";
import { createBearerAuth } from "./bearer.ts";
import { createHttpBasicAuth } from "./http-basic.ts";
import { createOAuth2Auth } from "./oauth2.ts";

type AuthFactory<S extends AuthSpec> = (spec: S, secrets: SecretSource, redactor: Redactor, options: AuthOptions) => Auth;

const factories: { readonly [K in AuthSpec["type"]]: AuthFactory<Extract<AuthSpec, { type: K }>> } = {
  api_key: createApiKeyAuth,
  bearer: createBearerAuth,
  http_basic: createHttpBasicAuth,
  custom: (spec) => spec.auth,
  oauth2_client_credentials: createOAuth2Auth,
};

/**
 * Builds the Auth for `spec`: resolves its secrets now (a missing one throws MissingSecretError
 * before any request) and registers every secret value with `redactor`. `options` supplies the
 * fetch, clock, retry settings and timeout of auths that make their own requests (OAuth2).
 */
export function createAuth(spec: AuthSpec, secrets: SecretSource, redactor: Redactor, options: AuthOptions = {}): Auth {
  // The table pairs each type with its own spec shape; TypeScript cannot correlate the lookup.
  const factory = factories[spec.type] as AuthFactory<AuthSpec>;
  return factory(spec, secrets, redactor, options);
}

export type { Auth, AuthOptions } from "./auth.ts";
