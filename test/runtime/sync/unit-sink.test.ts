// Unit sinks into a DuckDB file: a buffered sink (a window) records its `_gc_loads` row and opens its
// load only when the committer asks, replays held records and refusals into it, and appends a
// `replace` table after the run's first window; once its window is the next to commit, it writes into
// its load instead of holding records.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ResourceSpec } from "../../../runtime/connector.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { AheadBudget } from "../../../runtime/sync/ahead-budget.ts";
import { bufferedSink, directSink, type SinkContext } from "../../../runtime/sync/unit-sink.ts";
import { query, tempDbPath } from "../../helpers/duckdb.ts";

const resource = (writeDisposition: "replace" | "append"): ResourceSpec =>
  ({
    name: "things",
    primaryKey: ["id"],
    table: { name: "things", writeDisposition, primaryKey: ["id"], columns: [], invalidRecords: "quarantine" },
  }) as unknown as ResourceSpec;

const context = (db: Awaited<ReturnType<typeof openDuckDb>>, loadId: string, appendOnly: boolean): SinkContext => ({
  destination: db,
  dataset: "d",
  connector: "c",
  loadId,
  redact: (t) => t,
  appendOnly,
});

test("a buffered sink holds records until its writer is asked for, then records its load and replays them with its refusals", async () => {
  const path = tempDbPath();
  const db = await openDuckDb(path);
  try {
    // Unit 1 of a budget whose head is unit 0: fetched ahead of its turn.
    const ahead = { budget: new AheadBudget(100), unit: 1 };
    const sink = bufferedSink(resource("replace"), { ...context(db, "L-w000000", false), ahead });
    sink.refuse({ raw: { id: "x" }, page: 1, index: 0 }, "id: expected number");
    assert.equal(await sink.write([{ id: 1 }, { id: 2 }], []), [{ id: 1 }, { id: 2 }]);
    assert.is(sink.started, false, "no load row before its commit");
    assert.is(sink.rows, 2);
    const writer = await sink.writer();
    assert.is(sink.started, true);
    assert.equal([writer.rows, writer.quarantined], [2, 1]);
    await writer.commit(undefined, { load: { run: sink.run, records: writer.rows, quarantined: writer.quarantined } });
    // A later window of the same run: replace appends.
    const later = bufferedSink(resource("replace"), { ...context(db, "L-w000001", true), ahead });
    await later.write([{ id: 3 }], []);
    const w = await later.writer();
    await w.commit(undefined, { load: { run: later.run, records: w.rows, quarantined: 0 } });
    // A direct sink of a first unit (a whole sequence) replaces.
    const whole = await directSink(resource("replace"), context(db, "M", false));
    assert.is(whole.started, true, "recorded running before any record");
    await whole.write([{ id: 9 }], []);
    const before = await db.query("SELECT list(id::INT ORDER BY id) AS ids FROM d.things");
    assert.equal(before, [{ ids: [1, 2, 3] }]);
    const ww = await whole.writer();
    await ww.commit(undefined, { load: { run: whole.run, records: 1, quarantined: 0 } });
  } finally {
    await db.close();
  }
  assert.equal(await query(path, "SELECT id::INT AS id FROM d.things"), [{ id: 9 }]);
  assert.equal(await query(path, "SELECT load_id, status, records FROM d._gc_loads ORDER BY load_id"), [
    { load_id: "L-w000000", status: "completed", records: 2 },
    { load_id: "L-w000001", status: "completed", records: 1 },
    { load_id: "M", status: "completed", records: 1 },
  ]);
  assert.equal(await query(path, "SELECT load_id, reason FROM d._quarantine"), [{ load_id: "L-w000000", reason: "id: expected number" }]);
});

test("a window's buffered sink writes into its load from the page its window becomes the next to commit", async () => {
  const path = tempDbPath();
  const db = await openDuckDb(path);
  try {
    const budget = new AheadBudget(100); // unit 0 commits first
    const sink = bufferedSink(resource("append"), { ...context(db, "L-w000001", false), ahead: { budget, unit: 1 } });
    await sink.write([{ id: 1 }, { id: 2 }], []);
    assert.equal([sink.started, budget.held], [false, 2], "fetched ahead of its turn: held in memory");
    budget.advance(1);
    sink.refuse({ raw: { id: "y" }, page: 2, index: 0 }, "id: expected number");
    await sink.write([{ id: 3 }], []);
    assert.equal([sink.started, budget.held], [true, 0], "the head opened its load and replayed what it held");
    assert.equal(await db.query("SELECT status FROM d._gc_loads"), [{ status: "running" }]);
    await sink.write([{ id: 4 }, { id: 5 }], []);
    assert.is(budget.held, 0, "later pages go straight into the load");
    const writer = await sink.writer();
    assert.equal([writer.rows, writer.quarantined], [5, 1]);
    await writer.commit(undefined, { load: { run: sink.run, records: writer.rows, quarantined: writer.quarantined } });
  } finally {
    await db.close();
  }
  assert.equal(
    (await query(path, "SELECT id::INT AS id FROM d.things ORDER BY id")).map((r) => r.id),
    [1, 2, 3, 4, 5],
  );
  assert.equal(await query(path, "SELECT load_id, status, records FROM d._gc_loads"), [{ load_id: "L-w000001", status: "completed", records: 5 }]);
});

test("the run's only window (no budget) writes into its load from its first page", async () => {
  const path = tempDbPath();
  const db = await openDuckDb(path);
  try {
    const sink = bufferedSink(resource("append"), context(db, "L-w000000", false));
    await sink.write([{ id: 1 }], []);
    assert.is(sink.started, true);
    assert.equal(await db.query("SELECT status FROM d._gc_loads"), [{ status: "running" }]);
    const writer = await sink.writer();
    await writer.commit(undefined, { load: { run: sink.run, records: writer.rows, quarantined: 0 } });
  } finally {
    await db.close();
  }
  assert.equal(await query(path, "SELECT id::INT AS id FROM d.things"), [{ id: 1 }]);
});

test.run();
