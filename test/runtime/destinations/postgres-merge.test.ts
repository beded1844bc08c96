// Postgres-only merge behaviour; merge on every destination is in conformance/merge.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { partitionDeleteSql } from "../../../runtime/destinations/merge-table.ts";
import { retireSql } from "../../../runtime/destinations/scd2-table.ts";
import { freshDatabase, openFresh, pgTests, withClient } from "../../helpers/postgres.ts";
import { batch, type Cols, load, spec } from "./load-fixtures.ts";

const pgTest = await pgTests(test);

// Not a conformance test: at the destination level DuckDB compares JSON as text, so JSON text with its
// keys reordered counts as an update there. Loads through the normalizer write JSON with sorted keys,
// so a sync sees the same on both (conformance/nested-merge.test.ts).
pgTest("NULLs and JSON compare as values: an identical row with NULLs and reordered JSON keys is unchanged", async () => {
  const dest = await openFresh();
  const c: Cols = [
    ["id", "bigint"],
    ["maybe", "text"],
    ["j", "json"],
    ["at", "timestamp"],
  ];
  const t = spec("docs", "merge", ["id"], c);
  await load(
    dest,
    "crm",
    t,
    batch(c, [
      [1, null, '{"a":1,"b":2}', "2024-01-01T00:00:00Z"],
      [2, "x", "[1]", null],
    ]),
  );
  const again = batch(c, [
    [1, null, '{"b":2,"a":1}', "2024-01-01 00:00:00+00"],
    [2, null, "[1]", null],
  ]);
  assert.equal(await load(dest, "crm", t, again), { inserted: 0, updated: 1, unchanged: 1 });
  assert.equal(await dest.query(`SELECT id, maybe FROM crm.docs ORDER BY id`), [
    { id: "1", maybe: null },
    { id: "2", maybe: null },
  ]);
});

// scd2's retire statement (and delete-insert's merge_key delete) on analyzed tables of 20,000 versions, one in ten changed: Postgres estimates
// the anti-join ("absent from the load") at one row, and an EXISTS scope above it was planned as a
// nested loop scanning the whole load per row — a 1M-row rerun never finished. The scope is a join.
pgTest("scd2's retire statement and the merge_key delete are planned without a nested loop over the load", async () => {
  const url = (await freshDatabase()) as string;
  await withClient(url, async (c) => {
    await c.query("CREATE TABLE target (id bigint, k bigint, h text, valid_to timestamptz)");
    await c.query("INSERT INTO target SELECT i, i, md5(i::text), NULL FROM generate_series(1, 20000) AS i");
    await c.query("CREATE TABLE final AS SELECT id, k, CASE WHEN id % 10 = 0 THEN md5(h) ELSE h END AS h FROM target");
    await c.query("ANALYZE target");
    await c.query("ANALYZE final");
    const parts = { target: "target", live: "final", final: "final", active: "t.valid_to IS NULL", version: "h", set: "valid_to = now()" };
    const plan = async (partitionKey: string[]) =>
      (await c.query(`EXPLAIN ${retireSql({ ...parts, partitionKey })}`)).rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
    assert.not.match(await plan(["id"]), "Nested Loop");
    assert.not.match(await plan([]), "Nested Loop");
    // delete-insert's merge_key delete has the same shape (a partition scope beside "absent from the load");
    // every key of the partitions is in the load here: the anti-join is estimated at one row.
    const partitionDelete = partitionDeleteSql("target", "final", ["id"], ["k"]);
    const deletePlan = (await c.query(`EXPLAIN ${partitionDelete}`)).rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
    assert.not.match(deletePlan, "Nested Loop");
    // Planned before anything runs: a statement's dead rows change the estimates.
    assert.is((await c.query(partitionDelete)).rowCount, 0);
    const retired = await c.query(retireSql({ ...parts, partitionKey: ["id"] }));
    assert.is(retired.rowCount, 2000);
  });
});

test.run();
