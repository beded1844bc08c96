// A windowed backfill killed with SIGKILL mid-run (a child process syncing against the mock API), on
// DuckDB and Postgres: what is left is whole windows with their cursor; the next run starts at the
// first uncommitted window, fetches no committed window again and ends with every key once.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { ROOT } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { WINDOW_STARTS, WINDOWED_RECORDS, windowed } from "../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "k" }, dotenv: {} };

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());

/** What a destination holds: rows, distinct keys, the newest created_at and the stored cursor. */
interface Held {
  readonly n: number;
  readonly ids: number;
  readonly newest: string | null;
  readonly cursor: string | null;
}

/** Runs the sync in a child process and SIGKILLs it once it printed that window `after` committed. */
async function killedAfterWindow(destination: string, after: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--conditions=gen-connector-source", "--import", "tsx", join(ROOT, "test/helpers/windowed-sync-child.ts"), destination, api.url],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === `window ${after}`) {
      child.kill("SIGKILL");
      break;
    }
  }
  assert.is(await exited, "SIGKILL", "the child was killed mid-run, not finished");
}

/** Kills a backfill after its second window, checks what is left, resumes it and checks the result. */
async function killAndResume(destination: string, held: () => Promise<Held>): Promise<void> {
  // Slow pages: 5 windows × 3 pages × 150 ms, two windows at a time: the kill lands with windows left to fetch.
  api.setOptions({ pageDelayMs: 150 });
  api.requests.length = 0;
  await killedAfterWindow(destination, 1);
  api.setOptions({ pageDelayMs: 0 });
  const left = await held();
  // Whole windows only (the kill may land just after a later window's commit too), and the cursor is their end.
  const committed = left.n / 60;
  assert.ok(Number.isInteger(committed) && committed >= 2 && committed < 5, `whole windows, mid-run: ${left.n} rows`);
  assert.is(left.ids, left.n, "no key twice");
  assert.is(left.cursor, WINDOW_STARTS[committed]);
  assert.ok(left.newest !== null && left.newest < (left.cursor as string), `cursor ${left.cursor} at or above the newest committed row ${left.newest}`);

  api.requests.length = 0;
  const summary = await runSync(windowed, { destination, baseUrl: api.url, secrets, clock: fakeClock(), concurrency: 2 });
  const fetched = [...new Set(api.requests.map((r) => r.query.created_since))];
  assert.equal(fetched.sort(), WINDOW_STARTS.slice(committed), "the resumed run starts at the first uncommitted window; no committed window is fetched again");
  assert.is(summary.resources[0]?.records, (5 - committed) * 60);
  const done = await held();
  assert.equal({ n: done.n, ids: done.ids, cursor: done.cursor }, { n: WINDOWED_RECORDS, ids: WINDOWED_RECORDS, cursor: "2024-01-01T05:00:00Z" });
}

test("DuckDB: a backfill killed mid-run resumes at its first uncommitted window", async () => {
  const db = tempDbPath();
  await killAndResume(`duckdb:${db}`, async () => {
    const [rows] = await query(
      db,
      "SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids, max(created_at)::VARCHAR AS newest FROM customer_support.customer_support_data",
    );
    const [state] = await query(db, "SELECT json_extract_string(value, '$.lastValue') AS cursor FROM customer_support._gc_state");
    return { ...(rows as { n: number; ids: number; newest: string }), cursor: (state?.cursor as string | undefined) ?? null };
  });
});

test("Postgres: a backfill killed mid-run resumes at its first uncommitted window", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  await killAndResume(url, () =>
    withClient(url, async (c) => {
      const rows = await c.query(
        `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, max(created_at)::text AS newest FROM customer_support.customer_support_data`,
      );
      const state = await c.query("SELECT value->>'lastValue' AS cursor FROM customer_support._gc_state");
      return { ...rows.rows[0], cursor: state.rows[0]?.cursor ?? null } as Held;
    }),
  );
});

test.run();
