// Record validation against the generated zod schema, with errors that locate the record.
import type { z } from "zod";
import { RecordValidationError } from "../errors.ts";
import { stringifyJson } from "../json/stringify.ts";

export interface RecordLocation {
  readonly resource: string;
  readonly page: number;
  /** 0-based index within the page. */
  readonly index: number;
}

function keyOf(record: unknown, primaryKey: readonly string[]): string {
  if (primaryKey.length === 0 || record === null || typeof record !== "object") return "(no primary key)";
  const values = primaryKey.map((k) => `${k}=${stringifyJson((record as Record<string, unknown>)[k]) ?? "missing"}`);
  return values.join(", ");
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "$" : `$.${path.map(String).join(".")}`;
}

/** Parses one record; a failure names the resource, page, index, key and every zod issue path. */
export function validateRecord<R>(schema: z.ZodType<R>, record: unknown, primaryKey: readonly string[], at: RecordLocation): R {
  const result = schema.safeParse(record);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${issuePath(i.path)}: ${i.message}`)
    .join("; ");
  throw new RecordValidationError(`${at.resource}: record ${at.index} of page ${at.page} (${keyOf(record, primaryKey)}) failed its schema: ${problems}`);
}

/** Checks that every primary key field is present and not null. */
export function checkPrimaryKey(record: Record<string, unknown>, primaryKey: readonly string[], at: RecordLocation): void {
  for (const field of primaryKey) {
    const value = record[field];
    if (value === undefined || value === null) {
      throw new RecordValidationError(
        `${at.resource}: record ${at.index} of page ${at.page} has ${value === null ? "a null" : "no"} primary key field "${field}"`,
      );
    }
  }
}
