// `npm run bench`: the seed sync of 100,000 records (offset paging, limit 100) over loopback into
// DuckDB and Postgres, measured as whole processes against the raw fetch-and-parse limit in the same
// run; parent/child and incremental cases; distributed runs (1 vs 4 worker processes); and the loader alone on 1,000,000 records from a JSONL file
// against each database's own bulk load; generation on the Stripe and Asana specs against openapi-typescript;
// start-up of the CLI. Sync cases run the package as users get it: packed, compiled JavaScript (installed.ts).
// BENCH_ONLY=<group,…> runs a subset (see GROUPS).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { distributedBench } from "./distributed.ts";
import { generationBench } from "./generation.ts";
import { schedulerBench } from "./scheduler.ts";
import { loaderBench } from "./loader/cases.ts";
import { memoryBench, memorySizes } from "./memory.ts";
import { strategyBench } from "./loader/strategies.ts";
import { measure, median, medians, repeat, type Row } from "./measure.ts";
import { installBench } from "./install.ts";
import { installPackage, type InstalledPackage } from "./installed.ts";
import { startMockProcess } from "./mock-process.ts";
import { benchPostgres, type BenchPostgres } from "./postgres-server.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOADER_RECORDS = Number(process.env.BENCH_LOADER_RECORDS ?? 1_000_000);
const LOADER_RUNS = Number(process.env.BENCH_LOADER_RUNS ?? 3);
const node = process.execPath;

/** BENCH_ONLY groups; `loader` means both loader-duckdb and loader-postgres. loader-list is opt-in. memory: 100k/1M/3M syncs, fresh and merge rerun (memory.ts). loader-strategies: each merge strategy, two passes, both destinations. */
const GROUPS = [
  "install",
  "startup",
  "sync",
  "postgres",
  "parent-child",
  "incremental",
  "scheduler",
  "distributed",
  "loader-duckdb",
  "loader-postgres",
  "loader-list",
  "loader-strategies",
  "generation",
  "memory",
] as const;
type Group = (typeof GROUPS)[number];

function selectedGroups(only: string | undefined): ReadonlySet<Group> {
  if (only === undefined || only.trim() === "") return new Set(GROUPS.filter((g) => g !== "loader-list"));
  const names = only
    .split(",")
    .map((s) => s.trim())
    .flatMap((s) => (s === "loader" ? ["loader-duckdb", "loader-postgres"] : [s]));
  const unknown = names.filter((n) => !(GROUPS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`BENCH_ONLY: unknown group(s) ${unknown.join(", ")}; expected a comma-separated list of ${GROUPS.join(", ")}, loader\n`);
    process.exit(2);
  }
  return new Set(names as Group[]);
}

/** `append`, `merge`, `replace`, or `merge:<strategy>` (delete-insert, upsert, insert-only, scd2). */
function loaderDisposition(value: string | undefined): string {
  if (value === undefined || value === "") return "append";
  if (/^(append|replace|merge(:(delete-insert|upsert|insert-only|scd2))?)$/.test(value)) return value;
  process.stderr.write(
    `BENCH_LOADER_DISPOSITION: expected append, merge, replace or merge:<delete-insert|upsert|insert-only|scd2>, found ${JSON.stringify(value)}\n`,
  );
  process.exit(2);
}

