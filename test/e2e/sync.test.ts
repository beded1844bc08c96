// The runtime's sync in process, against the mock API and real DuckDB files, with a fake clock.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { HttpError, PaginationError, RecordValidationError, ResponseBodyError } from "../../runtime/errors.ts";
import { runSync, type SyncOptions } from "../../runtime/sync/run-sync.ts";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { rateLimited, serverErrors, startMockApi, type MockApi, type MockAuth, type PaginationMode } from "../mock-api/server.ts";
import { pagedAs, seed, variant } from "./variants.ts";

let api: MockApi;
const secrets = { env: { API_KEY: SENTINEL_KEY, TOKEN: "tok_SENTINEL", USERNAME: "user", PASSWORD: "pa:ss_SENTINEL" }, dotenv: {} };
const COUNT_SQL = "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM customer_support.customer_support_data";

test.before(async () => {
  api = await startMockApi({ records: 250 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({
    faults: [],
    pagination: "offset",
    auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY },
    records: 250,
    repeatCursor: false,
    foreignNextLink: undefined,
    mutate: undefined,
  });
  api.requests.length = 0;
});

function sync(connector: ConnectorSpec, db: string, extra: Partial<SyncOptions> = {}) {
  return runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), ...extra });
}

async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the sync to fail");
}

for (const mode of [
  "offset",
  "page_number",
  "cursor",
  "json_link",
  "header_link",
  "header_cursor",
  "single_page",
] as const satisfies readonly PaginationMode[]) {
  test(`paginator ${mode}: every record loaded exactly once`, async () => {
    api.setOptions({ pagination: mode });
    const db = tempDbPath();
    const summary = await sync(pagedAs(mode), db);
    assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
    assert.is(summary.resources[0]?.records, 250);
    assert.is(summary.resources[0]?.pages, mode === "single_page" ? 1 : 3);
  });
}

const AUTHS: readonly { name: string; mock: MockAuth; spec: ConnectorSpec["client"]["auth"]; wire: (r: MockApi["requests"][number]) => boolean }[] = [
  {
    name: "api_key in the query",
    mock: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY },
    spec: seed.client.auth,
    wire: (r) => r.query.api_key === SENTINEL_KEY,
  },
  {
    name: "api_key in a header",
    mock: { type: "api_key_header", name: "X-Api-Key", value: SENTINEL_KEY },
    spec: { type: "api_key", name: "X-Api-Key", location: "header", apiKey: { $secret: "api_key" } },
    wire: (r) => r.headers["x-api-key"] === SENTINEL_KEY && r.query.api_key === undefined,
  },
  {
    name: "api_key in a cookie",
    mock: { type: "api_key_cookie", name: "session", value: "tok_SENTINEL" },
    spec: { type: "api_key", name: "session", location: "cookie", apiKey: { $secret: "token" } },
    wire: (r) => r.headers.cookie === "session=tok_SENTINEL",
  },
  {
    name: "bearer",
    mock: { type: "bearer", token: "tok_SENTINEL" },
    spec: { type: "bearer", token: { $secret: "token" } },
    wire: (r) => r.headers.authorization === "Bearer tok_SENTINEL",
  },
  {
    name: "http_basic",
    mock: { type: "basic", username: "user", password: "pa:ss_SENTINEL" },
    spec: { type: "http_basic", username: { $secret: "username" }, password: { $secret: "password" } },
    wire: (r) => r.headers.authorization === `Basic ${Buffer.from("user:pa:ss_SENTINEL").toString("base64")}`,
  },
];

for (const auth of AUTHS) {
  test(`auth ${auth.name}: accepted, and on the wire exactly as configured`, async () => {
    api.setOptions({ auth: auth.mock });
    const db = tempDbPath();
    await sync(variant({ auth: auth.spec }), db);
    assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
    assert.is(api.requests.length, 3);
    assert.ok(api.requests.every(auth.wire), JSON.stringify(api.requests[0]?.headers));
  });
}

test("429 with Retry-After: 3 then 200: waits 3 s once, loads each record once", async () => {
  api.setOptions({ faults: [rateLimited(3, { when: { query: { offset: "100" } } })] });
  const clock = fakeClock();
  const db = tempDbPath();
  const summary = await sync(seed, db, { clock });
  assert.equal(clock.sleeps, [3000]);
  assert.is(summary.resources[0]?.retries, 1);
  assert.is(api.requests.length, 4);
  assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
});

