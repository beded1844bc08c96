// One run of an incremental cursor: the range to request, the per-record filter, and the state to commit.
import { RecordValidationError } from "../errors.ts";
import type { IncrementalSpec } from "../connector.ts";
import { type CompiledPath, compilePath } from "../select/jsonpath.ts";
import { convertCursor } from "./convert.ts";
import { applyLag, compareCursor, type CursorValue, IncrementalError, isCursorValue, show } from "./cursor.ts";
import { recordKey } from "./record-key.ts";
import type { IncrementalState } from "./state.ts";

/** keep: load it; skip: drop it; stop: drop it and stop paging (row_order says nothing further is in range). */
export type FilterResult = "keep" | "skip" | "stop";

/** Values for `{incremental.x}` placeholders and start/end params, already converted; null: omit the param. */
export interface RequestValues {
  readonly start_value: CursorValue | null;
  readonly end_value: CursorValue | null;
  readonly initial_value: CursorValue | null;
  /** As dlt at the start of a run: the stored last value with lag applied (= start_value). */
  readonly last_value: CursorValue | null;
  /** The window's bounds, in a windowed run (endpoint.incremental.window). */
  readonly window_start?: CursorValue | null;
  readonly window_end?: CursorValue | null;
}

/** Filters one run's records by cursor range and tracks the new last value and its boundary keys. */
export class IncrementalTracker {
  /** Stored lastValue with lag applied (never crossing initialValue), else initialValue; null: no lower bound. */
  readonly startValue: CursorValue | null;
  /** The config's end_value; null: no upper bound. */
  readonly endValue: CursorValue | null;
  /** True when end_value is set: the stored state was ignored and nextState() is always null. */
  readonly stateless: boolean;
  readonly #spec: IncrementalSpec;
  readonly #primaryKey: readonly string[];
  readonly #stored: IncrementalState | null;
  readonly #cursor: CompiledPath;
  /** Keys skipped at the start boundary (already loaded by the run that stored them); empty when dedup is off. */
  readonly #seen: ReadonlySet<string>;
  /** +1: the API's order moves ahead (per last_value_func); -1: behind; 0: unknown. */
  readonly #heading: -1 | 0 | 1;
  #last: CursorValue | null;
  #lastKeys: Set<string>;

  /** `stored` is the state read back from the destination (null when none); `primaryKey` names record fields. */
  constructor(spec: IncrementalSpec, primaryKey: readonly string[], stored: IncrementalState | null) {
    this.#spec = spec;
    this.#primaryKey = primaryKey;
    this.#cursor = compilePath(spec.cursorPath);
    this.stateless = spec.endValue !== null;
    this.#stored = this.stateless ? null : stored;
    this.endValue = spec.endValue;
    const lagged = spec.lag !== null && spec.lag !== 0;
    const last = this.#stored?.lastValue ?? null;
    if (this.stateless) this.#checkBounds();
    this.startValue = last === null ? spec.initialValue : lagged ? this.#lagged(last, spec.lag ?? 0) : last;
    const dedup = last !== null && !lagged && spec.rangeStart === "closed";
    this.#seen = new Set(dedup ? (this.#stored?.boundaryKeys ?? []) : []);
    this.#last = last;
    this.#lastKeys = new Set(this.#stored?.boundaryKeys ?? []);
    const ahead = spec.lastValueFunc === "max" ? "asc" : "desc";
    this.#heading = spec.rowOrder === null ? 0 : spec.rowOrder === ahead ? 1 : -1;
  }

  /** The furthest cursor value kept so far this run (or the stored one). */
  get lastValue(): CursorValue | null {
    return this.#last;
  }

