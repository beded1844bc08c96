// `sync --workers N`: N worker processes of this same CLI (`gen-connector worker …`) on this machine,
// their stderr lines forwarded with the worker's number, until the run is over; then SIGTERM (each
// finishes or releases its partition) and wait for them to exit.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { isConnectionLoss } from "../../runtime/destinations/postgres/connection-loss.ts";
import { DistributedError } from "../../runtime/distributed/errors.ts";

export interface LocalWorkers<T> {
  readonly dir: string;
  readonly workers: number;
  /** The worker command's flags after the directory. */
  readonly args: readonly string[];
  /** Forward nothing but warnings and errors. */
  readonly quiet: boolean;
  /** Asked every POLL_MS: the run's final state once it is over, else null. */
  readonly poll: () => Promise<T | null>;
}

const POLL_MS = 500;
/** How long the database may stay unreachable (a restart, a failover) before waiting for the run gives up. */
const OUTAGE_MS = 120_000;
/** A worker that has not exited this long after SIGTERM is killed. */
const EXIT_GRACE_MS = 40_000;

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/** Runs the workers until `poll` returns the run's end, and returns it. */
export async function runLocalWorkers<T>(options: LocalWorkers<T>): Promise<T> {
  const bin = process.argv[1];
  if (bin === undefined) throw new Error("cannot tell which gen-connector to start workers with (process.argv[1] is unset)");
  const children = Array.from({ length: options.workers }, (_, i) => {
    const child = spawn(process.execPath, [...process.execArgv, bin, "worker", options.dir, ...options.args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: process.env,
    });
    createInterface({ input: child.stderr! }).on("line", (line) => {
      if (!options.quiet || /\b(error|warning|failed)\b/i.test(line)) process.stderr.write(`[worker ${i + 1}] ${line}\n`);
    });
    return child;
  });
  try {
    let outageSince: number | null = null;
    for (;;) {
      let end: T | null = null;
      try {
        end = await options.poll();
        if (outageSince !== null) process.stderr.write("the database is reachable again; waiting for the run\n");
        outageSince = null;
      } catch (error) {
        // The workers ride out a restart on their own (their jobs are retried); so does this wait, for a while.
        if (!isConnectionLoss(error) || (outageSince !== null && performance.now() - outageSince > OUTAGE_MS)) throw error;
        if (outageSince === null) {
          outageSince = performance.now();
          process.stderr.write(`warning: lost the database (${(error as Error).message}); retrying for up to ${OUTAGE_MS / 1000} s\n`);
        }
      }
      if (end !== null) return end;
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) {
        const codes = children.map((c, i) => `worker ${i + 1}: ${c.signalCode ?? `exit ${c.exitCode}`}`).join(", ");
        throw new DistributedError(`every local worker exited before the run ended (${codes}); its queued partitions wait for the next worker`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }, EXIT_GRACE_MS);
    await Promise.all(children.map(exited));
    clearTimeout(timer);
  }
}
