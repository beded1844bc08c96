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

// The hook: DuckDB's COMMIT is the moment a tear can happen; say so before it starts (synchronously).
// With KILL_AT_WAL_GROWTH=n the child SIGKILLs itself once the WAL has grown by n bytes during the COMMIT.
const growth = process.env.KILL_AT_WAL_GROWTH === undefined ? null : Number(process.env.KILL_AT_WAL_GROWTH);
const run = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = function (this: DuckDBConnection, ...args: Parameters<typeof run>) {
  if (args[0] === "COMMIT") {
    writeSync(1, "commit\n");
    if (growth !== null) killAtWalGrowth(growth);
  }
  return run.apply(this, args);
};

/** The WAL's size; 0 when there is none (a checkpoint removes it, also between two looks). */
function walSize(): number {
  return statSync(`${db}.wal`, { throwIfNoEntry: false })?.size ?? 0;
}

function killAtWalGrowth(bytes: number): void {
  const start = walSize();
  const poll = () => (walSize() >= start + bytes ? process.kill(process.pid, "SIGKILL") : setImmediate(poll));
  setImmediate(poll);
}

const dest = await openDuckDb(db);
const loadRun = { loadId, connector: "crash", resource: "orders", table: "orders" };
await dest.startRun(CRASH_DATASET, loadRun);
const writer = await TableWriter.open(dest, CRASH_DATASET, crashOrders, 10_000);
for (const batch of crashRecords(Number(first), Number(count))) await writer.write(batch);
await writer.commit({ key: "orders", value: { cursor } }, { load: { run: loadRun, records: Number(count), quarantined: 0 } });
writeSync(1, "committed\n");
await dest.close();
