// The loader bench: N records (default 1,000,000) from a local JSONL file into each destination through
// the runtime's loader alone, against the database's own bulk load of the same data, each case a whole
// process (median of runs, peak RSS), printed as a table plus where the loader's time went.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { measure, medianRun, medians, repeat, type Row } from "../measure.ts";
import type { BenchPostgres } from "../postgres-server.ts";
import { compileLoaderScripts, type LoaderScript } from "./compiled.ts";
import { generate, loaderFiles } from "./generate.ts";

export interface LoaderBench {
  readonly root: string;
  /** A scratch directory for database files. */
  readonly work: string;
  readonly records: number;
  readonly runs: number;
  /** append, merge, replace, or merge:<strategy>. */
  readonly disposition: string;
  readonly duckdb: boolean;
  /** The DuckDB list-field variant: the runtime makes the list a nested (child) table. */
  readonly list: boolean;
  /** null: Postgres cases skipped (no server); undefined: not selected. */
  readonly postgres: BenchPostgres | null | undefined;
}

interface Result {
  readonly row: Row;
  /** The case this one's ratio is taken against; itself for a bulk load. */
  readonly baseline: string;
}

/** Postgres's COPY of the rows pre-rendered as TSV (untimed): no JSON parsing at all, so faster than any JSON load. */
const FLOOR = "Postgres: COPY of the same rows pre-rendered as TSV (floor)";

/** Runs the selected loader cases and prints their table. */
export async function loaderBench(b: LoaderBench): Promise<void> {
  const files = loaderFiles(b.records);
  process.stderr.write(`loader bench: ${b.records} records (${files.jsonl}; generated once, then reused), ${b.runs} runs each\n`);
  await generate(b.records, b.list);
  const script = await compileLoaderScripts(b.root);
  const compiled = (name: LoaderScript, ...args: string[]) => [script(name), ...args];
  const run = (name: string, args: (i: number) => Promise<string[]> | string[], cleanup: (i: number) => void = () => undefined) =>
    repeat(name, b.runs, async (i) => {
      try {
        return await measure(process.execPath, await args(i), {}, b.root);
      } finally {
        cleanup(i);
      }
    });
  const db = (name: string) => (i: number) => join(b.work, `${name}-${i}.duckdb`);
  const dropDb = (name: string) => (i: number) => {
    for (const suffix of ["", ".wal", ".tmp"]) rmSync(`${db(name)(i)}${suffix}`, { recursive: true, force: true });
  };
  const results: Result[] = [];
  const loader = `runtime loader (TableWriter, ${b.disposition})`;
  if (b.duckdb) {
    const bulk = "DuckDB: read_json bulk load";
    results.push({
      row: await run(`DuckDB: ${loader}`, (i) => compiled("load", files.jsonl, `duckdb:${db("loader")(i)}`, b.disposition), dropDb("loader")),
      baseline: bulk,
    });
    results.push({ row: await run(bulk, (i) => compiled("duckdb-bulk", files.jsonl, db("bulk")(i)), dropDb("bulk")), baseline: bulk });
  }
  if (b.list) {
    const bulk = "DuckDB, list field: read_json bulk load (list into a child table)";
    results.push({
      row: await run(`DuckDB, list field: ${loader}`, (i) => compiled("load", files.listJsonl, `duckdb:${db("list")(i)}`, b.disposition), dropDb("list")),
      baseline: bulk,
    });
    results.push({ row: await run(bulk, (i) => compiled("duckdb-bulk", files.listJsonl, db("list-bulk")(i), "--list"), dropDb("list-bulk")), baseline: bulk });
  }
  const pg = b.postgres;
  if (pg) {
    // The limit is Postgres loading the same JSONL file into the same table (it parses the JSON, as
    // read_json does for DuckDB); COPY of pre-rendered TSV, which parses no JSON at all, is the floor.
    const bulk = "Postgres: COPY of the JSONL into jsonb, INSERT … SELECT";
    const index = b.disposition.startsWith("merge") ? ["--index"] : [];
    results.push({ row: await run(`Postgres: ${loader}`, async () => compiled("load", files.jsonl, await pg.fresh("loader"), b.disposition)), baseline: bulk });
    results.push({ row: await run(bulk, async () => compiled("postgres-bulk", "jsonb", files.jsonl, await pg.fresh("bulk"), ...index)), baseline: bulk });
    results.push({ row: await run(FLOOR, async () => compiled("postgres-bulk", "tsv", files.tsv, await pg.fresh("bulk"), ...index)), baseline: bulk });
    await pg.dropAll();
  }
  printTable(b, results);
}

function printTable(b: LoaderBench, results: readonly Result[]): void {
  const seconds = new Map(results.map((r) => [r.row.name, medians(r.row).seconds]));
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  const lines = [
    `| case (${fmt(b.records)} records from a JSONL file, median of ${b.runs}) | seconds | records/s | ratio to bulk | peak RSS (MB) |`,
    "|---|---:|---:|---:|---:|",
    ...results.map(({ row, baseline }) => {
      const m = medians(row);
      const ratio = (seconds.get(baseline) ?? Number.NaN) / m.seconds;
      return `| ${row.name} | ${m.seconds.toFixed(2)} | ${fmt(b.records / m.seconds)} | ${ratio.toFixed(2)} | ${m.peakRssMb.toFixed(0)} |`;
    }),
  ];
  const notes: string[] = [];
  for (const { row } of results) {
    if (!row.name.includes("runtime loader")) continue;
    const detail = JSON.parse(medianRun(row).stdout) as { seconds: Record<string, number>; peakMb: Record<string, { rss: number; heap: number }> };
    const time = Object.entries(detail.seconds)
      .map(([phase, s]) => `${phase} ${s.toFixed(2)}`)
      .join(", ");
    const [phase, peak] = Object.entries(detail.peakMb).sort((x, y) => y[1].rss - x[1].rss)[0] ?? ["?", { rss: 0, heap: 0 }];
    notes.push(`${row.name}: ${time} s; RSS peaks in ${phase} (${peak.rss} MB, V8 heap ${peak.heap} MB)`);
  }
  const floor = results.find((r) => r.row.name === FLOOR);
  const pgLoader = results.find((r) => r.row.name.startsWith("Postgres: runtime"));
  if (floor && pgLoader) notes.push(`Postgres loader vs the TSV COPY floor: ${(medians(floor.row).seconds / medians(pgLoader.row).seconds).toFixed(2)}`);
  if (b.postgres === null) notes.push("Postgres cases skipped: no server (set BENCH_POSTGRES_URL or install PostgreSQL)");
  if (b.postgres) notes.push("Postgres peak RSS is the client process only; the server runs separately");
  const table = results.length > 0 ? `${lines.join("\n")}\n` : "";
  process.stdout.write(`\n${table}${notes.map((n) => `- ${n}`).join("\n")}\n`);
}
