// Test helper (not a test file): an auth kind that exists only in tests, written the way a new kind
// is added — this one module, plus one registry line (here: the test's own list of kinds).
// `header_token`: a secret token in a header of the config's choosing, optionally after a scheme word.
import { identifierLike, secretOnly } from "../../../runtime/grammar.ts";
import { setHeader } from "../../../runtime/auth/headers.ts";
import { defineAuthKind } from "../../../runtime/auth/kind.ts";
import type { SecretRef } from "../../../runtime/connector.ts";
import { resolveSecret } from "../../../runtime/secrets/resolve.ts";

export interface HeaderTokenSpec {
  readonly type: "header_token";
  readonly token: SecretRef;
  readonly header: string;
  readonly scheme: string | null;
}

export const headerTokenKind = defineAuthKind({
  type: "header_token",
  grammar: { token: secretOnly, header: identifierLike.optional(), scheme: identifierLike.optional() },
  secrets: ["token"],
  resolve: (c): HeaderTokenSpec => ({ type: "header_token", token: c.token, header: c.header ?? "X-Auth-Token", scheme: c.scheme ?? null }),
  create: (spec, secrets, redactor) => {
    const token = resolveSecret(spec.token, secrets);
    redactor.add(token);
    const value = spec.scheme === null ? token : `${spec.scheme} ${token}`;
    return { apply: (request) => setHeader(request, spec.header, value) };
  },
});
