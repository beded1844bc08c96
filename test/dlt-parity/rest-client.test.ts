// Conformance, research §4.3 (the REST client): single objects and detected paging, auth kinds against a
// protected API, URL joining and next-link resolution, redaction, retries — through the runtime client
// that generated connectors use, against the mock API.
//
// Not applicable (Python-only), skipped:
// - 75 (part): page objects exposing the requests Request/Response and paginator.
// - 79 (part): JWT auth (no config type in dlt either) and custom AuthConfigBase/AuthBase classes.
// - 80, 81: requests sessions, REQUESTS_CA_BUNDLE, per-call proxies/verify/cert/stream; RUNTIME__* env.
//   The timeout itself is client.timeout (config-model.test.ts).
// - 93: the 22 detector shapes are ported one by one in test/runtime/detect/paginator-dlt.test.ts.
// - 96: the `paginate()` shortcut; the runtime client below is that shortcut.
// - 99: a hook rewriting a 503 into a 204.
// Deliberate differences, asserted as such:
// - 83: HTTP errors always carry a redacted body preview cut at 500 characters (dlt: only when enabled).
// - 86: a next link to another origin (even another port) is refused, not followed with credentials.
// - 97/98: retry defaults are 3 retries (4 attempts), factor 2, statuses 429/500/502/503/504 (dlt: 5 attempts,
//   factor 1, 429 and all 5xx); a config sets all of them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { HttpError, PaginationError } from "../../runtime/errors.ts";
import { joinUrl } from "../../runtime/http/url.ts";
import { Redactor } from "../../runtime/secrets/redactor.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { makeRecord, rateLimited, serverErrors, startMockApi, type MockApi, type MockAuth } from "../mock-api/server.ts";
import { failure, pagesOf, rows, script, type Config } from "./support.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 25 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [], pagination: "offset", auth: undefined, records: 25, mutate: undefined, foreignNextLink: undefined });
  api.requests.length = 0;
});

function config(endpoint: Record<string, unknown>, client: Record<string, unknown> = {}): Config {
  return { name: "conformance", client: { base_url: api.url, ...client }, resources: [{ name: "items", endpoint }] };
}

const TICKETS = { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 10 } };
const sizes = (pages: unknown[][]) => pages.map((p) => p.length);

test("§4.3 75: a single object (single-entity path) is one page of one record", async () => {
  script(api, [{ when: { path: "/v1/resource/7" }, body: makeRecord(6) }]);
  const pages = await pagesOf(config({ path: "/v1/resource/{id}", params: { id: 7 } }));
  assert.equal(pages, [[makeRecord(6)]]);
});

test("§4.3 75: json_link paging gives 5 pages of 5", async () => {
  api.setOptions({ pagination: "json_link" });
  assert.equal(sizes(await pagesOf(config({ path: "/v1/resource", data_selector: "data", paginator: "json_link", params: { limit: 5 } }))), [5, 5, 5, 5, 5]);
});

test("§4.3 76: a detected paginator pages fully, following a relative next link", async () => {
  script(api, [
    { when: { path: "/items", query: { page: "2" } }, body: { items: rows(5, 6), next: null } },
    { when: { path: "/items" }, body: { items: rows(5), next: "/items?page=2" } },
  ]);
  assert.equal(sizes(await pagesOf(config({ path: "/items" }))), [5, 5]);
  assert.equal(
    api.requests.map((r) => r.query),
    [{}, { page: "2" }],
  );
});

test("§4.3 77: a cursor's final page with `users: null, next_token: null` is an empty page, no crash", async () => {
  script(api, [
    { when: { path: "/users", query: { cursor: "b" } }, body: { users: null, next_token: null } },
    { when: { path: "/users", query: { cursor: "a" } }, body: { users: rows(4, 11), next_token: "b" } },
    { when: { path: "/users" }, body: { users: rows(10), next_token: "a" } },
  ]);
  const pages = await pagesOf(
    config({ path: "/users", data_selector: "users", paginator: { type: "cursor", cursor_path: "next_token", cursor_param: "cursor" } }),
  );
  assert.equal(sizes(pages), [10, 4, 0]);
});

test("§4.3 78: an ignored 404 yields no page and no error", async () => {
  assert.equal(
    await pagesOf(config({ path: "/missing", data_selector: "data", paginator: "single_page", response_actions: [{ status_code: 404, action: "ignore" }] })),
    [],
  );
});

const AUTHS: readonly { name: string; mock: MockAuth; auth: Record<string, unknown>; wire: (headers: Record<string, string>) => boolean }[] = [
  {
    name: "http_basic",
    mock: { type: "basic", username: "user", password: "pw-1" },
    auth: { type: "http_basic", username: { $secret: "username" }, password: { $secret: "password" } },
    wire: (h) => h.authorization === `Basic ${Buffer.from("user:pw-1").toString("base64")}`,
  },
  {
    name: "bearer",
    mock: { type: "bearer", token: "tok-1" },
    auth: { type: "bearer", token: { $secret: "token" } },
    wire: (h) => h.authorization === "Bearer tok-1",
  },
  {
    name: "api_key in header x-api-key",
    mock: { type: "api_key_header", name: "x-api-key", value: "key-1" },
    auth: { type: "api_key", name: "x-api-key", api_key: { $secret: "api_key" } },
    wire: (h) => h["x-api-key"] === "key-1",
  },
  {
    name: "api_key in a cookie (dlt: NotImplementedError at request time)",
    mock: { type: "api_key_cookie", name: "session", value: "key-1" },
    auth: { type: "api_key", name: "session", location: "cookie", api_key: { $secret: "api_key" } },
    wire: (h) => h.cookie === "session=key-1",
  },
];

