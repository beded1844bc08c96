// How every data type lands in DuckDB. The write dispositions, the same on every destination, are
// tested in conformance/dispositions.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, type Cols, load, spec } from "./load-fixtures.ts";

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
  await load(
    dest,
    "app",
    spec("typed", "merge", ["id"], all),
    batch(all, [[big, "x", 1.25, true, "2024-01-02T03:04:05+02:00", "2024-01-02", "10:11:12", "12345678901234567890.123456789", '{"a":[1,2]}']]),
  );
  const rows = await dest.query(
    `SELECT * EXCLUDE (_gc_commit_id, _gc_merge_hash), typeof(ts) AS ts_type, typeof(dec) AS dec_type, typeof(j) AS j_type FROM app.typed`,
  );
  assert.equal(rows, [
    {
      id: big.toString(),
      t: "x",
      d: 1.25,
      b: true,
      ts: "2024-01-02 01:04:05+00",
      dt: "2024-01-02",
      tm: "10:11:12",
      dec: "12345678901234567890.123456789",
      j: '{"a":[1,2]}',
      ts_type: "TIMESTAMP WITH TIME ZONE",
      dec_type: "DECIMAL(38,9)",
      j_type: "JSON",
    },
  ]);
  await dest.close();
});

test.run();
