// `gen-connector worker <dir>`: runs partition jobs of distributed syncs until SIGTERM/SIGINT, then
// claims nothing new, lets running partitions finish (30 s at most, then their jobs are failed and
// retried elsewhere) and exits 0.
import { hostname } from "node:os";
import { pgBossQueue } from "../../runtime/distributed/queue/pg-boss-queue.ts";
import { queueSettings } from "../../runtime/distributed/queue/settings.ts";
import { batchParents } from "../../runtime/distributed/child-batches.ts";
import { startWorker } from "../../runtime/distributed/queue/worker.ts";
import type { DistributedCommand } from "./distributed-args.ts";
import { distributedTarget } from "./distributed-target.ts";
import { displayPath } from "./paths.ts";

/** How long a stopping worker waits for its running partitions before releasing their jobs. */
const STOP_GRACE_MS = 30_000;

const say = (line: string) => void process.stderr.write(`${line}\n`);

/** Runs the worker until a stop signal; returns the exit code. */
export async function workerCommand(command: Extract<DistributedCommand, { kind: "worker" }>): Promise<number> {
  const { connector, codeHash, url } = await distributedTarget(command.dir, command.destination, "gen-connector worker");
  const name = `${hostname()}:${process.pid}`;
  const queue = pgBossQueue({
    url: command.queue ?? url,
    transactional: command.queue === undefined || command.queue === url,
    settings: queueSettings(process.env),
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
  say(`worker ${name}: ${signal}: claiming nothing new, finishing running partitions (${STOP_GRACE_MS / 1000} s at most)`);
  await queue.stop({ graceful: true, timeoutMs: STOP_GRACE_MS });
  say(`worker ${name}: stopped`);
  return 0;
}
