// Exact values into Postgres through the TableWriter: int64 and decimals of any length digit for digit
// (NUMERIC is unconstrained), offsets as one timestamptz instant, microseconds kept; the NUL policy:
// a NUL in text or JSON fails the load naming table, column and row, and nothing is applied.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { PostgresDestination } from "../../../runtime/destinations/postgres/index.ts";
import { openFresh, pgTests } from "../../helpers/postgres.ts";
import { BOTH_BODY, EXACT_TABLE, records, rejection, writeAll } from "./cases.ts";

const pgTest = await pgTests(test);

const SELECT = `SELECT id::text AS id, amount::text AS amount, price::text AS price, seen_at::text AS seen_at, t::text AS t,
  meta::text AS meta, new_int::text AS new_int, new_big::text AS new_big, new_dec::text AS new_dec FROM ds.exact ORDER BY id`;

pgTest("int64, decimals, doubles, timestamps and new exact fields land digit for digit", async () => {
  const dest = await openFresh();
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  const meta = await dest.query(`SELECT meta = '{"big": [9007199254740993, 1e400, 0.1]}'::jsonb AS exact FROM ds.exact WHERE id = 9007199254740992`);
  assert.equal(meta, [{ exact: true }]);
  const rows = (await dest.query(SELECT)).map((r) => ({ ...r, meta: r["meta"] === null ? null : "(checked above)" }));
  assert.equal(rows, [
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
      meta: "(checked above)",
      new_int: "9007199254740995",
      new_big: "18446744073709551616",
      new_dec: "123456789012345678.5",
    },
    {
      id: "9007199254740993",
      amount: "0.000000001",
      price: null,
      seen_at: "2024-03-01 04:30:00+00",
      t: null,
      meta: null,
      new_int: "1",
      new_big: "2",
      new_dec: "3",
    },
    {
      id: "9223372036854775807",
      amount: "-0.5",
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
    `SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'ds' AND table_name = 'exact' AND column_name LIKE 'new_%' ORDER BY c`,
  );
  assert.equal(types, [
    { c: "new_big", t: "numeric" },
    { c: "new_dec", t: "numeric" },
    { c: "new_int", t: "bigint" },
  ]);
});

pgTest("a timestamp with an offset and its Z form are one instant; a rerun changes nothing", async () => {
  const dest = await openFresh();
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  assert.equal(await dest.query(`SELECT count(DISTINCT seen_at)::int AS n FROM ds.exact WHERE id IN (9007199254740992, 9007199254740993)`), [{ n: 1 }]);
  assert.equal(await dest.query(`SELECT seen_at = '2024-03-01 10:00:00+05:30'::timestamptz AS same FROM ds.exact WHERE id = 9007199254740992`), [
    { same: true },
  ]);
  await writeAll(dest, "ds", EXACT_TABLE, records(BOTH_BODY));
  assert.equal(await dest.query(`SELECT count(*)::int AS n FROM ds.exact`), [{ n: 4 }]);
});

pgTest("decimals DuckDB refuses are exact in NUMERIC: long fractions, 40 digits, 1e400 (declared decimal)", async () => {
  const dest = await openFresh();
  const table = { ...EXACT_TABLE, columns: [...EXACT_TABLE.columns, { name: "huge", dataType: "decimal" as const, nullable: true }] };
  const body = `[{"id": 1, "amount": 1.000000000000000000001}, {"id": 2, "amount": 1000000000000000000000000000000000000001},
    {"id": 3, "amount": "-0.00000000000000000000000000000000000000000000001"}, {"id": 4, "huge": 1e400}]`;
  await writeAll(dest, "ds", table, records(body));
  assert.equal(await dest.query(`SELECT id::text AS id, amount::text AS amount, huge = 1e400 AS huge FROM ds.exact ORDER BY id`), [
    { id: "1", amount: "1.000000000000000000001", huge: null },
    { id: "2", amount: "1000000000000000000000000000000000000001", huge: null },
    { id: "3", amount: "-0.00000000000000000000000000000000000000000000001", huge: null },
    { id: "4", amount: null, huge: true },
  ]);
});

const nul: [string, Record<string, unknown>, string[]][] = [
  ["text", { id: 2, note: "a\u0000b" }, ['column "note"', "NUL character"]],
  ["JSON", { id: 2, meta: { k: "x\u0000y" } }, ['column "meta"', "NUL escape"]],
];

for (const [kind, record, says] of nul) {
  pgTest(`NUL policy: a NUL in ${kind} fails the load naming table, column and row; nothing is applied`, async () => {
    const dest: PostgresDestination = await openFresh();
    await writeAll(dest, "ds", EXACT_TABLE, [{ id: 1, note: "ok", meta: { k: "ok" } }]);
    const error = await rejection(writeAll(dest, "ds", EXACT_TABLE, [{ id: 3, note: "fine" }, record]));
    for (const part of ['"ds"."exact"', ...says, "row 1", "nothing was applied"]) assert.ok(error.message.includes(part), `${part} not in: ${error.message}`);
    assert.equal(await dest.query(`SELECT id::text AS id, note FROM ds.exact`), [{ id: "1", note: "ok" }]);
  });
}

test.run();
