// The queue's own dispatch cost, in this process on pg-boss (no partition work, no API): how long an idle
// worker takes to run a job after it is enqueued (LISTEN/NOTIFY wake-up, vs waiting for the next 1 s poll
// with GC_QUEUE_LISTEN=off), and the time per job when jobs run back to back (the handler returns at
// once: fetch, run, completion, next fetch). Part of `BENCH_ONLY=distributed`.
import { pgBossQueue } from "../runtime/distributed/queue/pg-boss-queue.ts";
import type { PartitionPayload } from "../runtime/distributed/queue/queue.ts";
import { DEFAULT_QUEUE_SETTINGS } from "../runtime/distributed/queue/settings.ts";
import type { BenchPostgres } from "./postgres-server.ts";

export interface DispatchFigures {
  readonly listen: boolean;
  /** Median ms from enqueue (its commit) to the handler, worker idle. */
  readonly wakeMs: number;
  /** Mean ms per job from the first handler to the last, `jobs` queued at once. */
  readonly backToBackMs: number;
  readonly jobs: number;
}

const payload = (partition: string): PartitionPayload => ({
  runId: "bench",
  dataset: "d",
  connector: "c",
  codeHash: "h",
  resource: "r",
  partition,
  bounds: null,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wake-up and back-to-back dispatch on a fresh database, NOTIFY on or off, the default 1 s poll. */
export async function dispatchFigures(postgres: BenchPostgres, listen: boolean, wakes = 9, jobs = 100): Promise<DispatchFigures> {
  const url = await postgres.fresh(`dispatch_${listen ? "listen" : "poll"}`);
  const queue = pgBossQueue({
    url,
    transactional: true,
    settings: { ...DEFAULT_QUEUE_SETTINGS, listen },
    applicationName: "gc-bench",
    poolSize: 4,
    onWarning: () => undefined,
  });
  const ran = new Map<string, number>();
  let waiter: (() => void) | null = null;
  try {
    await queue.start();
    await queue.work(
      { concurrency: 1, perApi: 4 },
      {
        partition: async (job) => {
          ran.set(job.payload.partition, performance.now());
          waiter?.();
        },
        finalize: async () => undefined,
        dead: async () => undefined,
      },
    );
    const waits: number[] = [];
    for (let i = 0; i < wakes; i++) {
      // Idle for a varying while, so enqueues land at every point of a poll cycle.
      await sleep(400 + ((i * 337) % 900));
      const done = new Promise<void>((resolve) => (waiter = resolve));
      const sent = performance.now();
      await queue.enqueue([payload(`wake-${i}`)], "http://api.bench/");
      await done;
      waits.push(ran.get(`wake-${i}`)! - sent);
    }
    await sleep(1500);
    const all = new Promise<void>((resolve) => (waiter = () => ran.has(`b-${jobs - 1}`) && resolve()));
    await queue.enqueue(
      Array.from({ length: jobs }, (_, i) => payload(`b-${i}`)),
      "http://api.bench/",
    );
    await all;
    const times = Array.from({ length: jobs }, (_, i) => ran.get(`b-${i}`)!).sort((a, b) => a - b);
    const sorted = [...waits].sort((a, b) => a - b);
    return { listen, wakeMs: sorted[Math.floor(sorted.length / 2)]!, backToBackMs: (times[jobs - 1]! - times[0]!) / (jobs - 1), jobs };
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
}
