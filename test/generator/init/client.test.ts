// client.base_url from servers and client.auth from security schemes, each with its evidence.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { get, initOf, type Json } from "./support.ts";

const paths = { "/things": get({ type: "array", items: { type: "object", properties: { id: { type: "string" } } } }) };
const withSchemes = (schemes: object, security: object[] | undefined) =>
  initOf(paths, { components: { securitySchemes: schemes }, ...(security === undefined ? {} : { security }) }, { name: "acme" });
const authOf = (config: Json) => {
  const { $comment: _c, ...auth } = (config.client as Json).auth ?? {};
  return (config.client as Json).auth === undefined ? undefined : auth;
};

const auths: [string, object, object[] | undefined, object | undefined, RegExp?][] = [
  [
    "apiKey in a header",
    { k: { type: "apiKey", in: "header", name: "X-Api-Key" } },
    [{ k: [] }],
    { type: "api_key", name: "X-Api-Key", api_key: { $secret: "acme_api_key" }, location: "header" },
  ],
  [
    "apiKey in the query",
    { k: { type: "apiKey", in: "query", name: "api_key" } },
    [{ k: [] }],
    { type: "api_key", name: "api_key", api_key: { $secret: "acme_api_key" }, location: "query" },
  ],
  [
    "apiKey in a cookie",
    { k: { type: "apiKey", in: "cookie", name: "session" } },
    [{ k: [] }],
    { type: "api_key", name: "session", api_key: { $secret: "acme_api_key" }, location: "cookie" },
  ],
  ["http bearer", { b: { type: "http", scheme: "Bearer" } }, [{ b: [] }], { type: "bearer", token: { $secret: "acme_token" } }],
  [
    "http basic",
    { b: { type: "http", scheme: "basic" } },
    [{ b: [] }],
    { type: "http_basic", username: { $secret: "acme_username" }, password: { $secret: "acme_password" } },
  ],
  [
    "oauth2 client credentials",
    { o: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: {} } } } },
    [{ o: ["read"] }],
    {
      type: "oauth2_client_credentials",
      access_token_url: "https://auth.example.com/token",
      client_id: { $secret: "acme_client_id" },
      client_secret: { $secret: "acme_client_secret" },
    },
  ],
  [
    "oauth2 authorization code → a bearer token you obtain",
    { o: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: "https://a", tokenUrl: "https://t", scopes: {} } } } },
    [{ o: [] }],
    { type: "bearer", token: { $secret: "acme_token" } },
  ],
  [
    "alternatives: the one needing fewest secrets (Stripe: basic or bearer)",
    { basicAuth: { type: "http", scheme: "basic" }, bearerAuth: { type: "http", scheme: "bearer" } },
    [{ basicAuth: [] }, { bearerAuth: [] }],
    { type: "bearer", token: { $secret: "acme_token" } },
  ],
  [
    "two schemes at once cannot be expressed",
    { a: { type: "apiKey", in: "header", name: "A" }, b: { type: "apiKey", in: "header", name: "B" } },
    [{ a: [], b: [] }],
    undefined,
    /needs 2 schemes at once/,
  ],
  ["an undeclared scheme", {}, [{ ghost: [] }], undefined, /scheme "ghost" is not declared/],
  [
    "schemes but no requirement",
    { k: { type: "apiKey", in: "header", name: "K" } },
    undefined,
    undefined,
    /no security requirement applies .* declares k: client\.auth left out/,
  ],
  ["mutual TLS is not supported", { m: { type: "mutualTLS" } }, [{ m: [] }], undefined, /scheme "m" \(type "mutualTLS"\) is not supported/],
];

for (const [name, schemes, security, expected, warning] of auths) {
  test(`auth: ${name}`, () => {
    const result = withSchemes(schemes, security);
    assert.equal(authOf(result.config), expected);
    if (expected !== undefined) assert.type((result.config.client as Json).auth.$comment, "string");
    if (warning !== undefined) assert.match(result.warnings.join("\n"), warning);
  });
}

test("auth: operation-level security applies when there is no top-level one", () => {
  const result = initOf(
    { "/things": { get: { ...(paths["/things"] as Json).get, security: [{ b: [] }] } } },
    { components: { securitySchemes: { b: { type: "http", scheme: "bearer" } } } },
    { name: "acme" },
  );
  assert.equal(authOf(result.config), { type: "bearer", token: { $secret: "acme_token" } });
  assert.match((result.config.client as Json).auth.$comment, /the operations' security uses scheme "b"/);
});

test("auth: an operation that does not accept the chosen scheme is named; other scopes are fine", () => {
  const op = (security: object[]) => ({ get: { ...(paths["/things"] as Json).get, security } });
  const result = initOf(
    { "/a": op([{ b: ["read"] }]), "/c": op([{ k: [] }]), "/d": op([]) },
    { components: { securitySchemes: { b: { type: "http", scheme: "bearer" }, k: { type: "apiKey", in: "header", name: "K" } } }, security: [{ b: [] }] },
    { name: "acme" },
  );
  assert.equal(result.warnings, ['client.auth: 1 operation(s) do not accept scheme "b" (GET /c); the client-wide auth is used for all']);
});

const servers: [string, object[] | undefined, string, RegExp?][] = [
  ["a plain URL, trailing slash dropped", [{ url: "https://api.stripe.com/" }], "https://api.stripe.com"],
  [
    "variables replaced by their defaults",
    [{ url: "https://{region}.example.com/{version}", variables: { region: { default: "eu" }, version: { default: "v2" } } }],
    "https://eu.example.com/v2",
  ],
  ["a relative URL → placeholder with the path", [{ url: "/api/v1" }], "https://change-me.invalid/api/v1", /it is relative/],
  ["no servers → placeholder", undefined, "https://change-me.invalid", /declares no servers/],
  ["a variable without a default", [{ url: "https://{tenant}.example.com" }], "https://change-me.invalid", /"tenant" have no default/],
  ["not http(s)", [{ url: "ftp://files.example.com" }], "https://change-me.invalid", /not an http\(s\) URL/],
];

for (const [name, list, url, warning] of servers) {
  test(`base_url: ${name}`, () => {
    const result = initOf(paths, { servers: list });
    assert.is((result.config.client as Json).base_url, url);
    if (warning !== undefined) assert.match(result.warnings.join("\n"), warning);
    else assert.is(result.warnings.length, 0, result.warnings.join("\n"));
  });
}

test.run();
