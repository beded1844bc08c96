// http_basic auth: `Authorization: Basic base64(user:pass)`.
import { z } from "zod";
import { secretOnly, secretRef } from "../grammar.ts";
import { isSecretRef, resolveSecretOr, type SecretSource } from "../secrets/resolve.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { AuthSpec } from "../connector.ts";
import type { Auth } from "../hooks.ts";
import { setHeader } from "./headers.ts";
import { defineAuthKind } from "./kind.ts";

export type HttpBasicSpec = Extract<AuthSpec, { type: "http_basic" }>;

/** An Auth setting `Authorization: Basic base64(user:pass)` (credentials live only in a closure). */
export function httpBasicAuth(username: string, password: string): Auth {
  const value = `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  return { apply: (request) => setHeader(request, "Authorization", value) };
}

/** Resolves the credentials and registers the password, `user:pass` and a secret username. */
export function createHttpBasicAuth(spec: HttpBasicSpec, secrets: SecretSource, redactor: Redactor): Auth {
  const username = resolveSecretOr(spec.username, secrets);
  const password = resolveSecretOr(spec.password, secrets);
  if (isSecretRef(spec.username)) redactor.add(username);
  redactor.addBasic(username, password);
  return httpBasicAuth(username, password);
}

/** The username may be literal or a secret; the password is always a secret. */
export const httpBasicKind = defineAuthKind({
  type: "http_basic",
  grammar: { username: z.union([z.string(), secretRef]), password: secretOnly },
  secrets: ["username", "password"],
  resolve: (c): HttpBasicSpec => ({ type: "http_basic", username: c.username, password: c.password }),
  create: createHttpBasicAuth,
});