for (const { name, mock, auth, wire } of AUTHS) {
  test(`§4.3 79: ${name} against a protected endpoint`, async () => {
    api.setOptions({ auth: mock });
    assert.equal(sizes(await pagesOf(config(TICKETS, { auth }))), [10, 10, 5]);
    assert.ok(api.requests.every((r) => wire(r.headers)));
  });
}

const TOKEN_PATH = "/oauth/token";

function oauth(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "oauth2_client_credentials",
    access_token_url: `${api.url}${TOKEN_PATH}`,
    client_id: { $secret: "client_id" },
    client_secret: { $secret: "client_secret" },
    ...extra,
  };
}

/** The mock's protected API answers bearer `tok-oauth`; its token endpoint is scripted. */
function tokenEndpoint(status: number, body: unknown): void {
  api.setOptions({ auth: { type: "bearer", token: "tok-oauth" } });
  script(api, [{ when: { path: TOKEN_PATH }, status, body }]);
}

const tokenRequests = () => api.requests.filter((r) => r.path === TOKEN_PATH);

test("§4.3 79: oauth2_client_credentials fetches a token (form POST), then sends it as a bearer", async () => {
  tokenEndpoint(200, { access_token: "tok-oauth", expires_in: 3600 });
  assert.equal(sizes(await pagesOf(config(TICKETS, { auth: oauth() }))), [10, 10, 5]);
  const [token] = tokenRequests();
  assert.equal(
    [token?.method, token?.headers["content-type"], Object.fromEntries(new URLSearchParams(token?.body ?? ""))],
    ["POST", "application/x-www-form-urlencoded", { client_id: "cid", client_secret: "csecret", grant_type: "client_credentials" }],
  );
  assert.ok(api.requests.filter((r) => r.path !== TOKEN_PATH).every((r) => r.headers.authorization === "Bearer tok-oauth"));
});

test("§4.3 79: a rejected client secret fails with the token endpoint's 401", async () => {
  tokenEndpoint(401, { error: "invalid_client" });
  const error = await failure(pagesOf(config(TICKETS, { auth: oauth() })));
  assert.instance(error, HttpError);
  assert.match(error.message, /POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token failed with HTTP 401 Unauthorized/);
  assert.not.match(error.message, "csecret");
});

test("§4.3 79: an expired token is obtained again", async () => {
  const token = { when: { path: TOKEN_PATH }, times: 10, response: { status: 200, body: JSON.stringify({ access_token: "tok-oauth", expires_in: 1 }) } };
  api.setOptions({ auth: { type: "bearer", token: "tok-oauth" }, faults: [token, serverErrors(1, { when: { query: { offset: "10" } } })] });
  assert.equal(sizes(await pagesOf(config(TICKETS, { auth: oauth() }))), [10, 10, 5]); // the retry's 2 s wait outlives the token
  assert.is(tokenRequests().length, 2);
});

test("§4.3 79: a custom token request (access_token_request_data overriding the grant)", async () => {
  tokenEndpoint(200, { access_token: "tok-oauth" });
  await pagesOf(config(TICKETS, { auth: oauth({ access_token_request_data: { grant_type: "account_credentials", account_id: "42" } }) }));
  const form = Object.fromEntries(new URLSearchParams(tokenRequests()[0]?.body ?? ""));
  assert.equal([form.grant_type, form.account_id], ["account_credentials", "42"]);
});

test("§4.3 82: an absolute path bypasses base_url", async () => {
  const pages = await pagesOf({
    name: "conformance",
    client: { base_url: "https://unreachable.invalid/api" },
    resources: [{ name: "items", endpoint: { ...TICKETS, path: `${api.url}/v1/resource` } }],
  });
  assert.equal(sizes(pages), [10, 10, 5]);
});

const JOINS: readonly [string, string, string][] = [
  ["https://api.example.com", "posts", "https://api.example.com/posts"],
  ["https://api.example.com/", "/posts", "https://api.example.com/posts"],
  ["https://api.example.com/v1//", "//posts", "https://api.example.com/v1/posts"],
  ["https://api.example.com/v1", "posts/1/comments", "https://api.example.com/v1/posts/1/comments"],
  ["https://api.example.com/v1", "https://other.example.com/x", "https://other.example.com/x"],
  ["https://api.example.com/v1", "HTTP://other.example.com/x", "HTTP://other.example.com/x"],
  ["https://api.example.com/v1", "my://protocol", "https://api.example.com/v1/my://protocol"],
  ["", "posts", "posts"],
  ["https://api.example.com", "", "https://api.example.com"],
];

