// The DuckDB commit journal and the repair at open: every inserted row carries its commit's number; a
// commit left pending (what a SIGKILL inside COMMIT leaves, see duckdb-crash.test.ts) is undone at the
// next open, crafted here directly: the torn state DuckDB 1.5.6 brings back, new rows without their
// commit being recorded as finished.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { TableWriter } from "../../../runtime/sync/table-writer.ts";
import type { ColumnSpec, TableSpec } from "../../../runtime/connector.ts";
import { tempDbPath } from "../../helpers/duckdb.ts";

const orders: TableSpec = { name: "orders", writeDisposition: "merge", primaryKey: ["id"], columns: [] };

async function sync(db: string, records: Record<string, unknown>[], cursor: string): Promise<void> {
  const dest = await openDuckDb(db);
  try {
    const writer = await TableWriter.open(dest, "shop", orders, 2);
    await writer.write(records);
    await writer.commit({ key: "orders", value: cursor });
  } finally {
    await dest.close();
  }
}

async function read(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const dest = await openDuckDb(db);
  try {
    return await dest.query(sql);
  } finally {
    await dest.close();
  }
}

const CONTENT =
  "SELECT o.id, o.v, o._gc_commit_id AS c, string_agg(i.sku, ',' ORDER BY i._gc_list_idx) AS skus FROM shop.orders AS o LEFT JOIN shop.orders__items AS i ON i._gc_root_id = o._gc_id GROUP BY ALL ORDER BY o.id, o.v";

test("every row a commit inserts carries its number; rows a later merge leaves unchanged keep theirs", async () => {
  const db = tempDbPath();
  await sync(
    db,
    [
      { id: 1, v: "a", items: [{ sku: "x" }] },
      { id: 2, v: "b", items: [] },
    ],
    "c1",
  );
  await sync(
    db,
    [
      { id: 1, v: "a", items: [{ sku: "x" }] },
      { id: 2, v: "b2", items: [{ sku: "y" }] },
    ],
    "c2",
  );
  assert.equal(await read(db, CONTENT), [
    { id: "1", v: "a", c: "1", skus: "x" },
    { id: "2", v: "b2", c: "2", skus: "y" },
  ]);
  assert.equal(await read(db, "SELECT commit_id, dataset, status FROM _gc_journal.commits ORDER BY commit_id"), [
    { commit_id: "1", dataset: "shop", status: "committed" },
    { commit_id: "2", dataset: "shop", status: "committed" },
  ]);
  assert.equal(await read(db, "SELECT DISTINCT _gc_commit_id AS c FROM shop._gc_state"), [{ c: "2" }]);
});

test("an open undoes a commit left pending: its rows leave every table of its dataset (root, nested, state), the rest stay", async () => {
  const db = tempDbPath();
  await sync(db, [{ id: 1, v: "a", items: [{ sku: "x" }] }], "c1");
  const before = await read(db, CONTENT);
  // The torn commit 2 as DuckDB brings it back: a new version of key 1 (its delete of the old one lost),
  // a new key, their nested rows and a state row, the journal still saying pending.
  const dest = await openDuckDb(db);
  await dest.query("INSERT INTO _gc_journal.commits (commit_id, dataset, status, started_at) VALUES (2, 'shop', 'pending', now())");
  await dest.query("INSERT INTO shop.orders (id, v, _gc_id, _gc_commit_id) VALUES (1, 'a2', 'r1', 2), (3, 'c', 'r3', 2)");
  await dest.query(
    "INSERT INTO shop.orders__items (sku, _gc_id, _gc_parent_id, _gc_list_idx, _gc_root_id, _gc_commit_id) VALUES ('z', 'n3', 'r3', 0, 'r3', 2)",
  );
  await dest.query(`INSERT INTO shop._gc_state (key, value, updated_at, _gc_commit_id) VALUES ('orders', '"c2"', now() + INTERVAL 1 HOUR, 2)`);
  await dest.close();

  const reopened = await openDuckDb(db);
  assert.equal(await reopened.query(CONTENT), before);
  assert.is(await reopened.readState("shop", "orders"), "c1");
  assert.equal(await reopened.query("SELECT commit_id, status, removed_rows FROM _gc_journal.commits ORDER BY commit_id"), [
    { commit_id: "1", status: "committed", removed_rows: null },
    { commit_id: "2", status: "rolled back at open", removed_rows: "4" },
  ]);
  await reopened.close();
  // The repair is done once: the next commit gets a new number and the next open has nothing to undo.
  await sync(db, [{ id: 4, v: "d", items: [] }], "c3");
  assert.equal(await read(db, "SELECT max(commit_id) AS n, count(*) FILTER (WHERE status = 'pending') AS pending FROM _gc_journal.commits"), [
    { n: "3", pending: "0" },
  ]);
});

test("a commit that fails inside its transaction is rolled back and leaves no pending commit behind", async () => {
  const db = tempDbPath();
  await sync(db, [{ id: 1, v: "a" }], "c1");
  const dest = await openDuckDb(db);
  const v: ColumnSpec = { name: "v", dataType: "bigint", nullable: true };
  const load = await dest.beginTable("shop", { name: "orders", writeDisposition: "append", primaryKey: [], columns: [v] });
  await load.write({ columns: [v], rows: [[5]] });
  const failed = await load.commit().then(
    () => null,
    (error: unknown) => error,
  );
  assert.match(String(failed), /column "v" has type VARCHAR but the new data is BIGINT/); // refused inside the transaction
  assert.equal(await dest.query("SELECT commit_id, status FROM _gc_journal.commits ORDER BY commit_id"), [{ commit_id: "1", status: "committed" }]);
  await dest.close();
});

test.run();
