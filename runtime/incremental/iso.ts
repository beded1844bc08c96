// ISO-8601 dates and date-times as exact instants (nanoseconds since the epoch, UTC), and back.
// No `Date`: fractions keep all nine digits, and years below 100 are not remapped.

/** How an ISO string was written, so a shifted instant can be written the same way. */
export interface IsoShape {
  readonly kind: "date" | "datetime";
  /** "T", "t" or " " between date and time ("" for a date). */
  readonly separator: string;
  readonly seconds: boolean;
  readonly fractionDigits: number;
  /** The offset as written ("Z", "+05:30", "+0530", "+05"); "" when naive, which reads as UTC. */
  readonly offset: string;
  readonly offsetMinutes: number;
}

/** A parsed ISO value: its instant and its written shape. */
export interface IsoInstant {
  readonly ns: bigint;
  readonly shape: IsoShape;
}

/** Nanoseconds in one UTC day. */
export const NS_PER_DAY = 86_400_000_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses an ISO-8601 date (`2024-05-01`) or date-time (offset optional); null for anything else. */
export function parseIso(text: string): IsoInstant | null {
  const date = DATE.exec(text);
  if (date !== null) {
    const days = civilDays(Number(date[1]), Number(date[2]), Number(date[3]));
    if (days === null) return null;
    return { ns: BigInt(days) * NS_PER_DAY, shape: { kind: "date", separator: "", seconds: false, fractionDigits: 0, offset: "", offsetMinutes: 0 } };
  }
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const days = civilDays(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hour, minute, second] = [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
  const offsetMinutes = parseOffset(m[9] ?? "");
  if (days === null || hour > 23 || minute > 59 || second > 59 || offsetMinutes === null) return null;
  const fraction = (m[8] ?? "").slice(0, 9);
  const nanos = BigInt(fraction.padEnd(9, "0") || "0");
  const local = BigInt(days) * NS_PER_DAY + BigInt(hour * 3600 + minute * 60 + second) * NS_PER_SECOND + nanos;
  const shape: IsoShape = {
    kind: "datetime",
    separator: m[4] ?? "T",
    seconds: m[7] !== undefined,
    fractionDigits: fraction.length,
    offset: m[9] ?? "",
    offsetMinutes,
  };
  return { ns: local - BigInt(offsetMinutes) * 60n * NS_PER_SECOND, shape };
}

/** Writes instant `ns` in `shape` (same separator and offset; seconds and fraction widened when needed). */
export function formatIso(ns: bigint, shape: IsoShape): string {
  const local = ns + BigInt(shape.offsetMinutes) * 60n * NS_PER_SECOND;
  const days = floorDiv(local, NS_PER_DAY);
  const date = civilDate(Number(days));
  if (shape.kind === "date") return date;
  const inDay = local - days * NS_PER_DAY;
  const secondsInDay = Number(inDay / NS_PER_SECOND);
  const nanos = (inDay % NS_PER_SECOND).toString().padStart(9, "0");
  const needed = nanos.replace(/0+$/, "").length;
  const digits = Math.max(shape.fractionDigits, needed);
  const second = secondsInDay % 60;
  const withSeconds = shape.seconds || second !== 0 || digits > 0;
  const hhmm = `${pad(Math.floor(secondsInDay / 3600))}:${pad(Math.floor(secondsInDay / 60) % 60)}`;
  const ss = withSeconds ? `:${pad(second)}${digits > 0 ? `.${nanos.slice(0, digits)}` : ""}` : "";
  return `${date}${shape.separator}${hhmm}${ss}${shape.offset}`;
}

/** The UTC calendar date of instant `ns`, as `YYYY-MM-DD`. */
export function utcDate(ns: bigint): string {
  return civilDate(Number(floorDiv(ns, NS_PER_DAY)));
}

function parseOffset(text: string): number | null {
  if (text === "" || text === "Z" || text === "z") return 0;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) return null;
  return (text.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/** Days since 1970-01-01 of a proleptic Gregorian date; null when the date does not exist. */
function civilDays(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** `YYYY-MM-DD` of a day count since 1970-01-01. */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
