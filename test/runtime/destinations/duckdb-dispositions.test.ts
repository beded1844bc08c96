import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, type Cols, load, spec } from "./duckdb-fixtures.ts";

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];

test("append inserts every row, duplicates included", async () => {
  const dest = await openDuckDb(":memory:");
  const events = spec("events", "append", ["id"], cols);
  assert.equal(await load(dest, "app", events, batch(cols, [[1, "a"], [1, "b"]])), { inserted: 2, updated: 0, unchanged: 0 });
  assert.equal(await load(dest, "app", events, batch(cols, [[1, "c"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM app.events ORDER BY v`), [
    { id: "1", v: "a" },
    { id: "1", v: "b" },
    { id: "1", v: "c" },
  ]);
  await dest.close();
});

test("merge without a primary key appends", async () => {
  const dest = await openDuckDb(":memory:");
  const logs = spec("logs", "merge", [], cols);
  await load(dest, "app", logs, batch(cols, [[1, "a"]]));
  assert.equal(await load(dest, "app", logs, batch(cols, [[1, "a"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM app.logs`), [{ n: "2" }]);
  await dest.close();
});

test("replace swaps the whole table content", async () => {
  const dest = await openDuckDb(":memory:");
  const snap = spec("snapshot", "replace", ["id"], cols);
  await load(dest, "app", snap, batch(cols, [[1, "old"], [2, "old"]]));
  assert.equal(await load(dest, "app", snap, batch(cols, [[3, "new"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM app.snapshot`), [{ id: "3", v: "new" }]);
  assert.equal(await load(dest, "app", snap), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM app.snapshot`), [{ n: "0" }]);
  await dest.close();
});

test("a commit with no rows still creates the table from the declared columns", async () => {
  const dest = await openDuckDb(":memory:");
  assert.equal(await load(dest, "app", spec("empty", "merge", ["id"], cols)), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'empty' ORDER BY column_index`), [
    { column_name: "id", data_type: "BIGINT" },
    { column_name: "v", data_type: "VARCHAR" },
  ]);
  await dest.close();
});

test("every data type lands in its DuckDB type and round-trips", async () => {
  const dest = await openDuckDb(":memory:");
  const all: Cols = [
    ["id", "bigint"],
    ["t", "text"],
    ["d", "double"],
    ["b", "bool"],
    ["ts", "timestamp"],
    ["dt", "date"],
    ["tm", "time"],
    ["dec", "decimal"],
    ["j", "json"],
  ];
  const big = 9007199254740993n;
  await load(dest, "app", spec("typed", "merge", ["id"], all), batch(all, [
    [big, "x", 1.25, true, "2024-01-02T03:04:05+02:00", "2024-01-02", "10:11:12", "12345678901234567890.123456789", '{"a":[1,2]}'],
  ]));
  const rows = await dest.query(`SELECT *, typeof(ts) AS ts_type, typeof(dec) AS dec_type, typeof(j) AS j_type FROM app.typed`);
  assert.equal(rows, [
    {
      id: big.toString(), t: "x", d: 1.25, b: true, ts: "2024-01-02 01:04:05+00", dt: "2024-01-02", tm: "10:11:12",
      dec: "12345678901234567890.123456789", j: '{"a":[1,2]}',
      ts_type: "TIMESTAMP WITH TIME ZONE", dec_type: "DECIMAL(38,9)", j_type: "JSON",
    },
  ]);
  await dest.close();
});

test.run();
