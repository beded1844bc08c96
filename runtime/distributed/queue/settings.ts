// The queue's tunables with their defaults, resolved once. Tests shorten the heartbeat, the supervise
// interval and the polling interval so a dead worker's job is retried in seconds. GC_QUEUE_LISTEN=off
// turns LISTEN/NOTIFY wake-ups off (PgBouncer in transaction pooling loses them): polling alone delivers.
import { UsageError } from "../../errors.ts";

export interface QueueSettings {
  /** The schema pg-boss lives in (in the destination database unless --queue puts it elsewhere). */
  readonly schema: string;
  /** A worker that sends no heartbeat for this long has its job failed and retried (pg-boss: ≥ 10). */
  readonly heartbeatSeconds: number;
  /** How often a supervisor looks for jobs whose heartbeat stopped. */
  readonly superviseSeconds: number;
  /** How often an idle worker asks for a job (pg-boss: ≥ 0.5); with `listen`, the backstop for a lost NOTIFY. */
  readonly pollSeconds: number;
  /** Wake idle workers by LISTEN/NOTIFY when a job lands (pg-boss `useListenNotify` + queue `notify`). */
  readonly listen: boolean;
  /** Retries of a failing partition before it is dead-lettered. */
  readonly retryLimit: number;
  /** First retry delay in seconds; doubled (with jitter) per retry, capped by retryDelayMaxSeconds. */
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
  /** The backstop when heartbeats cannot tell (pg-boss: at most 24 h). */
  readonly expireSeconds: number;
  /** How long a worker told to stop (SIGTERM) lets its running partitions finish before releasing their jobs for a retry. */
  readonly stopGraceSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  schema: "gen_connector_queue",
  heartbeatSeconds: 30,
  superviseSeconds: 15,
  pollSeconds: 1,
  listen: true,
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 300,
  expireSeconds: 6 * 3600,
  stopGraceSeconds: 30,
};

/** The queue names, one place. */
export const QUEUES = { partition: "gc-partition", dead: "gc-partition-dead", finalize: "gc-finalize" } as const;

/** Settings from GC_QUEUE_* environment values over the defaults (the shell passes process.env). */
export function queueSettings(env: Readonly<Record<string, string | undefined>>, base: QueueSettings = DEFAULT_QUEUE_SETTINGS): QueueSettings {
  const number = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new UsageError(`${name} expects a number ≥ ${min}, got ${JSON.stringify(raw)}`);
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === "") return fallback;
    if (["1", "on", "true", "yes"].includes(raw)) return true;
    if (["0", "off", "false", "no"].includes(raw)) return false;
    throw new UsageError(`${name} expects on or off, got ${JSON.stringify(env[name])}`);
  };
  return {
    ...base,
    heartbeatSeconds: number("GC_QUEUE_HEARTBEAT_SECONDS", base.heartbeatSeconds, 10),
    superviseSeconds: number("GC_QUEUE_SUPERVISE_SECONDS", base.superviseSeconds, 1),
    pollSeconds: number("GC_QUEUE_POLL_SECONDS", base.pollSeconds, 0.5),
    retryLimit: number("GC_QUEUE_RETRY_LIMIT", base.retryLimit, 0),
    retryDelaySeconds: number("GC_QUEUE_RETRY_DELAY_SECONDS", base.retryDelaySeconds, 0),
    listen: flag("GC_QUEUE_LISTEN", base.listen),
    stopGraceSeconds: number("GC_QUEUE_STOP_GRACE_SECONDS", base.stopGraceSeconds, 1),
  };
}