test("500 three times then 200: backoff 2 s, 4 s, 8 s (factor 2), then success", async () => {
  api.setOptions({ faults: [serverErrors(3, { when: { query: { offset: "200" } } })] });
  const clock = fakeClock();
  const db = tempDbPath();
  await sync(seed, db, { clock });
  assert.equal(clock.sleeps, [2000, 4000, 8000]);
  assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
});

test("500 four times: HttpError naming resource, method, redacted URL, status and attempts; table unchanged", async () => {
  const db = tempDbPath();
  await sync(seed, db);
  api.setOptions({ records: 300, faults: [serverErrors(4, { when: { query: { offset: "200" } } })] });
  const error = await failure(sync(seed, db));
  assert.instance(error, HttpError);
  assert.match(
    error.message,
    /^customer_support_data: GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?offset=200&limit=100&api_key=\*\*\* failed with HTTP 500 Internal Server Error, retries exhausted after 4 attempts/,
  );
  assert.equal(leaks(`${error.message} ${String(error.cause ?? "")}`, SENTINEL_KEY), []);
  assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
});

test("a truncated 200 body is retried, then a ResponseBodyError — never zero records", async () => {
  api.setOptions({ faults: [{ when: { query: { offset: "100" } }, times: 4, response: "truncated" }] });
  const db = tempDbPath();
  const error = await failure(sync(seed, db));
  assert.instance(error, ResponseBodyError);
  assert.match(error.message, /offset=100&limit=100&api_key=\*\*\* returned an unusable body after 4 attempts: invalid JSON: unexpected end/);
});

test("a repeated cursor is a pagination loop error, not an endless loop", async () => {
  api.setOptions({ pagination: "cursor", repeatCursor: true });
  const error = await failure(sync(pagedAs("cursor"), tempDbPath()));
  assert.instance(error, PaginationError);
  assert.match(error.message, /pagination loop: page 3 repeats the request of page 2/);
  assert.is(api.requests.length, 2);
});

test("a next link to another origin is not followed (no credentials leave)", async () => {
  const foreign = await startMockApi({ records: 10 });
  try {
    api.setOptions({ pagination: "json_link", foreignNextLink: `${foreign.url}/v1/resource?offset=100&limit=100` });
    const error = await failure(sync(pagedAs("json_link"), tempDbPath()));
    assert.instance(error, PaginationError);
    assert.match(error.message, `next page link leaves ${api.url} for ${foreign.url}; not followed`);
    assert.is(foreign.requests.length, 0);
  } finally {
    await foreign.close();
  }
});

test("a record failing its schema fails the run naming resource, key and zod path; nothing committed", async () => {
  api.setOptions({ mutate: (r) => (r.id === 150 ? { ...r, customer_id: 42 as unknown as string } : r) });
  const db = tempDbPath();
  const error = await failure(sync(seed, db));
  assert.instance(error, RecordValidationError);
  assert.match(
    error.message,
    "customer_support_data: record 49 of page 2 (id=150) failed its schema: $.customer_id: Invalid input: expected string, received number",
  );
  // Only the record of the failed load: no table of data.
  assert.equal(await query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'customer_support'"), [{ table_name: "_gc_loads" }]);
  const [load] = await query(db, "SELECT status, error FROM customer_support._gc_loads");
  assert.is(load?.status, "failed");
  assert.match(String(load?.error), "$.customer_id: Invalid input");
});

test("a record without its primary key fails the run", async () => {
  api.setOptions({ mutate: (r) => (r.id === 7 ? { ...r, id: null as unknown as number } : r) });
  const error = await failure(sync(seed, tempDbPath()));
  assert.instance(error, RecordValidationError);
  assert.match(error.message, /customer_support_data: record 6 of page 1 \(id=null\) failed its schema: \$\.id: /);
});

test("the client timeout bounds a stalled request", async () => {
  api.setOptions({ faults: [{ when: { query: { offset: "0" } }, times: 1, response: "stall" }] });
  const db = tempDbPath();
  const summary = await sync(variant({ timeout: 0.3 }), db);
  assert.is(summary.resources[0]?.retries, 1);
  assert.equal(await query(db, COUNT_SQL), [{ n: 250, ids: 250 }]);
});

test.run();
