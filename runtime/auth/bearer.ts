// bearer auth: `Authorization: Bearer <token>`.
import { secretOnly } from "../grammar.ts";
import { resolveSecret, type SecretSource } from "../secrets/resolve.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { AuthSpec } from "../connector.ts";
import type { Auth } from "../hooks.ts";
import { setHeader } from "./headers.ts";
import { defineAuthKind } from "./kind.ts";

export type BearerSpec = Extract<AuthSpec, { type: "bearer" }>;

/** An Auth setting `Authorization: Bearer <token>` (the token lives only in a closure). */
export function bearerAuth(token: string): Auth {
  return { apply: (request) => setHeader(request, "Authorization", `Bearer ${token}`) };
}

/** Resolves the token and registers it with the redactor. */
export function createBearerAuth(spec: BearerSpec, secrets: SecretSource, redactor: Redactor): Auth {
  const token = resolveSecret(spec.token, secrets);
  redactor.add(token);
  return bearerAuth(token);
}

export const bearerKind = defineAuthKind({
  type: "bearer",
  grammar: { token: secretOnly },
  secrets: ["token"],
  resolve: (c): BearerSpec => ({ type: "bearer", token: c.token }),
  create: createBearerAuth,
});
