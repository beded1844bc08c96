// DuckDB's memory on any machine: loads at 1 to 16 threads (`threads` emulates a machine with that
// many cores) and of 1,300-column records commit instead of running out of memory, and every commit
// puts the configured threads and memory limit back.
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { type DuckDbDestination, openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { heapHandoff } from "../../../runtime/destinations/duckdb/heap-handoff.ts";
import { DEFAULT_MEMORY_LIMIT, defaultMemoryLimit, insertBytes, loadPlan, openSettings } from "../../../runtime/destinations/duckdb/settings.ts";
import { ROOT } from "../../helpers/cli.ts";
import { recordingStatements } from "../../helpers/duckdb.ts";
import { type Cols, load, removeDb, spec, tempDbPath } from "./load-fixtures.ts";
import { batches, ROWS, TICKET, ticket } from "./duckdb-tickets.ts";

/** 1,300 fields, as a record with many flattened objects has. Any row count ran out of memory before. */
const WIDE: Cols = [["id", "bigint"], ...Array.from({ length: 1300 }, (_, i) => [`f${i}`, i % 2 === 0 ? "text" : "bigint"] as const)];
const wide = (id: number): Scalar[] => [id, ...Array.from({ length: 1300 }, (_, i) => (i % 2 === 0 ? `v${i}-${id}` : id + i))];

const SETTINGS = "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory";

async function withDb(threads: number, body: (dest: DuckDbDestination) => Promise<void>, db = tempDbPath()): Promise<void> {
  const dest = await openDuckDb(db, { threads: String(threads) });
  try {
    const configured = await dest.query(SETTINGS);
    await body(dest);
    assert.equal(await dest.query(SETTINGS), configured, "the configured threads and memory limit are back after the commit");
  } finally {
    await dest.close();
    if (db !== ":memory:") removeDb(db);
  }
}

const totals = (dest: DuckDbDestination, table: string) =>
  dest.query(`SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(version) AS versions FROM raw.${table}`);

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

  // In memory: a file's checkpoint of 1,300 columns at close doubles the time, and the load ran out of memory all the same.
  test(`${threads} threads: records of 1,300 fields load, then merge over themselves`, () =>
    withDb(
      threads,
      async (dest) => {
        const table = spec("wide", "merge", ["id"], WIDE);
        assert.equal(await load(dest, "raw", table, ...batches(WIDE, 1, 20, wide)), { inserted: 20, updated: 0, unchanged: 0 });
        assert.equal(await load(dest, "raw", table, ...batches(WIDE, 11, 20, wide)), { inserted: 10, updated: 0, unchanged: 10 });
        const rows = await dest.query("SELECT count(*) AS n, sum(f1) AS f1, max(f1298) AS last FROM raw.wide");
        assert.equal(rows, [{ n: "30", f1: String((30 * 31) / 2 + 30), last: "v1298-9" }]);
      },
      ":memory:",
    ));
}

// Whether a stored row is unchanged was a whole-row ROW(…) IS NOT DISTINCT FROM ROW(…) inside a join,
// whose memory grew with the stored table: a 10%-changed rerun over 200,000 rows ran out of memory at
// the default 128MB (50,000 at 48MB). Column by column it stays in the pool at any size.
for (const strategy of ["delete-insert", "upsert"] as const) {
  test(`${strategy}: a rerun changing every tenth of ${ROWS} stored rows fits a 48MB buffer pool`, async () => {
    const db = tempDbPath();
    const dest = await openDuckDb(db, { memory_limit: "48MB", threads: "2" });
    try {
      const table = { ...spec("tickets", "merge", ["id"], TICKET), merge: { strategy } };
      assert.equal(await load(dest, "raw", table, ...batches(TICKET, 1, ROWS, ticket)), { inserted: ROWS, updated: 0, unchanged: 0 });
      const counts = await load(dest, "raw", table, ...batches(TICKET, 1, ROWS, (id) => ticket(id, id % 10 === 0 ? 2 : 1)));
      assert.equal(counts, { inserted: 0, updated: ROWS / 10, unchanged: ROWS - ROWS / 10 });
      assert.equal(await totals(dest, "tickets"), [{ n: String(ROWS), ids: String(ROWS), versions: String(ROWS + ROWS / 10) }]);
    } finally {
      await dest.close();
      removeDb(db);
    }
  });
}

