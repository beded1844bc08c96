// The mock's budget, date window, fail-after-N fault and in-flight count.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MockRateLimiter } from "./rate-limiter.ts";
import { startMockApi } from "./server.ts";

test("rate limiter: fixed windows, 429 above the budget (counted), RateLimit-* headers on every answer", () => {
  let now = 0;
  const limiter = new MockRateLimiter({ requests: 2, perMs: 1000 }, () => now);
  const first = limiter.admit();
  assert.is(first.rejection, null);
  assert.equal(first.headers, { "ratelimit-limit": "2", "ratelimit-remaining": "1", "ratelimit-reset": "1" });
  assert.is(limiter.admit().headers["ratelimit-remaining"], "0");
  const third = limiter.admit();
  assert.is(third.rejection?.status, 429);
  assert.is(limiter.rejected, 1);
  now = 1000;
  assert.is(limiter.admit().rejection, null, "a new window");
});

test("server: 429s above the budget, created_since/created_until, failAfter, in-flight count", async () => {
  const api = await startMockApi({ records: 300, rateLimit: { requests: 2, perMs: 60_000 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${api.url}/v1/resource`)).status);
    assert.equal(statuses, [200, 200, 429]);
    assert.is(api.rejected(), 1);
    // Each answer is held for 2 s, so the three requests are in flight together unless they arrive 2 s apart
    // (a short delay let the first finish before the third arrived on a loaded machine).
    api.setOptions({ rateLimit: undefined, pageDelayMs: 2000 });
    const window = "created_since=2024-01-01T01:00:00Z&created_until=2024-01-01T02:00:00Z";
    const bodies = await Promise.all([1, 2, 3].map(() => fetch(`${api.url}/v1/resource?${window}&limit=100`).then((r) => r.json())));
    const ids = (bodies[0] as { data: { id: number }[] }).data.map((r) => r.id);
    assert.equal([ids[0], ids.at(-1), ids.length], [61, 120, 60]);
    assert.is(api.inFlight().max, 3);
    assert.is(api.inFlight().now, 0);
    api.setOptions({ failAfter: api.requests.length });
    assert.is((await fetch(`${api.url}/v1/resource`)).status, 503);
  } finally {
    await api.close();
  }
});

test.run();
