// Retry timing as pure functions: exponential backoff, Retry-After, and the wait cap.
import type { RetrySpec } from "../connector.ts";

/** How long to wait before a retry, or why not to wait at all. */
export type RetryDelay = { readonly waitMs: number } | { readonly tooLong: { readonly requestedMs: number; readonly capMs: number } };

/** True when `status` is one of the configured retryable statuses. */
export function isRetryableStatus(status: number, spec: RetrySpec): boolean {
  return spec.statusCodes.includes(status);
}

/**
 * The exponential wait before retry `attempt` (1-based): factor × 2^(n−1) s, capped by maxDelay, then
 * jittered into its upper half by `random` in [0, 1] (1: the full wait), so clients that failed
 * together do not retry together.
 */
export function backoffMs(attempt: number, spec: RetrySpec, random = 1): number {
  const seconds = spec.backoffFactor * 2 ** Math.max(0, attempt - 1);
  const full = Math.max(0, Math.min(seconds, spec.maxDelay)) * 1000;
  return Math.round(full * (0.5 + 0.5 * Math.min(1, Math.max(0, random))));
}

/**
 * A Retry-After header (delay seconds, or an HTTP-date relative to `nowMs`) in milliseconds;
 * null when absent, unparsable, zero or in the past (the caller then backs off exponentially).
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else if (/[a-z]/i.test(value)) ms = Date.parse(value) - nowMs;
  else return null;
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms) : null;
}

/**
 * The wait before retry `attempt` (1-based). A positive Retry-After (or, without one, the reset of a
 * spent rate-limit header, `resetMs`) replaces the backoff; one above maxDelay yields `tooLong` (fail
 * fast); a zero or bad one falls back to jittered backoff (never spin).
 */
export function retryDelayMs(
  attempt: number,
  spec: RetrySpec,
  retryAfterHeader: string | null,
  nowMs: number,
  random = 1,
  resetMs: number | null = null,
): RetryDelay {
  const requestedMs = parseRetryAfter(retryAfterHeader, nowMs) ?? (resetMs !== null && resetMs > 0 ? resetMs : null);
  if (requestedMs === null) return { waitMs: backoffMs(attempt, spec, random) };
  const capMs = spec.maxDelay * 1000;
  if (requestedMs > capMs) return { tooLong: { requestedMs, capMs } };
  return { waitMs: requestedMs };
}
