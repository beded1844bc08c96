// Processing steps end to end: declarative filter and map, typed $hook map and yield_map, and a
// parent filter that reduces child calls.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_steps/index.ts";
import { HookError } from "../../runtime/errors.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { makeRecord, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 30 });
});
test.after(async () => api.close());

test("steps apply in order; the parent filter reduces child calls; yield_map fans out", async () => {
  const db = tempDbPath();
  const summary = await runSync(connector, {
    destination: `duckdb:${db}`,
    baseUrl: api.url,
    secrets: { env: { API_KEY: "k" }, dotenv: {} },
    clock: fakeClock(),
  });
  const open = Array.from({ length: 30 }, (_, i) => makeRecord(i)).filter((r) => r.status !== "solved");
  assert.equal(
    summary.resources.map((r) => [r.resource, r.records]),
    [
      ["open_tickets", open.length],
      ["open_ticket_comments", open.length * 3],
      ["ticket_tags", 60],
    ],
  );
  assert.is(api.requests.filter((r) => r.path.endsWith("/comments")).length, open.length);
  const columns = await query(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'open_tickets' ORDER BY ordinal_position");
  const names = columns.map((c) => c.column_name);
  assert.ok(names.includes("subject_length") && names.includes("urgency"), names.join(","));
  assert.not.ok(names.includes("tags") || names.includes("priority"));
  const [first] = await query(db, "SELECT subject, subject_length, urgency FROM support_steps.open_tickets WHERE id = 1");
  assert.equal(first, { subject: makeRecord(0).subject, subject_length: makeRecord(0).subject.length, urgency: makeRecord(0).priority });
  assert.equal(
    await query(db, "SELECT id, tag FROM support_steps.ticket_tags WHERE ticket_id = 1 ORDER BY tag"),
    makeRecord(0)
      .tags.slice()
      .sort()
      .map((tag) => ({ id: `1-${tag}`, tag })),
  );
});

test("parallelized resources run concurrently and load the same rows", async () => {
  api.setOptions({ pageDelayMs: 100 });
  api.requests.length = 0;
  try {
    const db = tempDbPath();
    const summary = await runSync(connector, {
      destination: `duckdb:${db}`,
      baseUrl: api.url,
      secrets: { env: { API_KEY: "k" }, dotenv: {} },
      clock: fakeClock(),
    });
    assert.equal(
      summary.resources.map((r) => r.resource),
      ["open_tickets", "open_ticket_comments", "ticket_tags"],
    );
    // both roots asked for their first page before either had an answer (each takes 100 ms)
    assert.equal(
      api.requests.slice(0, 2).map((r) => r.path),
      ["/v1/resource", "/v1/resource"],
    );
    assert.equal(await query(db, "SELECT count(*) AS n FROM support_steps.ticket_tags"), [{ n: 60 }]);
  } finally {
    api.setOptions({ pageDelayMs: 0 });
  }
});

test("a hook that throws fails the run naming resource, record, page and step; nothing committed", async () => {
  const [first, ...rest] = connector.resources;
  const broken = {
    ...connector,
    resources: [
      {
        ...first!,
        processingSteps: [
          {
            map: (): Record<string, unknown> => {
              throw new Error("boom");
            },
          },
        ],
      },
      ...rest,
    ],
  };
  const db = tempDbPath();
  try {
    await runSync(broken, {
      destination: `duckdb:${db}`,
      baseUrl: api.url,
      secrets: { env: { API_KEY: "k" }, dotenv: {} },
      clock: fakeClock(),
      resources: ["open_tickets"],
    });
    assert.unreachable("should fail");
  } catch (error) {
    assert.instance(error, HookError);
    assert.is((error as Error).message, "open_tickets: record 0 of page 1: processing step #1 (map) threw: boom");
  }
  // Only _gc_loads, recording the failed run; no table of data.
  assert.equal(await query(db, "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'support_steps' AND table_name <> '_gc_loads'"), [
    { n: 0 },
  ]);
});

test.run();
