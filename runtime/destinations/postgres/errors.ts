// Error text for the Postgres destination: the server's message with its detail, never a password.
import { DestinationError } from "../../errors.ts";
import { quoteIdent } from "../sql.ts";

/** Postgres silently truncates longer identifiers, which could merge two names: we refuse them instead. */
export const MAX_IDENTIFIER_BYTES = 63;

/** The driver's message, with the server's DETAIL and WHERE (e.g. the COPY line) when present. */
export function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const extra = error as Error & { detail?: unknown; where?: unknown };
  const parts = [error.message];
  if (typeof extra.detail === "string" && extra.detail !== "") parts.push(extra.detail);
  if (typeof extra.where === "string" && extra.where !== "") parts.push(extra.where);
  return parts.join("; ");
}

/** `error` as a DestinationError prefixed with `context`; DestinationErrors pass through unchanged. */
export function wrap(error: unknown, context: string): DestinationError {
  if (error instanceof DestinationError) return error;
  return new DestinationError(`${context}: ${message(error)}`, { cause: error });
}

/** Quotes `name` after refusing one longer than Postgres keeps (`what` names it in the error). */
export function pgIdent(name: string, what: string): string {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new DestinationError(
      `postgres: ${what} name ${JSON.stringify(name.slice(0, 80))}${name.length > 80 ? "…" : ""} is ${bytes} bytes; ` +
        `Postgres truncates identifiers above ${MAX_IDENTIFIER_BYTES} bytes, so it is refused (normalize it first)`,
    );
  }
  return quoteIdent(name);
}
