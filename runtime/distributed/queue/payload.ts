// Job payloads read back from the queue: checked once at the edge (a payload written by another
// gen-connector version, or by hand, fails with what was wrong), and the refusal of a job planned
// for different generated code.
import { z } from "zod";
import { UsageError } from "../../errors.ts";
import type { FinalizePayload, JsonValue, PartitionPayload } from "./queue.ts";

const json: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));

const run = { runId: z.string().min(1), dataset: z.string().min(1), connector: z.string().min(1), codeHash: z.string().min(1) };
const place = { resource: z.string().min(1), partition: z.string().min(1) };
const plannedSchema = z.strictObject({ ...run, ...place, bounds: json });
/** A child batch (child-batches.ts): its parent partition and place, and its parents' needed fields as JSON text. */
const batchSchema = z.strictObject({
  ...run,
  ...place,
  kind: z.literal("batch"),
  bounds: z.strictObject({
    root: z.string().min(1),
    parent: z.string().min(1),
    index: z.number().int().min(0),
    count: z.number().int().min(1),
    records: z.number().int().min(0),
  }),
  parents: z.array(z.string()),
});
const finalizeSchema = z.strictObject(run);

function parse<T>(schema: z.ZodType<T>, what: string, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new UsageError(`a ${what} job's payload is not one gen-connector writes (${issues})`);
}

/** A planned partition's payload, or a child batch's (it says `kind: "batch"`): each checked by its own schema, so errors name its fields. */
export const parsePartitionPayload = (data: unknown): PartitionPayload =>
  data !== null && typeof data === "object" && "kind" in data ? parse(batchSchema, "partition", data) : parse(plannedSchema, "partition", data);
export const parseFinalizePayload = (data: unknown): FinalizePayload => parse(finalizeSchema, "finalize", data);

/** Thrown when a job was planned from other generated code than this worker loaded: the job fails (and is retried by a matching worker, or dead-lettered). */
export class ConnectorMismatchError extends UsageError {}

/** Refuses a job whose connector or code hash differs from the worker's. */
export function checkConnector(
  job: { readonly runId: string; readonly connector: string; readonly codeHash: string },
  connector: string,
  codeHash: string,
): void {
  if (job.connector === connector && job.codeHash === codeHash) return;
  throw new ConnectorMismatchError(
    `run ${job.runId} was planned for connector ${JSON.stringify(job.connector)} with generated code ${job.codeHash.slice(0, 12)}, ` +
      `but this worker loaded ${JSON.stringify(connector)} with generated code ${codeHash.slice(0, 12)}: ` +
      "deploy the same generated connector to every worker (regenerate, then restart the workers)",
  );
}
