// The id of one sync run, shared by its resources in `_gc_loads`, `_gc_state` and `_quarantine`.
import { randomBytes } from "node:crypto";

/** A new load id: the UTC start time in ISO 8601 (so ids sort by start), then 8 random hex digits. */
export function newLoadId(now: Date = new Date()): string {
  return `${now.toISOString()}-${randomBytes(4).toString("hex")}`;
}
