// Hostile input on every destination: dataset, table and column names with quotes, `;`, `--`,
// newlines, backslashes and reserved words land verbatim through the destination and run no SQL;
// hostile text and JSON values round-trip exactly; a lone surrogate is replaced in text and refused in
// JSON; hostile record keys reach the destination as safe names through the normalizer. (Hostile keys
// inside list items, and names beyond 63 bytes landing shortened: names.test.ts.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../../runtime/destinations/destination.ts";
import { DestinationError } from "../../../../runtime/errors.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { batch, type Cols, load, rejection, spec } from "../load-fixtures.ts";
import { type DestinationUnderTest, eachDestination } from "./destinations.ts";
import { json } from "./fixtures.ts";

const each = await eachDestination(test);

/** The schema unqualified tables go to: where the sentinel the hostile names aim at lives. */
function home(d: DestinationUnderTest): string {
  return d.name === "duckdb" ? "main" : "public";
}

each("hostile dataset, table and column names land verbatim and run no SQL", async (d) => {
  const dest = await d.open();
  const sentinel = `${home(d)}.sentinel`;
  const DATASET = 'my "data"; --';
  const TABLE = `t"; DROP TABLE ${sentinel}; --`;
  const columns: Cols = [
    ["id", "bigint"],
    ['a"b', "text"],
    ["select", "text"],
    ["order", "bigint"],
    [`x; DELETE FROM ${sentinel}`, "text"],
    ["new\nline", "text"],
    ["-- comment", "text"],
    ["back\\slash 'q'", "text"],
    ["c".repeat(63), "text"],
  ];
  await dest.query(`CREATE TABLE ${sentinel} AS SELECT 1 AS x`);
  const table = spec(TABLE, "merge", ["id", "order"], columns);
  const row: Scalar[] = [1, "v1", "v2", 2, "v3", "v4", "v5", "v6", "v7"];
  await load(dest, DATASET, table, batch(columns, [row]));
  assert.equal(await load(dest, DATASET, table, batch(columns, [row])), { inserted: 0, updated: 0, unchanged: 1 });

  assert.equal(await dest.query(`SELECT count(*) AS n FROM ${sentinel}`), [{ n: "1" }]);
  const catalog =
    d.name === "duckdb"
      ? `SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 AND column_name NOT IN ('_gc_commit_id', '_gc_merge_hash') ORDER BY column_index`
      : `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name <> '_gc_merge_hash' ORDER BY ordinal_position`;
  const names = await dest.query(catalog, [DATASET, TABLE]);
  assert.equal(
    names.map((r) => r["column_name"]),
    columns.map(([name]) => name),
  );
  const data = await dest.query(`SELECT * FROM "my ""data""; --"."t""; DROP TABLE ${sentinel}; --"`);
  assert.equal(
    Object.entries(data[0] ?? {})
      .filter(([k]) => k !== "_gc_commit_id" && k !== "_gc_merge_hash")
      .map(([, v]) => v),
    ["1", "v1", "v2", "2", "v3", "v4", "v5", "v6", "v7"],
  );
});

each("hostile values round-trip exactly in text and JSON (through COPY on Postgres)", async (d) => {
  const dest = await d.open();
  const cols: Cols = [
    ["id", "bigint"],
    ["v", "text"],
    ["j", "json"],
  ];
  const values = [
    "it's",
    '"double"',
    "$$ dollar $$",
    "$tag$ x $tag$",
    "back\\slash",
    "back\\slash \\N \\. \\t",
    "\\.",
    "'); DROP TABLE x; --",
    "emoji 🦆 and 中文",
    "line\nbreak\r\ttab",
    "",
    "x".repeat(1024 * 1024),
    // The NUL policy: DuckDB stores a NUL; Postgres refuses it (postgres-hostile.test.ts).
    ...(d.name === "duckdb" ? ["nul \u0000 inside"] : []),
  ];
  const rows = values.map((v, i): Scalar[] => [i, v, JSON.stringify({ v })]);
  await load(dest, "vals", spec("hostile", "merge", ["id"], cols), batch(cols, rows));
  const back = await dest.query(`SELECT v, j FROM vals.hostile ORDER BY id`);
  assert.equal(
    back.map((r) => r["v"]),
    values,
  );
  assert.equal(
    back.map((r) => (json(r["j"]) as { v: string }).v),
    values,
  );
});

each("a lone surrogate becomes U+FFFD in text (UTF-8 has no encoding for it); in JSON, which the destination refuses, it fails the load clearly", async (d) => {
  const dest = await d.open();
  const cols: Cols = [
    ["v", "text"],
    ["j", "json"],
  ];
  const t = spec("surrogates", "append", [], cols);
  // A surrogate pair is fine in JSON; so is a \u0000 escape, except in Postgres' jsonb (the NUL policy).
  const pair = d.name === "duckdb" ? "🦆 pair \u0000" : "🦆 pair";
  await load(dest, "vals", t, batch(cols, [["a\ud800b", JSON.stringify(pair)]]));
  assert.equal(await dest.query(`SELECT v, j::text AS j FROM vals.surrogates`), [{ v: "a\ufffdb", j: JSON.stringify(pair) }]);
  const error = await rejection(load(dest, "vals", t, batch(cols, [["ok", JSON.stringify("a\ud800b")]])));
  assert.instance(error, DestinationError);
  for (const part of ['"vals"."surrogates"', 'column "j"', "row 0", "lone UTF-16 surrogate", "nothing was applied"])
    assert.ok(error.message.includes(part), error.message);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM vals.surrogates`), [{ n: "1" }]);
});

each("records with hostile keys flow through the normalizer into the destination", async (d) => {
  const dest = await d.open();
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
  assert.equal(
    await dest.query(`SELECT value, a, _gc_list_idx AS idx, _gc_root_id = $1 AS linked FROM raw.events__list ORDER BY idx`, [first["_gc_id"] as string]),
    [
      { value: "1", a: null, idx: "0", linked: true },
      { value: null, a: "2", idx: "1", linked: true },
    ],
  );
});

test.run();