test("loadPlan: threads fall to what the memory limit holds, at least one; the limit rises only as far as one thread needs", () => {
  const configured = { memoryLimit: "128MB", memoryBytes: 128e6, threads: 16, userMemory: false, userThreads: false, userCheckpoint: false };
  const narrow = { columns: 8, readBytes: 4_200_000 };
  const plan = loadPlan(configured, [narrow]);
  assert.ok(plan.threads >= 2 && plan.threads < 16, `threads ${plan.threads}`);
  assert.is(plan.memoryBytes, 128e6);
  assert.ok(insertBytes(narrow, plan.threads) <= 128e6 && insertBytes(narrow, plan.threads + 1) > 128e6);
  const wideShape = { columns: 1301, readBytes: 4_200_000 };
  assert.equal(loadPlan(configured, [narrow, wideShape]), { threads: 1, memoryBytes: insertBytes(wideShape, 1) });
});

test("loadPlan: threads the user set are kept (memory rises to them); a memory limit the user set is never raised", () => {
  const base = { memoryLimit: "128MB", memoryBytes: 128e6, threads: 16, userMemory: false, userThreads: true, userCheckpoint: false };
  const narrow = { columns: 8, readBytes: 4_200_000 };
  assert.equal(loadPlan(base, [narrow]), { threads: 16, memoryBytes: insertBytes(narrow, 16) });
  assert.equal(loadPlan({ ...base, userThreads: false, userMemory: true, memoryBytes: 64e6 }, [{ columns: 1301, readBytes: 4_200_000 }]), {
    threads: 1,
    memoryBytes: 64e6,
  });
  assert.equal(loadPlan({ ...base, userMemory: true, memoryBytes: 64e6 }, [narrow]), { threads: 16, memoryBytes: 64e6 });
});

