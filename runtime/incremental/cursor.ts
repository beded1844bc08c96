// Cursor values compared and shifted: numbers numerically (integers beyond 2^53 arrive as bigints and
// compare exactly), ISO dates and date-times by instant, other strings lexicographically.
import { GenConnectorError } from "../errors.ts";
import type { IncrementalSpec } from "../connector.ts";
import { formatIso, type IsoInstant, NS_PER_DAY, parseIso } from "./iso.ts";

/** A cursor value as found in records, in the config and in the state (raw, never converted); a bigint is an integer beyond 2^53. */
export type CursorValue = string | number | bigint;

/** An incremental cursor that cannot work: incomparable values, lag on a plain string, a failed conversion, a bad state. */
export class IncrementalError extends GenConnectorError {
  readonly exitCode = 1;
}

/** What a cursor value is, for comparison: ISO strings are instants, other strings are text. */
export type CursorKind = "number" | "date" | "datetime" | "string";

type Parsed =
  | { readonly kind: "number"; readonly n: number | bigint }
  | { readonly kind: "date" | "datetime"; readonly iso: IsoInstant }
  | { readonly kind: "string"; readonly s: string };

/** The kind of a cursor value; null when it is neither a string nor a finite number. */
export function cursorKind(value: unknown): CursorKind | null {
  return parse(value)?.kind ?? null;
}

/** Whether `value` can be a cursor value: a string, a finite number or a bigint. */
export function isCursorValue(value: unknown): value is CursorValue {
  return typeof value === "string" || typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value));
}

/** -1, 0 or 1 as `a` is before, at or after `b`; IncrementalError naming both values and `path` when they are incomparable. */
export function compareCursor(a: unknown, b: unknown, path: string): -1 | 0 | 1 {
  const pa = parse(a);
  const pb = parse(b);
  if (pa === null || pb === null || family(pa.kind) !== family(pb.kind)) {
    const why =
      pa === null || pb === null ? "a cursor value must be a string or a finite number" : `${article(pa.kind)} cannot be compared with ${article(pb.kind)}`;
    throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: cannot compare ${show(a)} with ${show(b)}: ${why}`);
  }
  if (pa.kind === "number" && pb.kind === "number") return compareNumbers(pa.n, pb.n);
  if (pa.kind === "string" && pb.kind === "string") return pa.s < pb.s ? -1 : pa.s > pb.s ? 1 : 0;
  if ("iso" in pa && "iso" in pb) return pa.iso.ns < pb.iso.ns ? -1 : pa.iso.ns > pb.iso.ns ? 1 : 0;
  return 0; // unreachable: families matched
}

/**
 * Moves `value` back by `lag` (forward for last_value_func min): seconds for date-times, whole days for
 * dates (a fraction rounds up, widening the window), units for numbers. The result keeps the value's format.
 */
export function applyLag(value: CursorValue, lag: number, lastValueFunc: IncrementalSpec["lastValueFunc"], path: string): CursorValue {
  const direction = lastValueFunc === "max" ? -1 : 1;
  const parsed = parse(value);
  if (parsed?.kind === "number") {
    if (typeof parsed.n === "number") return parsed.n + direction * lag;
    if (Number.isInteger(lag)) return parsed.n + BigInt(direction * lag);
    throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: lag ${lag} is not a whole number, and ${show(value)} is an integer beyond 2^53`);
  }
  if (parsed !== null && "iso" in parsed) {
    const { ns, shape } = parsed.iso;
    const delta = shape.kind === "date" ? BigInt(Math.ceil(lag)) * NS_PER_DAY : BigInt(Math.round(lag * 1e9));
    return formatIso(direction < 0 ? ns - delta : ns + delta, shape);
  }
  throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: lag needs a number, an ISO date or an ISO date-time, got ${show(value)}`);
}

/** A short, safe rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value} (an integer beyond 2^53)`;
  const text =
    typeof value === "string" ? JSON.stringify(value) : `${JSON.stringify(value) ?? String(value)} (${Array.isArray(value) ? "a list" : typeof value})`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Strings parsed lately (oldest first). Each record's cursor value is compared with the start, the end
 * and the last value kept, which repeat from record to record: without this every record parsed six
 * ISO strings (0.86 s of a 100k-record windowed backfill), with it one.
 */
const recent = new Map<string, Parsed>();
const RECENT = 8;

function parse(value: unknown): Parsed | null {
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", n: value } : null;
  if (typeof value === "bigint") return { kind: "number", n: value };
  if (typeof value !== "string") return null;
  const known = recent.get(value);
  if (known !== undefined) return known;
  const iso = parseIso(value);
  const parsed: Parsed = iso === null ? { kind: "string", s: value } : { kind: iso.shape.kind, iso };
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(value, parsed);
  return parsed;
}

/** Dates and date-times compare with each other (a date is its midnight UTC); nothing else mixes. */
function family(kind: CursorKind): string {
  return kind === "date" ? "datetime" : kind;
}

function article(kind: CursorKind): string {
  return { number: "a number", date: "an ISO date", datetime: "an ISO date-time", string: "a non-ISO string" }[kind];
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Numbers compared exactly when both are integers (a bigint with a number too), else as doubles. */
function compareNumbers(a: number | bigint, b: number | bigint): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") return sign(a - b);
  if ((typeof a === "bigint" || Number.isInteger(a)) && (typeof b === "bigint" || Number.isInteger(b))) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return sign(Number(a) - Number(b));
}
