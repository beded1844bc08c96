// Merge on a root table alone, on every destination: one row per key, changed rows updated and counted,
// unchanged ones left alone, the last version of a key within a load wins, composite keys, and loads
// of two tables interleaved on one destination. (With nested tables: nested-merge.test.ts.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../../runtime/destinations/destination.ts";
import { beginTableLoad } from "../../../../runtime/destinations/table-load.ts";
import { batch, type Cols, load, spec } from "../load-fixtures.ts";
import { eachDestination } from "./destinations.ts";

const each = await eachDestination(test);

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
  ["score", "double"],
];
const users = spec("users", "merge", ["id"], cols);

function people(n: number, version: (id: number) => string): Scalar[][] {
  return Array.from({ length: n }, (_, i) => [i, version(i), i / 2]);
}

each("merging twice with 10% changed keeps one row per key and updates the changed ones", async (d) => {
  const dest = await d.open();
  const first = await load(
    dest,
    "crm",
    users,
    batch(
      cols,
      people(1000, () => "v1"),
    ),
  );
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

each("a rerun over the same data changes nothing (on Postgres not even the rows' physical versions)", async (d) => {
  const dest = await d.open();
  const data = batch(
    cols,
    people(50, () => "same"),
  );
  await load(dest, "crm", users, data);
  // Postgres: ctid and xmin change when a row is rewritten, even with the same values.
  const select = d.name === "postgres" ? "ctid::text AS ctid, xmin::text AS xmin, *" : "*";
  const before = await dest.query(`SELECT ${select} FROM crm.users ORDER BY id`);
  assert.equal(await load(dest, "crm", users, data), { inserted: 0, updated: 0, unchanged: 50 });
  assert.equal(await dest.query(`SELECT ${select} FROM crm.users ORDER BY id`), before);
});

each("the last version of a key within one load wins, within and across batches", async (d) => {
  const dest = await d.open();
  const counts = await load(
    dest,
    "crm",
    users,
    batch(cols, [
      [1, "first", 0],
      [2, "only", 0],
      [1, "second", 0],
    ]),
    batch(cols, [
      [1, "third", 0],
      [3, "a", 0],
    ]),
    batch(cols, [[3, "b", 0]]),
  );
  assert.equal(counts, { inserted: 3, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, name FROM crm.users ORDER BY id`), [
    { id: "1", name: "third" },
    { id: "2", name: "only" },
    { id: "3", name: "b" },
  ]);
  // A duplicate whose last version equals the stored row counts as unchanged.
  assert.equal(
    await load(
      dest,
      "crm",
      users,
      batch(cols, [
        [1, "x", 0],
        [1, "third", 0],
      ]),
    ),
    { inserted: 0, updated: 0, unchanged: 1 },
  );
});

each("a composite primary key merges on every key column", async (d) => {
  const dest = await d.open();
  const c: Cols = [
    ["org", "text"],
    ["id", "bigint"],
    ["v", "text"],
  ];
  const t = spec("members", "merge", ["org", "id"], c);
  await load(
    dest,
    "crm",
    t,
    batch(c, [
      ["a", 1, "x"],
      ["b", 1, "x"],
    ]),
  );
  assert.equal(
    await load(
      dest,
      "crm",
      t,
      batch(c, [
        ["a", 1, "y"],
        ["a", 2, "y"],
      ]),
    ),
    { inserted: 1, updated: 1, unchanged: 0 },
  );
  assert.equal(await dest.query(`SELECT org, id, v FROM crm.members ORDER BY org, id`), [
    { org: "a", id: "1", v: "y" },
    { org: "a", id: "2", v: "y" },
    { org: "b", id: "1", v: "x" },
  ]);
});

each("loads of two tables may interleave on one destination", async (d) => {
  const dest = await d.open();
  const a = await beginTableLoad(dest, "crm", users);
  const b = await beginTableLoad(dest, "crm", spec("others", "append", [], cols));
  await Promise.all([
    a.write(
      batch(
        cols,
        people(10, () => "a"),
      ),
    ),
    b.write(
      batch(
        cols,
        people(5, () => "b"),
      ),
    ),
  ]);
  const [ca, cb] = await Promise.all([a.commit(), b.commit()]);
  assert.equal([ca.inserted, cb.inserted], [10, 5]);
  assert.equal(await dest.query(`SELECT (SELECT count(*) FROM crm.users) AS u, (SELECT count(*) FROM crm.others) AS o`), [{ u: "10", o: "5" }]);
});

test.run();
