import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { load, openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
  ["score", "double"],
];
const users = spec("users", "merge", ["id"], cols);

function people(n: number, version: (id: number) => string): Scalar[][] {
  return Array.from({ length: n }, (_, i) => [i, version(i), i / 2]);
}

pgTest("merging twice with 10% changed keeps one row per key and updates the changed ones", async () => {
  const dest = await fresh();
  const first = await load(dest, "crm", users, batch(cols, people(1000, () => "v1")));
  assert.equal(first, { inserted: 1000, updated: 0, unchanged: 0 });

  const changed = (id: number) => (id % 10 === 0 ? "v2" : "v1");
  const second = await load(dest, "crm", users, batch(cols, people(1000, changed)), batch(cols, [[1000, "new", 0]]));
  assert.equal(second, { inserted: 1, updated: 100, unchanged: 900 });

  const rows = await dest.query(`SELECT name, count(*) AS n, count(DISTINCT id) AS keys FROM crm.users GROUP BY name ORDER BY name`);
  assert.equal(rows, [
    { name: "new", n: "1", keys: "1" },
    { name: "v1", n: "900", keys: "900" },
    { name: "v2", n: "100", keys: "100" },
  ]);
});

pgTest("a rerun over the same data changes nothing, not even the rows' physical versions", async () => {
  const dest = await fresh();
  const data = batch(cols, people(50, () => "same"));
  await load(dest, "crm", users, data);
  const before = await dest.query(`SELECT ctid::text AS ctid, xmin::text AS xmin, * FROM crm.users ORDER BY id`);
  assert.equal(await load(dest, "crm", users, data), { inserted: 0, updated: 0, unchanged: 50 });
  assert.equal(await dest.query(`SELECT ctid::text AS ctid, xmin::text AS xmin, * FROM crm.users ORDER BY id`), before);
});

pgTest("the last version of a key within one load wins, within and across batches", async () => {
  const dest = await fresh();
  const counts = await load(
    dest,
    "crm",
    users,
    batch(cols, [[1, "first", 0], [2, "only", 0], [1, "second", 0]]),
    batch(cols, [[1, "third", 0], [3, "a", 0]]),
    batch(cols, [[3, "b", 0]]),
  );
  assert.equal(counts, { inserted: 3, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, name FROM crm.users ORDER BY id`), [
    { id: "1", name: "third" },
    { id: "2", name: "only" },
    { id: "3", name: "b" },
  ]);
  // A duplicate whose last version equals the stored row counts as unchanged.
  assert.equal(await load(dest, "crm", users, batch(cols, [[1, "x", 0], [1, "third", 0]])), { inserted: 0, updated: 0, unchanged: 1 });
});

pgTest("a composite primary key merges on every key column", async () => {
  const dest = await fresh();
  const c: Cols = [["org", "text"], ["id", "bigint"], ["v", "text"]];
  const t = spec("members", "merge", ["org", "id"], c);
  await load(dest, "crm", t, batch(c, [["a", 1, "x"], ["b", 1, "x"]]));
  assert.equal(await load(dest, "crm", t, batch(c, [["a", 1, "y"], ["a", 2, "y"]])), { inserted: 1, updated: 1, unchanged: 0 });
  assert.equal(await dest.query(`SELECT org, id, v FROM crm.members ORDER BY org, id`), [
    { org: "a", id: "1", v: "y" },
    { org: "a", id: "2", v: "y" },
    { org: "b", id: "1", v: "x" },
  ]);
});

pgTest("NULLs and JSON compare as values: an identical row with NULLs and reordered JSON keys is unchanged", async () => {
  const dest = await fresh();
  const c: Cols = [["id", "bigint"], ["maybe", "text"], ["j", "json"], ["at", "timestamp"]];
  const t = spec("docs", "merge", ["id"], c);
  await load(dest, "crm", t, batch(c, [[1, null, '{"a":1,"b":2}', "2024-01-01T00:00:00Z"], [2, "x", "[1]", null]]));
  const again = batch(c, [[1, null, '{"b":2,"a":1}', "2024-01-01 00:00:00+00"], [2, null, "[1]", null]]);
  assert.equal(await load(dest, "crm", t, again), { inserted: 0, updated: 1, unchanged: 1 });
  assert.equal(await dest.query(`SELECT id, maybe FROM crm.docs ORDER BY id`), [{ id: "1", maybe: null }, { id: "2", maybe: null }]);
});

pgTest("loads of two tables may interleave on one destination", async () => {
  const dest = await fresh();
  const a = await dest.beginTable("crm", users);
  const b = await dest.beginTable("crm", spec("others", "append", [], cols));
  await Promise.all([a.write(batch(cols, people(10, () => "a"))), b.write(batch(cols, people(5, () => "b")))]);
  const [ca, cb] = await Promise.all([a.commit(), b.commit()]);
  assert.equal([ca.inserted, cb.inserted], [10, 5]);
  assert.equal(await dest.query(`SELECT (SELECT count(*) FROM crm.users) AS u, (SELECT count(*) FROM crm.others) AS o`), [{ u: "10", o: "5" }]);
});

test.run();
