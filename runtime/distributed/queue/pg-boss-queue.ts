// The partition queue on pg-boss 12: `gc-partition` (heartbeats, retries with backoff, dead letter
// `gc-partition-dead`), `gc-finalize` (one queued per run) and the per-API cap as pg-boss group
// concurrency keyed by the connector's base URL. In the destination database by default, so a
// partition's job completion commits with its rows (`complete(…, { db: tx })`).
// Dispatch: every queue has `notify` (each insert NOTIFYs at commit) and workers LISTEN
// (`useListenNotify`), so an idle worker wakes when a partition or finalize job lands; a worker that
// finishes a job fetches the next at once (`notifyWorker`) instead of sleeping out its polling
// interval. Polling at `pollSeconds` stays the backstop for a NOTIFY lost (listener reconnecting,
// PgBouncer in transaction pooling, GC_QUEUE_LISTEN=off).
import { PgBoss, type Job, type JobWithMetadata, type WorkOptions as BossWorkOptions } from "pg-boss";
import { redactDestination } from "../../destinations/open.ts";
import { connectionCause } from "../../destinations/postgres/connection-loss.ts";
import { scrubPassword } from "../../destinations/postgres/url.ts";
import { DistributedError } from "../errors.ts";
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
    useListenNotify: settings.listen,
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

  /**
   * One pg-boss worker of one job at a time on `name` that fetches again as soon as its job settles:
   * pg-boss's loop otherwise sleeps `pollingIntervalSeconds` minus the job's duration before the next fetch.
   */
  async function eager(name: string, options: BossWorkOptions, handle: (job: Job<unknown>) => Promise<void>): Promise<void> {
    let id: string | undefined;
    id = await boss.work<unknown>(name, { ...options, localConcurrency: 1 }, async ([job]) => {
      try {
        if (job !== undefined) await handle(job);
      } finally {
        // Read when the job settles: work() has returned the id long before its first fetch answered.
        if (id !== undefined) boss.notifyWorker(id);
      }
    });
  }

  return {
    where: redactDestination(options.url),
    transactional: options.transactional,
    async start() {
      if (started) return;
      try {
        await boss.start();
      } catch (error) {
        // Not a gen-connector bug: the queue's database is unreachable, refuses us, or is not Postgres.
        const text = scrubPassword(options.url, error instanceof Error ? error.message : String(error));
        throw new DistributedError(`queue: cannot start pg-boss in ${redactDestination(options.url)}: ${text}`, { cause: connectionCause(error) });
      }
      started = true;
      // createQueue is idempotent (an existing queue keeps its options; each job carries its own below).
      await boss.createQueue(QUEUES.dead, { retryLimit: 0, notify: true });
      await boss.createQueue(QUEUES.partition, {
        ...retry,
        heartbeatSeconds: settings.heartbeatSeconds,
        expireInSeconds: settings.expireSeconds,
        deadLetter: QUEUES.dead,
        notify: true,
      });
      await boss.createQueue(QUEUES.finalize, { policy: "stately", ...retry, expireInSeconds: settings.expireSeconds, notify: true });
      // Queues created before NOTIFY was used keep `notify: false` through createQueue: switch it on (only that option).
      for (const name of [QUEUES.dead, QUEUES.partition, QUEUES.finalize]) {
        if ((await boss.getQueue(name))?.notify !== true) await boss.updateQueue(name, { notify: true });
      }
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
      // The NOTIFY backstop polls as often as the plain poll: a listener that looks alive but hears nothing
      // (PgBouncer in transaction pooling) must not slow delivery to pg-boss's 30 s default.
      const polling = { pollingIntervalSeconds: settings.pollSeconds, notifyPollingIntervalSeconds: settings.pollSeconds, batchSize: 1 };
      for (let slot = 0; slot < work.concurrency; slot++) {
        await eager(QUEUES.partition, { ...polling, groupConcurrency: work.perApi }, async (job) => {
          await handlers.partition(claimed(job, parsePartitionPayload(job.data)));
        });
      }
      await eager(QUEUES.finalize, polling, async (job) => {
        await handlers.finalize(claimed(job, parseFinalizePayload(job.data)));
      });
      await eager(QUEUES.dead, { ...polling, includeMetadata: true }, async (job) => {
        // includeMetadata: pg-boss hands this queue's jobs with their metadata (its types see a plain boolean here).
        const dead = job as JobWithMetadata<unknown>;
        await handlers.dead(claimed(job, { payload: parsePartitionPayload(job.data), error: lastError(dead.sourceOutput ?? dead.output) }));
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
