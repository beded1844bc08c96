// Child resources split off their parent's partition into batch partitions. The parent's partition
// runs its root without the split children and notes, per accepted root record, the fields those
// children need (parent-fields.ts); at its commit the notes are cut into batches of `size` parent
// records, one batch partition each, recorded (batch-registry.ts) and enqueued in the same transaction.
// A child is split when it is a child of a loaded root and its subtree commits safely in pieces: no
// replace (each batch would replace the table), no scd2 (each batch would retire the others' rows),
// and a parent key to keep its per-parent cursors by when it is incremental.
import { DistributedError } from "./errors.ts";
import type { UnitNode } from "../sync/sequences.ts";
import type { UnitSink } from "../sync/unit-sink.ts";
import { type PlannedResource, walk } from "../sync/plan.ts";
import { parentFields, projectParent } from "./parent-fields.ts";
import { type BatchPartition, batchKey, describePartition, type Partition } from "./partition.ts";

/**
 * Parent records per child batch by default. A child sequence is at least one request (tens to hundreds
 * of ms), so a batch is 200+ requests — seconds to minutes of work — against a few ms of queue dispatch
 * and commit; its payload stays a few KB; a failed batch redoes at most 200 sequences; 10,000 parents
 * spread over 50 batches.
 */
export const DEFAULT_BATCH_PARENTS = 200;

/** `GC_BATCH_PARENTS` over the default (the shell passes process.env); 0 keeps children in their parent's partition. */
export function batchParents(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.GC_BATCH_PARENTS;
  if (raw === undefined || raw === "") return DEFAULT_BATCH_PARENTS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new DistributedError(`GC_BATCH_PARENTS expects a whole number ≥ 0 (0: no child batches), got ${JSON.stringify(raw)}`);
  return value;
}

/** Why `child` of `root` cannot be split into batches; null when it can. */
export function unsplittable(root: PlannedResource, child: PlannedResource): string | null {
  if (!root.load) return `${root.resource.name} only feeds its children (its records are not loaded)`;
  for (const node of walk([child])) {
    if (!node.load) continue;
    const { table, name } = node.resource;
    if (table.writeDisposition === "replace") return `${name} replaces its table`;
    if (table.merge?.strategy === "scd2") return `${name} keeps scd2 versions`;
  }
  if (child.resource.endpoint.incremental !== null && root.resource.primaryKey.length === 0)
    return `${child.resource.name} keeps a cursor per ${root.resource.name} record, which has no primary key`;
  return null;
}

/** What the parent partition runs and what it noted: hand `split` to applyPartition, read `batches()` at commit. */
export interface ChildBatcher {
  /** The tree without the split children, and the root's node with a sink that notes their parent records. */
  split(planned: PlannedResource, redact: (text: string) => string): { planned: PlannedResource; collect: (node: UnitNode) => UnitNode };
  /** The batch partitions of everything noted (call once the fetch is done). */
  batches(): BatchPartition[];
}

/** A batcher for `partition` cutting `size` parent records per batch (0: no batches). */
export function childBatcher(partition: Partition, size: number): ChildBatcher {
  const noted = new Map<string, string[]>();
  return {
    split(planned, redact) {
      if (size <= 0) return { planned, collect: (node) => node };
      const split = planned.children.filter((c) => unsplittable(planned, c) === null);
      if (split.length === 0) return { planned, collect: (node) => node };
      const fields = split.map((c) => ({ name: c.resource.name, fields: parentFields(planned, c) }));
      for (const { name } of fields) noted.set(name, []);
      const note = (records: readonly Record<string, unknown>[]): void => {
        for (const record of records) {
          for (const { name, fields: kept } of fields) {
            const text = projectParent(record, kept);
            if (redact(text) !== text) {
              throw new DistributedError(
                `${describePartition(partition)}: a ${planned.resource.name} record holds a configured secret in a field ${name} needs (${kept.join(", ")}); ` +
                  "it would be stored in the queue: set GC_BATCH_PARENTS=0 to keep children in their parent's partition",
              );
            }
            noted.get(name)?.push(text);
          }
        }
      };
      const kept: PlannedResource = { ...planned, children: planned.children.filter((c) => !split.includes(c)) };
      return { planned: kept, collect: (node) => (node.sink === null ? node : { ...node, sink: noting(node.sink, note) }) };
    },
    batches() {
      const out: BatchPartition[] = [];
      for (const [resource, parents] of noted) {
        const count = Math.ceil(parents.length / size);
        for (let index = 0; index < count; index++) {
          const slice = parents.slice(index * size, (index + 1) * size);
          out.push({
            runId: partition.runId,
            resource,
            key: batchKey(partition.key, index),
            kind: "batch",
            bounds: { root: partition.resource, parent: partition.key, index, count, records: slice.length },
            parents: slice,
          });
        }
      }
      return out;
    },
  };
}

/** `sink`, noting the records it accepts (those that would feed the children). */
function noting(sink: UnitSink, note: (records: readonly Record<string, unknown>[]) => void): UnitSink {
  return {
    run: sink.run,
    get started() {
      return sink.started;
    },
    quarantines: sink.quarantines,
    refuse: (origin, reason) => sink.refuse(origin, reason),
    async write(records, origins) {
      const accepted = await sink.write(records, origins);
      note(accepted);
      return accepted;
    },
    get rows() {
      return sink.rows;
    },
    writer: () => sink.writer(),
    abort: () => sink.abort(),
  };
}
