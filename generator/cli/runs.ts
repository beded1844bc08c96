// `gen-connector runs <dir>`: a dataset's distributed runs (`_gc_runs`) with their partitions'
// markers (`_gc_partitions`): status, partitions committed of planned, counts, who committed each.
import { describePartition, type RunPartition } from "../../runtime/distributed/partition.ts";
import { type MarkerRow, missingPartitions, readRuns, type RunProgress } from "../../runtime/distributed/queue/run-progress.ts";
import { openPostgres } from "../../runtime/destinations/postgres/index.ts";
import { UsageError } from "../../runtime/errors.ts";
import { syncDataset } from "../../runtime/sync/sync-target.ts";
import type { DistributedCommand } from "./distributed-args.ts";
import { distributedTarget } from "./distributed-target.ts";
import { jsonText } from "./json-out.ts";
import { stagingLine } from "./run-staging.ts";

const sum = (markers: readonly MarkerRow[], key: "records" | "inserted" | "updated" | "unchanged") => markers.reduce((n, m) => n + m[key], 0);

/** A run as text: its status line, a line per resource, then (`every`) each partition, or only the missing ones. */
export function formatRun(run: RunProgress, options: { seconds?: number; every: boolean }): string {
  // The planned partitions and the child batches their commits made.
  const partitions: readonly RunPartition[] = [...run.plan.partitions, ...(run.batches ?? [])];
  const planned = partitions.length;
  const missing = missingPartitions(run);
  const took = options.seconds === undefined ? "" : ` in ${options.seconds.toFixed(2)} s`;
  const lines = [
    `run ${run.runId} (dataset ${run.plan.dataset}, ${run.plan.connector}): ${run.status}${took}, ${run.markers.length} of ${planned} partitions committed, ` +
      `${sum(run.markers, "records")} records (${sum(run.markers, "inserted")} inserted, ${sum(run.markers, "updated")} updated, ${sum(run.markers, "unchanged")} unchanged)`,
  ];
  const staging = stagingLine(run);
  if (staging !== null) lines.push(staging);
  for (const resource of [...new Set(partitions.map((p) => p.resource))]) {
    const mine = run.markers.filter((m) => m.resource === resource);
    const of = partitions.filter((p) => p.resource === resource).length;
    const workers = new Set(mine.map((m) => m.worker)).size;
    lines.push(`  ${resource}: ${mine.length}/${of} partitions, ${sum(mine, "records")} records, by ${workers} worker${workers === 1 ? "" : "s"}`);
  }
  if (options.every) {
    for (const p of partitions) {
      const m = run.markers.find((x) => x.resource === p.resource && x.partition === p.key);
      const bounds =
        p.kind === "batch"
          ? ` (${p.bounds.records} ${p.bounds.root} records)`
          : p.kind === "tree"
            ? ""
            : ` [${JSON.stringify(p.bounds.start)}, ${p.bounds.end === null ? "end" : JSON.stringify(p.bounds.end)})`;
      lines.push(
        m === undefined
          ? `    ${describePartition(p)}${bounds}: missing`
          : `    ${describePartition(p)}${bounds}: committed ${m.records} records (${m.inserted} inserted, ${m.updated} updated, ${m.unchanged} unchanged) by ${m.worker}, attempt ${m.attempt}, at ${m.committedAt}`,
      );
    }
  } else if (missing.length > 0) {
    lines.push(`  missing: ${missing.map(describePartition).join(", ")}`);
  }
  for (const warning of run.warnings ?? []) lines.push(`  warning: ${warning}`);
  if (run.error !== null) lines.push(...run.error.split("\n").map((e) => `  failed: ${e}`));
  if (run.status !== "completed" && missing.length > 0)
    lines.push(`  rerun the missing partitions with: gen-connector sync <dir> --destination <URL> --distributed --run ${run.runId}`);
  return lines.join("\n");
}

/** Prints the runs: text on stdout, or JSON with --json. */
export async function runsCommand(command: Extract<DistributedCommand, { kind: "runs" }>): Promise<void> {
  const { connector, url } = await distributedTarget(command.dir, command.destination, "gen-connector runs");
  const dataset = syncDataset(connector, command.dataset);
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    const runs = await readRuns(destination, dataset, { ...(command.run === undefined ? {} : { runId: command.run }), limit: command.limit });
    if (command.run !== undefined && runs.length === 0)
      throw new UsageError(`run ${command.run} is not in dataset ${JSON.stringify(dataset)} of ${destination.url}`);
    if (command.json) {
      process.stdout.write(`${jsonText({ connector: connector.name, destination: destination.url, dataset, runs })}\n`);
      return;
    }
    const text = runs.length === 0 ? "no distributed run recorded" : runs.map((r) => formatRun(r, { every: command.run !== undefined })).join("\n");
    process.stdout.write(`distributed runs in dataset ${dataset} of ${destination.url}\n${text}\n`);
  } finally {
    await destination.close();
  }
}
