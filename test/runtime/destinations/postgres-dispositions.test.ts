// How every data type lands in Postgres. The write dispositions, the same on every destination, are
// tested in conformance/dispositions.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, load, spec } from "./load-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

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
  await load(
    dest,
    "app",
    spec("typed", "merge", ["id"], all),
    batch(all, [
      [big, "x", 1.25, true, "2024-01-02T03:04:05+02:00", "2024-01-02", "10:11:12", "12345678901234567890.123456789", '{"a":[1,2]}'],
      [1, null, 1e300, false, "2024-01-02 03:04:05", null, null, "0.000000000000000001", "null"],
    ]),
  );
  const rows = await dest.query(
    `SELECT id, t, d, b, ts::text AS ts, dt::text AS dt, tm::text AS tm, dec::text AS dec, j::text AS j FROM app.typed ORDER BY id DESC`,
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
      j: '{"a": [1, 2]}',
    },
    { id: "1", t: null, d: 1e300, b: false, ts: "2024-01-02 03:04:05+00", dt: null, tm: null, dec: "0.000000000000000001", j: "null" },
  ]);
  const types = await dest.query(
    `SELECT column_name AS c, format_type(atttypid, atttypmod) AS t FROM information_schema.columns
       JOIN pg_attribute ON attrelid = 'app.typed'::regclass AND attname = column_name
      WHERE table_schema = 'app' AND table_name = 'typed' AND column_name <> '_gc_merge_hash' ORDER BY ordinal_position`,
  );
  assert.equal(
    types.map((r) => r["t"]),
    ["bigint", "text", "double precision", "boolean", "timestamp with time zone", "date", "time without time zone", "numeric", "jsonb"],
  );
});

test.run();
