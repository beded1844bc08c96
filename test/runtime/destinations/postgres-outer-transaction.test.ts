// A Postgres commit inside a caller's transaction (CommitOptions.transaction, for the distributed
// protocol) and a destination without the dataset's session lock: the commit runs no BEGIN/COMMIT of
// its own, so its rows appear only when the caller commits and vanish when it rolls back; the
// caller's filter on the root's final rows runs before they are applied.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { batch, type Cols, load, spec } from "./load-fixtures.ts";

const pgTest = await pgTests(test);

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];
const table = spec("items", "merge", ["id"], cols);

pgTest("a commit inside the caller's transaction is applied with it: visible after its COMMIT, gone after its ROLLBACK", async () => {
  const url = (await freshDatabase()) as string;
  const count = () => withClient(url, async (c) => (await c.query("SELECT count(*)::int AS n FROM shop.items")).rows[0]?.n);
  const [a, b] = [await openPostgres(url, { datasetLock: "none" }), await openPostgres(url, { datasetLock: "none" })];
  try {
    await load(a, "shop", table, batch(cols, [[1, "a"]]));
    // Two destinations without the session lock write one dataset: no refusal.
    await load(b, "shop", table, batch(cols, [[2, "b"]]));
    for (const end of ["ROLLBACK", "COMMIT"]) {
      const tl = await a.beginLoad("shop", table);
      await tl.write(table, batch(cols, [[3, "c"]]));
      await a.query("BEGIN");
      const counts = await tl.commit(undefined, { transaction: {} });
      assert.equal(counts, { inserted: 1, updated: 0, unchanged: 0 });
      assert.is(await count(), 2, "not visible before the caller's COMMIT");
      await a.query(end);
      assert.is(await count(), end === "COMMIT" ? 3 : 2);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

pgTest("the caller's filter sees the root's final rows and target before they are applied", async () => {
  const url = (await freshDatabase()) as string;
  const dest = await openPostgres(url, { datasetLock: "none" });
  try {
    await load(dest, "shop", table, batch(cols, [[1, "stored"]]));
    const tl = await dest.beginLoad("shop", table);
    await tl.write(
      table,
      batch(cols, [
        [1, "incoming"],
        [2, "new"],
      ]),
    );
    await dest.query("BEGIN");
    let seen = "";
    const counts = await tl.commit(undefined, {
      transaction: {
        beforeApply: async (session, final, target) => {
          seen = target;
          await session.exec(`DELETE FROM ${final?.ref} WHERE id = 1`);
        },
      },
    });
    await dest.query("COMMIT");
    assert.is(seen, '"shop"."items"');
    assert.equal(counts, { inserted: 1, updated: 0, unchanged: 0 });
    assert.equal(await dest.query("SELECT id::int AS id, v FROM shop.items ORDER BY id"), [
      { id: 1, v: "stored" },
      { id: 2, v: "new" },
    ]);
  } finally {
    await dest.close();
  }
});

test.run();
