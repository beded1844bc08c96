// Snapshot reconciliation (`missing` in the merge spec), on every destination: after a complete
// extract, stored rows whose key the load lacks are deleted with their nested rows (`delete`) or
// marked with `_gc_deleted_at` and unmarked when they come back (`soft_delete`), in the same
// transaction and counted as deleted (retired when marked); never after a partial extract.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TableSpec } from "../../../../runtime/connector.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, itemsByRoot, orders, orphans, ref, rows } from "./fixtures.ts";

const each = await eachDestination(test);

async function load(dest: TestDestination, table: TableSpec, records: readonly Record<string, unknown>[], complete: boolean) {
  const writer = await TableWriter.open(dest, DATASET, table, 2);
  await writer.write(records);
  return writer.commit(undefined, { complete });
}

const three = [
  { id: 1, items: [{ sku: "a" }] },
  { id: 2, items: [{ sku: "b" }] },
  { id: 3, items: [{ sku: "c" }] },
];

each("missing: delete removes the rows (and nested rows) of keys a complete extract lacks, never after a partial one", async (d) => {
  const dest = await d.open();
  const table = orders({ merge: { strategy: "delete-insert", missing: "delete" } });
  await load(dest, table, three, true);
  const partial = await load(dest, table, [three[0]!], false);
  assert.is(partial.deleted ?? 0, 0);
  assert.is((await rows(dest, `SELECT id FROM ${ref("orders")}`)).length, 3);
  const complete = await load(dest, table, [three[0]!, three[2]!], true);
  assert.equal([complete.inserted, complete.updated, complete.unchanged, complete.deleted], [0, 0, 2, 1]);
  assert.equal(await rows(dest, `SELECT id FROM ${ref("orders")} ORDER BY id`), [{ id: "1" }, { id: "3" }]);
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "1": ["a"], "3": ["c"] });
  assert.is(await orphans(dest, "orders", "orders__items"), 0);
});

each("missing: soft_delete marks the rows of absent keys with _gc_deleted_at and clears it when the key comes back", async (d) => {
  const dest = await d.open();
  const table = orders({ merge: { strategy: "upsert", missing: "soft_delete" } });
  await load(dest, table, three, true);
  const gone = await load(dest, table, [three[0]!, three[1]!], true);
  assert.equal([gone.deleted ?? 0, gone.retired], [0, 1], "a marked row is retired (kept), not deleted");
  const marked = `SELECT id, _gc_deleted_at IS NOT NULL AS deleted FROM ${ref("orders")} ORDER BY id`;
  assert.equal(await rows(dest, marked), [
    { id: "1", deleted: "false" },
    { id: "2", deleted: "false" },
    { id: "3", deleted: "true" },
  ]);
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "1": ["a"], "2": ["b"], "3": ["c"] });
  const again = await load(dest, table, [three[0]!, three[1]!], true);
  assert.is(again.retired ?? 0, 0, "an already marked row is not counted again");
  await load(dest, table, three, true);
  assert.equal(
    (await rows(dest, marked)).map((r) => r["deleted"]),
    ["false", "false", "false"],
  );
});

test.run();
