// The memory bench (issue 19: peak RSS ≤ 200 MB whatever the volume): the seed sync of 100,000,
// 1,000,000 and 3,000,000 records (10,000,000 with BENCH_MEMORY_10M=1), each a fresh sync and a merge
// rerun over it, into DuckDB and Postgres, one whole process per case as users run it, with the raw
// fetch-and-parse of the same pages as the baseline. Peak RSS and CPU seconds are what to read: the
// machine may be shared, so the seconds are printed "under load" with the load average.
// BENCH_MEMORY_SIZES=100000,1000000 picks the sizes.
import { loadavg } from "node:os";
import { join } from "node:path";
import type { InstalledPackage } from "./installed.ts";
import { measure, type Measured } from "./measure.ts";
import { startMockProcess } from "./mock-process.ts";
import type { BenchPostgres } from "./postgres-server.ts";

export interface MemoryBench {
  readonly root: string;
  readonly work: string;
  readonly pkg: InstalledPackage;
  /** null: Postgres cases skipped (no server). */
  readonly postgres: BenchPostgres | null;
}

/** The goal every case is held to (issue 19). */
const GOAL_MB = 200;

/** The sizes to run: BENCH_MEMORY_SIZES, else 100k, 1M, 3M and, with BENCH_MEMORY_10M=1, 10M. */
export function memorySizes(env: NodeJS.ProcessEnv): number[] {
  if (env["BENCH_MEMORY_SIZES"] !== undefined && env["BENCH_MEMORY_SIZES"] !== "") return env["BENCH_MEMORY_SIZES"].split(",").map(Number);
  return [100_000, 1_000_000, 3_000_000, ...(env["BENCH_MEMORY_10M"] === "1" ? [10_000_000] : [])];
}

interface Case {
  readonly name: string;
  readonly records: number;
  readonly run: Measured | string;
}

/** Runs every case once per size and prints one table. */
export async function memoryBench(b: MemoryBench, sizes: readonly number[]): Promise<void> {
  const cases: Case[] = [];
  const attempt = async (name: string, records: number, run: () => Promise<Measured>) => {
    process.stderr.write(`  memory: ${name}, ${records} records…\n`);
    try {
      cases.push({ name, records, run: await run() });
    } catch (error) {
      cases.push({ name, records, run: String(error).split("\n")[0]?.slice(0, 160) ?? "failed" });
    }
  };
  for (const records of sizes) {
    const mock = await startMockProcess(b.root, ["--records", String(records)]);
    try {
      const env = { API_KEY: "bench-key" };
      const sync = (destination: string) =>
        measure(process.execPath, [b.pkg.bin, "sync", "customer_support", "--destination", destination, "--base-url", mock.url], env, b.pkg.project);
      await attempt("raw fetch + JSON.parse (baseline)", records, () =>
        measure(process.execPath, ["--import", "tsx", "bench/raw-fetch.ts", mock.url, String(records), "100"], {}, b.root),
      );
      const db = `duckdb:${join(b.work, `memory-${records}.duckdb`)}`;
      await attempt("DuckDB, fresh sync", records, () => sync(db));
      await attempt("DuckDB, merge rerun", records, () => sync(db));
      if (b.postgres) {
        const url = await b.postgres.fresh(`memory_${records}`);
        await attempt("Postgres, fresh sync (client)", records, () => sync(url));
        await attempt("Postgres, merge rerun (client)", records, () => sync(url));
        await b.postgres.dropAll();
      }
    } finally {
      await mock.stop();
    }
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  const lines = [
    `| case (one run each) | records | peak RSS (MB) | ≤ ${GOAL_MB} MB | CPU seconds | seconds (under load) |`,
    "|---|---:|---:|:-:|---:|---:|",
    ...cases.map((c) =>
      typeof c.run === "string"
        ? `| ${c.name} | ${c.records.toLocaleString("en-US")} | failed: ${c.run} | | | |`
        : `| ${c.name} | ${c.records.toLocaleString("en-US")} | ${c.run.peakRssMb.toFixed(0)} | ${c.run.peakRssMb <= GOAL_MB ? "yes" : "no"} | ${c.run.cpuSeconds.toFixed(2)} | ${c.run.seconds.toFixed(2)} |`,
    ),
    "",
    `- load average at the end (1, 5, 15 min): ${load}; peak RSS and CPU seconds do not depend on it, the seconds do`,
  ];
  if (b.postgres === null) lines.push("- Postgres cases skipped: no server (set BENCH_POSTGRES_URL or install PostgreSQL)");
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
