import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { openDuckDb, type DuckDbDestination } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, type Cols, load, rejection, spec } from "./duckdb-fixtures.ts";

const base: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const items = spec("items", "merge", ["id"], base);

async function seeded(): Promise<DuckDbDestination> {
  const dest = await openDuckDb(":memory:");
  await load(dest, "shop", items, batch(base, [[1, "a"], [2, "b"]]));
  return dest;
}

const snapshot = (dest: DuckDbDestination) =>
  Promise.all([
    dest.query(`SELECT * FROM shop.items ORDER BY id`),
    dest.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'items' ORDER BY column_index`),
  ]);

test("a new field in run 2 adds a column; old rows get NULL", async () => {
  const dest = await seeded();
  const wider: Cols = [...base, ["price", "double"]];
  await load(dest, "shop", items, batch(wider, [[3, "c", 9.5]]));
  assert.equal(await dest.query(`SELECT id, name, price FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", price: null },
    { id: "2", name: "b", price: null },
    { id: "3", name: "c", price: 9.5 },
  ]);
  await dest.close();
});

test("a column that appears in a later batch of one load is staged too; short rows are null-padded", async () => {
  const dest = await openDuckDb(":memory:");
  const wider: Cols = [...base, ["extra", "bool"]];
  await load(dest, "shop", items, batch(base, [[1, "a"]]), batch(wider, [[2, "b", true], [3]]));
  assert.equal(await dest.query(`SELECT id, name, extra FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", extra: null },
    { id: "2", name: "b", extra: true },
    { id: "3", name: null, extra: null },
  ]);
  await dest.close();
});

test("a type change is a DestinationError naming table, column and both types; the table is unchanged", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  // Run 2: `name` is undeclared and the API now sends numbers, so it was inferred as bigint.
  const loose = spec("items", "merge", ["id"], [["id", "bigint"]]);
  const changed: Cols = [["id", "bigint"], ["name", "bigint"], ["added", "text"]];
  const error = await rejection(load(dest, "shop", loose, batch(changed, [[1, 5, "x"], [9, 6, "y"]])));
  assert.instance(error, DestinationError);
  for (const part of ['"shop"."items"', '"name"', "VARCHAR", "BIGINT"]) assert.ok(error.message.includes(part), error.message);
  assert.equal(await snapshot(dest), before);
  await dest.close();
});

test("abort leaves the table as the last commit left it", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const tl = await dest.beginTable("shop", items);
  await tl.write(batch([...base, ["new_col", "text"]], [[1, "changed", "x"], [7, "n", "y"]]));
  await tl.abort();
  await tl.abort();
  assert.equal(await snapshot(dest), before);
  assert.instance(await rejection(tl.commit()), DestinationError);
  await dest.close();
});

test("a NULL primary key is refused before anything is applied", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const error = await rejection(load(dest, "shop", items, batch(base, [[3, "ok"], [null, "no key"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "NULL primary key (id)");
  assert.equal(await snapshot(dest), before);
  await dest.close();
});

test("a value that fails its cast at commit rolls back everything", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const withTs: Cols = [...base, ["seen_at", "timestamp"]];
  const error = await rejection(load(dest, "shop", items, batch(withTs, [[1, "z", "2024-01-01T00:00:00Z"], [2, "z", "not a time"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, '"items"');
  assert.equal(await snapshot(dest), before);
  await dest.close();
});

test("a failure inside the transaction rolls back the schema change and the delete", async () => {
  const dest = await seeded();
  const strict = spec("items", "merge", ["id"], [["id", "bigint"], ["name", "text"]]);
  // Make the INSERT fail after ADD COLUMN and DELETE ran: a NOT NULL column the new rows leave empty.
  await dest.query(`ALTER TABLE shop.items ADD COLUMN required VARCHAR DEFAULT 'x'`);
  await dest.query(`ALTER TABLE shop.items ALTER COLUMN required SET NOT NULL`);
  const before = await snapshot(dest);
  const wider: Cols = [...base, ["required", "text"], ["added", "text"]];
  const error = await rejection(load(dest, "shop", strict, batch(wider, [[1, "changed", null, "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "rolled back");
  assert.equal(await snapshot(dest), before);
  await dest.close();
});

test("a write with a value of the wrong JS type fails the load, which can then only be aborted", async () => {
  const dest = await seeded();
  const tl = await dest.beginTable("shop", items);
  const error = await rejection(tl.write(batch(base, [["not a number", "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, '"id" is bigint');
  assert.instance(await rejection(tl.commit()), DestinationError);
  await tl.abort();
  assert.equal(await dest.query(`SELECT count(*) AS n FROM shop.items`), [{ n: "2" }]);
  await dest.close();
});

test.run();
