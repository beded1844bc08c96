// The rate-limit headers servers send with every response: `RateLimit-Remaining`/`RateLimit-Reset`
// (IETF draft) and `X-RateLimit-Remaining`/`X-RateLimit-Reset` (GitHub, Twitter and many others).

/** What a response says about the budget: requests left, and when it resets (ms from now). */
export interface RateHeaders {
  readonly remaining: number | null;
  readonly resetMs: number | null;
  /** The header the reset came from and its value as sent, for messages. */
  readonly resetHeader: string | null;
}

/** Above this a reset value is an epoch time in seconds (GitHub), below it a delay in seconds (the IETF draft). */
const EPOCH_SECONDS_FROM = 1_000_000_000;

/** Reads the headers; `nowMs` turns an epoch reset into a delay. Unparsable values count as absent. */
export function readRateHeaders(headers: Headers, nowMs: number): RateHeaders {
  const remaining = number(headers.get("ratelimit-remaining") ?? headers.get("x-ratelimit-remaining"));
  const name = headers.has("ratelimit-reset") ? "RateLimit-Reset" : headers.has("x-ratelimit-reset") ? "X-RateLimit-Reset" : null;
  const raw = name === null ? null : headers.get(name);
  const reset = number(raw);
  if (reset === null || name === null) return { remaining, resetMs: null, resetHeader: null };
  const ms = reset >= EPOCH_SECONDS_FROM ? reset * 1000 - nowMs : reset * 1000;
  return { remaining, resetMs: Math.max(0, Math.ceil(ms)), resetHeader: `${name}: ${raw}` };
}

function number(text: string | null): number | null {
  if (text === null) return null;
  const value = text.trim();
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
}
