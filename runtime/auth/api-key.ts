// api_key auth: the key in a header, a query parameter or a cookie.
import { z } from "zod";
import { identifierLike, secretOnly } from "../grammar.ts";
import { withParam, type PageRequest } from "../http/request.ts";
import { resolveSecret, type SecretSource } from "../secrets/resolve.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { AuthSpec } from "../connector.ts";
import type { Auth } from "../hooks.ts";
import { addCookie, setHeader } from "./headers.ts";
import { defineAuthKind } from "./kind.ts";

export type ApiKeySpec = Extract<AuthSpec, { type: "api_key" }>;

/** An Auth placing `key` as header `name: key`, query `name=key` or cookie `name=key`. */
export function apiKeyAuth(name: string, location: ApiKeySpec["location"], key: string): Auth {
  // The key lives only in this closure: the returned object serializes and inspects without it.
  const place: Record<ApiKeySpec["location"], (request: PageRequest) => PageRequest> = {
    header: (request) => setHeader(request, name, key),
    query: (request) => withParam(request, name, key),
    cookie: (request) => addCookie(request, name, key),
  };
  const apply = place[location];
  return { apply: (request) => apply(request) };
}

/** Resolves the key, registers it (and a query parameter name) with the redactor. */
export function createApiKeyAuth(spec: ApiKeySpec, secrets: SecretSource, redactor: Redactor): Auth {
  const key = resolveSecret(spec.apiKey, secrets);
  redactor.add(key);
  if (spec.location === "query") redactor.addSensitiveParam(spec.name);
  return apiKeyAuth(spec.name, spec.location, key);
}

/** dlt's defaults: the `Authorization` header; location `param` means the query string. */
export const apiKeyKind = defineAuthKind({
  type: "api_key",
  grammar: {
    name: identifierLike.optional(),
    api_key: secretOnly,
    location: z.enum(["header", "query", "param", "cookie"]).optional(),
  },
  secrets: ["api_key"],
  resolve: (c): ApiKeySpec => ({
    type: "api_key",
    name: c.name ?? "Authorization",
    location: c.location === "param" ? "query" : (c.location ?? "header"),
    apiKey: c.api_key,
  }),
  create: createApiKeyAuth,
});
