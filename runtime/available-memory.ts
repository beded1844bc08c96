// The memory this process may use: the machine's, or its container's limit when lower. Node reads the
// cgroup (v1 or v2) through libuv: `process.constrainedMemory()` is 0 without a limit (or a huge
// number, cgroup v1's "unlimited"), so the lower of the two is the answer either way.
import { totalmem } from "node:os";

/** Bytes the process may use: the machine's memory, or the container's limit when lower. */
export function availableMemory(): number {
  const constrained = process.constrainedMemory();
  return constrained > 0 ? Math.min(totalmem(), constrained) : totalmem();
}
