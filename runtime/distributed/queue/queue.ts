// The engine-agnostic queue a distributed run uses: partitions go in as jobs carrying the plan only,
// workers claim them, and a claimed job is completed inside the partition's own commit transaction
// (when the engine shares the destination database) or right after it. pg-boss implements it
// (pg-boss-queue.ts); another engine (Temporal, BullMQ…) would implement the same few calls.

/** A JSON value as a job payload holds it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * What a partition job carries: the plan, never a secret. A worker resolves secrets from its own
 * environment and refuses a job whose `codeHash` differs from the connector it loaded.
 */
export interface PartitionPayload {
  readonly runId: string;
  readonly dataset: string;
  readonly connector: string;
  /** The generated connector's code hash (connector-hash.ts). */
  readonly codeHash: string;
  readonly resource: string;
  /** The partition's key within the run (unique per run and resource). */
  readonly partition: string;
  /** The partition's bounds as the plan wrote them (a window's start and end, a batch's parent keys…). */
  readonly bounds: JsonValue;
  /** `batch` for a child batch (bounds: its parent partition and place); absent for a planned partition. */
  readonly kind?: "batch";
  /** A child batch's parent records: only the fields the child needs, as JSON text (child-batches.ts). */
  readonly parents?: readonly string[];
}

/** What asks a run to be finalized once its last partition committed (or one was dead-lettered). */
export interface FinalizePayload {
  readonly runId: string;
  readonly dataset: string;
  readonly connector: string;
  readonly codeHash: string;
}

/** A job a worker holds: its id and attempt (fences completion to this claim) and the payload. */
export interface ClaimedJob<P> {
  readonly id: string;
  /** 0 on the first delivery, +1 on each retry. */
  readonly attempt: number;
  readonly payload: P;
  /** Aborted when the engine takes the claim away (heartbeat lost, shutdown deadline). */
  readonly signal: AbortSignal;
}

/** A transaction the engine can write its completion into (pg-boss's `db` option: object rows). */
export interface QueueTransaction {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A dead-lettered partition: the job that kept failing and its last error. */
export interface DeadPartition {
  readonly payload: PartitionPayload;
  readonly error: string;
}

export interface WorkOptions {
  /** Partitions this process runs at once. */
  readonly concurrency: number;
  /** Partitions of one API (the connector's base URL) running at once across every worker. */
  readonly perApi: number;
}

export type Handler<P> = (job: ClaimedJob<P>) => Promise<void>;

export interface PartitionQueue {
  /** Where the queue lives, password masked. */
  readonly where: string;
  /** True when the queue shares the destination database (completion can join the partition's commit). */
  readonly transactional: boolean;
  /** Connects and creates the queues (idempotent). */
  start(): Promise<void>;
  /** Enqueues one job per partition, grouped by `api` for the per-API cap, inside `tx` when given (a parent's commit enqueueing its child batches); returns their ids. */
  enqueue(partitions: readonly PartitionPayload[], api: string, tx?: QueueTransaction): Promise<string[]>;
  /** Enqueues the run's finalize step once (a second request for the same run is dropped), optionally inside `tx`. */
  enqueueFinalize(payload: FinalizePayload, tx?: QueueTransaction): Promise<void>;
  /** Runs partition jobs, finalize jobs and dead letters until stop(). A handler that throws fails the job (retried, then dead-lettered). */
  work(
    options: WorkOptions,
    handlers: { partition: Handler<PartitionPayload>; finalize: Handler<FinalizePayload>; dead: Handler<DeadPartition> },
  ): Promise<void>;
  /** Completes a claimed partition job, inside `tx` when given; false when the claim was already gone. */
  complete(job: ClaimedJob<PartitionPayload>, tx?: QueueTransaction): Promise<boolean>;
  /** Jobs of a run not yet settled (queued, retrying or active): its partitions, and its dead letters not yet recorded in the run. */
  pending(runId: string): Promise<number>;
  /** Stops claiming; with `graceful`, waits up to `timeoutMs` for running jobs, then fails them (they are retried elsewhere). */
  stop(options: { graceful: boolean; timeoutMs: number }): Promise<void>;
}
