// OAuth2 client credentials against two real local servers (token endpoint, API) and a fake clock.
import { inspect } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createAuth } from "../../../runtime/auth/index.ts";
import { ConfigError, HttpError, MissingSecretError, ResponseBodyError } from "../../../runtime/errors.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { AuthSpec } from "../../../runtime/connector.ts";
import { get, makeClient, rejection, SEED_RETRY } from "../http/make-client.ts";
import { FakeClock, json, startServer, type TestServer } from "../http/server.ts";

let tokens: TestServer;
let api: TestServer;
test.before(async () => {
  tokens = await startServer();
  api = await startServer();
});
test.after(async () => {
  await tokens.close();
  await api.close();
});

const SECRETS = { env: { CLIENT_SECRET: "s3cr&t x/+=", CLIENT_ID: "id-secret-9" }, dotenv: {} };
const PAGE = { data: [{ id: 1 }] };

function spec(overrides: Partial<Extract<AuthSpec, { type: "oauth2_client_credentials" }>> = {}): AuthSpec {
  return {
    type: "oauth2_client_credentials",
    accessTokenUrl: `${tokens.origin}/oauth/token`,
    clientId: "my-client",
    clientSecret: { $secret: "client_secret" },
    accessTokenRequestData: {},
    defaultTokenExpiration: 3600,
    ...overrides,
  };
}

/** A token response granting `token` (with `expires_in` unless null). */
const grant = (token: string, expiresIn: number | null = 3600) =>
  json(200, expiresIn === null ? { access_token: token } : { access_token: token, token_type: "bearer", expires_in: expiresIn });

/** An HttpClient for resource "items" whose OAuth2 auth shares its fake clock and redactor. */
function oauthClient(authSpec: AuthSpec = spec()) {
  const clock = new FakeClock();
  const redactor = new Redactor();
  const auth = createAuth(authSpec, SECRETS, redactor, { clock, retry: SEED_RETRY, timeoutSeconds: 2 });
  const { client } = makeClient({ auth, clock, redactor });
  return { client, clock, redactor, auth };
}

const bearers = () => api.received.map((r) => r.headers.authorization);

test("the token is fetched once, lazily, and reused for several requests", async () => {
  tokens.script(grant("tok-1"));
  api.script(json(200, PAGE));
  const { client } = oauthClient();
  assert.is(tokens.received.length, 0);
  for (let i = 0; i < 3; i++) await client.send(get(`${api.origin}/items?page=${i}`));
  assert.is(tokens.received.length, 1);
  assert.equal(bearers(), ["Bearer tok-1", "Bearer tok-1", "Bearer tok-1"]);
});

test("concurrent first requests share one token request", async () => {
  tokens.script(grant("tok-1"));
  api.script(json(200, PAGE));
  const { client } = oauthClient();
  await Promise.all([1, 2, 3].map((i) => client.send(get(`${api.origin}/items?page=${i}`))));
  assert.is(tokens.received.length, 1);
});

test("the token request on the wire: form-encoded POST, Accept JSON, extra data may override grant_type", async () => {
  tokens.script(grant("tok-1"));
  api.script(json(200, PAGE));
  const { client } = oauthClient(spec({ accessTokenRequestData: { audience: "https://api.example/", grant_type: "urn:custom" } }));
  await client.send(get(`${api.origin}/items`));
  const [seen] = tokens.received;
  assert.is(seen?.method, "POST");
  assert.is(seen?.url, "/oauth/token");
  assert.is(seen?.headers["content-type"], "application/x-www-form-urlencoded");
  assert.is(seen?.headers["accept"], "application/json");
  assert.is(seen?.body, "client_id=my-client&client_secret=s3cr%26t+x%2F%2B%3D&grant_type=urn%3Acustom&audience=https%3A%2F%2Fapi.example%2F");
});

