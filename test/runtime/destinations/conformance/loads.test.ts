// Load bookkeeping in `<dataset>._gc_loads`: `running`, committed at once, when a resource starts,
// `completed` with its counts in the commit transaction (with rows and state), `failed` best effort.
// State is trusted only from completed loads (or from before loads were recorded).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { LoadRun } from "../../../../runtime/destinations/destination.ts";
import { DestinationError } from "../../../../runtime/errors.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { rejection } from "../load-fixtures.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, orders, ref, rows, snapshot } from "./fixtures.ts";

const each = await eachDestination(test);
const table = orders();
const KEY = "resources.orders.incremental.id";
const LOADS = `SELECT load_id, connector, resource, table_name, status, records, inserted, updated, unchanged, deleted, quarantined, error, started_at IS NOT NULL AS started, finished_at IS NOT NULL AS finished FROM ${ref("_gc_loads")} ORDER BY load_id, resource`;

const runOf = (loadId: string, resource = "orders"): LoadRun => ({ loadId, connector: "shop_api", resource, table: "orders" });

/** One resource load as a sync does it: start the run, stage, commit with the state and the run. */
async function syncRun(dest: TestDestination, run: LoadRun, records: readonly Record<string, unknown>[], state?: unknown): Promise<void> {
  await dest.startRun(DATASET, run);
  const writer = await TableWriter.open(dest, DATASET, table, 2);
  try {
    await writer.write(records);
    await writer.commit(state === undefined ? undefined : { key: KEY, value: state }, { load: { run, records: writer.rows, quarantined: 0 } });
  } catch (error) {
    await writer.abort();
    await dest.failRun(DATASET, run, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

each("a run is recorded running, then completed with its counts in the commit; state rows name their load", async (d) => {
  const dest = await d.open();
  const run = runOf("2024-05-01T00:00:00.000Z-aaaa0001");
  await dest.startRun(DATASET, run);
  assert.equal(await rows(dest, LOADS), [
    {
      load_id: run.loadId,
      connector: "shop_api",
      resource: "orders",
      table_name: "orders",
      status: "running",
      records: null,
      inserted: null,
      updated: null,
      unchanged: null,
      deleted: null,
      quarantined: null,
      error: null,
      started: "true",
      finished: "false",
    },
  ]);
  const writer = await TableWriter.open(dest, DATASET, table, 2);
  await writer.write([{ id: 1 }, { id: 2 }, { id: 2, note: "last wins" }]);
  await writer.commit({ key: KEY, value: 2 }, { load: { run, records: 3, quarantined: 4 } });
  assert.equal(await rows(dest, LOADS), [
    {
      load_id: run.loadId,
      connector: "shop_api",
      resource: "orders",
      table_name: "orders",
      status: "completed",
      records: "3",
      inserted: "2",
      updated: "0",
      unchanged: "0",
      deleted: "0",
      quarantined: "4",
      error: null,
      started: "true",
      finished: "true",
    },
  ]);
  assert.equal(await rows(dest, `SELECT key, load_id, resource FROM ${ref("_gc_state")}`), [{ key: KEY, load_id: run.loadId, resource: "orders" }]);
  assert.is(await dest.readState(DATASET, KEY), 2);

  const second = runOf("2024-05-02T00:00:00.000Z-aaaa0002");
  await syncRun(dest, second, [{ id: 2, note: "last wins" }, { id: 3 }], 3);
  const [, last] = await rows(dest, LOADS);
  assert.equal([last?.["status"], last?.["inserted"], last?.["updated"], last?.["unchanged"]], ["completed", "1", "0", "1"]);
});

each("a merge's hard deletes are recorded as deleted in the run's row", async (d) => {
  const dest = await d.open();
  const flagged = orders({ merge: { strategy: "delete-insert", hardDelete: "gone" } });
  for (const [loadId, records] of [
    ["D1", [{ id: 1 }, { id: 2 }, { id: 3 }]],
    [
      "D2",
      [
        { id: 1, gone: true },
        { id: 2, gone: true },
        { id: 4, gone: false },
      ],
    ],
  ] as const) {
    const run = runOf(loadId);
    await dest.startRun(DATASET, run);
    const writer = await TableWriter.open(dest, DATASET, flagged, 2);
    await writer.write(records);
    await writer.commit(undefined, { load: { run, records: writer.rows, quarantined: 0 } });
  }
  const found = await rows(dest, `SELECT load_id, inserted, deleted FROM ${ref("_gc_loads")} ORDER BY load_id`);
  assert.equal(found, [
    { load_id: "D1", inserted: "3", deleted: "0" },
    { load_id: "D2", inserted: "1", deleted: "2" },
  ]);
});

each("state holding integers beyond 2^53 (a bigint cursor) is stored and read back exactly", async (d) => {
  const dest = await d.open();
  const state = { lastValue: 2n ** 63n - 1n, boundaryKeys: ["[18446744073709551616]"], initialValue: 9007199254740993n, small: 7 };
  await syncRun(dest, runOf("2024-05-03T00:00:00.000Z-aaaa0003"), [{ id: 1 }], state);
  assert.equal(await dest.readState(DATASET, KEY), state);
});

each("a failed load is marked failed with its error, nothing else changes; a completed run is never marked failed", async (d) => {
  const dest = await d.open();
  await syncRun(dest, runOf("L1"), [{ id: 1, qty: 1 }], 1);
  const before = await snapshot(dest);
  // A type change: refused by the normalizer or by the commit, depending on what the load knows.
  await rejection(syncRun(dest, runOf("L2"), [{ id: 2, qty: "text now" }], 2));
  const found = await rows(dest, `SELECT load_id, status, error FROM ${ref("_gc_loads")} ORDER BY load_id`);
  assert.equal(
    found.map((r) => [r["load_id"], r["status"]]),
    [
      ["L1", "completed"],
      ["L2", "failed"],
    ],
  );
  assert.match(String(found[1]?.["error"]), 'column "qty"');
  assert.equal({ ...(await snapshot(dest)), _gc_loads: [] }, { ...before, _gc_loads: [] });
  assert.is(await dest.readState(DATASET, KEY), 1);
  await dest.failRun(DATASET, runOf("L1"), "too late");
  assert.equal((await rows(dest, `SELECT status, error FROM ${ref("_gc_loads")} WHERE load_id = 'L1'`))[0], { status: "completed", error: null });
});

each("state is read only from completed loads: a state row of a load not completed is ignored", async (d) => {
  const dest = await d.open();
  await syncRun(dest, runOf("L1"), [{ id: 1 }], 1);
  assert.is(await dest.readState(DATASET, KEY), 1);
  // Rows and state are committed together, so this cannot happen through the runtime: forge it.
  await dest.query(`UPDATE ${ref("_gc_loads")} SET status = 'running' WHERE load_id = 'L1'`);
  assert.is(await dest.readState(DATASET, KEY), undefined);
  await dest.query(`UPDATE ${ref("_gc_loads")} SET status = 'failed' WHERE load_id = 'L1'`);
  assert.is(await dest.readState(DATASET, KEY), undefined);
  // A completed row of the same load for another resource does not vouch for this one.
  await dest.startRun(DATASET, runOf("L1", "customers"));
  await dest.query(`UPDATE ${ref("_gc_loads")} SET status = 'completed' WHERE resource = 'customers'`);
  assert.is(await dest.readState(DATASET, KEY), undefined);
  await dest.query(`UPDATE ${ref("_gc_loads")} SET status = 'completed'`);
  assert.is(await dest.readState(DATASET, KEY), 1);
});

each("state committed without a run (no load id) is trusted, as is a legacy _gc_state without the load columns, which a later commit migrates", async (d) => {
  const dest = await d.open();
  const plain = await TableWriter.open(dest, DATASET, table, 2);
  await plain.commit({ key: "plain", value: { v: 1 } });
  assert.equal(await dest.readState(DATASET, "plain"), { v: 1 });

  const legacy = "legacy";
  const type = d.name === "duckdb" ? "JSON" : "jsonb";
  await dest.query(`CREATE SCHEMA IF NOT EXISTS ${legacy}`);
  await dest.query(
    `CREATE TABLE ${ref("_gc_state", legacy)} (key TEXT ${d.name === "postgres" ? "PRIMARY KEY" : "NOT NULL"}, value ${type}, updated_at TIMESTAMPTZ NOT NULL)`,
  );
  await dest.query(`INSERT INTO ${ref("_gc_state", legacy)} VALUES ('${KEY}', CAST('7' AS ${type}), now())`);
  assert.is(await dest.readState(legacy, KEY), 7);
  const run = runOf("L9");
  await dest.startRun(legacy, run);
  const writer = await TableWriter.open(dest, legacy, table, 2);
  await writer.write([{ id: 8 }]);
  await writer.commit({ key: KEY, value: 8 }, { load: { run, records: 1, quarantined: 0 } });
  assert.is(await dest.readState(legacy, KEY), 8);
  assert.equal(await rows(dest, `SELECT key, load_id, resource FROM ${ref("_gc_state", legacy)}`), [{ key: KEY, load_id: "L9", resource: "orders" }]);
});

each("a loads table made before `deleted` and `retired` existed gains them at its next completed run, with and without a running row", async (d) => {
  const dest = await d.open();
  await dest.query(`CREATE SCHEMA IF NOT EXISTS ${DATASET}`);
  await dest.query(
    `CREATE TABLE ${ref("_gc_loads")} (load_id TEXT NOT NULL, connector TEXT NOT NULL, resource TEXT NOT NULL, table_name TEXT NOT NULL, ` +
      "started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status TEXT NOT NULL, records BIGINT, inserted BIGINT, updated BIGINT, " +
      "unchanged BIGINT, quarantined BIGINT, error TEXT)",
  );
  await syncRun(dest, runOf("L1"), [{ id: 1 }]);
  const run = runOf("L2");
  const writer = await TableWriter.open(dest, DATASET, table, 2);
  await writer.write([{ id: 2 }]);
  await writer.commit(undefined, { load: { run, records: 1, quarantined: 0 } }); // no running row first
  assert.equal(await rows(dest, `SELECT load_id, status, records, inserted, deleted, retired FROM ${ref("_gc_loads")} ORDER BY load_id`), [
    { load_id: "L1", status: "completed", records: "1", inserted: "1", deleted: "0", retired: "0" },
    { load_id: "L2", status: "completed", records: "1", inserted: "1", deleted: "0", retired: "0" },
  ]);
});

each("a resource table may not be named _gc_loads", async (d) => {
  const dest = await d.open();
  const error = await rejection(dest.beginLoad(DATASET, orders({ name: "_gc_loads" })));
  assert.instance(error, DestinationError);
  assert.match(error.message, "reserved");
});

test.run();
