// oauth2_client_credentials auth: a bearer token fetched lazily, refreshed before expiry and once on a 401.
import crossFetch from "cross-fetch";
import { z } from "zod";
import { ConfigError } from "../errors.ts";
import { notYet, positiveInt, secretOnly, secretRef } from "../grammar.ts";
import { systemClock, type Clock } from "../http/clock.ts";
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_SECONDS } from "../http/defaults.ts";
import { isSecretRef, resolveSecret, resolveSecretOr, type SecretSource } from "../secrets/resolve.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { AuthSpec } from "../connector.ts";
import type { Auth } from "../hooks.ts";
import type { AuthOptions } from "./auth.ts";
import { setHeader } from "./headers.ts";
import { defineAuthKind } from "./kind.ts";
import { requestToken, type TokenRequestConfig } from "./token-request.ts";

/** The oauth2_client_credentials member of AuthSpec. */
export type OAuth2Spec = Extract<AuthSpec, { type: "oauth2_client_credentials" }>;

/** The token request plus the lifetime assumed when the response has no `expires_in`. */
export interface OAuth2Config extends TokenRequestConfig {
  readonly defaultTokenExpiration: number;
}

/** A token is refreshed when less than min(60 s, 10% of its lifetime) remains. */
const MAX_SKEW_MS = 60_000;
const SKEW_FRACTION = 0.1;

/** An Auth sending `Authorization: Bearer <token>`; the token and form live only in closures. */
export function oauth2Auth(config: OAuth2Config): Auth {
  const clock: Clock = config.clock;
  let current: { readonly value: string; readonly refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;
  // One token request at a time: concurrent requests (read-ahead) share it.
  const fetchToken = (signal: AbortSignal | undefined): Promise<string> => {
    pending ??= (async () => {
      const started = clock.now();
      const grant = await requestToken(config, signal);
      const lifetimeMs = (grant.expiresInSeconds ?? config.defaultTokenExpiration) * 1000;
      current = { value: grant.accessToken, refreshAt: started + lifetimeMs - Math.min(MAX_SKEW_MS, lifetimeMs * SKEW_FRACTION) };
      return grant.accessToken;
    })().finally(() => {
      pending = null;
    });
    return pending;
  };
  return {
    apply: async (request, signal) => {
      const token = current !== null && clock.now() < current.refreshAt ? current.value : await fetchToken(signal);
      return setHeader(request, "Authorization", `Bearer ${token}`);
    },
    onUnauthorized: async (signal) => {
      current = null;
      await fetchToken(signal);
      return true;
    },
  };
}

/** Resolves the client credentials, registers them with the redactor and validates the token URL. */
export function createOAuth2Auth(spec: OAuth2Spec, secrets: SecretSource, redactor: Redactor, options: AuthOptions = {}): Auth {
  const clientId = resolveSecretOr(spec.clientId, secrets);
  const clientSecret = resolveSecret(spec.clientSecret, secrets);
  if (isSecretRef(spec.clientId)) redactor.add(clientId);
  redactor.addBasic(clientId, clientSecret);
  const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" });
  for (const [name, value] of Object.entries(spec.accessTokenRequestData)) form.set(name, value);
  return oauth2Auth({
    url: tokenUrl(spec.accessTokenUrl, redactor),
    form,
    fetch: options.fetch ?? crossFetch,
    clock: options.clock ?? systemClock,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutSeconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    redactor,
    defaultTokenExpiration: spec.defaultTokenExpiration,
  });
}

/** The token URL, which must be absolute http(s); a ConfigError otherwise. */
function tokenUrl(text: string, redactor: Redactor): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === "http:" || url.protocol === "https:")) return url;
  const message = `expected an absolute http(s) URL, got ${JSON.stringify(redactor.redactUrl(text))}`;
  throw new ConfigError("oauth2_client_credentials auth", [{ path: "access_token_url", message }]);
}

/** dlt's defaults: no extra form fields; a token without `expires_in` lives an hour. */
export const oauth2Kind = defineAuthKind({
  type: "oauth2_client_credentials",
  grammar: {
    access_token_url: z.url({ protocol: /^https?$/ }),
    client_id: z.union([z.string().min(1), secretRef]),
    client_secret: secretOnly,
    access_token_request_data: z.record(z.string(), z.string()).optional(),
    default_token_expiration: positiveInt.optional(),
    access_token: notYet("access_token", "a static token is a bearer token: use type bearer"),
  },
  secrets: ["client_id", "client_secret"],
  resolve: (c): OAuth2Spec => ({
    type: "oauth2_client_credentials",
    accessTokenUrl: c.access_token_url,
    clientId: c.client_id,
    clientSecret: c.client_secret,
    accessTokenRequestData: c.access_token_request_data ?? {},
    defaultTokenExpiration: c.default_token_expiration ?? 3600,
  }),
  create: createOAuth2Auth,
});
