// One partition = one transaction, against the throwaway Postgres and the mock API: a committed
// partition applied again changes nothing, the newest version of a key wins whatever the commit order,
// the cursor stops at the contiguous committed prefix, concurrent first commits create tables and
// columns without racing, and the caller's hook runs inside the transaction.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPartition } from "../../../runtime/distributed/apply-partition.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { applyInOrder, clientOptions, partitionContext, partitionOf, planOn } from "../../helpers/distributed.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";
import type { TicketRecord } from "../../mock-api/records.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ mutate: undefined, pageDelayMs: 0, faults: [] });
  api.requests.length = 0;
});

const pgTest = await pgTests(test);
const TABLE = "customer_support.customer_support_data";

/** What the dataset holds: rows, distinct keys, markers, `_gc_loads` rows and the stored cursor. */
async function held(url: string) {
  return withClient(url, async (c) => {
    const one = async (sql: string) => (await c.query(sql)).rows[0] as Record<string, unknown>;
    const exists = (await one(`SELECT to_regclass('${TABLE}') IS NOT NULL AS t`)).t === true;
    const rows = exists ? await one(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM ${TABLE}`) : { n: 0, ids: 0 };
    const markers = await one("SELECT count(*)::int AS n FROM customer_support._gc_partitions");
    const loads = await one("SELECT count(*)::int AS n FROM customer_support._gc_loads");
    const state = await one("SELECT (SELECT value->>'lastValue' FROM customer_support._gc_state) AS cursor");
    return { rows: rows.n, ids: rows.ids, markers: markers.n, loads: loads.n, cursor: state.cursor };
  });
}

pgTest("a committed partition applied again is reported already committed and changes nothing, fetched or not", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, windowed);
  const ctx = partitionContext(url, api.url, windowed);
  const [first] = await applyInOrder(plan, ["w000001"], ctx);
  assert.is(first?.status, "committed");
  const before = await held(url);
  api.requests.length = 0;
  let hooked = 0;
  const again = await applyPartition(plan, partitionOf(plan, "w000001"), { ...ctx, attempt: 1, inTransaction: async () => void hooked++ });
  assert.is(again.status, "already-committed");
  assert.is(again.status === "already-committed" ? again.marker.attempt : -1, 0, "the marker is the first attempt's");
  assert.is(api.requests.length, 0, "a committed partition is not fetched again");
  assert.is(hooked, 0);
  assert.equal(await held(url), before);
  // Two deliveries at once: both pass the early check, the marker check under the table lock keeps one.
  const both = await Promise.all([0, 1].map((attempt) => applyPartition(plan, partitionOf(plan, "w000002"), { ...ctx, attempt })));
  assert.equal(both.map((r) => r.status).sort(), ["already-committed", "committed"]);
  const after = await held(url);
  assert.equal({ rows: after.rows, ids: after.ids, markers: after.markers }, { rows: 120, ids: 120, markers: 2 });
});

pgTest("newest wins across partitions: a key in two windows keeps the newer version when the older window commits last", async () => {
  const url = (await freshDatabase()) as string;
  // Records 31 (window 0, created 00:30) and 91 (window 1, created 01:30) are one key, 9999.
  const shared = (r: TicketRecord): TicketRecord => (r.id === 31 || r.id === 91 ? { ...r, id: 9999, subject: `version from ${r.created_at}` } : r);
  api.setOptions({ mutate: shared });
  const plan = await planOn(url, windowed);
  await applyInOrder(plan, ["w000001", "w000000"], partitionContext(url, api.url, windowed));
  const rows = await withClient(url, async (c) => (await c.query(`SELECT subject, created_at AS at FROM ${TABLE} WHERE id = 9999`)).rows);
  assert.equal(rows, [{ subject: "version from 2024-01-01T01:30:00.000Z", at: "2024-01-01T01:30:00.000Z" }]);
  const n = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0]?.n);
  assert.is(n, 119, "window 0's other 59 rows and window 1's 60");
  // The losing version's nested rows went with it: each stored root has its own two tags, none orphaned.
  const nested = await withClient(url, async (c) => {
    const rows = await c.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE t.id = 9999)::int AS shared, count(*) FILTER (WHERE t.id IS NULL)::int AS orphans
         FROM customer_support.customer_support_data__tags AS n LEFT JOIN ${TABLE} AS t ON t._gc_id = n._gc_root_id`,
    );
    return rows.rows[0];
  });
  assert.equal(nested, { n: 238, shared: 2, orphans: 0 });
});

