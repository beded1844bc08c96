// `gen-connector worker <dir>`: runs partition jobs of distributed syncs until SIGTERM/SIGINT, then
// claims nothing new, lets running partitions finish (GC_QUEUE_STOP_GRACE_SECONDS, 30 s by default, then
// their jobs are failed and retried elsewhere) and exits 0 — also when a released partition is still
// waiting on a request that never answers.
import { hostname } from "node:os";
import { pgBossQueue } from "../../runtime/distributed/queue/pg-boss-queue.ts";
import { queueSettings } from "../../runtime/distributed/queue/settings.ts";
import { batchParents } from "../../runtime/distributed/child-batches.ts";
import { startWorker } from "../../runtime/distributed/queue/worker.ts";
import type { DistributedCommand } from "./distributed-args.ts";
import { distributedTarget } from "./distributed-target.ts";
import { useSyncHeapGrowth } from "./heap-growth.ts";
import { displayPath } from "./paths.ts";

/** How long after its jobs were released a stopped worker waits for abandoned partitions to unwind before it exits anyway. */
const UNWIND_MS = 1000;

const say = (line: string) => void process.stderr.write(`${line}\n`);

/** Runs the worker until a stop signal; returns the exit code. */
export async function workerCommand(command: Extract<DistributedCommand, { kind: "worker" }>): Promise<number> {
  const { connector, codeHash, url } = await distributedTarget(command.dir, command.destination, "gen-connector worker");
  useSyncHeapGrowth(url);
  const name = `${hostname()}:${process.pid}`;
  const settings = queueSettings(process.env);
  const queue = pgBossQueue({
    url: command.queue ?? url,
    transactional: command.queue === undefined || command.queue === url,
    settings,
    applicationName: `gen-connector worker (pid ${process.pid} on ${hostname()})`,
    poolSize: command.concurrency + 4,
    onWarning: (line) => say(`worker ${name}: ${line}`),
  });
  const stop = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  await queue.start();
  await startWorker({
    queue,
    connector,
    codeHash,
    destination: url,
    client: { ...(command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl }), params: command.params },
    concurrency: command.concurrency,
    perApi: command.perApi,
    worker: name,
    log: (line) => say(`worker ${name}: ${line}`),
    batchParents: batchParents(process.env),
  });
  say(
    `worker ${name}: running partitions of ${connector.name} (${displayPath(command.dir)}, code ${codeHash.slice(0, 19)}) from the queue in ${queue.where}, ` +
      `${command.concurrency} at a time, ${command.perApi} per API across all workers; stop with SIGTERM`,
  );
  const signal = await stop;
  say(`worker ${name}: ${signal}: claiming nothing new, finishing running partitions (${settings.stopGraceSeconds} s at most)`);
  await queue.stop({ graceful: true, timeoutMs: settings.stopGraceSeconds * 1000 });
  say(`worker ${name}: stopped`);
  // A partition past the grace has had its job failed (retried elsewhere; its own commit, if it ever came,
  // would be refused by the claim fence or skipped by the marker), but a request that never answers would
  // keep this process alive until its timeout and retries: it is abandoned.
  setTimeout(() => {
    say(`worker ${name}: exiting with a released partition still unwinding`);
    process.exit(0);
  }, UNWIND_MS).unref();
  return 0;
}
