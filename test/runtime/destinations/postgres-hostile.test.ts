import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { shortenIdentifier } from "../../../runtime/normalize/identifier.ts";
import { quoteIdent } from "../../../runtime/destinations/sql.ts";
import { TableWriter } from "../../../runtime/sync/table-writer.ts";
import { load, openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, rejection, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

const DATASET = 'my "data"; --';
const TABLE = 't"; DROP TABLE public.sentinel; --';
const columns: Cols = [
  ["id", "bigint"],
  ['a"b', "text"],
  ["select", "text"],
  ["order", "bigint"],
  ["x; DELETE FROM public.sentinel", "text"],
  ["new\nline", "text"],
  ["-- comment", "text"],
  ["back\\slash 'q'", "text"],
  ["c".repeat(63), "text"],
];

pgTest("hostile dataset, table and column names land verbatim and run no SQL", async () => {
  const dest = await fresh();
  await dest.query(`CREATE TABLE public.sentinel AS SELECT 1 AS x`);
  const table = spec(TABLE, "merge", ["id", "order"], columns);
  const row: Scalar[] = [1, "v1", "v2", 2, "v3", "v4", "v5", "v6", "v7"];
  await load(dest, DATASET, table, batch(columns, [row]));
  assert.equal(await load(dest, DATASET, table, batch(columns, [row])), { inserted: 0, updated: 0, unchanged: 1 });

  assert.equal(await dest.query(`SELECT count(*) AS n FROM public.sentinel`), [{ n: "1" }]);
  const names = await dest.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [DATASET, TABLE],
  );
  assert.equal(names.map((r) => r["column_name"]), columns.map(([name]) => name));
  const data = await dest.query(`SELECT * FROM "my ""data""; --"."t""; DROP TABLE public.sentinel; --"`);
  assert.equal(Object.values(data[0] ?? {}), ["1", "v1", "v2", "2", "v3", "v4", "v5", "v6", "v7"]);
});

pgTest("a name longer than Postgres keeps (63 bytes) is shortened deterministically, as on DuckDB; only a real collision is refused", async () => {
  const dest = await fresh();
  const longColumn = "k".repeat(300);
  const wide = "é".repeat(32); // 32 characters, 64 bytes
  const longTable = "t".repeat(64);
  const cols: Cols = [["id", "bigint"], [longColumn, "text"], [wide, "text"]];
  await load(dest, "app", spec(longTable, "append", [], cols), batch(cols, [[1, "long", "wide"]]));
  const table = shortenIdentifier(longTable);
  assert.is(Buffer.byteLength(table), 63);
  const names = await dest.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'app' AND table_name = $1 ORDER BY ordinal_position`, [table]);
  assert.equal(names.map((r) => r["column_name"]), ["id", shortenIdentifier(longColumn), shortenIdentifier(wide)]);
  assert.ok(names.every((r) => Buffer.byteLength(String(r["column_name"])) <= 63));
  assert.equal(await dest.query(`SELECT * FROM app.${quoteIdent(table)}`), [{ id: "1", [shortenIdentifier(longColumn)]: "long", [shortenIdentifier(wide)]: "wide" }]);
  // A second name equal to the first one's shortened form would land in the same column: refused.
  const clash: Cols = [[longColumn, "text"], [shortenIdentifier(longColumn), "text"]];
  const error = await rejection(load(dest, "app", spec("t", "append", [], clash), batch(clash, [["a", "b"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "both become");
  assert.match(error.message, "kkkk");
});

pgTest("hostile values round-trip exactly, through COPY", async () => {
  const dest = await fresh();
  const cols: Cols = [["id", "bigint"], ["v", "text"], ["j", "json"]];
  const values = [
    "it's",
    '"double"',
    "$$ dollar $$",
    "$tag$ x $tag$",
    "back\\slash \\N \\. \\t",
    "\\.",
    "'); DROP TABLE x; --",
    "emoji 🦆 and 中文",
    "line\nbreak\r\ttab",
    "",
    "x".repeat(1024 * 1024),
  ];
  const rows = values.map((v, i): Scalar[] => [i, v, JSON.stringify({ v })]);
  await load(dest, "vals", spec("hostile", "merge", ["id"], cols), batch(cols, rows));
  const back = await dest.query(`SELECT v, j FROM vals.hostile ORDER BY id`);
  assert.equal(back.map((r) => r["v"]), values);
  assert.equal(back.map((r) => (r["j"] as { v: string }).v), values);
});

pgTest("a lone surrogate becomes U+FFFD in text (UTF-8 has no encoding for it); in JSON, which jsonb refuses, it fails the load clearly", async () => {
  const dest = await fresh();
  const cols: Cols = [["v", "text"], ["j", "json"]];
  const t = spec("surrogates", "append", [], cols);
  await load(dest, "vals", t, batch(cols, [["a\ud800b", JSON.stringify("🦆 pair")]]));
  assert.equal(await dest.query(`SELECT v, j::text AS j FROM vals.surrogates`), [{ v: "a\ufffdb", j: '"🦆 pair"' }]);
  const error = await rejection(load(dest, "vals", t, batch(cols, [["ok", JSON.stringify("a\ud800b")]])));
  assert.instance(error, DestinationError);
  for (const part of ['"vals"."surrogates"', 'column "j"', "row 0", "lone UTF-16 surrogate", "nothing was applied"]) assert.ok(error.message.includes(part), error.message);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM vals.surrogates`), [{ n: "1" }]);
});

pgTest("NUL policy: a NUL in text or a \\u0000 escape in JSON fails the load naming table, column and row; nothing is applied", async () => {
  const dest = await fresh();
  const cols: Cols = [["id", "bigint"], ["v", "text"], ["j", "json"]];
  const t = spec("nul", "merge", ["id"], cols);
  await load(dest, "vals", t, batch(cols, [[1, "kept", "{}"]]));
  for (const [bad, column] of [[[2, "nul \u0000 inside", "{}"], "v"], [[2, "ok", JSON.stringify("nul \u0000")], "j"]] as const) {
    const tl = await dest.beginTable("vals", t);
    await tl.write(batch(cols, [[5, "fine", "{}"]]));
    const error = await rejection(tl.write(batch(cols, [[3, "fine", "{}"], bad])));
    assert.instance(error, DestinationError);
    for (const part of ['"vals"."nul"', `column "${column}"`, "row 2", "NUL", "nothing was applied"]) assert.ok(error.message.includes(part), error.message);
    assert.instance(await rejection(tl.commit()), DestinationError);
    await tl.abort();
  }
  // An escaped backslash before u0000 is the text `\u0000`, which jsonb stores fine.
  assert.equal(await load(dest, "vals", t, batch(cols, [[4, "ok", JSON.stringify("\\u0000")]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM vals.nul ORDER BY id`), [{ id: "1", v: "kept" }, { id: "4", v: "ok" }]);
});

pgTest("records with hostile keys flow through the normalizer into Postgres", async () => {
  const dest = await fresh();
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
});

test.run();