for (const [base, path, joined] of JOINS) {
  test(`§4.3 82/95: join ${JSON.stringify(base)} + ${JSON.stringify(path)}`, () => {
    assert.is(joinUrl(base, path), joined);
  });
}

test("§4.3 86: a next link to another port is refused and nothing is sent there", async () => {
  const other = await startMockApi({ records: 5 });
  try {
    api.setOptions({ pagination: "json_link", foreignNextLink: `${other.url}/v1/resource?offset=10&limit=10` });
    const error = await failure(pagesOf(config({ path: "/v1/resource", data_selector: "data", paginator: "json_link", params: { limit: 10 } })));
    assert.instance(error, PaginationError);
    assert.match(error.message, `next page link leaves ${api.url} for ${other.url}; not followed`);
    assert.is(other.requests.length, 0);
  } finally {
    await other.close();
  }
});

test("§4.3 83: sensitive query params are redacted by name (any case, several at once); public ones and fragments stay", () => {
  const redactor = new Redactor();
  assert.is(
    redactor.redactUrl("https://h/p?api_key=a1&Token=t2&ACCESS_TOKEN=t3&client_secret=s4&page=2#frag"),
    "https://h/p?api_key=***&Token=***&ACCESS_TOKEN=***&client_secret=***&page=2#frag",
  );
});

test("§4.3 83: an error shows a redacted body preview, cut at 500 characters", async () => {
  script(api, [{ when: { path: "/v1/resource" }, status: 400, text: `see /docs?token=abc ${"x".repeat(2000)}` }]);
  const error = await failure(pagesOf(config(TICKETS)));
  const preview = error.message.slice(error.message.indexOf("not retried (1 attempt): ") + "not retried (1 attempt): ".length);
  assert.is(preview, `see /docs?token=*** ${"x".repeat(500 - "see /docs?token=*** ".length)}…`);
});

test("§4.3 98: 503 every time: 1 + max_retries calls, then an error naming the attempts", async () => {
  api.setOptions({ faults: [serverErrors(100, { status: 503 })] });
  const clock = fakeClock();
  const error = await failure(pagesOf(config(TICKETS), { clock }));
  assert.match(error.message, /failed with HTTP 503 Service Unavailable, retries exhausted after 4 attempts/);
  assert.equal([api.requests.length, clock.sleeps], [4, [2000, 4000, 8000]]);
});

test("§4.3 98: 503, 503, 200 succeeds after 3 calls", async () => {
  api.setOptions({ faults: [serverErrors(2, { status: 503 })] });
  const pages = await pagesOf(config({ ...TICKETS, paginator: "single_page", params: { limit: 5 } }));
  assert.equal([sizes(pages), api.requests.length], [[5], 3]);
});

for (const fault of ["reset", "stall", "truncated"] as const) {
  test(`§4.3 100: a ${fault} connection is retried like dlt's Connection/Timeout/ChunkedEncoding errors`, async () => {
    api.setOptions({ faults: [{ when: { query: { offset: "10" } }, response: fault }] });
    const pages = await pagesOf(config(TICKETS, { timeout: 0.5 }));
    assert.equal([sizes(pages), api.requests.filter((r) => r.query.offset === "10").length], [[10, 10, 5], 2]);
  });
}

const RETRY_ON_ERROR_TEXT = [{ status_code: 200, content: "temporarily unavailable", action: "retry" }];
const BUSY = { status: 200, body: JSON.stringify({ error: "temporarily unavailable" }) };

test("§4.3 101: a retry condition on the body text — retried, then succeeds on the third call", async () => {
  api.setOptions({ faults: [{ times: 2, response: BUSY }] });
  const clock = fakeClock();
  const pages = await pagesOf(config({ ...TICKETS, paginator: "single_page", params: { limit: 5 }, response_actions: RETRY_ON_ERROR_TEXT }), { clock });
  assert.equal([sizes(pages), api.requests.length, clock.sleeps], [[5], 3, [2000, 4000]]);
});

test("§4.3 101: a retry condition on the body text — until attempts run out", async () => {
  api.setOptions({ faults: [{ times: 100, response: BUSY }] });
  const error = await failure(pagesOf(config({ ...TICKETS, response_actions: RETRY_ON_ERROR_TEXT })));
  assert.match(
    error.message,
    /HTTP 200 OK, retries exhausted after 4 attempts: matched response action #1 \(status_code 200, content "temporarily unavailable"\) → retry/,
  );
});

test("§4.3 102: Retry-After: 4 on a 429 is one wait of 4 s", async () => {
  api.setOptions({ faults: [rateLimited(4)] });
  const clock = fakeClock();
  await pagesOf(config(TICKETS), { clock });
  assert.equal(clock.sleeps, [4000]);
});

test("§4.3 103: the configured retry settings drive attempts and waits", async () => {
  api.setOptions({ faults: [serverErrors(4, { status: 502 })] });
  const clock = fakeClock();
  await pagesOf(config(TICKETS, { retry: { max_retries: 4, backoff_factor: 1, max_delay: 5 } }), { clock });
  assert.equal(clock.sleeps, [1000, 2000, 4000, 5000]);
});

test.run();
