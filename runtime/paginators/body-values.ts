// Reading totals and has-more flags out of response bodies, with errors that say what was found.
import { PaginationError } from "../errors.ts";
import { describeBody, describeValue } from "../select/describe.ts";
import { type CompiledPath, compilePath } from "../select/jsonpath.ts";

/** A compiled JSONPath together with its source text (for messages). */
export interface BodyPath {
  readonly path: string;
  readonly find: CompiledPath;
}

/** `path` compiled, with its text; null stays null. */
export function bodyPath(path: string): BodyPath;
export function bodyPath(path: string | null): BodyPath | null;
export function bodyPath(path: string | null): BodyPath | null {
  return path === null ? null : { path, find: compilePath(path) };
}

const TRUE_WORDS = new Set(["yes", "true", "t", "y", "1"]);
const FALSE_WORDS = new Set(["no", "false", "f", "n", "0"]);
const INTEGER_TEXT = /^[+-]?\d+$/;

function first(at: BodyPath, body: unknown, who: string, option: string): unknown {
  const matches = at.find(body);
  if (matches.length === 0) {
    throw new PaginationError(`${who}: ${option} \`${at.path}\` not found in the response; ${describeBody(body)}`);
  }
  return matches[0];
}

/** The integer at `at` in `body` (numeric strings accepted); PaginationError when missing or not an integer. */
export function readTotal(at: BodyPath, body: unknown, who: string): number {
  const value = first(at, body, who, "total_path");
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && INTEGER_TEXT.test(value.trim())) {
    const parsed = Number(value.trim());
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  throw new PaginationError(`${who}: total_path \`${at.path}\` is not an integer (found ${describeValue(value)})`);
}

/** The boolean at `at` (bool or yes/true/t/y/1/no/false/f/n/0); PaginationError when missing or other. */
export function readHasMore(at: BodyPath, body: unknown, who: string): boolean {
  const value = first(at, body, who, "has_more_path");
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw new PaginationError(`${who}: has_more_path \`${at.path}\` is not a boolean or one of yes/true/t/y/1/no/false/f/n/0 (found ${describeValue(value)})`);
}