const only = selectedGroups(process.env.BENCH_ONLY);
const disposition = loaderDisposition(process.env.BENCH_LOADER_DISPOSITION);
// Ctrl-C: exit normally so the throwaway Postgres cluster's exit hook stops it.
process.once("SIGINT", () => process.exit(130));
const pg = ["postgres", "distributed", "loader-postgres", "loader-strategies", "memory"].some((g) => only.has(g as Group)) ? await benchPostgres() : undefined;
const work = mkdtempSync(join(tmpdir(), "gc-bench-"));
const syncing = (["install", "startup", "sync", "postgres", "parent-child", "incremental", "memory", "scheduler"] as const).some((g) => only.has(g));
const installed = syncing ? installPackage(ROOT, ["customer_support", "support_tickets", "support_incremental"]) : undefined;
try {
  if (only.has("install")) await installBench(installed!.tarball, work, Math.min(RUNS, 3));
  if (only.has("startup")) await startup(work, installed!);
  if (only.has("sync") || only.has("postgres")) await syncTable(work, installed!, only.has("sync"), only.has("postgres") ? pg : undefined);
  if (only.has("parent-child")) await parentChild(work, installed!);
  if (only.has("incremental")) await incrementalRerun(work, installed!);
  if (only.has("scheduler")) await schedulerBench({ root: ROOT, installed: installed!, work, records: RECORDS, runs: RUNS });
  if (only.has("distributed")) await distributedBench({ root: ROOT, records: RECORDS, postgres: pg ?? null });
  if (only.has("loader-duckdb") || only.has("loader-postgres") || only.has("loader-list")) {
    await loaderBench({
      root: ROOT,
      work,
      records: LOADER_RECORDS,
      runs: LOADER_RUNS,
      disposition,
      duckdb: only.has("loader-duckdb"),
      list: only.has("loader-list"),
      postgres: only.has("loader-postgres") ? pg : undefined,
    });
  }
  if (only.has("loader-strategies")) {
    const runs = Number(process.env.BENCH_STRATEGY_RUNS ?? 1);
    await strategyBench({ root: ROOT, work, records: LOADER_RECORDS, runs, duckdb: true, postgres: pg });
  }
  if (only.has("memory")) await memoryBench({ root: ROOT, work, pkg: installed!, postgres: pg ?? null }, memorySizes(process.env));
  if (only.has("generation")) await generationBench({ root: ROOT, work, runs: Math.min(RUNS, 3), specs: ["stripe.yaml", "asana.yaml"] });
} finally {
  rmSync(work, { recursive: true, force: true });
  installed?.remove();
  await pg?.dropAll();
  // The machine is shared: a load average above its core count means the figures above are noisy.
  process.stderr.write(
    `load average at the end (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")}\n`,
  );
}

/** The seed sync against the raw limit: into DuckDB (`duckdb`) and/or Postgres (`postgres`; null: no server). */
async function syncTable(dir: string, pkg: InstalledPackage, duckdb: boolean, postgres: BenchPostgres | null | undefined): Promise<void> {
  const mock = await startMockProcess(ROOT, ["--records", String(RECORDS)]);
  try {
    process.stderr.write(`mock API on ${mock.url}, ${RECORDS} records, ${RUNS} runs each\n`);
    const env = { API_KEY: "bench-key" };
    const sync = (destination: string) =>
      measure(node, [pkg.bin, "sync", "customer_support", "--destination", destination, "--base-url", mock.url], env, pkg.project);
    const rows: Row[] = [
      await repeat("raw fetch + JSON.parse", RUNS, () => measure(node, ["--import", "tsx", "bench/raw-fetch.ts", mock.url, String(RECORDS), "100"], {}, ROOT)),
      await repeat("raw cross-fetch (node-fetch) + JSON.parse", RUNS, () =>
        measure(node, ["--import", "tsx", "bench/raw-fetch.ts", mock.url, String(RECORDS), "100"], { RAW_FETCH: "cross-fetch" }, ROOT),
      ),
    ];
    if (duckdb) {
      rows.push(await repeat("gen-connector sync, fresh DuckDB", RUNS, (i) => sync(`duckdb:${join(dir, `fresh-${i}.duckdb`)}`)));
      rows.push(await repeat("gen-connector sync, merge over existing", RUNS, () => sync(`duckdb:${join(dir, "fresh-0.duckdb")}`)));
    }
    if (postgres) {
      // A fresh database per run (created before the measured process starts); merges go over the first.
      const first = await postgres.fresh("sync_0");
      rows.push(await repeat("gen-connector sync, fresh Postgres", RUNS, async (i) => sync(i === 0 ? first : await postgres.fresh(`sync_${i}`))));
      rows.push(await repeat("gen-connector sync, merge over existing (Postgres)", RUNS, () => sync(first)));
    }
    const [raw, ...synced] = rows.map((row) => ({ name: row.name, ...medians(row) }));
    const lines = [
      `| case (${RECORDS.toLocaleString("en-US")} records, median of ${RUNS}) | seconds | CPU seconds | records/s | ratio to raw | peak RSS (MB) |`,
      "|---|---:|---:|---:|---:|---:|",
      ...[raw!, ...synced].map(
        (s) =>
          `| ${s.name} | ${s.seconds.toFixed(2)} | ${s.cpuSeconds.toFixed(2)} | ${Math.round(RECORDS / s.seconds).toLocaleString("en-US")} | ${(raw!.seconds / s.seconds).toFixed(2)} | ${s.peakRssMb.toFixed(0)} |`,
      ),
    ];
    if (postgres === null) lines.push("", "- Postgres cases skipped: no server (set BENCH_POSTGRES_URL or install PostgreSQL)");
    if (postgres) lines.push("", "- Postgres peak RSS is the gen-connector process only; the server runs separately");
    process.stdout.write(`${lines.join("\n")}\n\n`);
  } finally {
    await mock.stop();
  }
}

