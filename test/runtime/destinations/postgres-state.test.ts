import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { freshDatabase, load, openFresh, openTracked, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, rejection, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

const cols: Cols = [["id", "bigint"], ["v", "text"]];
const table = spec("issues", "merge", ["id"], cols);
const KEY = "resources.issues.incremental.updated_at";
const v1 = { lastValue: "2024-01-01T00:00:00Z", boundaryKeys: ["[1]", "[2]"], initialValue: null };
const v2 = { lastValue: "2024-02-01T00:00:00Z", boundaryKeys: ["[3]"], initialValue: null };

pgTest("state is committed with the rows and read back; absent keys and datasets are undefined", async () => {
  const dest = await fresh();
  assert.is(await dest.readState("app", KEY), undefined);
  const tl = await dest.beginTable("app", table);
  await tl.write(batch(cols, [[1, "a"], [2, "b"]]));
  assert.equal(await tl.commit({ key: KEY, value: v1 }), { inserted: 2, updated: 0, unchanged: 0 });
  assert.equal(await dest.readState("app", KEY), v1);
  assert.is(await dest.readState("app", "resources.other.incremental.updated_at"), undefined);
  assert.is(await dest.readState("other", KEY), undefined);
  const [row] = await dest.query(`SELECT key, jsonb_typeof(value) AS t, updated_at IS NOT NULL AS stamped FROM app._gc_state`);
  assert.equal(row, { key: KEY, t: "object", stamped: true });
});

pgTest("a later commit replaces the state: one row per key", async () => {
  const dest = await fresh();
  for (const [value, rows] of [[v1, [[1, "a"]]], [v2, [[2, "b"]]]] as const) {
    const tl = await dest.beginTable("app", table);
    await tl.write(batch(cols, rows));
    await tl.commit({ key: KEY, value });
  }
  assert.equal(await dest.readState("app", KEY), v2);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM app._gc_state`), [{ n: "1" }]);
});

pgTest("a commit with state but no rows still writes the state", async () => {
  const dest = await fresh();
  const tl = await dest.beginTable("app", table);
  assert.equal(await tl.commit({ key: KEY, value: v1 }), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await dest.readState("app", KEY), v1);
});

pgTest("a commit failing on a type conflict leaves both the rows and the old state", async () => {
  const dest = await fresh();
  const first = await dest.beginTable("app", table);
  await first.write(batch(cols, [[1, "a"]]));
  await first.commit({ key: KEY, value: v1 });

  const conflicting: Cols = [["id", "bigint"], ["v", "bigint"]];
  const second = await dest.beginTable("app", spec("issues", "merge", ["id"], conflicting));
  await second.write(batch(conflicting, [[1, 10], [2, 20]]));
  const error = await rejection(second.commit({ key: KEY, value: v2 }));
  assert.instance(error, DestinationError);
  assert.match(error.message, 'column "v" has type text');
  await second.abort();

  assert.equal(await dest.readState("app", KEY), v1);
  assert.equal(await dest.query(`SELECT id, v FROM app.issues`), [{ id: "1", v: "a" }]);
});

pgTest("the first state commit failing inside its transaction leaves no state table (nor schema) behind", async () => {
  const dest = await fresh();
  const tl = await dest.beginTable("app", spec("issues", "append", [], [["at", "timestamp"]]));
  await tl.write(batch([["at", "timestamp"]], [["never"]]));
  assert.instance(await rejection(tl.commit({ key: KEY, value: v1 })), DestinationError);
  await tl.abort();
  assert.is(await dest.readState("app", KEY), undefined);
  assert.equal(await dest.query(`SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'app'`), [{ n: "0" }]);
});

pgTest("a value without a JSON form is refused before anything is applied", async () => {
  const dest = await fresh();
  const tl = await dest.beginTable("app", table);
  await tl.write(batch(cols, [[1, "a"]]));
  const error = await rejection(tl.commit({ key: KEY, value: undefined }));
  assert.instance(error, DestinationError);
  assert.match(error.message, "has no JSON value; nothing was applied");
  await tl.abort();
  assert.equal(await dest.query(`SELECT to_regclass('app.issues') IS NULL AS absent`), [{ absent: true }]);
});

pgTest("state survives reconnecting, per dataset", async () => {
  const url = (await freshDatabase()) as string;
  const first = await openTracked(url);
  for (const [dataset, value] of [["app", v1], ["other", v2]] as const) {
    const tl = await first.beginTable(dataset, table);
    await tl.write(batch(cols, [[1, dataset]]));
    await tl.commit({ key: KEY, value });
  }
  await first.close();
  const second = await openTracked(url);
  assert.equal(await second.readState("app", KEY), v1);
  assert.equal(await second.readState("other", KEY), v2);
  assert.is(await second.readState("APP", KEY), undefined); // quoted Postgres names are case-sensitive
  await second.close();
});

pgTest("JSON values round-trip: strings with quotes, numbers, null, nested lists", async () => {
  const dest = await fresh();
  const values: unknown[] = [null, 42, 1.5, "it's \"quoted\" ' ; $$ DROP TABLE x; --", [1, [2, { a: "é" }]], { lastValue: 1e21, boundaryKeys: [], initialValue: -0.25 }];
  for (const [i, value] of values.entries()) {
    const tl = await dest.beginTable("app", table);
    await tl.commit({ key: `k${i}`, value });
    assert.equal(await dest.readState("app", `k${i}`), value, JSON.stringify(value));
  }
});

pgTest("a resource table may not be named _gc_state; a closed destination refuses readState", async () => {
  const dest = await fresh();
  const error = await rejection(dest.beginTable("app", spec("_GC_State", "append", [], cols)));
  assert.instance(error, DestinationError);
  assert.match(error.message, "reserved");
  await dest.close();
  assert.instance(await rejection(dest.readState("app", KEY)), DestinationError);
});

test.run();
