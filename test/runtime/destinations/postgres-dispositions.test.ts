import { test } from "uvu";
import * as assert from "uvu/assert";
import { load, openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];

pgTest("append inserts every row, duplicates included", async () => {
  const dest = await fresh();
  const events = spec("events", "append", ["id"], cols);
  assert.equal(await load(dest, "app", events, batch(cols, [[1, "a"], [1, "b"]])), { inserted: 2, updated: 0, unchanged: 0 });
  assert.equal(await load(dest, "app", events, batch(cols, [[1, "c"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM app.events ORDER BY v`), [
    { id: "1", v: "a" },
    { id: "1", v: "b" },
    { id: "1", v: "c" },
  ]);
});

pgTest("merge without a primary key appends", async () => {
  const dest = await fresh();
  const logs = spec("logs", "merge", [], cols);
  await load(dest, "app", logs, batch(cols, [[1, "a"]]));
  assert.equal(await load(dest, "app", logs, batch(cols, [[1, "a"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM app.logs`), [{ n: "2" }]);
});

pgTest("replace swaps the whole table content", async () => {
  const dest = await fresh();
  const snap = spec("snapshot", "replace", ["id"], cols);
  await load(dest, "app", snap, batch(cols, [[1, "old"], [2, "old"]]));
  assert.equal(await load(dest, "app", snap, batch(cols, [[3, "new"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM app.snapshot`), [{ id: "3", v: "new" }]);
  assert.equal(await load(dest, "app", snap), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM app.snapshot`), [{ n: "0" }]);
});

pgTest("a commit with no rows still creates the schema and the table from the declared columns", async () => {
  const dest = await fresh();
  assert.equal(await load(dest, "app", spec("empty", "merge", ["id"], cols)), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(
    await dest.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'app' AND table_name = 'empty' ORDER BY ordinal_position`),
    [
      { column_name: "id", data_type: "bigint" },
      { column_name: "v", data_type: "text" },
    ],
  );
});

pgTest("every data type lands in its Postgres type and round-trips", async () => {
  const dest = await fresh();
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
    [1, null, 1e300, false, "2024-01-02 03:04:05", null, null, "0.000000000000000001", "null"],
  ]));
  const rows = await dest.query(
    `SELECT id, t, d, b, ts::text AS ts, dt::text AS dt, tm::text AS tm, dec::text AS dec, j::text AS j FROM app.typed ORDER BY id DESC`,
  );
  assert.equal(rows, [
    { id: big.toString(), t: "x", d: 1.25, b: true, ts: "2024-01-02 01:04:05+00", dt: "2024-01-02", tm: "10:11:12", dec: "12345678901234567890.123456789", j: '{"a": [1, 2]}' },
    { id: "1", t: null, d: 1e300, b: false, ts: "2024-01-02 03:04:05+00", dt: null, tm: null, dec: "0.000000000000000001", j: "null" },
  ]);
  const types = await dest.query(
    `SELECT column_name AS c, format_type(atttypid, atttypmod) AS t FROM information_schema.columns
       JOIN pg_attribute ON attrelid = 'app.typed'::regclass AND attname = column_name
      WHERE table_schema = 'app' AND table_name = 'typed' ORDER BY ordinal_position`,
  );
  assert.equal(types.map((r) => r["t"]), ["bigint", "text", "double precision", "boolean", "timestamp with time zone", "date", "time without time zone", "numeric", "jsonb"]);
});

test.run();
