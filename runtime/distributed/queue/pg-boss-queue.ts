// The partition queue on pg-boss 12: `gc-partition` (heartbeats, retries with backoff, dead letter
// `gc-partition-dead`), `gc-finalize` (one queued per run) and the per-API cap as pg-boss group
// concurrency keyed by the connector's base URL. In the destination database by default, so a
// partition's job completion commits with its rows (`complete(…, { db: tx })`).
import { PgBoss, type Job, type JobWithMetadata } from "pg-boss";
import { redactDestination } from "../../destinations/open.ts";
import type { ClaimedJob, DeadPartition, FinalizePayload, Handler, PartitionPayload, PartitionQueue, QueueTransaction, WorkOptions } from "./queue.ts";
import { parseFinalizePayload, parsePartitionPayload } from "./payload.ts";
import { QUEUES, type QueueSettings } from "./settings.ts";

export interface PgBossQueueOptions {
  /** The queue's database URL (the destination's unless --queue gave another). */
  readonly url: string;
  /** True when `url` is the destination database. */
  readonly transactional: boolean;
  readonly settings: QueueSettings;
  /** Shown in pg_stat_activity. */
  readonly applicationName: string;
  /** Connections of pg-boss's pool. */
  readonly poolSize: number;
  /** pg-boss's own errors and warnings (a lost connection it retries…), message only. */
  readonly onWarning: (message: string) => void;
}

const claimed = <P>(job: Job<unknown>, payload: P): ClaimedJob<P> => ({ id: job.id, attempt: job.retryCount, payload, signal: job.signal });

/** The error text a dead-lettered job's last failure stored (pg-boss keeps `{ message, stack }`). */
function lastError(output: object | null | undefined): string {
  if (output === null || output === undefined) return "(no error recorded)";
  const message = (output as { message?: unknown }).message;
  return typeof message === "string" ? message : JSON.stringify(output);
}

export function pgBossQueue(options: PgBossQueueOptions): PartitionQueue {
  const { settings } = options;
  const boss = new PgBoss({
    connectionString: options.url,
    schema: settings.schema,
    application_name: options.applicationName,
    max: options.poolSize,
    superviseIntervalSeconds: settings.superviseSeconds,
    monitorIntervalSeconds: Math.max(settings.superviseSeconds, 10),
    schedule: false,
    registerInstance: false,
  });
  boss.on("error", (error: Error) => options.onWarning(`queue: ${error.message}`));
  boss.on("warning", (warning: { message: string }) => options.onWarning(`queue: ${warning.message}`));
  const retry = {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: settings.retryDelayMaxSeconds,
  };
  let started = false;

  return {
    where: redactDestination(options.url),
    transactional: options.transactional,
    async start() {
      if (started) return;
      await boss.start();
      started = true;
      // createQueue is idempotent (an existing queue keeps its options; each job carries its own below).
      await boss.createQueue(QUEUES.dead, { retryLimit: 0 });
      await boss.createQueue(QUEUES.partition, {
        ...retry,
        heartbeatSeconds: settings.heartbeatSeconds,
        expireInSeconds: settings.expireSeconds,
        deadLetter: QUEUES.dead,
      });
      await boss.createQueue(QUEUES.finalize, { policy: "stately", ...retry, expireInSeconds: settings.expireSeconds });
    },
    async enqueue(partitions, api, tx) {
      const ids = await boss.insert(
        QUEUES.partition,
        partitions.map((data) => ({
          data,
          ...retry,
          heartbeatSeconds: settings.heartbeatSeconds,
          expireInSeconds: settings.expireSeconds,
          deadLetter: QUEUES.dead,
          group: { id: api },
        })),
        { returnId: true, ...(tx === undefined ? {} : { db: tx }) },
      );
      return ids ?? [];
    },
    async enqueueFinalize(payload, tx) {
      await boss.send(QUEUES.finalize, payload, { singletonKey: payload.runId, ...retry, ...(tx === undefined ? {} : { db: tx }) });
    },
    async work(work: WorkOptions, handlers: { partition: Handler<PartitionPayload>; finalize: Handler<FinalizePayload>; dead: Handler<DeadPartition> }) {
      const polling = { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1 };
      await boss.work<unknown>(QUEUES.partition, { ...polling, localConcurrency: work.concurrency, groupConcurrency: work.perApi }, async ([job]) => {
        if (job !== undefined) await handlers.partition(claimed(job, parsePartitionPayload(job.data)));
      });
      await boss.work<unknown>(QUEUES.finalize, polling, async ([job]) => {
        if (job !== undefined) await handlers.finalize(claimed(job, parseFinalizePayload(job.data)));
      });
      await boss.work(QUEUES.dead, { ...polling, includeMetadata: true as const }, async ([job]: JobWithMetadata<unknown>[]) => {
        if (job !== undefined)
          await handlers.dead(claimed(job, { payload: parsePartitionPayload(job.data), error: lastError(job.sourceOutput ?? job.output) }));
      });
    },
    async complete(job, tx?: QueueTransaction) {
      const result = await boss.complete(QUEUES.partition, { id: job.id, retryCount: job.attempt }, null, tx === undefined ? undefined : { db: tx });
      // pg-boss types CommandResponse as {}; it carries `affected` (the jobs this call settled).
      return ((result as { affected?: number }).affected ?? 0) > 0;
    },
    async pending(runId) {
      let n = 0;
      for (const name of [QUEUES.partition, QUEUES.dead]) {
        const jobs = await boss.findJobs<unknown>(name, { data: { runId }, limit: 100_000 });
        n += jobs.filter((j) => j.state === "created" || j.state === "retry" || j.state === "active").length;
      }
      return n;
    },
    async stop({ graceful, timeoutMs }) {
      if (!started) return;
      started = false;
      await boss.stop({ graceful, timeout: timeoutMs, close: true });
    },
  };
}
