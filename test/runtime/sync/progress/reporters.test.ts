// The plain-line and JSON-line reporters with an injected clock, and the `total` / `committing` events a
// real sync emits (offset paginator with a total, against the mock API).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../../../generated/support_incremental/index.ts";
import { jsonReporter } from "../../../../runtime/sync/progress/json.ts";
import { progressReporter } from "../../../../runtime/sync/progress/plain.ts";
import { duration } from "../../../../runtime/sync/progress/meter.ts";
import { runSync } from "../../../../runtime/sync/run-sync.ts";
import type { SyncObserver } from "../../../../runtime/sync/observer.ts";
import { tempDbPath } from "../../../helpers/duckdb.ts";
import { fakeClock } from "../../../helpers/fake-clock.ts";
import { startMockApi } from "../../../mock-api/server.ts";

const finished = {
  resource: "tickets",
  table: "tickets",
  pages: 4,
  records: 400,
  inserted: 400,
  updated: 0,
  unchanged: 0,
  requests: 4,
  retries: 0,
  ignored: 0,
  seconds: 2,
};

test("plain lines: per resource rates from its own start, % and ETA once the total is known, the commit, done", () => {
  let text = "";
  let now = 0;
  const plain = progressReporter({ write: (t: string) => (text += t) }, () => now);
  plain.resourceStarted?.("tickets");
  now = 500;
  plain.resourceStarted?.("users");
  plain.total?.("tickets", { pages: 4 });
  now = 1_000;
  plain.page?.("tickets", 1, 100); // under a second since the last line: not printed
  now = 2_000;
  plain.page?.("tickets", 2, 200);
  plain.committing?.("tickets", 400);
  plain.resourceFinished?.(finished);
  assert.is(
    text,
    [
      "tickets: started",
      "users: started",
      "tickets: 2 pages, 200 records, 100 records/s, 50% of 4 pages, ETA 2.0 s",
      "tickets: committing 400 records",
      "tickets: done, 4 pages, 400 records (400 inserted, 0 updated, 0 unchanged), 200 records/s",
      "",
    ].join("\n"),
  );
});

test("JSON lines: one object per event, with ms since the reporter started", () => {
  let text = "";
  let now = 10;
  const json = jsonReporter({ write: (t: string) => (text += t) }, () => now);
  json.resourceStarted?.("tickets");
  now = 260;
  json.total?.("tickets", { pages: 4 });
  json.page?.("tickets", 1, 100);
  json.wait?.({ resource: "tickets", reason: "rate_limit 2/s", waitMs: 500 });
  json.committing?.("tickets", 400);
  json.resourceFinished?.(finished);
  assert.equal(
    text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line)),
    [
      { event: "started", resource: "tickets", ms: 0 },
      { event: "total", resource: "tickets", pages: 4, ms: 250 },
      { event: "page", resource: "tickets", pages: 1, records: 100, ms: 250 },
      { event: "wait", resource: "tickets", reason: "rate_limit 2/s", waitMs: 500, ms: 250 },
      { event: "committing", resource: "tickets", records: 400, ms: 250 },
      { event: "finished", ...finished, ms: 250 },
    ],
  );
});

test("durations read as a person reads them", () => {
  assert.equal([400, 12_400, 185_000, 7_620_000].map(duration), ["0.4 s", "12 s", "3 min 05 s", "2 h 07 min"]);
});

test("a sync emits total (pages from the offset paginator's first response) and committing before finished", async () => {
  const api = await startMockApi({ records: 250, auth: { type: "api_key_header", name: "X-Api-Key", value: "k" } });
  const events: string[] = [];
  const observer: SyncObserver = {
    total: (resource, total) => events.push(`total ${resource} ${total.pages}`),
    page: (resource, pages) => events.push(`page ${resource} ${pages}`),
    committing: (resource, records) => events.push(`committing ${resource} ${records}`),
    resourceFinished: (s) => events.push(`finished ${s.resource}`),
  };
  try {
    await runSync(connector, {
      destination: `duckdb:${tempDbPath()}`,
      baseUrl: api.url,
      secrets: { env: { API_KEY: "k" }, dotenv: {} },
      clock: fakeClock(),
      observer,
    });
  } finally {
    await api.close();
  }
  assert.equal(events, ["total tickets 3", "page tickets 1", "page tickets 2", "page tickets 3", "committing tickets 250", "finished tickets"]);
});

test.run();
