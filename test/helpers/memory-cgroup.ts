// A memory-limited cgroup to run a child process in, as a container would (cgroup v1's memory
// controller or cgroup v2 with it enabled). Creating one needs root and a writable /sys/fs/cgroup: on
// a machine without them `memoryCgroup` returns null and the tests using it skip.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface MemoryCgroup {
  /** The command line that runs `file args` inside the cgroup (a shell that joins it, then execs). */
  wrap(file: string, args: readonly string[]): [string, string[]];
  remove(): void;
}

const V1 = "/sys/fs/cgroup/memory";
const V2 = "/sys/fs/cgroup";

function v2HasMemory(): boolean {
  try {
    return /\bmemory\b/.test(readFileSync(join(V2, "cgroup.subtree_control"), "utf8"));
  } catch {
    return false;
  }
}

let made = 0;

/** A new cgroup limited to `bytes`, or null when this machine does not let the tests make one. */
export function memoryCgroup(bytes: number): MemoryCgroup | null {
  const v1 = existsSync(join(V1, "memory.limit_in_bytes"));
  if (!v1 && !v2HasMemory()) return null;
  const dir = join(v1 ? V1 : V2, `gc-test-${process.pid}-${++made}`);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, v1 ? "memory.limit_in_bytes" : "memory.max"), String(bytes));
  } catch {
    try {
      rmdirSync(dir);
    } catch {}
    return null;
  }
  return {
    wrap: (file, args) => ["/bin/sh", ["-c", `echo $$ > ${join(dir, "cgroup.procs")} && exec "$@"`, "sh", file, ...args]],
    remove: () => rmdirSync(dir),
  };
}
