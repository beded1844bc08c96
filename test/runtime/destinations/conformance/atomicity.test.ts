// One resource load is one transaction: the root rows, every nested table and the state entry are
// committed together or not at all; a failure anywhere leaves everything as the last commit left it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../../runtime/errors.ts";
import { RowNormalizer } from "../../../../runtime/normalize/row-normalizer.ts";
import { rejection } from "../load-fixtures.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, orders, snapshot, sync } from "./fixtures.ts";

const each = await eachDestination(test);
const table = orders();
const KEY = "resources.orders.incremental.updated_at";

const order = (id: number, skus: string[], qty: unknown = 1) => ({ id, note: `order ${id}`, items: skus.map((sku) => ({ sku, qty, tags: [sku] })) });

async function seeded(open: () => Promise<TestDestination>): Promise<TestDestination> {
  const dest = await open();
  await sync(dest, table, [order(1, ["a", "b"]), order(2, ["c"])], { state: { key: KEY, value: "v1" } });
  return dest;
}

each("a failure while staging a nested table leaves the root, the nested tables and the state as committed", async (d) => {
  const dest = await seeded(() => d.open());
  const before = await snapshot(dest);
  const normalizer = new RowNormalizer(table);
  normalizer.add(order(1, ["changed"]));
  normalizer.add(order(3, ["new"]));
  const load = await dest.beginLoad(DATASET, table);
  const [root, ...nested] = normalizer.takeBatches();
  await load.write(root!.table, root!.batch);
  const items = nested.find((b) => b.table.name === "orders__items")!;
  await load.write(items.table, items.batch);
  // A row the staging cannot take (a bigint column holding text), in a nested table.
  const bad = { columns: items.batch.columns, rows: [items.batch.columns.map((c) => (c.name === "qty" ? "not a number" : null))] };
  const error = await rejection(load.write(items.table, bad));
  assert.instance(error, DestinationError);
  assert.match(error.message, "orders__items");
  assert.instance(await rejection(load.commit({ key: KEY, value: "v2" })), DestinationError);
  await load.abort();
  assert.equal(await snapshot(dest), before);
  assert.is(await dest.readState(DATASET, KEY), "v1");
});

each("a failure while committing a nested table (a refused type change) rolls back the root and the state too", async (d) => {
  const dest = await seeded(() => d.open());
  const before = await snapshot(dest);
  // Normalized without the stored columns (as if the table changed since the load began), so the type
  // change reaches the commit; a sync refuses it earlier, in the normalizer (contracts.test.ts).
  const normalizer = new RowNormalizer(table);
  normalizer.add(order(1, ["x"], "one"));
  normalizer.add(order(4, ["y"], "two"));
  const load = await dest.beginLoad(DATASET, table);
  for (const batch of normalizer.takeBatches()) await load.write(batch.table, batch.batch);
  const error = await rejection(load.commit({ key: KEY, value: "v2" }));
  await load.abort();
  assert.instance(error, DestinationError);
  assert.match(error.message, "orders__items");
  assert.match(error.message, 'column "qty"');
  assert.equal(await snapshot(dest), before);
  assert.is(await dest.readState(DATASET, KEY), "v1");
});

each("a nested table written into another root's load, or under a reserved name, fails the load before anything is applied", async (d) => {
  const dest = await seeded(() => d.open());
  const before = await snapshot(dest);
  const batch = { columns: [{ name: "_gc_root_id", dataType: "text" as const, nullable: true }], rows: [["x"]] };
  for (const [spec, says] of [
    [
      { name: "other__items", writeDisposition: "merge", primaryKey: [], columns: [], nested: { parent: "other", root: "other" } },
      "cannot be written in the load",
    ],
    [{ name: "_gc_nested_tables", writeDisposition: "append", primaryKey: [], columns: [] }, "reserved"],
  ] as const) {
    const load = await dest.beginLoad(DATASET, table);
    const error = await rejection(load.write(spec, batch));
    assert.instance(error, DestinationError);
    assert.match(error.message, says);
    await load.abort();
  }
  assert.equal(await snapshot(dest), before);
});

test.run();
