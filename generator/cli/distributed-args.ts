// Arguments of the distributed commands: `worker` (runs partition jobs until stopped), `runs` (what a
// dataset's distributed runs did), and sync's `--distributed` / `--workers N` / `--queue URL` / `--run ID`.
import { redactDestination } from "../../runtime/destinations/open.ts";
import { UsageError } from "../../runtime/errors.ts";

/** How sync runs when distributed: plan and enqueue only, or also start N local workers and wait. */
export interface DistributedSync {
  /** 0: plan and enqueue, print the run id; N: also start N local worker processes, wait, print the summary. */
  readonly workers: number;
  /** The queue's database when not the destination's. */
  readonly queue: string | undefined;
  /** Rerun this run id: only its partitions without a marker run. */
  readonly runId: string | undefined;
  /** Split each root that allows it into ranges of this many pages (page-ranges.ts); undefined: none. */
  readonly pagesPerPartition: number | undefined;
}

export type DistributedCommand =
  | {
      readonly kind: "worker";
      readonly dir: string;
      readonly destination: string | undefined;
      readonly queue: string | undefined;
      /** Partitions this process runs at once. */
      readonly concurrency: number;
      /** Partitions of one API running at once across all workers. */
      readonly perApi: number;
      readonly baseUrl: string | undefined;
      readonly params: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "runs";
      readonly dir: string;
      readonly destination: string | undefined;
      readonly dataset: string | undefined;
      readonly run: string | undefined;
      readonly limit: number | null;
      readonly json: boolean;
    };

/** Partitions of one API running at once across every worker, unless --per-api says otherwise. */
export const DEFAULT_PER_API = 4;

export const DISTRIBUTED_OPTIONS = {
  worker: {
    destination: { type: "string" },
    queue: { type: "string" },
    concurrency: { type: "string" },
    "per-api": { type: "string" },
    "base-url": { type: "string" },
    param: { type: "string", multiple: true },
  },
  runs: { destination: { type: "string" }, dataset: { type: "string" }, run: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } },
} as const;

/** The sync flags of a distributed run, added to sync's own. */
export const DISTRIBUTED_SYNC_OPTIONS = {
  distributed: { type: "boolean" },
  workers: { type: "string" },
  queue: { type: "string" },
  run: { type: "string" },
  "pages-per-partition": { type: "string" },
} as const;

/** `--queue`'s URL: pg-boss lives in a Postgres database, so anything but a postgres:// URL is a usage error. */
export function queueUrl(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const url = String(raw);
  if (/^postgres(ql)?:\/\//i.test(url)) return url;
  throw new UsageError(`--queue expects the postgres://… URL of the database the job queue (pg-boss) lives in, got ${JSON.stringify(redactDestination(url))}`);
}

/** A whole number from `min` to `max`, or `fallback` when the flag is absent. */
export function wholeNumber(flag: string, raw: unknown, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${flag} expects a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/** sync's distributed flags; undefined for a classic sync. A flag that needs --distributed or --workers without either is a usage error. */
export function distributedSync(values: Readonly<Record<string, unknown>>): DistributedSync | undefined {
  const workers = wholeNumber("workers", values.workers, 1, 256, 0);
  if (values.distributed !== true && workers === 0) {
    for (const flag of ["queue", "run", "pages-per-partition"] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to a distributed sync: add --distributed (or --workers N)`);
    }
    return undefined;
  }
  const pages = values["pages-per-partition"];
  return {
    workers,
    queue: queueUrl(values.queue),
    runId: values.run as string | undefined,
    pagesPerPartition: pages === undefined ? undefined : wholeNumber("pages-per-partition", pages, 1, 1_000_000, 0),
  };
}

/** The worker or runs command from parseArgs' values and positionals. */
export function distributedCommand(
  kind: DistributedCommand["kind"],
  values: Readonly<Record<string, unknown>>,
  positionals: readonly string[],
  usage: string,
  params: Readonly<Record<string, string>>,
): DistributedCommand {
  if (positionals.length !== 1) throw new UsageError(`${kind} takes exactly one generated connector directory, got ${positionals.length}\nusage: ${usage}`);
  const dir = positionals[0]!;
  const destination = values.destination as string | undefined;
  if (kind === "runs") {
    const limit = wholeNumber("limit", values.limit, 0, 2 ** 31 - 1, 10);
    return {
      kind,
      dir,
      destination,
      dataset: values.dataset as string | undefined,
      run: values.run as string | undefined,
      limit: limit === 0 ? null : limit,
      json: values.json === true,
    };
  }
  return {
    kind,
    dir,
    destination,
    queue: queueUrl(values.queue),
    concurrency: wholeNumber("concurrency", values.concurrency, 1, 64, 1),
    perApi: wholeNumber("per-api", values["per-api"], 1, 1024, DEFAULT_PER_API),
    baseUrl: values["base-url"] as string | undefined,
    params,
  };
}
