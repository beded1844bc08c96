// DuckDB's memory on any machine: loads at 1 to 16 threads (`threads` emulates a machine with that
// many cores) and of 1,300-column records commit instead of running out of memory, and every commit
// puts the configured threads and memory limit back.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { type DuckDbDestination, openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { insertBytes, loadPlan } from "../../../runtime/destinations/duckdb/settings.ts";
import { batch, type Cols, load, removeDb, spec, tempDbPath } from "./duckdb-fixtures.ts";

/** The seed's record shape. At 100,000 rows the spool holds enough `read_csv` buffers to busy 4 threads (80,000 did not fail before). */
const TICKET: Cols = [["id", "bigint"], ["customer_id", "text"], ["subject", "text"], ["status", "text"], ["priority", "bigint"], ["created_at", "timestamp"], ["version", "bigint"]];
const ROWS = 100_000;
const ticket = (id: number, version = 1): Scalar[] => [id, `cust_${id % 97}`, `Cannot log in #${id}`, "open", id % 4, new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString(), version];

/** 1,300 fields, as a record with many flattened objects has. Any row count ran out of memory before. */
const WIDE: Cols = [["id", "bigint"], ...Array.from({ length: 1300 }, (_, i) => [`f${i}`, i % 2 === 0 ? "text" : "bigint"] as const)];
const wide = (id: number): Scalar[] => [id, ...Array.from({ length: 1300 }, (_, i) => (i % 2 === 0 ? `v${i}-${id}` : id + i))];

/** Batches of 1,000 rows `row(first)`, …, `row(first + count - 1)`. */
function batches(cols: Cols, first: number, count: number, row: (id: number) => Scalar[]) {
  return Array.from({ length: Math.ceil(count / 1000) }, (_, b) => {
    const start = first + b * 1000;
    return batch(cols, Array.from({ length: Math.min(1000, first + count - start) }, (_, i) => row(start + i)));
  });
}

const SETTINGS = "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory";

async function withDb(threads: number, body: (dest: DuckDbDestination) => Promise<void>): Promise<void> {
  const db = tempDbPath();
  const dest = await openDuckDb(db, { threads: String(threads) });
  try {
    const configured = await dest.query(SETTINGS);
    await body(dest);
    assert.equal(await dest.query(SETTINGS), configured, "the configured threads and memory limit are back after the commit");
  } finally {
    await dest.close();
    removeDb(db);
  }
}

const totals = (dest: DuckDbDestination, table: string) => dest.query(`SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(version) AS versions FROM raw.${table}`);

for (const threads of [1, 2, 4, 8, 16]) {
  test(`${threads} threads: a first load (merge into an empty table) of ${ROWS} rows commits`, () =>
    withDb(threads, async (dest) => {
      const counts = await load(dest, "raw", spec("tickets", "merge", ["id"], TICKET), ...batches(TICKET, 1, ROWS, ticket));
      assert.equal(counts, { inserted: ROWS, updated: 0, unchanged: 0 });
      assert.equal(await totals(dest, "tickets"), [{ n: String(ROWS), ids: String(ROWS), versions: String(ROWS) }]);
    }));

  test(`${threads} threads: an append of ${ROWS} rows onto existing rows commits`, () =>
    withDb(threads, async (dest) => {
      const table = spec("tickets", "append", [], TICKET);
      await load(dest, "raw", table, ...batches(TICKET, 1, 10, ticket));
      assert.equal(await load(dest, "raw", table, ...batches(TICKET, 11, ROWS, ticket)), { inserted: ROWS, updated: 0, unchanged: 0 });
      assert.equal(await totals(dest, "tickets"), [{ n: String(ROWS + 10), ids: String(ROWS + 10), versions: String(ROWS + 10) }]);
    }));

  test(`${threads} threads: a merge of ${ROWS} rows over existing ones commits`, () =>
    withDb(threads, async (dest) => {
      const table = spec("tickets", "merge", ["id"], TICKET);
      await load(dest, "raw", table, ...batches(TICKET, 1, 1000, ticket));
      // Ids 501… : the first 500 replace stored rows (version 2), the rest are new.
      const counts = await load(dest, "raw", table, ...batches(TICKET, 501, ROWS, (id) => ticket(id, 2)));
      assert.equal(counts, { inserted: ROWS - 500, updated: 500, unchanged: 0 });
      assert.equal(await totals(dest, "tickets"), [{ n: String(ROWS + 500), ids: String(ROWS + 500), versions: String(500 + 2 * ROWS) }]);
    }));

  test(`${threads} threads: records of 1,300 fields load, then merge over themselves`, () =>
    withDb(threads, async (dest) => {
      const table = spec("wide", "merge", ["id"], WIDE);
      assert.equal(await load(dest, "raw", table, ...batches(WIDE, 1, 20, wide)), { inserted: 20, updated: 0, unchanged: 0 });
      assert.equal(await load(dest, "raw", table, ...batches(WIDE, 11, 20, wide)), { inserted: 10, updated: 0, unchanged: 10 });
      const rows = await dest.query("SELECT count(*) AS n, sum(f1) AS f1, max(f1298) AS last FROM raw.wide");
      assert.equal(rows, [{ n: "30", f1: String((30 * 31) / 2 + 30), last: "v1298-9" }]);
    }));
}

test("loadPlan: threads fall to what the memory limit holds, at least one; the limit rises only as far as one thread needs", () => {
  const configured = { memoryLimit: "128MB", memoryBytes: 128e6, threads: 16, userMemory: false, userThreads: false };
  const narrow = { columns: 8, readBytes: 4_200_000 };
  const plan = loadPlan(configured, [narrow]);
  assert.ok(plan.threads >= 2 && plan.threads < 16, `threads ${plan.threads}`);
  assert.is(plan.memoryBytes, 128e6);
  assert.ok(insertBytes(narrow, plan.threads) <= 128e6 && insertBytes(narrow, plan.threads + 1) > 128e6);
  const wideShape = { columns: 1301, readBytes: 4_200_000 };
  assert.equal(loadPlan(configured, [narrow, wideShape]), { threads: 1, memoryBytes: insertBytes(wideShape, 1) });
});

test("loadPlan: threads the user set are kept (memory rises to them); a memory limit the user set is never raised", () => {
  const base = { memoryLimit: "128MB", memoryBytes: 128e6, threads: 16, userMemory: false, userThreads: true };
  const narrow = { columns: 8, readBytes: 4_200_000 };
  assert.equal(loadPlan(base, [narrow]), { threads: 16, memoryBytes: insertBytes(narrow, 16) });
  assert.equal(loadPlan({ ...base, userThreads: false, userMemory: true, memoryBytes: 64e6 }, [{ columns: 1301, readBytes: 4_200_000 }]), { threads: 1, memoryBytes: 64e6 });
  assert.equal(loadPlan({ ...base, userMemory: true, memoryBytes: 64e6 }, [narrow]), { threads: 16, memoryBytes: 64e6 });
});

test("a temp directory is set: beside the file, or private in the OS temp dir for :memory:", async () => {
  const db = tempDbPath();
  const file = await openDuckDb(db);
  assert.equal(await file.query("SELECT current_setting('temp_directory') AS dir"), [{ dir: `${db}.tmp` }]);
  await file.close();
  removeDb(db);
  const memory = await openDuckDb(":memory:");
  const [row] = await memory.query("SELECT current_setting('temp_directory') AS dir");
  assert.match(String(row?.["dir"]), new RegExp(`/gc-staging-${process.pid}-duckdb-\\d+$`));
  await memory.close();
});

test.run();