pgTest("windows committed out of order leave the cursor at the end of the contiguous committed prefix", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, windowed);
  const ctx = partitionContext(url, api.url, windowed);
  const cursorAfter = async (key: string) => {
    await applyInOrder(plan, [key], ctx);
    return (await held(url)).cursor;
  };
  assert.is(await cursorAfter("w000001"), null, "window 0 missing: no cursor");
  assert.is(await cursorAfter("w000002"), null);
  assert.is(await cursorAfter("w000000"), "2024-01-01T03:00:00Z", "windows 0–2 committed: the cursor at window 2's end");
  assert.is(await cursorAfter("w000004"), "2024-01-01T03:00:00Z", "window 3 missing: the cursor stays");
  assert.is(await cursorAfter("w000003"), "2024-01-01T05:00:00Z");
});

pgTest("bootstrap race: concurrent first commits create the table and each window's new column without failing", async () => {
  const url = (await freshDatabase()) as string;
  // Every window's records carry a column of their own: each commit creates the table or adds a column.
  const perWindow = (r: TicketRecord): TicketRecord => ({ ...r, [`extra_w${Math.floor((r.id - 1) / 60)}`]: r.id }) as TicketRecord;
  api.setOptions({ mutate: perWindow });
  for (let round = 0; round < 3; round++) {
    const run = await runPartitionsLocally(windowed, { destination: url, client: clientOptions(api.url), concurrency: 5, dataset: `race_${round}` });
    assert.is(run.failures.length, 0, String(run.failures[0]?.error));
    const columns = await withClient(url, async (c) =>
      (
        await c.query("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND column_name LIKE 'extra_w%' ORDER BY 1", [
          `race_${round}`,
        ])
      ).rows.map((r) => r.column_name),
    );
    assert.equal(columns, ["extra_w0", "extra_w1", "extra_w2", "extra_w3", "extra_w4"]);
  }
});

pgTest("the caller's hook runs inside the partition's transaction: its writes commit with the rows, its failure rolls them back", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, windowed);
  await withClient(url, (c) => c.query("CREATE TABLE public.jobs (id text PRIMARY KEY, done boolean NOT NULL)"));
  const ctx = partitionContext(url, api.url, windowed);
  const failing = applyPartition(plan, partitionOf(plan, "w000000"), {
    ...ctx,
    inTransaction: async (db) => {
      await db.executeSql("INSERT INTO public.jobs (id, done) VALUES ($1, true)", ["w0"]);
      throw new Error("the queue refused the completion");
    },
  });
  const refused = await failing.then(
    () => null,
    (error: unknown) => error,
  );
  assert.match(String(refused), /the queue refused the completion/);
  const none = await held(url);
  assert.equal({ rows: none.rows, markers: none.markers, cursor: none.cursor }, { rows: 0, markers: 0, cursor: null });
  assert.equal(await withClient(url, async (c) => (await c.query("SELECT * FROM public.jobs")).rows), []);
  const done = await applyPartition(plan, partitionOf(plan, "w000000"), {
    ...ctx,
    attempt: 1,
    inTransaction: async (db) => {
      const { rows } = await db.executeSql("INSERT INTO public.jobs (id, done) VALUES ($1, true) RETURNING id", ["w0"]);
      assert.equal(rows, [{ id: "w0" }]);
    },
  });
  assert.is(done.status, "committed");
  const after = await held(url);
  assert.equal({ rows: after.rows, markers: after.markers }, { rows: 60, markers: 1 });
  assert.equal(await withClient(url, async (c) => (await c.query("SELECT id, done FROM public.jobs")).rows), [{ id: "w0", done: true }]);
});

test.run();
