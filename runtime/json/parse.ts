// Response bodies as JSON: JSON.parse, and an exact parse only for a body holding a number no double
// holds exactly. There, an integer beyond 2^53 becomes a bigint and any other such number an
// ExactDecimal; every other number stays a JS number, as JSON.parse gives it.
import { parse as parseLossless } from "lossless-json";
import { decimalKey } from "./decimal-text.ts";
import { ExactDecimal } from "./exact-decimal.ts";

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** Doubles hold every decimal of up to 15 significant digits exactly: only longer digit runs need a look. */
const EXACT_DIGITS = 15;
/**
 * A number ending in a 3-digit exponent (the only way one of 15 digits or fewer leaves the range doubles
 * hold), followed by what may follow a JSON number: hex ids such as `1e909b` or `550e8400-` do not match.
 */
const BIG_EXPONENT = /\d[eE][+-]?\d{3,}(?=[\s,\]}]|$)/g;
const INTEGER = /^-?\d+$/;
/** An exponent where a digit run ends (sticky: matched at lastIndex only). */
const EXPONENT_AT = /[eE][+-]?\d+/y;

/** JSON.parse with exact numbers (see above) and a problem description that quotes no body text (V8's messages do). */
export function parseJson(text: string, byteLength: number): ParsedJson {
  if (text.trim() === "") return { ok: false, problem: "empty body" };
  const exact = needsExactParse(text);
  if (exact) {
    try {
      return { ok: true, value: parseLossless(text, null, { parseNumber: exactNumber, onDuplicateKey: ({ newValue }) => newValue }) };
    } catch {
      // Report what JSON.parse says below, so errors read the same on both paths.
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: syntaxProblem(error, text, byteLength) };
  }
  // Valid JSON that the exact parser could not read: only a nesting deeper than its recursion allows.
  return exact ? { ok: false, problem: "JSON nested too deeply to parse its long numbers exactly" } : { ok: true, value };
}

/**
 * Whether a number in `text` may not fit a double (digits inside a string that look like such a number
 * count too: they only cost the slower parse). On a 100-record page of short numbers it takes about a
 * tenth of JSON.parse's time.
 */
export function needsExactParse(text: string): boolean {
  return hasInexactDigitRun(text) || hasInexactExponent(text);
}

/**
 * Whether a run of 16+ digits (points allowed among them) is a number no double holds. Reads one
 * character in 16 (any such run covers one) and looks around only the digits it lands on. A run not
 * right after a JSON delimiter (a string of digits, an id inside a word) cannot be a number.
 */
function hasInexactDigitRun(text: string): boolean {
  const step = EXACT_DIGITS + 1;
  for (let i = EXACT_DIGITS; i < text.length; i += step) {
    if (!isDigitOrPoint(text.charCodeAt(i))) continue;
    // A run of 16 through i reaches 8 before or 8 after it: most digits (dates, short ids) stop here.
    if (!isDigitOrPoint(text.charCodeAt(i - 8)) && !isDigitOrPoint(text.charCodeAt(i + 8))) continue;
    let start = i;
    while (start > 0 && isDigitOrPoint(text.charCodeAt(start - 1))) start--;
    if (!startsNumber(text, start)) continue;
    let end = i + 1;
    while (end < text.length && isDigitOrPoint(text.charCodeAt(end))) end++;
    if (end - start > EXACT_DIGITS && !fitsDouble(numberAt(text, start, end))) return true;
    i = end - 1; // the next look lands 16 past this run: a later run of 16 still covers one
  }
  return false;
}

/** Whether a number with a 3-digit exponent, right after a JSON delimiter, is out of the double range. */
function hasInexactExponent(text: string): boolean {
  for (const match of text.matchAll(BIG_EXPONENT)) {
    let start = match.index;
    while (start > 0 && isDigitOrPoint(text.charCodeAt(start - 1))) start--;
    if (startsNumber(text, start) && !fitsDouble(numberAt(text, start, match.index + 1))) return true;
  }
  return false;
}

function isDigitOrPoint(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46;
}

/** Whether the digits at `start` (after an optional minus) follow the start of the text, whitespace, `:`, `,` or `[`, as a JSON number does. */
function startsNumber(text: string, start: number): boolean {
  const from = text.charCodeAt(start - 1) === 45 ? start - 1 : start;
  if (from === 0) return true;
  const before = text.charCodeAt(from - 1);
  return before === 58 || before === 44 || before === 91 || before === 32 || before === 10 || before === 13 || before === 9;
}

/** The number token around the digit run [start, end): a minus before it and an exponent after it included. */
function numberAt(text: string, start: number, end: number): string {
  const from = start > 0 && text.charCodeAt(start - 1) === 45 ? start - 1 : start;
  EXPONENT_AT.lastIndex = end;
  return text.slice(from, end) + (EXPONENT_AT.exec(text)?.[0] ?? "");
}

/** Whether JSON.parse gives the number `token` exactly: a safe integer, or a finite double of the same decimal value. */
function fitsDouble(token: string): boolean {
  const n = Number(token);
  if (Number.isNaN(n)) return true; // not a number (a version string, say): nothing JSON.parse could round
  if (INTEGER.test(token)) return Number.isSafeInteger(n);
  if (!Number.isFinite(n)) return false;
  const shortest = String(n);
  return shortest === token || decimalKey(shortest) === decimalKey(token);
}

/** A number token as a number when a double holds it exactly, else a bigint (integers) or an ExactDecimal. */
function exactNumber(token: string): number | bigint | ExactDecimal {
  if ((token.length <= EXACT_DIGITS && !/[eE]/.test(token)) || fitsDouble(token)) return Number(token);
  return INTEGER.test(token) ? BigInt(token) : new ExactDecimal(token);
}

function syntaxProblem(error: unknown, text: string, byteLength: number): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message)?.[1];
  const atEnd = position !== undefined && Number(position) >= text.trimEnd().length;
  if (atEnd || /end of JSON input|Unterminated/i.test(message)) return `invalid JSON: unexpected end at byte ${byteLength}`;
  return `invalid JSON: syntax error${position === undefined ? "" : ` at character ${position}`}`;
}