  /** The values requests need, converted per `spec.convert` (null never becomes "None": the caller omits it). */
  requestValues(): RequestValues {
    const c = (v: CursorValue | null) => convertCursor(v, this.#spec.convert, this.#spec.cursorPath);
    return { start_value: c(this.startValue), end_value: c(this.endValue), initial_value: c(this.#spec.initialValue), last_value: c(this.startValue) };
  }

  /** Decides one record by its cursor; throws RecordValidationError for a missing cursor under "raise" or an incomparable one. */
  filter(record: Readonly<Record<string, unknown>>): FilterResult {
    const spec = this.#spec;
    const found = this.#cursor(record);
    const value = found[0];
    if (value === undefined || value === null) {
      if (spec.onCursorValueMissing === "include") return "keep";
      if (spec.onCursorValueMissing === "exclude") return "skip";
      throw new RecordValidationError(
        `incremental cursor ${JSON.stringify(spec.cursorPath)} is ${found.length === 0 ? "missing" : "null"} in the record with key ${this.#keyOf(record)} ` +
          `(on_cursor_value_missing is "raise"; "include" loads such records, "exclude" drops them)`,
      );
    }
    if (!isCursorValue(value)) {
      throw new RecordValidationError(
        `incremental cursor ${JSON.stringify(spec.cursorPath)} is ${show(value)} in the record with key ${this.#keyOf(record)}: expected a string or a finite number`,
      );
    }
    const cursor = value;
    const fromStart = this.startValue === null ? 1 : this.#ahead(cursor, this.startValue, record);
    if (fromStart < 0 || (fromStart === 0 && spec.rangeStart === "open")) return this.#heading < 0 ? "stop" : "skip";
    const key = fromStart === 0 && this.#seen.size > 0 ? this.#keyOf(record) : null;
    if (key !== null && this.#seen.has(key)) return "skip";
    const toEnd = this.endValue === null ? -1 : this.#ahead(cursor, this.endValue, record);
    if (toEnd > 0 || (toEnd === 0 && spec.rangeEnd === "open")) return this.#heading > 0 ? "stop" : "skip";
    const fromLast = this.#last === null ? 1 : this.#ahead(cursor, this.#last, record);
    if (fromLast > 0) {
      this.#last = cursor;
      this.#lastKeys = new Set([key ?? this.#keyOf(record)]);
    } else if (fromLast === 0) {
      this.#lastKeys.add(key ?? this.#keyOf(record));
    }
    return "keep";
  }

  /**
   * The state to commit with this run's rows. null means "keep the stored state unchanged": either the run is
   * stateless (`stateless`: end_value set) or nothing new was kept (no further value, no new boundary key).
   */
  nextState(): IncrementalState | null {
    if (this.stateless || this.#last === null) return null;
    const stored = this.#stored;
    if (stored !== null && this.#last === stored.lastValue && this.#lastKeys.size === new Set(stored.boundaryKeys).size) return null;
    return { lastValue: this.#last, boundaryKeys: [...this.#lastKeys].sort(), initialValue: this.#spec.initialValue };
  }

  /** +1 when `a` is further than `b` per last_value_func, 0 when equal, -1 when behind. */
  #ahead(a: CursorValue, b: CursorValue, record: Readonly<Record<string, unknown>>): number {
    try {
      return compareCursor(a, b, this.#spec.cursorPath) * (this.#spec.lastValueFunc === "max" ? 1 : -1);
    } catch (error) {
      if (!(error instanceof IncrementalError)) throw error;
      throw new RecordValidationError(`${error.message} (record with key ${this.#keyOf(record)}, cursor value ${show(a)})`, { cause: error });
    }
  }

  #keyOf(record: Readonly<Record<string, unknown>>): string {
    return recordKey(record, this.#primaryKey);
  }

  /** The stored last value moved back by lag, but never behind initial_value (as dlt). */
  #lagged(last: CursorValue, lag: number): CursorValue {
    const spec = this.#spec;
    const value = applyLag(last, lag, spec.lastValueFunc, spec.cursorPath);
    if (spec.initialValue === null) return value;
    const behind = compareCursor(value, spec.initialValue, spec.cursorPath) * (spec.lastValueFunc === "max" ? 1 : -1) < 0;
    return behind ? spec.initialValue : value;
  }

  /** A stateless range needs an initial value that is not past the end value. */
  #checkBounds(): void {
    const { initialValue, endValue, cursorPath, lastValueFunc } = this.#spec;
    const where = `incremental cursor ${JSON.stringify(cursorPath)}`;
    if (initialValue === null) throw new IncrementalError(`${where}: end_value ${show(endValue)} is set without an initial_value`);
    if (endValue === null) return;
    if (compareCursor(initialValue, endValue, cursorPath) * (lastValueFunc === "max" ? 1 : -1) > 0) {
      throw new IncrementalError(`${where}: initial_value ${show(initialValue)} is past end_value ${show(endValue)} for last_value_func ${lastValueFunc}`);
    }
  }
}
