// The record pipeline of one page: validate → include_from_parent → processing steps → primary key
// → incremental filter, with refused records quarantined when the resource's load can.
import type { ResourceSpec } from "../connector.ts";
import { DataSelectorError, HookError, RecordValidationError } from "../errors.ts";
import type { IncrementalTracker } from "../incremental/tracker.ts";
import type { RawPage } from "../stream/page-stream.ts";
import { checkPrimaryKey, validateRecord } from "../stream/validate.ts";
import type { RecordOrigin } from "./quarantine.ts";

/** Where refused records go: quarantined when `quarantines`, else a refusal fails the page. */
export interface Refusals {
  readonly quarantines: boolean;
  refuse(origin: RecordOrigin, reason: string): void;
}

/** What the pipeline needs of a resource: the resource, its compiled steps, its refusals (null: it only feeds children). */
export interface RecordStage {
  readonly resource: ResourceSpec;
  readonly steps: (record: Record<string, unknown>) => Record<string, unknown>[];
  readonly writer: Refusals | null;
}

/** Copies the parent fields named by include_from_parent into a child record as `_<parent>_<field>`. */
function includeFromParent(record: Record<string, unknown>, resource: ResourceSpec, parentRecord: Record<string, unknown> | undefined): void {
  if (resource.parent === null || parentRecord === undefined) return;
  for (const field of resource.parent.includeFromParent) {
    if (!(field in parentRecord)) {
      throw new DataSelectorError(
        `${resource.name}: include_from_parent field \`${field}\` is missing from the ${resource.parent.resource} record; its fields: ${Object.keys(parentRecord).slice(0, 20).join(", ")}`,
      );
    }
    record[`_${resource.parent.resource}_${field}`] = parentRecord[field];
  }
}

/** Quarantines a record refused by its schema or for its key when the resource's load can; otherwise rethrows. */
function refuse(writer: Refusals | null, origin: RecordOrigin, error: unknown): void {
  if (!(error instanceof RecordValidationError) || writer === null || !writer.quarantines) throw error;
  writer.refuse(origin, error.message);
}

/** Names the resource, page and record in a hook's error. */
function located<T>(at: { resource: string; page: number; index: number }, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof HookError) throw new HookError(`${at.resource}: record ${at.index} of page ${at.page}: ${error.message}`, { cause: error.cause });
    throw error;
  }
}

/**
 * One page's records as they will be loaded: validated, parent fields included, processing steps
 * applied, then the incremental filter (so a map can shape the cursor, as in dlt). `stop` is set when
 * row_order says the rest of the sequence is out of range.
 */
export function pageRecords(
  stage: RecordStage,
  page: RawPage,
  parentRecord: Record<string, unknown> | undefined,
  tracker: IncrementalTracker | undefined,
): { records: Record<string, unknown>[]; origins: RecordOrigin[]; stop: boolean } {
  const { resource, writer } = stage;
  const records: Record<string, unknown>[] = [];
  // Where each kept record came from, only when the normalizer's refusals can be quarantined.
  const origins: RecordOrigin[] = [];
  const trace = writer?.quarantines === true;
  for (const [index, raw] of page.records.entries()) {
    const at = { resource: resource.name, page: page.number, index };
    let validated: Record<string, unknown>;
    try {
      validated = validateRecord(resource.schema, raw, resource.primaryKey, at);
    } catch (error) {
      refuse(writer, { raw, page: page.number, index }, error);
      continue;
    }
    includeFromParent(validated, resource, parentRecord);
    for (const record of located(at, () => stage.steps(validated))) {
      try {
        checkPrimaryKey(record, resource.primaryKey, at);
      } catch (error) {
        refuse(writer, { raw, page: page.number, index }, error);
        continue;
      }
      const verdict = tracker?.filter(record) ?? "keep";
      if (verdict === "stop") return { records, origins, stop: true };
      if (verdict === "keep") {
        records.push(record);
        if (trace) origins.push({ raw, page: page.number, index });
      }
    }
  }
  return { records, origins, stop: false };
}
