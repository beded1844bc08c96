// The merge strategies bench: N records (default 1,000,000) loaded twice into each destination per
// strategy — a first load into an empty table, then a rerun of the same file with every tenth record
// changed (the steady state of a merge: 90% unchanged) — each case one whole process (load.ts --rerun),
// with the ratio of each pass to delete-insert's, today's default merge.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { measure, medianRun, medians, repeat, type Row } from "../measure.ts";
import type { BenchPostgres } from "../postgres-server.ts";
import { compileLoaderScripts } from "./compiled.ts";
import { generate, loaderFiles } from "./generate.ts";

export interface StrategyBench {
  readonly root: string;
  readonly work: string;
  readonly records: number;
  readonly runs: number;
  readonly duckdb: boolean;
  /** null: Postgres cases skipped (no server); undefined: not selected. */
  readonly postgres: BenchPostgres | null | undefined;
}

const STRATEGIES = ["delete-insert", "upsert", "insert-only", "scd2"] as const;

interface Pass {
  readonly seconds: Record<string, number>;
  readonly inserted: number;
  readonly updated: number;
  readonly retired: number;
}

/** Runs every strategy's two-pass case on the selected destinations and prints one table. */
export async function strategyBench(b: StrategyBench): Promise<void> {
  const files = loaderFiles(b.records);
  process.stderr.write(`merge strategies bench: ${b.records} records, first load + rerun with 10% changed, ${b.runs} run(s) each\n`);
  await generate(b.records, false);
  const rows: Case[] = [];
  // A failed case (e.g. out of memory) is reported in the table, not fatal to the others.
  const attempt = async (destination: string, strategy: string, measureIt: () => Promise<Row>) => {
    try {
      rows.push({ destination, strategy, row: await measureIt() });
    } catch (error) {
      const text = String(error);
      const why = /Out of Memory Error[^\n(]*/.exec(text)?.[0] ?? /commit failed[^\n:]*/.exec(text)?.[0] ?? text.slice(0, 200);
      process.stderr.write(`  ${destination} ${strategy} failed: ${why}\n`);
      const pass = String(error).includes("failed in the rerun pass") ? "rerun" : "first load";
      rows.push({ destination, strategy, failed: `${pass}: ${why.trim()}` });
    }
  };
  const load = await compileLoaderScripts(b.root);
  const args = (url: string, strategy: string) => [load("load"), files.jsonl, url, `merge:${strategy}`, "--rerun"];
  for (const strategy of STRATEGIES) {
    if (b.duckdb) {
      const db = (i: number) => join(b.work, `strategy-${strategy}-${i}.duckdb`);
      await attempt("DuckDB", strategy, () =>
        repeat(`DuckDB ${strategy}`, b.runs, async (i) => {
          try {
            return await measure(process.execPath, args(`duckdb:${db(i)}`, strategy), {}, b.root);
          } finally {
            for (const suffix of ["", ".wal", ".tmp"]) rmSync(`${db(i)}${suffix}`, { recursive: true, force: true });
          }
        }),
      );
    }
    const pg = b.postgres;
    if (pg) {
      await attempt("Postgres", strategy, () =>
        repeat(`Postgres ${strategy}`, b.runs, async () => measure(process.execPath, args(await pg.fresh("strategy"), strategy), {}, b.root)),
      );
      await pg.dropAll();
    }
  }
  printTable(b, rows);
}

type Case = { readonly destination: string; readonly strategy: string } & ({ readonly row: Row } | { readonly failed: string });

function printTable(b: StrategyBench, rows: readonly Case[]): void {
  const passes = (row: Row) => {
    const out = JSON.parse(medianRun(row).stdout) as Pass & { rerun: Pass };
    const total = (p: Pass) => Object.values(p.seconds).reduce((n, s) => n + s, 0);
    return { first: total(out), rerun: total(out.rerun), counts: out.rerun };
  };
  const base = new Map(rows.flatMap((r) => (r.strategy === "delete-insert" && "row" in r ? [[r.destination, passes(r.row)] as const] : [])));
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  const lines = [
    `| destination | strategy (${fmt(b.records)} records) | first load (s) | rerun, 10% changed (s) | rerun: inserted / updated / retired | ratio to delete-insert (first, rerun) | peak RSS (MB) |`,
    "|---|---|---:|---:|---|---:|---:|",
    ...rows.map((c) => {
      const { destination, strategy } = c;
      if (!("row" in c)) return `| ${destination} | ${strategy} | failed: ${c.failed} | | | | |`;
      const { row } = c;
      const p = passes(row);
      const d = base.get(destination);
      const ratio = d === undefined ? "–" : `${(p.first / d.first).toFixed(2)}, ${(p.rerun / d.rerun).toFixed(2)}`;
      const counts = `${fmt(p.counts.inserted)} / ${fmt(p.counts.updated)} / ${fmt(p.counts.retired)}`;
      return `| ${destination} | ${strategy} | ${p.first.toFixed(2)} | ${p.rerun.toFixed(2)} | ${counts} | ${ratio} | ${medians(row).peakRssMb.toFixed(0)} |`;
    }),
  ];
  const notes = ["seconds are the loader's own (open to commit, per pass), not process start-up; peak RSS is the whole process (Postgres: the client only)"];
  if (b.postgres === null) notes.push("Postgres cases skipped: no server (set BENCH_POSTGRES_URL or install PostgreSQL)");
  process.stdout.write(`\n${lines.join("\n")}\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
}
