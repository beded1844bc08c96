// Write dispositions of a single table on every destination: append inserts every row, merge without
// a key appends, replace swaps the content, and an empty commit still creates the table. How each
// data type lands is destination-specific (duckdb-dispositions, postgres-dispositions).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { batch, type Cols, load, spec } from "../load-fixtures.ts";
import { eachDestination } from "./destinations.ts";
import { DATASET, ref } from "./fixtures.ts";

const each = await eachDestination(test);

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];

each("append inserts every row, duplicates included", async (d) => {
  const dest = await d.open();
  const events = spec("events", "append", ["id"], cols);
  assert.equal(
    await load(
      dest,
      DATASET,
      events,
      batch(cols, [
        [1, "a"],
        [1, "b"],
      ]),
    ),
    { inserted: 2, updated: 0, unchanged: 0 },
  );
  assert.equal(await load(dest, DATASET, events, batch(cols, [[1, "c"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM ${ref("events")} ORDER BY v`), [
    { id: "1", v: "a" },
    { id: "1", v: "b" },
    { id: "1", v: "c" },
  ]);
});

each("merge without a primary key appends", async (d) => {
  const dest = await d.open();
  const logs = spec("logs", "merge", [], cols);
  await load(dest, DATASET, logs, batch(cols, [[1, "a"]]));
  assert.equal(await load(dest, DATASET, logs, batch(cols, [[1, "a"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM ${ref("logs")}`), [{ n: "2" }]);
});

each("replace swaps the whole table content", async (d) => {
  const dest = await d.open();
  const snap = spec("snapshot", "replace", ["id"], cols);
  await load(
    dest,
    DATASET,
    snap,
    batch(cols, [
      [1, "old"],
      [2, "old"],
    ]),
  );
  assert.equal(await load(dest, DATASET, snap, batch(cols, [[3, "new"]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM ${ref("snapshot")}`), [{ id: "3", v: "new" }]);
  assert.equal(await load(dest, DATASET, snap), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT count(*) AS n FROM ${ref("snapshot")}`), [{ n: "0" }]);
});

each("a commit with no rows still creates the schema and the table from the declared columns", async (d) => {
  const dest = await d.open();
  assert.equal(await load(dest, DATASET, spec("empty", "merge", ["id"], cols)), { inserted: 0, updated: 0, unchanged: 0 });
  const [bigint, text] = d.name === "duckdb" ? ["BIGINT", "VARCHAR"] : ["bigint", "text"];
  assert.equal(
    await dest.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'empty' AND column_name NOT IN ('_gc_commit_id', '_gc_merge_hash') ORDER BY ordinal_position`,
      [DATASET],
    ),
    [
      { column_name: "id", data_type: bigint },
      { column_name: "v", data_type: text },
    ],
  );
});

test.run();
