// A keyed merge clears the nested rows of the roots it replaces, and only when it replaces one: a load
// of keys none of which is stored (a backfill's next window) touches no nested table, work that used to
// scan the whole target and every nested table at each window.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { recordingStatements as recording } from "../../helpers/duckdb.ts";
import { itemsByRoot, orders, orphans, sync } from "./conformance/fixtures.ts";

const nestedDeletes = (statements: readonly string[]) => statements.filter((sql) => /^DELETE FROM .*"orders__items"/.test(sql));

test("new keys replace no root: no nested row is looked for or deleted; a stored key's nested rows are replaced", async () => {
  const dest = await openDuckDb(":memory:");
  try {
    for (const strategy of ["delete-insert", "upsert"] as const) {
      const table = orders({ name: "orders", merge: { strategy } });
      await sync(dest, table, [
        { id: 1, items: ["a", "b"] },
        { id: 2, items: ["c"] },
      ]);
      await recording(async (statements) => {
        await sync(dest, table, [{ id: 3, items: ["d", "e"] }]);
        assert.equal(nestedDeletes(statements), [], `${strategy}, new key: no nested delete`);
        assert.not.ok(
          statements.some((sql) => sql.includes("_replaced")),
          `${strategy}, new key: no replaced ids collected`,
        );
      });
      assert.equal(await itemsByRoot(dest, "orders", "orders__items", "value"), { "1": ["a", "b"], "2": ["c"], "3": ["d", "e"] });
      await recording(async (statements) => {
        await sync(dest, table, [
          { id: 2, items: ["x"] },
          { id: 4, items: [] },
        ]);
        assert.is(nestedDeletes(statements).length, 1, `${strategy}, stored key: its nested rows deleted`);
      });
      assert.equal(await itemsByRoot(dest, "orders", "orders__items", "value"), { "1": ["a", "b"], "2": ["x"], "3": ["d", "e"] });
      assert.is(await orphans(dest, "orders", "orders__items"), 0);
      await dest.query(`DROP TABLE shop.orders; DROP TABLE shop.orders__items; DELETE FROM shop._gc_nested_tables`);
    }
  } finally {
    await dest.close();
  }
});

test.run();
