// Incremental windows: the range from the stored cursor (or initial_value) to end_value (or now)
// cut into fixed steps, each fetched and committed on its own (endpoint.incremental.window).
import type { IncrementalSpec, WindowSpec } from "../connector.ts";
import { compareCursor, type CursorValue, IncrementalError, show } from "./cursor.ts";
import { formatIso, NS_PER_DAY, parseIso } from "./iso.ts";

/** A backfill cut finer than this is refused: a smaller step or a shorter range is wanted. */
export const MAX_WINDOWS = 100_000;

export interface CursorWindow {
  /** 0-based position among this run's windows. */
  readonly index: number;
  readonly start: CursorValue;
  readonly end: CursorValue;
}

/** The cursor where the windows start: the stored last value moved back by lookback (never before initial_value), else initial_value. */
export function windowsStart(spec: IncrementalSpec, window: WindowSpec, stored: CursorValue | null): CursorValue {
  const initial = spec.initialValue;
  if (stored === null) {
    if (initial === null) throw new IncrementalError(`incremental cursor ${JSON.stringify(spec.cursorPath)}: a window needs an initial_value to start from`);
    return initial;
  }
  const back = shift(stored, -window.lookback, spec.cursorPath);
  return initial !== null && compareCursor(back, initial, spec.cursorPath) < 0 ? initial : back;
}

/** The end of the range: end_value, else `nowMs` written like `start` (a date-time; a number cursor needs end_value). */
export function windowsEnd(spec: IncrementalSpec, start: CursorValue, nowMs: number): CursorValue {
  if (spec.endValue !== null) return spec.endValue;
  const iso = typeof start === "string" ? parseIso(start) : null;
  if (iso === null)
    throw new IncrementalError(`incremental cursor ${JSON.stringify(spec.cursorPath)}: a window over numbers needs an end_value ("now" is a time)`);
  return formatIso(BigInt(nowMs) * 1_000_000n, iso.shape);
}

/** [start, end) cut into steps of `window.step` (seconds for dates, units for numbers); the last window ends at `end`. */
export function splitWindows(start: CursorValue, end: CursorValue, window: WindowSpec, path: string): CursorWindow[] {
  const windows: CursorWindow[] = [];
  for (let from = start; compareCursor(from, end, path) < 0; ) {
    const step = shift(from, window.step, path);
    const to = compareCursor(step, end, path) < 0 ? step : end;
    windows.push({ index: windows.length, start: from, end: to });
    if (windows.length > MAX_WINDOWS) {
      throw new IncrementalError(
        `incremental cursor ${JSON.stringify(path)}: window step ${window.step} cuts ${show(start)} … ${show(end)} into more than ${MAX_WINDOWS} windows; use a larger step`,
      );
    }
    from = to;
  }
  return windows;
}

/** `value` moved by `amount` (seconds for ISO values, units for numbers), written the same way. */
function shift(value: CursorValue, amount: number, path: string): CursorValue {
  if (typeof value === "number") return value + amount;
  if (typeof value === "bigint") return value + BigInt(Math.round(amount));
  const iso = parseIso(value);
  if (iso === null)
    throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: a window needs a number or an ISO date/date-time cursor, got ${show(value)}`);
  const delta = BigInt(Math.round(amount * 1e9));
  if (iso.shape.kind === "date" && delta % NS_PER_DAY !== 0n) {
    throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: ${show(value)} is a date; window steps and lookback must be whole days`);
  }
  return formatIso(iso.ns + delta, iso.shape);
}
