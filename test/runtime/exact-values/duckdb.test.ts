// Exact values into DuckDB through the TableWriter: int64 and long decimals digit for digit, offsets as
// one TIMESTAMPTZ instant, microseconds kept, NUL stored; what DECIMAL(38,9) cannot hold is refused.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb, type DuckDbDestination } from "../../../runtime/destinations/duckdb/index.ts";
import { BOTH_BODY, EXACT_TABLE, records, rejection, writeAll } from "./cases.ts";

let dest: DuckDbDestination;
test.before.each(async () => {
  dest = await openDuckDb(":memory:");
});
test.after.each(() => dest.close());

const SELECT = `SELECT id::VARCHAR AS id, amount::VARCHAR AS amount, price::VARCHAR AS price, seen_at::VARCHAR AS seen_at, t::VARCHAR AS t,
  meta::VARCHAR AS meta, new_int::VARCHAR AS new_int, new_big::VARCHAR AS new_big, new_dec::VARCHAR AS new_dec FROM ds.exact ORDER BY id`;

test("int64, decimals, doubles, timestamps and new exact fields land digit for digit", async () => {
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  assert.equal(await dest.query(SELECT), [
    {
      id: "-9223372036854775808",
      amount: "99999999999999999999999999999.999999999",
      price: null,
      seen_at: "2024-03-01 04:30:00.123456+00",
      t: null,
      meta: null,
      new_int: null,
      new_big: null,
      new_dec: null,
    },
    {
      id: "9007199254740992",
      amount: "12345678901234567890.123456789",
      price: "0.1",
      seen_at: "2024-03-01 04:30:00+00",
      t: "10:00:00.123456",
      meta: '{"big":[9007199254740993,1e400,0.1]}',
      new_int: "9007199254740995",
      new_big: "18446744073709551616.000000000",
      new_dec: "123456789012345678.500000000",
    },
    {
      id: "9007199254740993",
      amount: "0.000000001",
      price: null,
      seen_at: "2024-03-01 04:30:00+00",
      t: null,
      meta: null,
      new_int: "1",
      new_big: "2.000000000",
      new_dec: "3.000000000",
    },
    {
      id: "9223372036854775807",
      amount: "-0.500000000",
      price: "1.8446744073709552e+19",
      seen_at: "2024-03-01 04:30:00.123456+00",
      t: null,
      meta: null,
      new_int: null,
      new_big: null,
      new_dec: null,
    },
  ]);
  const types = await dest.query(
    `SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE schema_name = 'ds' AND table_name = 'exact' AND column_name LIKE 'new_%' ORDER BY c`,
  );
  assert.equal(types, [
    { c: "new_big", t: "DECIMAL(38,9)" },
    { c: "new_dec", t: "DECIMAL(38,9)" },
    { c: "new_int", t: "BIGINT" },
  ]);
});

test("a timestamp with an offset and its Z form are one instant; a rerun changes nothing", async () => {
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  assert.equal(await dest.query(`SELECT count(DISTINCT seen_at) AS n FROM ds.exact WHERE id IN (9007199254740992, 9007199254740993)`), [{ n: "1" }]);
  assert.equal(await dest.query(`SELECT seen_at = TIMESTAMPTZ '2024-03-01 10:00:00+05:30' AS same FROM ds.exact WHERE id = 9007199254740992`), [
    { same: true },
  ]);
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  assert.equal(await dest.query(`SELECT count(*) AS n FROM ds.exact`), [{ n: "4" }]);
});

const refused: [string, string, string[]][] = [
  [
    "more than 9 fraction digits",
    '[{"id": 1, "amount": 1.000000000000000000001}]',
    ['"amount"', "1 digits before the point and 21 after", "DECIMAL(38,9)", "not rounded"],
  ],
  [
    "more than 29 integer digits",
    '[{"id": 1, "amount": 1000000000000000000000000000000000000000}]',
    ['"amount"', "40 digits before the point", "DECIMAL(38,9)"],
  ],
  ["a new field beyond the double range (inferred double)", '[{"id": 1, "huge": 1e400}]', ['"huge"', "expects double", "beyond double precision"]],
  ["a fraction too fine in a decimal string", '[{"id": 1, "amount": "0.0000000001"}]', ['"amount"', "10 after"]],
];

for (const [name, body, says] of refused) {
  test(`refused, never rounded: ${name}; nothing is applied`, async () => {
    await writeAll(dest, "ds", EXACT_TABLE, records('[{"id": 7, "amount": 1.5}]'));
    const error = await rejection(writeAll(dest, "ds", EXACT_TABLE, records(body)));
    for (const part of says) assert.ok(error.message.includes(part), `${part} not in: ${error.message}`);
    assert.equal(await dest.query(`SELECT id::VARCHAR AS id, amount::VARCHAR AS amount FROM ds.exact`), [{ id: "7", amount: "1.500000000" }]);
  });
}

test("NUL in text and JSON is stored and read back as is", async () => {
  await writeAll(dest, "ds", EXACT_TABLE, [{ id: 1, note: "a\u0000b", meta: { k: "x\u0000y" } }]);
  const [row] = await dest.query(`SELECT note, meta::VARCHAR AS meta FROM ds.exact`);
  assert.is(row?.["note"], "a\u0000b");
  assert.is(row?.["meta"], JSON.stringify({ k: "x\u0000y" }));
  assert.equal(JSON.parse(String(row?.["meta"])), { k: "x\u0000y" });
});

test.run();
