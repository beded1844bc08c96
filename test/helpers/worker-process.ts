// What the distributed e2e tests share: queue settings short enough that a dead worker's job is retried
// in seconds, a `gen-connector worker` child process with the lines it wrote on stderr, and a poll
// until a condition holds (with a deadline that fails the test naming what it waited for).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "./cli.ts";

/** Short heartbeat, supervision, polling and retry delay: a dead worker's job is retried in seconds. */
export const FAST_QUEUE_ENV = {
  GC_QUEUE_HEARTBEAT_SECONDS: "10",
  GC_QUEUE_SUPERVISE_SECONDS: "1",
  GC_QUEUE_POLL_SECONDS: "0.5",
  GC_QUEUE_RETRY_DELAY_SECONDS: "0",
} as const;

/** A `gen-connector worker` process and the lines it wrote on stderr so far. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts `gen-connector worker <dir> --destination <url> <args…>` with `env` (and PATH, HOME) only. */
export function startWorkerProcess(dir: string, url: string, args: readonly string[], env: Readonly<Record<string, string>>): WorkerProcess {
  const child = spawn(process.execPath, [join(ROOT, "bin/gen-connector.js"), "worker", dir, "--destination", url, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => lines.push(line));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { child, lines, exited };
}

/** Polls `probe` every `everyMs` until it returns a value; throws naming `what` after `seconds`. */
export async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined> | T | undefined, everyMs = 200): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
