// A full refresh (`--full-refresh`): the root and its nested tables are emptied and refilled, and the
// state replaced, in the one commit transaction, whatever the write disposition; a failed full refresh
// leaves the old tables and state. The quarantine's history is not the resource's data: it stays.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../../runtime/errors.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import type { TableSpec } from "../../../../runtime/connector.ts";
import { rejection } from "../load-fixtures.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, itemsByRoot, orders, orphans, ref, rows, snapshot, sync } from "./fixtures.ts";

const each = await eachDestination(test);
const KEY = "resources.orders.incremental.updated_at";

const order = (id: number, skus: string[], qty: unknown = 1) => ({ id, note: `order ${id}`, items: skus.map((sku) => ({ sku, qty })) });

/** Loads `records` as a full refresh, replacing the state with `state`. */
async function refresh(dest: TestDestination, table: TableSpec, records: readonly Record<string, unknown>[], state: unknown): Promise<void> {
  const writer = await TableWriter.open(dest, DATASET, table, 2);
  try {
    for (const record of records) await writer.write([record]);
    await writer.commit({ key: KEY, value: state }, { fullRefresh: true });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

for (const disposition of ["merge", "append", "replace"] as const) {
  each(`${disposition}: the root and its nested tables end with the new data only, and the state is replaced`, async (d) => {
    const dest = await d.open();
    const table = orders({ writeDisposition: disposition, primaryKey: disposition === "merge" ? ["id"] : [] });
    await sync(dest, table, [order(1, ["a", "b"]), order(2, ["c"]), order(3, ["d"])], { state: { key: KEY, value: "v1" } });
    if (disposition === "append") await sync(dest, table, [order(1, ["a", "b"])]);
    await refresh(dest, table, [order(2, ["changed"]), order(4, ["x", "y"])], "v2");
    assert.equal(await rows(dest, `SELECT id, note FROM ${ref("orders")} ORDER BY id`), [
      { id: "2", note: "order 2" },
      { id: "4", note: "order 4" },
    ]);
    assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { 2: ["changed"], 4: ["x", "y"] });
    assert.is(await orphans(dest, "orders", "orders__items"), 0);
    assert.is(await dest.readState(DATASET, KEY), "v2");
  });
}

each("merge: a key twice in a full refresh keeps its last version, once", async (d) => {
  const dest = await d.open();
  const table = orders();
  await sync(dest, table, [order(1, ["a"]), order(2, ["b"])]);
  await refresh(dest, table, [order(5, ["first"]), order(6, ["z"]), order(5, ["last", "wins"])], null);
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { 5: ["last", "wins"], 6: ["z"] });
  assert.equal(await rows(dest, `SELECT count(*) AS n FROM ${ref("orders")}`), [{ n: "2" }]);
  assert.is(await dest.readState(DATASET, KEY), null);
});

each("a full refresh with no records empties the tables; the quarantine keeps its rows", async (d) => {
  const dest = await d.open();
  const table = orders();
  await sync(dest, table, [order(1, ["a"])], { state: { key: KEY, value: "v1" } });
  await dest.query(`CREATE TABLE ${ref("_quarantine")} (load_id TEXT)`);
  await dest.query(`INSERT INTO ${ref("_quarantine")} VALUES ('old')`);
  await refresh(dest, table, [], null);
  const after = await snapshot(dest);
  assert.equal([after["orders"], after["orders__items"], after["_quarantine"]], [[], [], [{ load_id: "old" }]]);
  assert.is(await dest.readState(DATASET, KEY), null);
});

each("a full refresh that fails at commit leaves the previous tables and state", async (d) => {
  const dest = await d.open();
  const table = orders({ columns: [{ name: "note", dataType: "text", nullable: false }] });
  await sync(dest, table, [order(1, ["a", "b"]), order(2, ["c"])], { state: { key: KEY, value: "v1" } });
  const before = await snapshot(dest);
  // A NULL in a NOT NULL column fails the commit's INSERT, after the tables were emptied in it.
  const error = await rejection(refresh(dest, table, [order(3, ["x"]), { id: 4, items: [] }], "v2"));
  assert.instance(error, DestinationError);
  assert.match(error.message, "rolled back");
  assert.equal(await snapshot(dest), before);
  assert.is(await dest.readState(DATASET, KEY), "v1");
});

test.run();
