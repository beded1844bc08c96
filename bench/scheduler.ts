// The scheduler cases of `npm run bench` (issue 16), each against the mock API in its own process:
// 50 ms of latency per request, `gen-connector sync --concurrency 16` (the packed CLI, start-up included; and
// the same sync in-process from source) against a sequential raw client and a raw
// client making the same requests 16 at a time; a mock allowing 50 requests/s with and without
// client.rate_limit; a windowed backfill (one day per window) and its resume after a failure half-way.
import { join } from "node:path";
import { measure, median, repeat } from "./measure.ts";
import type { InstalledPackage } from "./installed.ts";
import { startMockProcess } from "./mock-process.ts";

export interface SchedulerBenchOptions {
  readonly root: string;
  /** The packed CLI: the latency case's sync runs it as users do (`gen-connector sync --concurrency 16`). */
  readonly installed: InstalledPackage;
  readonly work: string;
  readonly records: number;
  readonly runs: number;
}

interface Summary {
  readonly failed?: string;
  /** From the resource's start to its commit: the span its requests took. */
  readonly requestSeconds?: number | null;
  readonly resources?: readonly { readonly records: number; readonly requests: number; readonly retries: number; readonly seconds: number }[];
}

const node = process.execPath;

export async function schedulerBench({ root, installed, work, records, runs }: SchedulerBenchOptions): Promise<void> {
  const sync = (url: string, db: string, concurrency: number, ...more: string[]) =>
    measure(
      node,
      ["--conditions=gen-connector-source", "--import", "tsx", "bench/scheduler-sync.ts", url, join(work, db), String(concurrency), ...more],
      {},
      root,
    );
  const summaryOf = (stdout: string) => JSON.parse(stdout) as Summary;
  const lines: string[] = [];
  // 1. Latency.
  const slow = await startMockProcess(root, ["--records", String(records), "--page-delay-ms", "50"]);
  try {
    const raw = (concurrency: number) =>
      measure(node, ["--import", "tsx", "bench/raw-fetch.ts", slow.url, String(records), "100", String(concurrency)], {}, root);
    const rawSeq = median((await repeat("raw sequential", runs, () => raw(1))).runs.map((r) => r.seconds));
    const raw16 = median((await repeat("raw 16 at a time", runs, () => raw(16))).runs.map((r) => r.seconds));
    const cli = (i: number) =>
      measure(
        node,
        [
          installed.bin,
          "sync",
          "customer_support",
          "--destination",
          `duckdb:${join(work, `cli-${i}.duckdb`)}`,
          "--base-url",
          slow.url,
          "--concurrency",
          "16",
          "--quiet",
        ],
        { API_KEY: "bench-key" },
        installed.project,
      );
    const ours = median((await repeat("gen-connector sync --concurrency 16", runs, cli)).runs.map((r) => r.seconds));
    const inProcess = median((await repeat("in-process sync from source", runs, (i) => sync(slow.url, `lat-${i}.duckdb`, 16))).runs.map((r) => r.seconds));
    lines.push(
      `| case (${records.toLocaleString("en-US")} records, offset + total, 50 ms per request, median of ${runs}) | seconds | records/s | ratio |`,
      "|---|---:|---:|---:|",
      `| raw client, sequential | ${rawSeq.toFixed(2)} | ${Math.round(records / rawSeq).toLocaleString("en-US")} | 1.00 |`,
      `| raw client, 16 at a time | ${raw16.toFixed(2)} | ${Math.round(records / raw16).toLocaleString("en-US")} | ${(rawSeq / raw16).toFixed(2)} |`,
      `| gen-connector sync --concurrency 16 | ${ours.toFixed(2)} | ${Math.round(records / ours).toLocaleString("en-US")} | ${(rawSeq / ours).toFixed(2)} (vs raw 16: ${(raw16 / ours).toFixed(2)}) |`,
      `| the same sync in-process from source (tsx: scheduler-sync.ts) | ${inProcess.toFixed(2)} | ${Math.round(records / inProcess).toLocaleString("en-US")} | ${(rawSeq / inProcess).toFixed(2)} (vs raw 16: ${(raw16 / inProcess).toFixed(2)}) |`,
      "",
    );
  } finally {
    await slow.stop();
  }
  // 2. A rate-limited API (50 requests/s), with and without client.rate_limit; a fifth of the records (200 requests at full size).
  const limitedRecords = Math.max(1000, Math.round(records / 5));
  lines.push(
    `| case (${limitedRecords.toLocaleString("en-US")} records, API allows 50 requests/s) | seconds | requests/s (start to commit) | 429s | records |`,
    "|---|---:|---:|---:|---:|",
  );
  for (const [name, more] of [
    ["client.rate_limit 50/1 s, --concurrency 16", ["--rate", "50/1"]],
    ["no rate_limit, --concurrency 16", []],
  ] as const) {
    const limited = await startMockProcess(root, ["--records", String(limitedRecords), "--rate-limit", "50/1000"]);
    try {
      const run = await sync(limited.url, `rate-${name.length}.duckdb`, 16, ...more);
      const summary = summaryOf(run.stdout);
      const r = summary.resources?.[0];
      const span = summary.requestSeconds ?? r?.seconds;
      lines.push(
        `| ${name} | ${run.seconds.toFixed(2)} | ${r && span ? (r.requests / span).toFixed(1) : "-"} | ${r?.retries ?? "-"} | ${r?.records ?? summaryOf(run.stdout).failed} |`,
      );
    } finally {
      await limited.stop();
    }
  }
  lines.push("");
  // 3. Windowed backfill: one record a minute, so `records` span records/1440 days; a window per day.
  const days = Math.ceil(records / 1440);
  const full = await startMockProcess(root, ["--records", String(records)]);
  let fullRequests = 0;
  try {
    const run = await sync(full.url, "windows-full.duckdb", 16, "--window-days", String(days));
    const r = summaryOf(run.stdout).resources?.[0];
    fullRequests = r?.requests ?? 0;
    lines.push(
      `| windowed backfill (${records.toLocaleString("en-US")} records over ${days} days, step P1D, --concurrency 16) | seconds | records/s | requests | CPU s | peak RSS (MB) |`,
      "|---|---:|---:|---:|---:|---:|",
      `| full run | ${run.seconds.toFixed(2)} | ${Math.round((r?.records ?? 0) / run.seconds).toLocaleString("en-US")} | ${fullRequests} | ${run.cpuSeconds.toFixed(2)} | ${Math.round(run.peakRssMb)} |`,
    );
  } finally {
    await full.stop();
  }
  const failing = await startMockProcess(root, ["--records", String(records), "--fail-after", String(Math.round(fullRequests / 2))]);
  try {
    await sync(failing.url, "windows-resume.duckdb", 16, "--window-days", String(days));
  } finally {
    await failing.stop();
  }
  const healthy = await startMockProcess(root, ["--records", String(records)]);
  try {
    const run = await sync(healthy.url, "windows-resume.duckdb", 16, "--window-days", String(days));
    const r = summaryOf(run.stdout).resources?.[0];
    lines.push(
      `| resumed after a failure half-way | ${run.seconds.toFixed(2)} | ${Math.round((r?.records ?? 0) / run.seconds).toLocaleString("en-US")} | ${r?.requests ?? 0} | ${run.cpuSeconds.toFixed(2)} | ${Math.round(run.peakRssMb)} |`,
    );
  } finally {
    await healthy.stop();
  }
  process.stdout.write(`\n${lines.join("\n")}\n`);
}
