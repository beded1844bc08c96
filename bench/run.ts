// `npm run bench`: the seed sync of 100,000 records (offset paging, limit 100) over loopback,
// measured as whole processes against the raw fetch-and-parse limit in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, median, type Measured } from "./measure.ts";
import { startMockProcess } from "./mock-process.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const node = process.execPath;

interface Row {
  readonly name: string;
  readonly runs: readonly Measured[];
}

function summarize(row: Row) {
  const seconds = median(row.runs.map((r) => r.seconds));
  return { name: row.name, seconds, recordsPerSecond: RECORDS / seconds, peakRssMb: median(row.runs.map((r) => r.peakRssMb)) };
}

async function repeat(name: string, runOnce: (i: number) => Promise<Measured>): Promise<Row> {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await runOnce(i));
    process.stderr.write(`  ${name} run ${i + 1}/${RUNS}: ${runs[i]!.seconds.toFixed(2)} s, ${runs[i]!.peakRssMb.toFixed(0)} MB\n`);
  }
  return { name, runs };
}

const mock = await startMockProcess(ROOT, ["--records", String(RECORDS)]);
const work = mkdtempSync(join(tmpdir(), "gc-bench-"));
try {
  process.stderr.write(`mock API on ${mock.url}, ${RECORDS} records, ${RUNS} runs each\n`);
  const env = { API_KEY: "bench-key" };
  const sync = (db: string) => measure(node, ["bin/gen-connector.js", "sync", "generated/customer_support", "--destination", `duckdb:${db}`, "--base-url", mock.url], env, ROOT);
  const raw = await repeat("raw fetch + JSON.parse", () => measure(node, ["--import", "tsx", "bench/raw-fetch.ts", mock.url, String(RECORDS), "100"], {}, ROOT));
  const fresh = await repeat("gen-connector sync, fresh DuckDB", (i) => sync(join(work, `fresh-${i}.duckdb`)));
  const merge = await repeat("gen-connector sync, merge over existing", () => sync(join(work, "fresh-0.duckdb")));
  const [r, f, m] = [raw, fresh, merge].map(summarize);
  const lines = [
    `| case (${RECORDS.toLocaleString("en-US")} records, median of ${RUNS}) | seconds | records/s | ratio to raw | peak RSS (MB) |`,
    "|---|---:|---:|---:|---:|",
    ...[r!, f!, m!].map((s) => `| ${s.name} | ${s.seconds.toFixed(2)} | ${Math.round(s.recordsPerSecond).toLocaleString("en-US")} | ${(s.recordsPerSecond / r!.recordsPerSecond).toFixed(2)} | ${s.peakRssMb.toFixed(0)} |`),
  ];
  process.stdout.write(`${lines.join("\n")}\n\n`);
  await parentChild(work);
  await incrementalRerun(work);
} finally {
  await mock.stop();
  rmSync(work, { recursive: true, force: true });
}

/** Parent/child: 1,000 tickets, each with one single-page request for its 3 comments, at child concurrency 1 and 8. */
async function parentChild(dir: string): Promise<void> {
  const parents = 1000;
  const api = await startMockProcess(ROOT, ["--records", String(parents), "--bearer", "bench-token"]);
  try {
    const rows: string[] = [];
    for (const concurrency of [1, 8]) {
      const args = ["bin/gen-connector.js", "sync", "generated/support_tickets", "--resource", "recent_comments", "--concurrency", String(concurrency), "--base-url", api.url];
      const row = await repeat(`parent/child, concurrency ${concurrency}`, (i) => measure(node, [...args, "--destination", `duckdb:${join(dir, `pc-${concurrency}-${i}.duckdb`)}`], { SUPPORT_TOKEN: "bench-token" }, ROOT));
      const seconds = median(row.runs.map((r) => r.seconds));
      const requests = parents / 100 + parents; // parent pages + one child request per parent
      rows.push(`| ${row.name} | ${seconds.toFixed(2)} | ${Math.round(requests / seconds).toLocaleString("en-US")} | ${Math.round((parents * 3) / seconds).toLocaleString("en-US")} | ${median(row.runs.map((r) => r.peakRssMb)).toFixed(0)} |`);
    }
    process.stdout.write(`| case (${parents.toLocaleString("en-US")} parents × 3 children, median of ${RUNS}) | seconds | requests/s | child records/s | peak RSS (MB) |\n|---|---:|---:|---:|---:|\n${rows.join("\n")}\n`);
  } finally {
    await api.stop();
  }
}

/** Incremental: a first sync of 100,000 records, then (measured) second syncs with no new data. */
async function incrementalRerun(dir: string): Promise<void> {
  const api = await startMockProcess(ROOT, ["--records", String(RECORDS), "--api-key-header", "X-Api-Key=bench-key"]);
  try {
    const db = join(dir, "incremental.duckdb");
    const args = ["bin/gen-connector.js", "sync", "generated/support_incremental", "--base-url", api.url, "--destination", `duckdb:${db}`, "--json"];
    const env = { API_KEY: "bench-key" };
    const first = await measure(node, args, env, ROOT);
    const rerun = await repeat("incremental second run (no new data)", () => measure(node, args, env, ROOT));
    const summary = (m: { stdout: string }) => (JSON.parse(m.stdout) as { resources: { requests: number; records: number }[] }).resources[0]!;
    const rows = [
      `| incremental first run | ${first.seconds.toFixed(2)} | ${summary(first).requests} | ${summary(first).records.toLocaleString("en-US")} | ${first.peakRssMb.toFixed(0)} |`,
      `| ${rerun.name} | ${median(rerun.runs.map((r) => r.seconds)).toFixed(2)} | ${summary(rerun.runs[0]!).requests} | ${summary(rerun.runs[0]!).records} | ${median(rerun.runs.map((r) => r.peakRssMb)).toFixed(0)} |`,
    ];
    process.stdout.write(`\n| case (${RECORDS.toLocaleString("en-US")} records, cursor created_at) | seconds | requests | records loaded | peak RSS (MB) |\n|---|---:|---:|---:|---:|\n${rows.join("\n")}\n`);
  } finally {
    await api.stop();
  }
}
