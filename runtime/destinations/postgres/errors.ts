// Error text for the Postgres destination: the server's message with its detail, never a password.
import { DestinationError } from "../../errors.ts";

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