test("refreshed before expiry: when less than min(60 s, 10% of the lifetime) remains", async () => {
  for (const [expiresIn, noRefreshAt, refreshAt] of [
    [3600, 3539, 3541],
    [100, 89, 91],
  ] as const) {
    tokens.script(grant("tok-1", expiresIn), grant("tok-2", expiresIn));
    api.script(json(200, PAGE));
    const { client, clock } = oauthClient();
    const start = clock.nowMs;
    await client.send(get(`${api.origin}/items`));
    clock.nowMs = start + noRefreshAt * 1000;
    await client.send(get(`${api.origin}/items`));
    assert.is(tokens.received.length, 1, `${expiresIn}: no refresh at ${noRefreshAt} s`);
    clock.nowMs = start + refreshAt * 1000;
    await client.send(get(`${api.origin}/items`));
    assert.is(tokens.received.length, 2, `${expiresIn}: refresh at ${refreshAt} s`);
    assert.equal(bearers(), ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  }
});

test("without expires_in the token lives defaultTokenExpiration seconds", async () => {
  tokens.script(grant("tok-1", null), grant("tok-2", null));
  api.script(json(200, PAGE));
  const { client, clock } = oauthClient(spec({ defaultTokenExpiration: 600 }));
  const start = clock.nowMs;
  await client.send(get(`${api.origin}/items`));
  clock.nowMs = start + 539_000;
  await client.send(get(`${api.origin}/items`));
  assert.is(tokens.received.length, 1);
  clock.nowMs = start + 541_000;
  await client.send(get(`${api.origin}/items`));
  assert.is(tokens.received.length, 2);
});

test("a 401 refreshes the token once and the request succeeds, outside the retry budget", async () => {
  tokens.script(grant("tok-1"), grant("tok-2"));
  api.script(json(401, { error: "expired" }), json(200, PAGE));
  const { client, clock } = oauthClient();
  const page = await client.send(get(`${api.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.is(tokens.received.length, 2);
  assert.equal(bearers(), ["Bearer tok-1", "Bearer tok-2"]);
  assert.is(client.retries, 0);
  assert.equal(clock.sleeps, []);
});

test("401 twice: one refresh, then the 401 stands as an HttpError", async () => {
  tokens.script(grant("tok-1"), grant("tok-2"), grant("tok-3"));
  api.script(json(401, { error: "nope" }));
  const { client } = oauthClient();
  const error = await rejection(client.send(get(`${api.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is((error as HttpError).status, 401);
  assert.is(tokens.received.length, 2);
  assert.is(api.received.length, 2);
  assert.match(error.message, `items: GET ${api.origin}/items failed with HTTP 401 Unauthorized, not retried (2 attempts)`);
  assert.match(error.message, "still unauthorized after refreshing credentials once");
});

test("token endpoint 400: fails at once naming the token URL and status; no data request", async () => {
  tokens.script(json(400, { error: "invalid_client" }));
  api.script(json(200, PAGE));
  const { client, clock } = oauthClient();
  const error = await rejection(client.send(get(`${api.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is(tokens.received.length, 1);
  assert.is(api.received.length, 0);
  assert.equal(clock.sleeps, []);
  assert.match(error.message, `oauth2 token request: POST ${tokens.origin}/oauth/token failed with HTTP 400 Bad Request, not retried (1 attempt)`);
  assert.match(error.message, "invalid_client");
});

test("token endpoint 503 then 429 then a token: retried with backoff and Retry-After", async () => {
  tokens.script(json(503, {}), json(429, {}, { "retry-after": "9" }), grant("tok-1"));
  api.script(json(200, PAGE));
  const { client, clock } = oauthClient();
  await client.send(get(`${api.origin}/items`));
  assert.is(tokens.received.length, 3);
  assert.equal(clock.sleeps, [2000, 9000]);
  assert.equal(bearers(), ["Bearer tok-1"]);
});

test("token endpoint 500 exhausted: HttpError after 4 attempts", async () => {
  tokens.script(json(500, { error: "boom" }));
  const { client } = oauthClient();
  const error = await rejection(client.send(get(`${api.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is(tokens.received.length, 4);
  assert.match(error.message, "retries exhausted after 4 attempts");
});

test("missing access_token: a clear error naming the token URL and the fields found", async () => {
  tokens.script(json(200, { token_type: "bearer", expires_in: 60 }));
  api.script(json(200, PAGE));
  const { client } = oauthClient();
  const error = await rejection(client.send(get(`${api.origin}/items`)));
  assert.instance(error, ResponseBodyError);
  assert.match(error.message, `oauth2 token request: POST ${tokens.origin}/oauth/token`);
  assert.match(error.message, "no access_token (fields: token_type, expires_in)");
  assert.is(api.received.length, 0);
});

test("a token response over 1 MiB is refused while it streams, not retried, and no data request is made", async () => {
  tokens.script((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"access_token": "t", "padding": "');
    res.end(`${"x".repeat(1024 * 1024)}"}`);
  });
  api.script(json(200, PAGE));
  const { client } = oauthClient();
  const error = await rejection(client.send(get(`${api.origin}/items`)));
  assert.instance(error, ResponseBodyError);
  assert.match(
    error.message,
    `oauth2 token request: POST ${tokens.origin}/oauth/token returned an unusable body after 1 attempt: token response refused: the body passed the limit of 1048576 bytes; stopped reading it`,
  );
  assert.is(tokens.received.length, 1);
  assert.is(api.received.length, 0);
});

test("a missing client secret fails at creation; a bad token URL is a ConfigError", () => {
  assert.throws(
    () => createAuth(spec(), { env: {}, dotenv: {} }, new Redactor()),
    (e: unknown) => e instanceof MissingSecretError && e.message.includes("CLIENT_SECRET"),
  );
  assert.throws(
    () => createAuth(spec({ accessTokenUrl: "/token" }), SECRETS, new Redactor()),
    (e: unknown) => e instanceof ConfigError && e.message.includes("access_token_url"),
  );
});

test("the Auth object does not reveal the client secret or the token", async () => {
  tokens.script(grant("tok-hidden-1"));
  api.script(json(200, PAGE));
  const { client, auth } = oauthClient();
  await client.send(get(`${api.origin}/items`));
  const shown = `${JSON.stringify(auth) ?? ""}${inspect(auth, { showHidden: true, depth: 10 })}`;
  assert.not.match(shown, "s3cr&t");
  assert.not.match(shown, "tok-hidden-1");
});

test.run();
