import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import type { PostgresDestination } from "../../../runtime/destinations/postgres/index.ts";
import { load, openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, rejection, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);

const base: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const items = spec("items", "merge", ["id"], base);

async function seeded(): Promise<PostgresDestination> {
  const dest = await openFresh();
  await load(dest, "shop", items, batch(base, [[1, "a"], [2, "b"]]));
  return dest;
}

const snapshot = (dest: PostgresDestination) =>
  Promise.all([
    dest.query(`SELECT * FROM shop.items ORDER BY id`),
    dest.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position`),
  ]);

pgTest("a new field in run 2 adds a column; old rows get NULL", async () => {
  const dest = await seeded();
  const wider: Cols = [...base, ["price", "double"]];
  await load(dest, "shop", items, batch(wider, [[3, "c", 9.5]]));
  assert.equal(await dest.query(`SELECT id, name, price FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", price: null },
    { id: "2", name: "b", price: null },
    { id: "3", name: "c", price: 9.5 },
  ]);
});

pgTest("a column that appears in a later batch of one load is staged too; short rows are null-padded", async () => {
  const dest = await openFresh();
  const wider: Cols = [...base, ["extra", "bool"]];
  await load(dest, "shop", items, batch(base, [[1, "a"]]), batch(wider, [[2, "b", true], [3]]));
  assert.equal(await dest.query(`SELECT id, name, extra FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", extra: null },
    { id: "2", name: "b", extra: true },
    { id: "3", name: null, extra: null },
  ]);
});

pgTest("a type change is a DestinationError naming table, column and both types; the table is unchanged", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const loose = spec("items", "merge", ["id"], [["id", "bigint"]]);
  const changed: Cols = [["id", "bigint"], ["name", "bigint"], ["added", "text"]];
  const error = await rejection(load(dest, "shop", loose, batch(changed, [[1, 5, "x"], [9, 6, "y"]])));
  assert.instance(error, DestinationError);
  for (const part of ['"shop"."items"', '"name"', "has type text", "bigint", "nothing was applied"]) assert.ok(error.message.includes(part), error.message);
  assert.equal(await snapshot(dest), before);
});

pgTest("abort leaves the table as the last commit left it and drops the staging table", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const tl = await dest.beginTable("shop", items);
  await tl.write(batch([...base, ["new_col", "text"]], [[1, "changed", "x"], [7, "n", "y"]]));
  await tl.abort();
  await tl.abort();
  assert.equal(await snapshot(dest), before);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM pg_class WHERE relpersistence = 't' AND relname LIKE '_gc_stage%'`), [{ n: "0" }]);
  assert.instance(await rejection(tl.commit()), DestinationError);
});

pgTest("a NULL primary key is refused before anything is applied", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const error = await rejection(load(dest, "shop", items, batch(base, [[3, "ok"], [null, "no key"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "NULL primary key (id)");
  assert.equal(await snapshot(dest), before);
});

pgTest("a value that fails its cast at commit rolls back everything", async () => {
  const dest = await seeded();
  const before = await snapshot(dest);
  const withTs: Cols = [...base, ["seen_at", "timestamp"]];
  const error = await rejection(load(dest, "shop", items, batch(withTs, [[1, "z", "2024-01-01T00:00:00Z"], [2, "z", "not a time"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, '"items"');
  assert.match(error.message, "rolled back");
  assert.equal(await snapshot(dest), before);
});

pgTest("a failure inside the transaction rolls back the schema change and the delete", async () => {
  const dest = await seeded();
  const strict = spec("items", "merge", ["id"], [["id", "bigint"], ["name", "text"]]);
  await dest.query(`ALTER TABLE shop.items ADD COLUMN required text NOT NULL DEFAULT 'x'`);
  const before = await snapshot(dest);
  const wider: Cols = [...base, ["required", "text"], ["added", "text"]];
  const error = await rejection(load(dest, "shop", strict, batch(wider, [[1, "changed", null, "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "rolled back");
  assert.equal(await snapshot(dest), before);
});

pgTest("a write with a value of the wrong JS type fails the load, which can then only be aborted", async () => {
  const dest = await seeded();
  const tl = await dest.beginTable("shop", items);
  const error = await rejection(tl.write(batch(base, [["not a number", "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, '"id" is bigint');
  assert.instance(await rejection(tl.commit()), DestinationError);
  await tl.abort();
  assert.equal(await dest.query(`SELECT count(*) AS n FROM shop.items`), [{ n: "2" }]);
});

test.run();
