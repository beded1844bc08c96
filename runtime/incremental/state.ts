// The incremental state of one resource: what the destination stores next to the rows it committed.
import { type CursorValue, IncrementalError, isCursorValue } from "./cursor.ts";

/** What one resource's incremental cursor remembers between runs. */
export interface IncrementalState {
  /** The furthest cursor value (per last_value_func) of the records committed so far. */
  readonly lastValue: CursorValue | null;
  /** Stable keys (JSON of the primary key values, or a hash of the whole record without a key) of the records that carry lastValue. */
  readonly boundaryKeys: readonly string[];
  /** The config's initial_value when the state was written. */
  readonly initialValue: CursorValue | null;
}

/** The destination state key of a resource's cursor (dlt's `resources.<name>.incremental.<cursor_path>`). */
export function incrementalStateKey(resource: string, cursorPath: string): string {
  return `resources.${resource}.incremental.${cursorPath}`;
}

/** Validates a state read back from the destination: null when absent (undefined), IncrementalError when malformed. */
export function parseIncrementalState(value: unknown, key: string): IncrementalState | null {
  if (value === undefined || value === null) return null;
  const bad = (why: string): never => {
    throw new IncrementalError(`stored incremental state ${JSON.stringify(key)} is malformed: ${why}`);
  };
  if (typeof value !== "object" || Array.isArray(value)) return bad("expected an object");
  const { lastValue, boundaryKeys, initialValue } = value as Record<string, unknown>;
  if (!isCursorOrNull(lastValue)) return bad("lastValue must be a string, a number or null");
  if (!isCursorOrNull(initialValue)) return bad("initialValue must be a string, a number or null");
  // Checked above: CursorValue or null.
  if (!Array.isArray(boundaryKeys) || !boundaryKeys.every((k) => typeof k === "string")) return bad("boundaryKeys must be a list of strings");
  return { lastValue, boundaryKeys: boundaryKeys as string[], initialValue };
}

function isCursorOrNull(value: unknown): value is CursorValue | null {
  return value === null || isCursorValue(value);
}
