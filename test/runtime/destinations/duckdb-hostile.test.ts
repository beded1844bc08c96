import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { DestinationError } from "../../../runtime/errors.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { TableWriter } from "../../../runtime/sync/table-writer.ts";
import { batch, type Cols, load, spec } from "./duckdb-fixtures.ts";

const DATASET = 'my "data"; --';
const TABLE = 't"; DROP TABLE main.sentinel; --';
const columns: Cols = [
  ["id", "bigint"],
  ['a"b', "text"],
  ["select", "text"],
  ["order", "bigint"],
  ["x; DELETE FROM main.sentinel", "text"],
  ["new\nline", "text"],
  ["-- comment", "text"],
  ["c".repeat(63), "text"],
];

test("hostile dataset, table and column names land verbatim and run no SQL", async () => {
  const dest = await openDuckDb(":memory:");
  await dest.query(`CREATE TABLE main.sentinel AS SELECT 1 AS x`);
  const table = spec(TABLE, "merge", ["id", "order"], columns);
  const row: Scalar[] = [1, "v1", "v2", 2, "v3", "v4", "v5", "v6"];
  await load(dest, DATASET, table, batch(columns, [row]));
  assert.equal(await load(dest, DATASET, table, batch(columns, [row])), { inserted: 0, updated: 0, unchanged: 1 });

  assert.equal(await dest.query(`SELECT count(*) AS n FROM main.sentinel`), [{ n: "1" }]);
  const names = await dest.query(
    `SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 ORDER BY column_index`,
    [DATASET, TABLE],
  );
  assert.equal(names.map((r) => r["column_name"]), columns.map(([name]) => name));
  const data = await dest.query(`SELECT * FROM "my ""data""; --"."t""; DROP TABLE main.sentinel; --"`);
  assert.equal(Object.values(data[0] ?? {}), ["1", "v1", "v2", "2", "v3", "v4", "v5", "v6"]);
  await dest.close();
});

test("hostile values round-trip exactly", async () => {
  const dest = await openDuckDb(":memory:");
  const cols: Cols = [["id", "bigint"], ["v", "text"], ["j", "json"]];
  const values = [
    "it's",
    '"double"',
    "$$ dollar $$",
    "$tag$ x $tag$",
    "back\\slash",
    "'); DROP TABLE x; --",
    "emoji 🦆 and 中文",
    "line\nbreak\r\ttab",
    "nul \u0000 inside",
    "x".repeat(1024 * 1024),
  ];
  const rows = values.map((v, i): Scalar[] => [i, v, JSON.stringify({ v })]);
  await load(dest, "vals", spec("hostile", "merge", ["id"], cols), batch(cols, rows));
  const back = await dest.query(`SELECT v, j FROM vals.hostile ORDER BY id`);
  assert.equal(back.map((r) => r["v"]), values);
  assert.equal(back.map((r) => JSON.parse(String(r["j"])).v), values);
  await dest.close();
});

test("a lone surrogate becomes U+FFFD in text (UTF-8 has no encoding for it); in JSON, which DuckDB's JSON refuses, it fails the load clearly", async () => {
  const dest = await openDuckDb(":memory:");
  const cols: Cols = [["v", "text"], ["j", "json"]];
  const t = spec("surrogates", "append", [], cols);
  await load(dest, "vals", t, batch(cols, [["a\ud800b", JSON.stringify("🦆 pair \u0000")]]));
  assert.equal(await dest.query(`SELECT v, j FROM vals.surrogates`), [{ v: "a\ufffdb", j: '"🦆 pair \\u0000"' }]);
  const error = await load(dest, "vals", t, batch(cols, [["ok", JSON.stringify("a\ud800b")]])).then(() => null, (e: unknown) => e);
  assert.instance(error, DestinationError);
  const message = (error as Error).message;
  for (const part of ['"vals"."surrogates"', 'column "j"', "row 0", "lone UTF-16 surrogate", "nothing was applied"]) assert.ok(message.includes(part), message);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM vals.surrogates`), [{ n: "1" }]);
  await dest.close();
});

test("records with hostile keys flow through the normalizer into DuckDB", async () => {
  const dest = await openDuckDb(":memory:");
  const long = "k".repeat(300);
  const table = spec("events", "merge", ["id"], [["id", "bigint"]]);
  const record = JSON.parse(
    `{"id":1,"a\\"b":"q","semi;colon":1.5,"--dash":true,"nl\\nkey":null,"${long}":"long","nested":{"Deep Key":{"x'y":"z"}},"list":[1,{"a":2}]}`,
  ) as Record<string, unknown>;
  const writer = await TableWriter.open(dest, "raw", table);
  await writer.write([record, { id: 2, nested: { "Deep Key": { "x'y": "w" } } }]);
  assert.equal(await writer.commit(), { inserted: 2, updated: 0, unchanged: 0, children: { events__list: 2 } });
  const rows = await dest.query(`SELECT * FROM raw.events ORDER BY id`);
  const first = rows[0] ?? {};
  assert.equal(Object.keys(first).slice(0, 4), ["id", "a_b", "semi_colon", "dash"]);
  assert.is(first["a_b"], "q");
  assert.is(first["semi_colon"], 1.5);
  assert.is(first["nested__deep_key__x_y"], "z");
  const longName = Object.keys(first).find((k) => k.startsWith("kkkk"));
  assert.ok(longName !== undefined && longName.length === 63);
  assert.is(first[longName ?? ""], "long");
  assert.is(rows[1]?.["nested__deep_key__x_y"], "w");
  // The list went to a nested table: a scalar item as `value`, an object item as its fields.
  assert.equal(await dest.query(`SELECT value, a, _gc_list_idx AS idx, _gc_root_id = $1 AS linked FROM raw.events__list ORDER BY idx`, [first["_gc_id"] as string]), [
    { value: "1", a: null, idx: "0", linked: true },
    { value: null, a: "2", idx: "1", linked: true },
  ]);
  await dest.close();
});

test.run();
