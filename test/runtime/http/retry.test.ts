import { test } from "uvu";
import * as assert from "uvu/assert";
import { backoffMs, isRetryableStatus, parseRetryAfter, retryDelayMs } from "../../../runtime/http/retry.ts";
import { SEED_RETRY } from "./make-client.ts";

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

test("backoff: factor × 2^(n−1) seconds, capped by maxDelay", () => {
  const cases: [attempt: number, ms: number][] = [
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [4, 16000],
    [8, 256000],
    [9, 300000],
    [30, 300000],
  ];
  for (const [attempt, ms] of cases) assert.is(backoffMs(attempt, SEED_RETRY), ms, `attempt ${attempt}`);
  assert.is(backoffMs(1, { ...SEED_RETRY, backoffFactor: 0.5 }), 500);
});

test("backoff jitter: the wait falls in the upper half of the exponential wait", () => {
  for (const random of [0, 0.25, 0.5, 0.999, 1]) {
    const ms = backoffMs(3, SEED_RETRY, random);
    assert.ok(ms >= 4000 && ms <= 8000, `random ${random}: ${ms}`);
  }
  assert.is(backoffMs(3, SEED_RETRY, 0), 4000);
  assert.is(backoffMs(3, SEED_RETRY, 0.5), 6000);
});

test("a spent rate-limit reset stands in for a missing Retry-After, under the same cap", () => {
  assert.equal(retryDelayMs(1, SEED_RETRY, null, NOW, 1, 30_000), { waitMs: 30_000 });
  assert.equal(retryDelayMs(1, SEED_RETRY, "5", NOW, 1, 30_000), { waitMs: 5_000 }, "Retry-After wins");
  assert.equal(retryDelayMs(1, SEED_RETRY, null, NOW, 1, 86_400_000), { tooLong: { requestedMs: 86_400_000, capMs: 300_000 } });
});

test("Retry-After parsing", () => {
  const cases: [header: string | null, ms: number | null][] = [
    ["3", 3000],
    [" 120 ", 120000],
    ["1.5", 1500],
    ["0", null],
    ["-5", null],
    ["soon", null],
    ["", null],
    [null, null],
    [new Date(NOW + 10_000).toUTCString(), 10000],
    [new Date(NOW - 10_000).toUTCString(), null],
  ];
  for (const [header, ms] of cases) assert.is(parseRetryAfter(header, NOW), ms, `header ${String(header)}`);
});

test("retryDelayMs: a positive Retry-After replaces the backoff", () => {
  assert.equal(retryDelayMs(1, SEED_RETRY, "3", NOW), { waitMs: 3000 });
  assert.equal(retryDelayMs(2, SEED_RETRY, new Date(NOW + 7000).toUTCString(), NOW), { waitMs: 7000 });
  assert.equal(retryDelayMs(2, SEED_RETRY, "300", NOW), { waitMs: 300000 });
});

test("retryDelayMs: zero, past or junk Retry-After falls back to backoff (never spins)", () => {
  for (const header of ["0", "-1", "garbage", new Date(NOW - 1000).toUTCString(), null]) {
    assert.equal(retryDelayMs(2, SEED_RETRY, header, NOW), { waitMs: 4000 }, String(header));
  }
});

test("retryDelayMs: Retry-After above maxDelay is tooLong with both values", () => {
  assert.equal(retryDelayMs(1, SEED_RETRY, "86400", NOW), { tooLong: { requestedMs: 86_400_000, capMs: 300_000 } });
});

test("isRetryableStatus follows the configured list", () => {
  for (const status of [429, 500, 502, 503, 504]) assert.ok(isRetryableStatus(status, SEED_RETRY), String(status));
  for (const status of [400, 401, 403, 404, 422, 501]) assert.not.ok(isRetryableStatus(status, SEED_RETRY), String(status));
});

test.run();