test("the default memory limit: 128MB with memory to spare; in a small container what is left beside the process, at least 64 MiB", () => {
  const MiB = 1024 ** 2;
  assert.is(defaultMemoryLimit(24 * 1024 * MiB), DEFAULT_MEMORY_LIMIT);
  assert.is(defaultMemoryLimit(512 * MiB), DEFAULT_MEMORY_LIMIT);
  assert.is(defaultMemoryLimit(288 * MiB), DEFAULT_MEMORY_LIMIT, "128 MiB left is past 128MB");
  assert.is(defaultMemoryLimit(256 * MiB), "96MiB");
  assert.is(defaultMemoryLimit(224 * MiB), "64MiB");
  assert.is(defaultMemoryLimit(128 * MiB), "64MiB", "never below 64 MiB: a million-row merge ran out of memory there");
  // The URL's limit (or its alias) is the user's, whatever the container.
  assert.is(openSettings(null, {}, 256 * MiB)["memory_limit"], "96MiB");
  assert.is(openSettings(null, { memory_limit: "1GB" }, 256 * MiB)["memory_limit"], "1GB");
  assert.equal(openSettings(null, { MAX_MEMORY: "1GB" }, 256 * MiB)["memory_limit"], undefined);
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

test("a commit of 4 MB staged or more checkpoints as it commits; a small one goes to the WAL and leaves the threshold as it was; a URL's checkpoint_threshold is kept", async () => {
  const walBytes = (db: string) => statSync(`${db}.wal`, { throwIfNoEntry: false })?.size ?? 0;
  const cases: [options: Record<string, string>, rows: number, expectWal: boolean][] = [
    [{}, ROWS, false],
    [{}, 10, true],
    [{ checkpoint_threshold: "1GB" }, ROWS, true],
  ];
  for (const [options, rows, expectWal] of cases) {
    const db = tempDbPath();
    const dest = await openDuckDb(db, options);
    try {
      const threshold = async () => (await dest.query("SELECT current_setting('checkpoint_threshold') AS t"))[0]?.["t"];
      const before = await threshold();
      await load(dest, "raw", spec("tickets", "append", [], TICKET), ...batches(TICKET, 1, rows, ticket));
      const label = `${JSON.stringify(options)}, ${rows} rows`;
      assert.is(walBytes(db) > 0, expectWal, `${label}: WAL of ${walBytes(db)} bytes`);
      assert.is(await threshold(), before, `${label}: the threshold after the commit`);
    } finally {
      await dest.close();
      removeDb(db);
    }
  }
});

test("a small commit runs without touching DuckDB's settings; a commit of 4 MB staged or more streams its inserts order-free and puts every setting back", async () => {
  await recordingStatements(async (statements) => {
    const settings = () => statements.filter((sql) => /^\s*(SET|RESET)\b|current_setting/.test(sql));
    await withDb(2, async (dest) => {
      const table = spec("tickets", "merge", ["id"], TICKET);
      await load(dest, "raw", table, ...batches(TICKET, 1, ROWS, ticket));
      statements.length = 0;
      await load(dest, "raw", table, ...batches(TICKET, ROWS + 1, 10, ticket));
      assert.equal(settings(), [], "10 rows merged: no setting read or changed");
      statements.length = 0;
      await load(dest, "raw", table, ...batches(TICKET, ROWS + 11, ROWS, ticket));
      assert.ok(
        settings().some((sql) => sql.includes("preserve_insertion_order = false")),
        `${ROWS} rows merged: inserts run order-free; settings statements: ${settings().join(" | ")}`,
      );
      const all = String(2 * ROWS + 10);
      assert.equal(await totals(dest, "tickets"), [{ n: all, ids: all, versions: all }]);
    });
  });
});

test("the JavaScript heap is collected before a commit of 4 MB staged or more, never before a small one (a window's)", async () => {
  // Live arrays past the hand-off's threshold (at least ~100 MB), as a windowed backfill's heap holds the
  // windows fetched ahead of the one committing. The threshold is the process's: it doubles what survived
  // its last collection, which earlier tests in this process (a shard runs many files) may have left high.
  const live: number[][] = [];
  const enough = heapHandoff.threshold() + 32 * 1024 * 1024;
  for (let i = 0; live.length < 500 || (getHeapStatistics().total_heap_size < enough && i < 5000); i++) {
    live.push(Array.from({ length: 25_000 }, (_, j) => j + i));
  }
  await withDb(2, async (dest) => {
    const table = spec("tickets", "append", [], TICKET);
    const before = heapHandoff.collections;
    await load(dest, "raw", table, ...batches(TICKET, 1, 10, ticket));
    assert.is(heapHandoff.collections, before, "10 rows: no collection");
    await load(dest, "raw", table, ...batches(TICKET, 11, ROWS, ticket));
    assert.is(heapHandoff.collections, before + 1, `${ROWS} rows: one collection`);
  });
  assert.ok(live.length >= 500);
});

test("a file whose commit was SIGKILLed reopens with the configured settings, and the next load at 4 threads commits", async () => {
  const db = tempDbPath();
  try {
    const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/duckdb-load-child.ts", db, "4", String(ROWS)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    let out = "";
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => ((out += chunk.toString()).includes("committing") ? resolve() : undefined)),
    );
    await new Promise((resolve) => setTimeout(resolve, 150)); // inside the commit, under the commit's settings
    child.kill("SIGKILL");
    await exited;
    await withDb(
      4,
      async (dest) => {
        assert.equal(await dest.query(SETTINGS), [{ threads: "4", memory: "122.0 MiB" }], "nothing of the killed commit's settings is in the file");
        const counts = await load(dest, "raw", spec("tickets", "merge", ["id"], TICKET), ...batches(TICKET, 1, ROWS, ticket));
        assert.is(counts.inserted + counts.updated + counts.unchanged, ROWS);
        assert.equal(await dest.query("SELECT count(*) AS n, min(version) AS v FROM raw.tickets"), [{ n: String(ROWS), v: "1" }]);
      },
      db,
    );
  } finally {
    removeDb(db);
  }
});

test.run();
