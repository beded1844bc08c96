// Auth placements, asserted on the bytes a real server received.
import { inspect } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createAuth } from "../../../runtime/auth/index.ts";
import { MissingSecretError } from "../../../runtime/errors.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { SecretSource } from "../../../runtime/secrets/resolve.ts";
import type { AuthSpec } from "../../../runtime/connector.ts";
import { get, makeClient } from "../http/make-client.ts";
import { json, startServer, type TestServer } from "../http/server.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

const SECRETS: SecretSource = {
  env: { API_KEY: "k&y=1 2", TOKEN: "tok-abc", PASS: "p:ss wörd" },
  dotenv: { USER_NAME: "file-user" },
};

interface Placement {
  readonly spec: AuthSpec;
  readonly headers?: Record<string, string>;
  /** Path and query as received. */
  readonly url: string;
  readonly header: [name: string, value: string] | null;
}

const PLACEMENTS: [label: string, placement: Placement][] = [
  [
    "api key in a header",
    {
      spec: { type: "api_key", name: "X-API-Key", location: "header", apiKey: { $secret: "api_key" } },
      url: "/items?page=1",
      header: ["x-api-key", "k&y=1 2"],
    },
  ],
  [
    "api key in the query (form-encoded, other params kept)",
    {
      spec: { type: "api_key", name: "api_key", location: "query", apiKey: { $secret: "api_key" } },
      url: "/items?page=1&api_key=k%26y%3D1+2",
      header: null,
    },
  ],
  [
    "api key as the only cookie",
    {
      spec: { type: "api_key", name: "session", location: "cookie", apiKey: { $secret: "token" } },
      url: "/items?page=1",
      header: ["cookie", "session=tok-abc"],
    },
  ],
  [
    "api key cookie appended to an existing Cookie header",
    {
      spec: { type: "api_key", name: "session", location: "cookie", apiKey: { $secret: "token" } },
      headers: { Cookie: "theme=dark" },
      url: "/items?page=1",
      header: ["cookie", "theme=dark; session=tok-abc"],
    },
  ],
  [
    "bearer token",
    {
      spec: { type: "bearer", token: { $secret: "token" } },
      url: "/items?page=1",
      header: ["authorization", "Bearer tok-abc"],
    },
  ],
  [
    "basic with a literal username",
    {
      spec: { type: "http_basic", username: "alice", password: { $secret: "pass" } },
      url: "/items?page=1",
      header: ["authorization", `Basic ${Buffer.from("alice:p:ss wörd").toString("base64")}`],
    },
  ],
  [
    "basic with a secret username from .env",
    {
      spec: { type: "http_basic", username: { $secret: "user_name" }, password: { $secret: "pass" } },
      url: "/items?page=1",
      header: ["authorization", `Basic ${Buffer.from("file-user:p:ss wörd").toString("base64")}`],
    },
  ],
];

for (const [label, placement] of PLACEMENTS) {
  test(`places credentials: ${label}`, async () => {
    server.script(json(200, {}));
    const auth = createAuth(placement.spec, SECRETS, new Redactor());
    const { client } = makeClient({ auth });
    await client.send(get(`${server.origin}/items?page=1`, placement.headers ?? {}));
    const [seen] = server.received;
    assert.is(seen?.url, placement.url);
    if (placement.header !== null) assert.is(seen?.headers[placement.header[0]], placement.header[1]);
    if (placement.spec.type === "api_key" && placement.spec.location !== "header") assert.is(seen?.headers["x-api-key"], undefined);
  });
}

test("createAuth registers secrets (and query param names) with the redactor", () => {
  const redactor = new Redactor();
  createAuth({ type: "api_key", name: "sig", location: "query", apiKey: { $secret: "api_key" } }, SECRETS, redactor);
  createAuth({ type: "http_basic", username: { $secret: "user_name" }, password: { $secret: "pass" } }, SECRETS, redactor);
  assert.is(redactor.redactUrl("https://x.example/?sig=other&a=1"), "https://x.example/?sig=***&a=1");
  assert.is(redactor.redact("k&y=1 2 / file-user / p:ss wörd"), "*** / *** / ***");
  assert.is(redactor.redact(Buffer.from("file-user:p:ss wörd").toString("base64")), "***");
});

test("a missing secret fails at creation, naming the variable", () => {
  const specs: AuthSpec[] = [
    { type: "api_key", name: "api_key", location: "query", apiKey: { $secret: "api_key" } },
    { type: "bearer", token: { $secret: "api_key" } },
    { type: "http_basic", username: "u", password: { $secret: "api_key" } },
  ];
  for (const spec of specs) {
    assert.throws(
      () => createAuth(spec, { env: {}, dotenv: {} }, new Redactor()),
      (e: unknown) => e instanceof MissingSecretError && e.message.includes("API_KEY"),
    );
  }
});

test("an Auth object does not reveal its secret when serialized or inspected", () => {
  const auth = createAuth({ type: "bearer", token: { $secret: "token" } }, SECRETS, new Redactor());
  assert.not.match(JSON.stringify(auth) ?? "", "tok-abc");
  assert.not.match(inspect(auth, { showHidden: true, depth: 5 }), "tok-abc");
});

test.run();
