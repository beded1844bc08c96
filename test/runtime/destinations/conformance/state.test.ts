// State entries (`<dataset>._gc_state`) on every destination: committed in the same transaction as
// the load's rows, read back as the JSON value written, one row per key, and left as they were when a
// commit fails. Reopening a destination is tested per destination (duckdb-state, postgres-state).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { beginTableLoad } from "../../../../runtime/destinations/table-load.ts";
import { DestinationError } from "../../../../runtime/errors.ts";
import { batch, type Cols, rejection, spec } from "../load-fixtures.ts";
import { eachDestination } from "./destinations.ts";
import { DATASET, ref, tableNames } from "./fixtures.ts";
import { KEY, stateCols as cols, stateTable as table, v1, v2 } from "../state-fixtures.ts";

const each = await eachDestination(test);

each("state is committed with the rows and read back; absent keys and datasets are undefined", async (d) => {
  const dest = await d.open();
  assert.is(await dest.readState(DATASET, KEY), undefined); // no dataset yet
  const tl = await beginTableLoad(dest, DATASET, table);
  await tl.write(
    batch(cols, [
      [1, "a"],
      [2, "b"],
    ]),
  );
  assert.equal(await tl.commit({ key: KEY, value: v1 }), { inserted: 2, updated: 0, unchanged: 0 });
  assert.equal(await dest.readState(DATASET, KEY), v1);
  assert.is(await dest.readState(DATASET, "resources.other.incremental.updated_at"), undefined);
  assert.is(await dest.readState("other", KEY), undefined);
  const jsonType = d.name === "duckdb" ? "json_type" : "jsonb_typeof";
  const [row] = await dest.query(`SELECT key, ${jsonType}(value) AS t, updated_at IS NOT NULL AS stamped FROM ${ref("_gc_state")}`);
  assert.equal(row, { key: KEY, t: d.name === "duckdb" ? "OBJECT" : "object", stamped: true });
});

each("a later commit replaces the state: one row per key", async (d) => {
  const dest = await d.open();
  for (const [value, rows] of [
    [v1, [[1, "a"]]],
    [v2, [[2, "b"]]],
  ] as const) {
    const tl = await beginTableLoad(dest, DATASET, table);
    await tl.write(batch(cols, rows));
    await tl.commit({ key: KEY, value });
  }
  assert.equal(await dest.readState(DATASET, KEY), v2);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM ${ref("_gc_state")}`), [{ n: "1" }]);
});

each("a commit with state but no rows still writes the state", async (d) => {
  const dest = await d.open();
  const tl = await beginTableLoad(dest, DATASET, table);
  assert.equal(await tl.commit({ key: KEY, value: v1 }), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.readState(DATASET, KEY), v1);
});

each("a commit failing on a type conflict leaves both the rows and the old state", async (d) => {
  const dest = await d.open();
  const first = await beginTableLoad(dest, DATASET, table);
  await first.write(batch(cols, [[1, "a"]]));
  await first.commit({ key: KEY, value: v1 });

  const conflicting: Cols = [
    ["id", "bigint"],
    ["v", "bigint"],
  ];
  const second = await beginTableLoad(dest, DATASET, spec("issues", "merge", ["id"], conflicting));
  await second.write(
    batch(conflicting, [
      [1, 10],
      [2, 20],
    ]),
  );
  const error = await rejection(second.commit({ key: KEY, value: v2 }));
  assert.instance(error, DestinationError);
  assert.match(error.message, `column "v" has type ${d.name === "duckdb" ? "VARCHAR" : "text"}`);
  await second.abort();

  assert.equal(await dest.readState(DATASET, KEY), v1);
  assert.equal(await dest.query(`SELECT id, v FROM ${ref("issues")}`), [{ id: "1", v: "a" }]);
});

each("the first state commit failing inside its transaction leaves no state table (nor, on Postgres, a schema) behind", async (d) => {
  // Into a table that exists (loaded without state): a refused type change.
  const loaded = await d.open();
  const rowsOnly = await beginTableLoad(loaded, DATASET, table);
  await rowsOnly.write(batch(cols, [[1, "a"]]));
  await rowsOnly.commit();
  const conflicting: Cols = [
    ["id", "bigint"],
    ["v", "double"],
  ];
  const tl = await beginTableLoad(loaded, DATASET, spec("issues", "append", [], conflicting));
  await tl.write(batch(conflicting, [[2, 0.5]]));
  assert.instance(await rejection(tl.commit({ key: KEY, value: v1 })), DestinationError);
  await tl.abort();
  assert.is(await loaded.readState(DATASET, KEY), undefined);
  assert.equal(await tableNames(loaded), ["issues"]);

  // Into a new dataset: a value the column type refuses fails the commit's INSERT.
  const empty = await d.open();
  const at: Cols = [["at", "timestamp"]];
  const first = await beginTableLoad(empty, DATASET, spec("issues", "append", [], at));
  await first.write(batch(at, [["never"]]));
  assert.instance(await rejection(first.commit({ key: KEY, value: v1 })), DestinationError);
  await first.abort();
  assert.is(await empty.readState(DATASET, KEY), undefined);
  assert.equal(await tableNames(empty), []);
  // DuckDB creates the dataset's schema when the load begins; Postgres only in the commit transaction.
  if (d.name === "postgres") assert.equal(await empty.query(`SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1`, [DATASET]), [{ n: "0" }]);
});

each("a value without a JSON form is refused before anything is applied", async (d) => {
  const dest = await d.open();
  const tl = await beginTableLoad(dest, DATASET, table);
  await tl.write(batch(cols, [[1, "a"]]));
  const error = await rejection(tl.commit({ key: KEY, value: undefined }));
  assert.instance(error, DestinationError);
  assert.match(error.message, "has no JSON value; nothing was applied");
  await tl.abort();
  assert.equal(await tableNames(dest), []);
});

each("JSON values round-trip: strings with quotes, numbers, null, nested lists", async (d) => {
  const dest = await d.open();
  const values: unknown[] = [
    null,
    42,
    1.5,
    "it's \"quoted\" ' ; DROP TABLE x; --",
    "it's \"quoted\" ' ; $$ DROP TABLE x; --",
    [1, [2, { a: "é" }]],
    { lastValue: 1e21, boundaryKeys: [], initialValue: -0.25 },
  ];
  for (const [i, value] of values.entries()) {
    const tl = await beginTableLoad(dest, DATASET, table);
    await tl.commit({ key: `k${i}`, value });
    assert.equal(await dest.readState(DATASET, `k${i}`), value, JSON.stringify(value));
  }
});

each("a resource table may not be named _gc_state; a closed destination refuses readState", async (d) => {
  const dest = await d.open();
  const error = await rejection(beginTableLoad(dest, DATASET, spec("_GC_State", "append", [], cols)));
  assert.instance(error, DestinationError);
  assert.match(error.message, "reserved");
  await dest.close();
  assert.instance(await rejection(dest.readState(DATASET, KEY)), DestinationError);
});

test.run();
