// Adding an auth kind: one module (header-token-kind.ts) and one registry line (the list below) give
// config validation, dlt-style defaults and behaviour; without the line the kind is unknown everywhere.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configIssues } from "../../../generator/config/issues.ts";
import { authGrammar } from "../../../generator/config/schema.ts";
import { resolveAuth } from "../../../generator/model/auth.ts";
import { authKinds, createAuth } from "../../../runtime/auth/index.ts";
import { ConfigError, MissingSecretError } from "../../../runtime/errors.ts";
import type { PageRequest } from "../../../runtime/http/request.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import { SECRET_NAMES } from "../../../runtime/vocabulary/secrets.ts";
import { errorOf } from "../paginators/script.ts";
import { headerTokenKind } from "./header-token-kind.ts";

const kinds = [...authKinds, headerTokenKind];
const grammar = authGrammar(kinds);
const TOKEN = { $secret: "svc_token" };
const SECRETS = { env: { SVC_TOKEN: "t0k3n-value" }, dotenv: {} };
const request: PageRequest = { method: "GET", url: new URL("https://api.test/items"), headers: { Accept: "application/json" } };

function issuesOf(config: unknown): string[] {
  const parsed = grammar.safeParse(config);
  return parsed.success ? [] : configIssues(parsed.error, { auth: config }, ["auth"]).map((i) => `${i.path}: ${i.message}`);
}

test("config validation: the kind's grammar joins the union; a literal secret, bad and unknown keys are named", () => {
  assert.equal(issuesOf({ type: "header_token", token: TOKEN, header: "X-Svc" }), []);
  const [literal] = issuesOf({ type: "header_token", token: "t0k3n-value" });
  assert.ok(literal?.startsWith("auth.token: expected a secret reference"), literal);
  assert.ok(!literal?.includes("t0k3n-value"), literal);
  assert.equal(issuesOf({ type: "header_token", token: TOKEN, header: "" }).length, 1);
  assert.equal(issuesOf({ type: "header_token", token: TOKEN, location: "query" }), ["auth.location: unknown key"]);
  const [unknown] = issuesOf({ type: "nope" });
  assert.ok(unknown?.includes('"header_token"'), unknown);
  assert.is(grammar.meta()?.description, "api_key | bearer | http_basic | oauth2_client_credentials | header_token | custom ($hook)");
});

test("without its registry line the kind is unknown everywhere", () => {
  assert.ok(authGrammar(authKinds).safeParse({ type: "header_token", token: TOKEN }).success === false);
  assert.throws(() => resolveAuth({ type: "header_token", token: TOKEN }), errorOf(ConfigError, /unknown auth type "header_token"/));
  assert.throws(() => createAuth({ type: "header_token" }, SECRETS, new Redactor()), errorOf(ConfigError, /unknown auth type "header_token"/));
});

test("model: dlt-style defaults resolve through the kind", () => {
  assert.equal(resolveAuth({ type: "header_token", token: TOKEN }, kinds), { type: "header_token", token: TOKEN, header: "X-Auth-Token", scheme: null });
});

test("runtime: the resolved spec sets its header, registers the secret, and fails early without it", async () => {
  const spec = resolveAuth({ type: "header_token", token: TOKEN, header: "X-Svc", scheme: "Token" }, kinds);
  const redactor = new Redactor();
  const sent = await createAuth(spec, SECRETS, redactor, {}, kinds).apply(request);
  assert.equal(sent.headers, { Accept: "application/json", "X-Svc": "Token t0k3n-value" });
  assert.is(redactor.redact("saw t0k3n-value"), "saw ***");
  assert.throws(() => createAuth(spec, { env: {}, dotenv: {} }, new Redactor(), {}, kinds), errorOf(MissingSecretError, /SVC_TOKEN/));
});

test("every kind's secret keys are secret-looking names, so a literal given by mistake is masked in config errors", () => {
  for (const kind of kinds) for (const key of kind.secrets) assert.ok(SECRET_NAMES.has(key), `${kind.type}.${key}`);
});

test.run();
