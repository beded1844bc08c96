// Parent/child resources end to end: the generated support_tickets connector against the mock API.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_tickets/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { COMMENTS_PER_TICKET, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const secrets = { env: { SUPPORT_TOKEN: "tok_parent_child" }, dotenv: {} };

test.before(async () => {
  api = await startMockApi({ records: 30, auth: { type: "bearer", token: "tok_parent_child" } });
});
test.after(async () => api.close());
test.before.each(() => {
  api.requests.length = 0;
});

function sync(db: string, resources?: readonly string[]) {
  return runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), ...(resources ? { resources } : {}) });
}

test("children run once per parent record with a fresh paginator, and include parent fields", async () => {
  const db = tempDbPath();
  const summary = await sync(db);
  assert.equal(
    summary.resources.map((r) => [r.resource, r.records]),
    [
      ["tickets", 30],
      ["ticket_comments", 30 * COMMENTS_PER_TICKET],
      ["recent_comments", 30 * COMMENTS_PER_TICKET],
    ],
  );
  const comments = api.requests.filter((r) => /\/comments$/.test(r.path) && r.query.limit === "2");
  assert.is(comments.length, 60); // two pages (offset 0, 2) for each of the 30 tickets
  // Each parent's sequence starts at offset 0 (children of several parents run at once under the scheduler).
  assert.equal(
    comments.filter((r) => r.path === "/v1/resource/1/comments").map((r) => r.query.offset),
    ["0", "2"],
  );
  assert.ok(api.requests.every((r) => r.headers.authorization === "Bearer tok_parent_child"));
  const rows = await query(
    db,
    "SELECT count(*) AS n, count(DISTINCT _tickets_id) AS parents, bool_and(_tickets_id = ticket_id) AS linked FROM support_tickets.ticket_comments",
  );
  assert.equal(rows, [{ n: 90, parents: 30, linked: true }]);
  const [one] = await query(db, "SELECT _tickets_customer_id AS customer FROM support_tickets.ticket_comments WHERE id = '7-2'");
  const [parent] = await query(db, "SELECT customer_id FROM support_tickets.tickets WHERE id = 7");
  assert.is(one?.customer, parent?.customer_id);
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_tickets.recent_comment"), [{ n: 90 }]);
  // the parent's static param went out with every parent request
  assert.ok(api.requests.filter((r) => r.path === "/v1/resource").every((r) => r.query.status === "open"));
});

test("children fetched with concurrency 8 load the same rows", async () => {
  const db = tempDbPath();
  const summary = await runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), concurrency: 8 });
  assert.equal(
    summary.resources.map((r) => [r.resource, r.records]),
    [
      ["tickets", 30],
      ["ticket_comments", 90],
      ["recent_comments", 90],
    ],
  );
  assert.equal(await query(db, "SELECT count(DISTINCT id) AS n FROM support_tickets.ticket_comments"), [{ n: 90 }]);
});

test("--resource child: the parent still runs to feed it but is not loaded", async () => {
  const db = tempDbPath();
  const summary = await sync(db, ["ticket_comments"]);
  assert.equal(
    summary.resources.map((r) => r.resource),
    ["ticket_comments"],
  );
  // _gc_loads records the run (ticket_comments only: the feeding parent is not loaded).
  assert.equal(await query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'support_tickets' ORDER BY 1"), [
    { table_name: "_gc_loads" },
    { table_name: "ticket_comments" },
  ]);
  assert.equal(await query(db, "SELECT resource, status FROM support_tickets._gc_loads"), [{ resource: "ticket_comments", status: "completed" }]);
});

test("response actions: a 404 for one parent is ignored and counted; a 200 saying 'temporarily unavailable' is retried", async () => {
  const db = tempDbPath();
  api.setOptions({
    faults: [
      { when: { path: "/v1/resource/12/comments" }, response: { status: 404, body: '{"error":"gone"}' } },
      { when: { path: "/v1/resource/20/comments" }, response: { status: 200, body: '{"error":"temporarily unavailable"}' } },
    ],
  });
  const clock = fakeClock();
  try {
    const summary = await runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock, resources: ["ticket_comments"] });
    assert.equal(
      summary.resources.map((r) => [r.resource, r.records, r.ignored, r.retries]),
      [["ticket_comments", 87, 1, 1]],
    );
    assert.equal(clock.sleeps, [2000]);
  } finally {
    api.setOptions({ faults: [] });
  }
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_tickets.ticket_comments WHERE ticket_id = 12"), [{ n: 0 }]);
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_tickets.ticket_comments WHERE ticket_id = 20"), [{ n: 3 }]);
});

test("a child request failing for one parent fails the run naming the child and URL; nothing uncommitted lands", async () => {
  const db = tempDbPath();
  api.setOptions({ faults: [{ when: { path: "/v1/resource/12/comments" }, response: { status: 400, body: '{"error":"bad"}' } }] });
  try {
    await sync(db);
    assert.unreachable("should fail");
  } catch (error) {
    assert.match(
      (error as Error).message,
      /^ticket_comments: GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\/12\/comments\?offset=0&limit=2 failed with HTTP 400 Bad Request, not retried/,
    );
  } finally {
    api.setOptions({ faults: [] });
  }
  // Only _gc_loads, recording the failed run; no table of data.
  assert.equal(await query(db, "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'support_tickets' AND table_name <> '_gc_loads'"), [
    { n: 0 },
  ]);
  assert.equal(await query(db, "SELECT DISTINCT status FROM support_tickets._gc_loads"), [{ status: "failed" }]);
});

test.run();
