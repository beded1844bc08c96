// The stored row hash of delete-insert and upsert merges (row-hash.ts), on every destination: a changed
// row whose stored hash equals the new one (a collision, simulated) is still updated; unchanged rows
// stay unchanged; a table from before the hash column merges as before and gets its hashes; a load
// lacking a stored column, or bringing a new one that is NULL, changes no row by its hash alone.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../../runtime/destinations/destination.ts";
import type { MergeStrategy } from "../../../../runtime/connector.ts";
import { batch, type Cols, load, spec } from "../load-fixtures.ts";
import { eachDestination } from "./destinations.ts";

const each = await eachDestination(test);

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
  ["score", "double"],
];
const narrow: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const users = (strategy: MergeStrategy) => ({ ...spec("users", "merge", ["id"], cols), merge: { strategy } });

function people(n: number, version: (id: number) => string): Scalar[][] {
  return Array.from({ length: n }, (_, i) => [i, version(i), i / 2]);
}

type Dest = Parameters<typeof load>[0];

/** The first load: `n` people at version v1, into crm.users. */
const seed = (dest: Dest, strategy: MergeStrategy, n: number) =>
  load(
    dest,
    "crm",
    users(strategy),
    batch(
      cols,
      people(n, () => "v1"),
    ),
  );

const hashes = async (dest: { query(sql: string): Promise<Record<string, unknown>[]> }, dataset: string) =>
  (await dest.query(`SELECT id, _gc_merge_hash AS h FROM ${dataset}.users ORDER BY id`)).map((r) => [Number(r["id"]), r["h"] === null ? null : String(r["h"])]);

for (const strategy of ["delete-insert", "upsert"] as const) {
  each(`${strategy}: a changed row whose stored hash equals its new hash is still updated (hashes are verified)`, async (d) => {
    const dest = await d.open();
    const v1 = people(10, () => "v1");
    const v2 = people(10, (id) => (id === 3 ? "v2" : "v1"));
    await load(dest, "crm", users(strategy), batch(cols, v1));
    // The hash the destination computes for the new version, written over the stored old version's.
    await load(dest, "other", users(strategy), batch(cols, v2));
    await dest.query("UPDATE crm.users SET _gc_merge_hash = (SELECT _gc_merge_hash FROM other.users WHERE id = 3) WHERE id = 3");
    const [stored, next] = [await hashes(dest, "crm"), await hashes(dest, "other")];
    assert.equal(stored[3], next[3], "the simulated collision is in place");
    assert.equal(await load(dest, "crm", users(strategy), batch(cols, v2)), { inserted: 0, updated: 1, unchanged: 9 });
    assert.equal(await dest.query("SELECT name FROM crm.users WHERE id = 3"), [{ name: "v2" }]);
  });

  each(`${strategy}: unchanged rows count unchanged; a changed row gets its new version's hash`, async (d) => {
    const dest = await d.open();
    await seed(dest, strategy, 20);
    const before = await hashes(dest, "crm");
    assert.ok(before.every(([, h]) => h !== null));
    assert.equal(
      await load(
        dest,
        "crm",
        users(strategy),
        batch(
          cols,
          people(20, () => "v1"),
        ),
      ),
      { inserted: 0, updated: 0, unchanged: 20 },
    );
    const changed = people(20, (id) => (id % 5 === 0 ? "v2" : "v1"));
    assert.equal(await load(dest, "crm", users(strategy), batch(cols, changed)), { inserted: 0, updated: 4, unchanged: 16 });
    const after = await hashes(dest, "crm");
    for (const [id, h] of after) assert.equal(h === before[id as number]?.[1], (id as number) % 5 !== 0, `row ${id}'s hash`);
    // The hashes written by the update are what a rerun of the same load computes.
    assert.equal(await load(dest, "crm", users(strategy), batch(cols, changed)), { inserted: 0, updated: 0, unchanged: 20 });
  });

  each(`${strategy}: a table from before the hash column merges as before and gets its hashes`, async (d) => {
    const dest = await d.open();
    await seed(dest, strategy, 10);
    await dest.query("ALTER TABLE crm.users DROP COLUMN _gc_merge_hash");
    const changed = people(10, (id) => (id === 7 ? "v2" : "v1"));
    assert.equal(await load(dest, "crm", users(strategy), batch(cols, changed)), { inserted: 0, updated: 1, unchanged: 9 });
    assert.ok(
      (await hashes(dest, "crm")).every(([, h]) => h !== null),
      "every row has its hash after the first merge",
    );
    assert.equal(await load(dest, "crm", users(strategy), batch(cols, changed)), { inserted: 0, updated: 0, unchanged: 10 });
  });

  each(`${strategy}: a load lacking a stored column, or adding one that is NULL, leaves its rows unchanged`, async (d) => {
    const dest = await d.open();
    await seed(dest, strategy, 10);
    const named = people(10, () => "v1").map(([id, name]) => [id, name] as Scalar[]);
    assert.equal(await load(dest, "crm", { ...users(strategy), columns: users(strategy).columns.slice(0, 2) }, batch(narrow, named)), {
      inserted: 0,
      updated: 0,
      unchanged: 10,
    });
    assert.equal(await load(dest, "wide", users(strategy), batch(narrow, named)), { inserted: 10, updated: 0, unchanged: 0 });
    const withNull = named.map((row) => [...row, null]);
    assert.equal(await load(dest, "wide", users(strategy), batch(cols, withNull)), { inserted: 0, updated: 0, unchanged: 10 });
  });
}

test.run();
