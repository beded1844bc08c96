// A child process for the DuckDB crash test: appends `count` orders, each with two nested items, to
// `shop.orders` in the file `db` as run `loadId` (recorded in `_gc_loads`, cursor state `cursor`), and
// writes "commit\n" to stdout the moment the load's COMMIT statement is issued, so the parent can
// SIGKILL it at chosen delays into DuckDB's commit. Usage: tsx duckdb-commit-child.ts <db> <first id> <count> <load id> <cursor>
import { statSync, writeSync } from "node:fs";
import { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDb } from "../../runtime/destinations/duckdb/index.ts";
import { TableWriter } from "../../runtime/sync/table-writer.ts";
import { CRASH_DATASET, crashOrders, crashRecords } from "./duckdb-crash.ts";

const [db, first, count, loadId, cursor] = process.argv.slice(2) as [string, string, string, string, string];

// The hook: the load's COMMIT is the moment a tear can happen; say so before it starts (synchronously).
// With KILL_AT_WAL_GROWTH=n the child SIGKILLs itself once the WAL has grown by n bytes during the COMMIT.
// It prints how long the COMMIT took when it finishes.
const growth = process.env.KILL_AT_WAL_GROWTH === undefined ? null : Number(process.env.KILL_AT_WAL_GROWTH);
const run = DuckDBConnection.prototype.run;
/** Set once the load commits: the run's start (`_gc_loads`) commits on its own before, unwatched. */
let loading = false;
DuckDBConnection.prototype.run = function (this: DuckDBConnection, ...args: Parameters<typeof run>) {
  if (args[0] !== "COMMIT" || !loading) return run.apply(this, args);
  writeSync(1, "commit\n");
  const started = performance.now();
  // The watch ends with the COMMIT: a commit that checkpoints may finish before its WAL grows that far.
  const stop = growth === null ? undefined : killAtWalGrowth(growth);
  const committing = run.apply(this, args);
  return committing.finally(() => {
    stop?.();
    writeSync(1, `commit took ${Math.round(performance.now() - started)} ms\n`);
  });
};

/** The WAL's size; 0 when there is none (a checkpoint removes it, also between two looks). */
function walSize(): number {
  return statSync(`${db}.wal`, { throwIfNoEntry: false })?.size ?? 0;
}

/** SIGKILLs this process once the WAL has grown by `bytes`; returns what stops watching. */
function killAtWalGrowth(bytes: number): () => void {
  const start = walSize();
  let watching = true;
  const poll = () => {
    if (!watching) return;
    if (walSize() >= start + bytes) process.kill(process.pid, "SIGKILL");
    else setImmediate(poll);
  };
  setImmediate(poll);
  return () => {
    watching = false;
  };
}

// CHECKPOINT_THRESHOLD=<size>: the database opened with it, as a URL's `?checkpoint_threshold=` would.
const threshold = process.env.CHECKPOINT_THRESHOLD;
const dest = await openDuckDb(db, threshold === undefined ? {} : { checkpoint_threshold: threshold });
const loadRun = { loadId, connector: "crash", resource: "orders", table: "orders" };
await dest.startRun(CRASH_DATASET, loadRun);
const writer = await TableWriter.open(dest, CRASH_DATASET, crashOrders, 10_000);
for (const batch of crashRecords(Number(first), Number(count))) await writer.write(batch);
loading = true;
await writer.commit({ key: "orders", value: { cursor } }, { load: { run: loadRun, records: Number(count), quarantined: 0 } });
writeSync(1, "committed\n");
await dest.close();