/** Parent/child: 1,000 tickets, each with one single-page request for its 3 comments, at child concurrency 1 and 8. */
async function parentChild(dir: string, pkg: InstalledPackage): Promise<void> {
  const parents = 1000;
  const api = await startMockProcess(ROOT, ["--records", String(parents), "--bearer", "bench-token"]);
  try {
    const rows: string[] = [];
    for (const concurrency of [1, 8]) {
      const args = [pkg.bin, "sync", "support_tickets", "--resource", "recent_comments", "--concurrency", String(concurrency), "--base-url", api.url];
      const row = await repeat(`parent/child, concurrency ${concurrency}`, RUNS, (i) =>
        measure(node, [...args, "--destination", `duckdb:${join(dir, `pc-${concurrency}-${i}.duckdb`)}`], { SUPPORT_TOKEN: "bench-token" }, pkg.project),
      );
      const seconds = median(row.runs.map((r) => r.seconds));
      const requests = parents / 100 + parents; // parent pages + one child request per parent
      rows.push(
        `| ${row.name} | ${seconds.toFixed(2)} | ${Math.round(requests / seconds).toLocaleString("en-US")} | ${Math.round((parents * 3) / seconds).toLocaleString("en-US")} | ${median(row.runs.map((r) => r.peakRssMb)).toFixed(0)} |`,
      );
    }
    process.stdout.write(
      `| case (${parents.toLocaleString("en-US")} parents × 3 children, median of ${RUNS}) | seconds | requests/s | child records/s | peak RSS (MB) |\n|---|---:|---:|---:|---:|\n${rows.join("\n")}\n`,
    );
  } finally {
    await api.stop();
  }
}

/** Incremental: a first sync of 100,000 records, then (measured) second syncs with no new data. */
async function incrementalRerun(dir: string, pkg: InstalledPackage): Promise<void> {
  const api = await startMockProcess(ROOT, ["--records", String(RECORDS), "--api-key-header", "X-Api-Key=bench-key"]);
  try {
    const db = join(dir, "incremental.duckdb");
    const args = [pkg.bin, "sync", "support_incremental", "--base-url", api.url, "--destination", `duckdb:${db}`, "--json"];
    const env = { API_KEY: "bench-key" };
    const first = await measure(node, args, env, pkg.project);
    const rerun = await repeat("incremental second run (no new data)", RUNS, () => measure(node, args, env, pkg.project));
    const summary = (m: { stdout: string }) => (JSON.parse(m.stdout) as { resources: { requests: number; records: number }[] }).resources[0]!;
    const rows = [
      `| incremental first run | ${first.seconds.toFixed(2)} | ${summary(first).requests} | ${summary(first).records.toLocaleString("en-US")} | ${first.peakRssMb.toFixed(0)} |`,
      `| ${rerun.name} | ${median(rerun.runs.map((r) => r.seconds)).toFixed(2)} | ${summary(rerun.runs[0]!).requests} | ${summary(rerun.runs[0]!).records} | ${median(rerun.runs.map((r) => r.peakRssMb)).toFixed(0)} |`,
    ];
    process.stdout.write(
      `\n| case (${RECORDS.toLocaleString("en-US")} records, cursor created_at) | seconds | requests | records loaded | peak RSS (MB) |\n|---|---:|---:|---:|---:|\n${rows.join("\n")}\n`,
    );
  } finally {
    await api.stop();
  }
}

