// Safe copies of foreign errors: fetch errors quote the request URL, with any key in it.
import type { Redactor } from "./redactor.ts";

const MAX_DEPTH = 5;

/**
 * A new Error with `error`'s name, message and string `code`, redacted, and its `cause` chain
 * copied the same way. The original (and its stack) is dropped, so nothing raw survives.
 */
export function redactError(error: unknown, redactor: Redactor, depth = 0): Error {
  const source = error instanceof Error ? error : undefined;
  const message = redactor.redact(source === undefined ? String(error) : source.message);
  const inner = source?.cause !== undefined && depth < MAX_DEPTH ? redactError(source.cause, redactor, depth + 1) : undefined;
  const copy = inner === undefined ? new Error(message) : new Error(message, { cause: inner });
  if (source !== undefined) copy.name = redactor.redact(source.name);
  const code = (source as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") Object.assign(copy, { code: redactor.redact(code) });
  return copy;
}
