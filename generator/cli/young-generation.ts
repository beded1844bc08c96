// A sync in a small container gets V8's young generation of a large machine. V8 sizes its young
// generation from the heap limit, which Node derives from the memory it may use (the container's
// limit, else the machine's): below 1 GiB each semi-space is 1 MiB (16 MiB from 4 GiB up). A sync
// allocates its whole volume many times over (responses, parsed records, encoded rows) while a few
// pages stay alive across collections, so with 1 MiB it scavenges every few milliseconds and promotes
// what is in flight: a 1,000,000-record sync into DuckDB in a 256 MiB cgroup ran 9,941 scavenges and
// 176 full collections against 543 and 12 unconstrained, 60–66 CPU seconds against 37–38 (README,
// "Memory and small containers").
//
// The size is fixed when V8 starts (setting the flag later changes nothing), so `sync` and `worker`
// with less than 4 GiB to use replace their own process (`process.execve`: same pid, so a container's
// PID 1 and its signals stay as they are) with the same command and `--max-semi-space-size=16`. A
// `--max-semi-space-size` of the user's, in NODE_OPTIONS or on node's command line, is kept as it
// is; so is a Node without `process.execve` (before 22.15).

import { availableMemory } from "../../runtime/available-memory.ts";
import { nodeFlagGiven } from "./node-flags.ts";

/** The semi-space (MiB) a syncing process runs with: V8's own on a machine of 4 GiB or more. */
export const SYNC_SEMI_SPACE_MB = 16;

/** With less memory than this V8 picks a smaller young generation than SYNC_SEMI_SPACE_MB. */
const SMALL_CONTAINER_BYTES = 4 * 1024 ** 3;

/** What the restart decision reads of the process. */
export interface ProcessView {
  /** The bytes the process may use: the machine's memory, or the container's limit when lower. */
  readonly memory: number;
  readonly execPath: string;
  readonly execArgv: readonly string[];
  /** `process.argv`: node's path, the script, then the command's arguments. */
  readonly argv: readonly string[];
  readonly nodeOptions: string | undefined;
}

/** The command line to replace the process with, or null when V8's young generation is already the sync's. */
export function youngGenerationRestart(view: ProcessView): { readonly file: string; readonly args: string[] } | null {
  if (!(view.memory > 0 && view.memory < SMALL_CONTAINER_BYTES)) return null;
  if (nodeFlagGiven("max-semi-space-size", view.execArgv, view.nodeOptions)) return null;
  return {
    file: view.execPath,
    args: [view.execPath, `--max-semi-space-size=${SYNC_SEMI_SPACE_MB}`, ...view.execArgv, ...view.argv.slice(1)],
  };
}

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/** Replaces this process with the same command and the sync's young generation when in a small container; returns otherwise. */
export function useSyncYoungGeneration(): void {
  const execve = (process as { execve?: Execve }).execve;
  if (typeof execve !== "function") return;
  const restart = youngGenerationRestart({
    memory: availableMemory(),
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv,
    nodeOptions: process.env["NODE_OPTIONS"],
  });
  if (restart === null) return;
  try {
    execve.call(process, restart.file, restart.args, process.env);
  } catch {
    // Not replaced (the executable not runnable again, a sandbox refusing execve): run as is.
  }
}