/**
 * Start-up: Node alone, `gen-connector --help`, and a sync of one page (50 records) into a fresh DuckDB
 * file, each run as the installed compiled package and as the checkout's TypeScript source through tsx
 * (how the package ran before it was compiled).
 */
async function startup(dir: string, pkg: InstalledPackage): Promise<void> {
  const mock = await startMockProcess(ROOT, ["--records", "50"]);
  try {
    const env = { API_KEY: "bench-key" };
    const runs = Math.max(RUNS, 5);
    const syncArgs = (bin: string, i: number, label: string) => [
      bin,
      "sync",
      "customer_support",
      "--destination",
      `duckdb:${join(dir, `startup-${label}-${i}.duckdb`)}`,
      "--base-url",
      mock.url,
    ];
    // The seed connector compiled by a user's tsc (commonjs, nodenext), so `sync` loads it without tsx.
    const tsconfig = {
      compilerOptions: {
        strict: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        outDir: "compiled",
        rootDir: ".",
        skipLibCheck: true,
      },
      include: ["customer_support"],
    };
    writeFileSync(join(pkg.project, "tsconfig.json"), JSON.stringify(tsconfig));
    execFileSync(node, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", pkg.project]);
    const rows: Row[] = [
      await repeat("node -e 0 (Node's own start-up)", runs, () => measure(node, ["-e", "0"], {}, pkg.project)),
      await repeat("gen-connector --help, source through tsx (before)", runs, () => measure(node, [pkg.sourceBin, "--help"], {}, pkg.project)),
      await repeat("gen-connector --help, compiled (after)", runs, () => measure(node, [pkg.bin, "--help"], {}, pkg.project)),
      await repeat("sync of one page, source through tsx (before)", runs, (i) => measure(node, syncArgs(pkg.sourceBin, i, "source"), env, pkg.project)),
      await repeat("sync of one page, compiled, generated index.ts", runs, (i) => measure(node, syncArgs(pkg.bin, i, "compiled"), env, pkg.project)),
      await repeat("sync of one page, compiled, connector compiled by tsc (index.js)", runs, (i) =>
        measure(
          node,
          syncArgs(pkg.bin, i, "tsc").map((a) => (a === "customer_support" ? "compiled/customer_support" : a)),
          env,
          pkg.project,
        ),
      ),
    ];
    // "Own work": what a case costs beyond Node's own start-up (issue 19's goal: ≤ 150 ms for a one-page sync).
    const nodeAlone = medians(rows[0]!);
    const lines = rows.map((row) => {
      const m = medians(row);
      const own = `${((m.seconds - nodeAlone.seconds) * 1000).toFixed(0)} / ${((m.cpuSeconds - nodeAlone.cpuSeconds) * 1000).toFixed(0)}`;
      return `| ${row.name} | ${m.seconds.toFixed(3)} | ${m.cpuSeconds.toFixed(3)} | ${row === rows[0] ? "—" : own} | ${m.peakRssMb.toFixed(0)} |`;
    });
    process.stdout.write(
      `| start-up case (median of ${runs}) | seconds | CPU seconds | own work beyond \`node -e 0\` (ms wall / CPU) | peak RSS (MB) |\n|---|---:|---:|---:|---:|\n${lines.join("\n")}\n\n`,
    );
  } finally {
    await mock.stop();
  }
}
