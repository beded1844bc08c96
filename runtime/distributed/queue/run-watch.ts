// What `sync --workers N` asks every half second while its workers run: the run's end (completed, or
// failed once no job is left for its missing partitions: the workers named them), else null. It reads
// through one held destination connection (held-destination.ts) and the queue's own pool.
import { finalizeRun } from "../finalize.ts";
import type { PartitionQueue } from "./queue.ts";
import { heldDestination, type HeldDestination } from "./held-destination.ts";
import { missingPartitions, readRunProgress, type RunProgress } from "./run-progress.ts";

export interface RunWatch {
  /** The run's final progress once it is over; null while it runs. A lost connection rejects (isConnectionLoss): ask again later. */
  poll(): Promise<RunProgress | null>;
  close(): Promise<void>;
}

/** Watches run `runId` of `dataset` in the destination `url`, its jobs in `queue`. */
export function watchRun(
  queue: Pick<PartitionQueue, "pending">,
  url: string,
  dataset: string,
  runId: string,
  held: HeldDestination = heldDestination(url),
): RunWatch {
  return {
    async poll() {
      const pending = await queue.pending(runId);
      return held.use(async (d) => {
        const now = await readRunProgress(d, dataset, runId);
        if (now === null) throw new Error(`run ${runId} vanished from _gc_runs`);
        if (now.status === "completed") return now;
        if (pending > 0) return null;
        // No job left: every partition committed, or the missing ones were dead-lettered (the workers name them).
        const missing = missingPartitions(now).length > 0;
        if (now.status === "running") await finalizeRun(d, now.plan, missing ? { failed: "no job is left for them in the queue (dead-lettered)" } : {});
        return readRunProgress(d, dataset, runId);
      });
    },
    close: () => held.close(),
  };
}
