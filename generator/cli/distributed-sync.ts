// `gen-connector sync <dir> --distributed` plans the run into partitions (registered in `_gc_runs`,
// refused while another distributed run or a classic sync holds the dataset), enqueues the partitions
// without a marker and prints the run id; `--workers N` then starts N local worker processes, waits for
// the run and prints its summary (exit 1 naming failed partitions).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { finalizeRun } from "../../runtime/distributed/finalize.ts";
import { planDistributedRun } from "../../runtime/distributed/plan-run.ts";
import { pgBossQueue } from "../../runtime/distributed/queue/pg-boss-queue.ts";
import type { PartitionQueue } from "../../runtime/distributed/queue/queue.ts";
import { apiGroup } from "../../runtime/distributed/queue/rate-share.ts";
import { missingPartitions, readRunProgress, type RunProgress } from "../../runtime/distributed/queue/run-progress.ts";
import { watchRun } from "../../runtime/distributed/queue/run-watch.ts";
import { queueSettings } from "../../runtime/distributed/queue/settings.ts";
import { partitionPayload } from "../../runtime/distributed/queue/worker.ts";
import { openPostgres } from "../../runtime/destinations/postgres/index.ts";
import { UsageError } from "../../runtime/errors.ts";
import { syncDataset } from "../../runtime/sync/sync-target.ts";
import type { Command } from "./args.ts";
import { distributedTarget } from "./distributed-target.ts";
import { formatRun } from "./runs.ts";
import { runLocalWorkers } from "./local-workers.ts";

type SyncCommand = Extract<Command, { kind: "sync" }>;

/** A new run id: the UTC time (ids sort by planning time) and 8 random hex digits. */
const newRunId = (now = new Date()) => `run-${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}Z-${randomBytes(4).toString("hex")}`;

/** Plans (or resumes) the run, enqueues what is missing; with --workers, runs it to the end. Returns the exit code. */
export async function distributedSyncCommand(command: SyncCommand): Promise<number> {
  const distributed = command.distributed!;
  if (command.replay !== undefined) throw new UsageError("--replay answers one process's requests: it cannot be distributed");
  const { connector, codeHash, url } = await distributedTarget(
    command.dir,
    command.destination,
    distributed.workers > 0 ? "sync --workers" : "sync --distributed",
  );
  const dataset = syncDataset(connector, command.dataset);
  const started = performance.now();
  const destination = await openPostgres(url, { datasetLock: "none" });
  let progress: RunProgress | null;
  try {
    const registered = await planDistributedRun(connector, destination, {
      dataset,
      resources: command.resources.length === 0 ? undefined : command.resources,
      codeHash,
      runId: distributed.runId ?? newRunId(),
      params: command.params,
      fullRefresh: command.fullRefresh,
      pagesPerPartition: distributed.pagesPerPartition,
      client: command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl },
      onNote: (line, level) => {
        if (level === "warning" || !command.quiet) process.stderr.write(`${level}: ${line}\n`);
      },
    });
    if (distributed.runId !== undefined && !registered.resumed) {
      await finalizeRun(destination, registered.plan, { failed: "rerun of an unknown run id" });
      throw new UsageError(`run ${distributed.runId} is not in dataset ${JSON.stringify(dataset)}: nothing to rerun (gen-connector runs lists the runs)`);
    }
    progress = await readRunProgress(destination, dataset, registered.plan.runId);
  } finally {
    await destination.close();
  }
  if (progress === null) throw new Error("the registered run is not in _gc_runs");
  const missing = missingPartitions(progress);
  const queue = pgBossQueue({
    url: distributed.queue ?? url,
    transactional: distributed.queue === undefined || distributed.queue === url,
    // The planner only enqueues and watches: it never waits for a job, so it holds no LISTEN connection.
    settings: { ...queueSettings(process.env), listen: false },
    applicationName: `gen-connector sync (pid ${process.pid} on ${hostname()})`,
    poolSize: 2,
    onWarning: (line) => void process.stderr.write(`warning: ${line}\n`),
  });
  const { runId } = progress;
  try {
    await queue.start();
    await queue.enqueue(
      missing.map((p) => partitionPayload(progress.plan, p)),
      apiGroup(connector, command.baseUrl),
    );
    if (missing.length === 0) await withDestination(url, (d) => finalizeRun(d, progress.plan));
    if (!(command.json && distributed.workers > 0)) process.stdout.write(`${runId}\n`);
    const resumed = progress.markers.length === 0 ? "" : ` (${progress.markers.length} already committed)`;
    if (!command.quiet) {
      process.stderr.write(
        `run ${runId}: ${missing.length} of ${progress.plan.partitions.length + (progress.batches?.length ?? 0)} partitions enqueued${resumed} for dataset ${dataset} in ${queue.where}\n`,
      );
    }
    if (distributed.workers === 0) {
      if (!command.quiet && missing.length > 0) {
        process.stderr.write(
          `start workers with: gen-connector worker ${command.dir} --destination <the same URL>${distributed.queue === undefined ? "" : " --queue <the same URL>"}\n`,
        );
      }
      return 0;
    }
    return await waitWithWorkers(command, queue, url, dataset, runId, started);
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
}

async function withDestination<T>(url: string, work: (d: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>): Promise<T> {
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    return await work(destination);
  } finally {
    await destination.close();
  }
}

/** Starts the local workers, waits until the run completed (or failed with no job left), stops them and prints the summary. */
async function waitWithWorkers(command: SyncCommand, queue: PartitionQueue, url: string, dataset: string, runId: string, started: number): Promise<number> {
  const distributed = command.distributed!;
  const workerArgs = [
    "--destination",
    url,
    ...(distributed.queue === undefined ? [] : ["--queue", distributed.queue]),
    ...(command.baseUrl === undefined ? [] : ["--base-url", command.baseUrl]),
    ...Object.entries(command.params).flatMap(([k, v]) => ["--param", `${k}=${v}`]),
  ];
  const watch = watchRun(queue, url, dataset, runId);
  let progress: RunProgress;
  try {
    progress = await runLocalWorkers({ dir: command.dir, workers: distributed.workers, args: workerArgs, quiet: command.quiet, poll: () => watch.poll() });
  } finally {
    await watch.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (command.json) process.stdout.write(`${JSON.stringify({ ...progress, seconds }, null, 2)}\n`);
  if (!command.quiet || progress.status !== "completed") process.stderr.write(`${formatRun(progress, { seconds, every: progress.status !== "completed" })}\n`);
  return progress.status === "completed" ? 0 : 1;
}
