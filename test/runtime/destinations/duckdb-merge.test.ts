import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, type Cols, load, spec } from "./duckdb-fixtures.ts";

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
  ["score", "double"],
];
const users = spec("users", "merge", ["id"], cols);

function people(n: number, version: (id: number) => string): Scalar[][] {
  return Array.from({ length: n }, (_, i) => [i, version(i), i / 2]);
}

test("merging twice with 10% changed keeps one row per key and updates the changed ones", async () => {
  const dest = await openDuckDb(":memory:");
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
  await dest.close();
});

test("a rerun over the same data changes nothing", async () => {
  const dest = await openDuckDb(":memory:");
  const data = batch(cols, people(50, () => "same"));
  await load(dest, "crm", users, data);
  const before = await dest.query(`SELECT * FROM crm.users ORDER BY id`);
  assert.equal(await load(dest, "crm", users, data), { inserted: 0, updated: 0, unchanged: 50 });
  assert.equal(await dest.query(`SELECT * FROM crm.users ORDER BY id`), before);
  await dest.close();
});

test("the last version of a key within one load wins, within and across batches", async () => {
  const dest = await openDuckDb(":memory:");
  const counts = await load(
    dest,
    "crm",
    users,
    batch(cols, [[1, "first", 0], [2, "only", 0], [1, "second", 0]]),
    batch(cols, [[1, "third", 0], [3, "a", 0]]),
    batch(cols, [[3, "b", 0]]),
  );
  assert.equal(counts, { inserted: 3, updated: 0, unchanged: 0 });
  const rows = await dest.query(`SELECT id, name FROM crm.users ORDER BY id`);
  assert.equal(rows, [
    { id: "1", name: "third" },
    { id: "2", name: "only" },
    { id: "3", name: "b" },
  ]);
  await dest.close();
});

test("a composite primary key merges on every key column", async () => {
  const dest = await openDuckDb(":memory:");
  const c: Cols = [["org", "text"], ["id", "bigint"], ["v", "text"]];
  const t = spec("members", "merge", ["org", "id"], c);
  await load(dest, "crm", t, batch(c, [["a", 1, "x"], ["b", 1, "x"]]));
  assert.equal(await load(dest, "crm", t, batch(c, [["a", 1, "y"], ["a", 2, "y"]])), { inserted: 1, updated: 1, unchanged: 0 });
  const rows = await dest.query(`SELECT org, id, v FROM crm.members ORDER BY org, id`);
  assert.equal(rows, [
    { org: "a", id: "1", v: "y" },
    { org: "a", id: "2", v: "y" },
    { org: "b", id: "1", v: "x" },
  ]);
  await dest.close();
});

test("loads of two tables may interleave on one destination", async () => {
  const dest = await openDuckDb(":memory:");
  const a = await dest.beginTable("crm", users);
  const b = await dest.beginTable("crm", spec("others", "append", [], cols));
  await Promise.all([a.write(batch(cols, people(10, () => "a"))), b.write(batch(cols, people(5, () => "b")))]);
  const [ca, cb] = await Promise.all([a.commit(), b.commit()]);
  assert.equal([ca.inserted, cb.inserted], [10, 5]);
  assert.equal(await dest.query(`SELECT (SELECT count(*) FROM crm.users) AS u, (SELECT count(*) FROM crm.others) AS o`), [{ u: "10", o: "5" }]);
  await dest.close();
});

test.run();
