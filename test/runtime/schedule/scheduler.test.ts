// The request scheduler on a fake clock: requests in flight, budget spacing, server resets, AIMD.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Permit, WaitEvent } from "../../../runtime/http/gate.ts";
import { RateLimitWaitError } from "../../../runtime/errors.ts";
import { Scheduler } from "../../../runtime/schedule/scheduler.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";

const ok = { status: 200, headers: new Headers() };
const tooMany = { status: 429, headers: new Headers() };
const CAP = 300_000;

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test("no more requests in flight than the concurrency; a release admits the next in order", async () => {
  const scheduler = new Scheduler({ concurrency: 2, clock: fakeClock() });
  const admitted: number[] = [];
  const permits: Permit[] = [];
  for (let i = 0; i < 5; i++) {
    void scheduler.acquire("r", CAP).then((p) => {
      admitted.push(i);
      permits.push(p);
    });
  }
  await settle();
  assert.equal(admitted, [0, 1]);
  permits[0]?.release(ok);
  await settle();
  assert.equal(admitted, [0, 1, 2]);
  for (const p of [...permits]) p.release(ok);
  await settle();
  for (const p of [...permits]) p.release(ok);
  await settle();
  assert.equal(admitted, [0, 1, 2, 3, 4]);
  assert.is(scheduler.maxInFlight, 2);
});

test("a budget spaces request starts evenly: 3 per 6 s → 2 s apart (+2% for network jitter), whatever the concurrency", async () => {
  const clock = fakeClock();
  const waits: WaitEvent[] = [];
  const scheduler = new Scheduler({ concurrency: 8, rateLimit: { requests: 3, perSeconds: 6 }, clock, onWait: (e) => waits.push(e) });
  const t0 = clock.now();
  const starts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const permit = await scheduler.acquire("tickets", CAP);
    starts.push(clock.now() - t0);
    permit.release(ok);
  }
  assert.equal(starts, [0, 2040, 4080, 6120]);
  assert.equal(
    waits.map((w) => [w.resource, w.waitMs, w.reason]),
    [1, 2, 3].map(() => ["tickets", 2040, "rate_limit 3 requests per 6 s"]),
  );
});

test("concurrent requests take the budget's turns one after another, spaced from when each started", async () => {
  const clock = fakeClock();
  const scheduler = new Scheduler({ concurrency: 8, rateLimit: { requests: 10, perSeconds: 1 }, clock });
  await Promise.all(Array.from({ length: 5 }, () => scheduler.acquire("r", CAP).then((p) => p.release(ok))));
  // One wait per turn after the first (a wait for a turn already reserved would show a growing list: 102, 204, …).
  assert.equal(clock.sleeps, [102, 102, 102, 102]);
});

test("a timer that fires a little late does not slow the budget: starts keep their planned slots; a longer delay re-plans from the real start", async () => {
  const clock = fakeClock();
  const late = (ms: number) => {
    const sleep = clock.sleep;
    clock.sleep = async (wait, signal) => sleep(wait + ms, signal);
  };
  late(3); // every sleep returns 3 ms late, as busy event loops make them
  const scheduler = new Scheduler({ concurrency: 8, rateLimit: { requests: 50, perSeconds: 1 }, clock });
  const t0 = clock.now();
  const starts: number[] = [];
  for (let i = 0; i < 11; i++) {
    const permit = await scheduler.acquire("r", CAP);
    starts.push(clock.now() - t0);
    permit.release(ok);
  }
  // Slots 20.4 ms apart; each start 3 ms after its slot, never drifting (re-planning from each start would end at 234).
  assert.is(Math.round(starts.at(-1) ?? 0), 207);
  // A gap longer than the tolerance (18 ms for 50/s): the next slot is planned from the late start.
  await clock.sleep(1_000);
  const before = clock.now() - t0;
  await scheduler.acquire("r", CAP).then((p) => p.release(ok));
  await scheduler.acquire("r", CAP).then((p) => p.release(ok));
  assert.is(Math.round(clock.now() - t0 - before), 23);
});

test("an endpoint's own budget replaces the client's for its resource only", async () => {
  const clock = fakeClock();
  const scheduler = new Scheduler({ concurrency: 4, rateLimit: { requests: 1, perSeconds: 10 }, clock });
  scheduler.limitResource("slow", { requests: 1, perSeconds: 60 });
  const t0 = clock.now();
  for (const resource of ["fast", "slow", "slow", "fast"]) (await scheduler.acquire(resource, CAP)).release(ok);
  // slow: 0 then +61.2 s; fast: its second start is long past its 10.2 s spacing by then.
  assert.is(clock.now() - t0, 61_200);
});

test("RateLimit-Remaining 0 with a reset: the next request waits for the reset, and the wait is reported", async () => {
  for (const [remaining, reset] of [
    ["RateLimit-Remaining", "RateLimit-Reset"],
    ["X-RateLimit-Remaining", "X-RateLimit-Reset"],
  ] as const) {
    const clock = fakeClock();
    const waits: WaitEvent[] = [];
    const scheduler = new Scheduler({ concurrency: 4, clock, onWait: (e) => waits.push(e) });
    const resetValue = reset.startsWith("X") ? String(Math.floor(clock.now() / 1000) + 30) : "30";
    (await scheduler.acquire("r", CAP)).release({ status: 200, headers: new Headers({ [remaining]: "0", [reset]: resetValue }) });
    const before = clock.now();
    (await scheduler.acquire("r", CAP)).release(ok);
    assert.is(clock.now() - before, 30_000, reset);
    assert.equal(waits.length, 1);
    assert.match(waits[0]?.reason ?? "", `${reset}: ${resetValue}`);
  }
});

test("under a configured budget the server's whole-second reset is not waited on until a 429 shows the budget wrong", async () => {
  const clock = fakeClock();
  const waits: WaitEvent[] = [];
  const scheduler = new Scheduler({ concurrency: 4, rateLimit: { requests: 50, perSeconds: 1 }, clock, onWait: (e) => waits.push(e) });
  const full = { status: 200, headers: new Headers({ "RateLimit-Remaining": "0", "RateLimit-Reset": "1" }) };
  (await scheduler.acquire("r", CAP)).release(full);
  const before = clock.now();
  (await scheduler.acquire("r", CAP)).release(full);
  // Only the budget's own spacing (20.4 ms), not the header's rounded-up second.
  assert.is(Math.round((clock.now() - before) * 10) / 10, 20.4);
  (await scheduler.acquire("r", CAP)).release({ status: 429, headers: full.headers });
  assert.ok(waits.some((w) => w.reason === "HTTP 429 under rate_limit 50 requests per 1 s: waiting on the server's rate-limit headers from now on"));
  const after429 = clock.now();
  (await scheduler.acquire("r", CAP)).release(full);
  assert.is(clock.now() - after429, 1000);
  const later = clock.now();
  (await scheduler.acquire("r", CAP)).release(ok);
  assert.is(clock.now() - later, 1000);
});

test("a remaining budget is not waited on", async () => {
  const clock = fakeClock();
  const scheduler = new Scheduler({ concurrency: 4, clock });
  (await scheduler.acquire("r", CAP)).release({ status: 200, headers: new Headers({ "RateLimit-Remaining": "5", "RateLimit-Reset": "30" }) });
  const before = clock.now();
  (await scheduler.acquire("r", CAP)).release(ok);
  assert.is(clock.now(), before);
});

test("a reset further off than max_delay fails fast, naming the header", async () => {
  const clock = fakeClock();
  const scheduler = new Scheduler({ concurrency: 4, clock });
  (await scheduler.acquire("r", CAP)).release({ status: 200, headers: new Headers({ "RateLimit-Remaining": "0", "RateLimit-Reset": "86400" }) });
  try {
    await scheduler.acquire("r", CAP);
    assert.unreachable("should refuse to wait a day");
  } catch (error) {
    assert.instance(error, RateLimitWaitError);
    assert.match((error as Error).message, "RateLimit-Reset: 86400 asks to wait 86400 s, above the max_delay cap of 300 s");
  }
  assert.is(clock.sleeps.length, 0);
});

test("AIMD: a 429 halves the limit once per burst; successes bring it back gradually", async () => {
  const scheduler = new Scheduler({ concurrency: 8, clock: fakeClock() });
  const burst = await Promise.all(Array.from({ length: 8 }, () => scheduler.acquire("r", CAP)));
  for (const p of burst) p.release(tooMany); // 8 answers from one burst: one decrease
  assert.is(scheduler.limit, 4);
  (await scheduler.acquire("r", CAP)).release(tooMany);
  assert.is(scheduler.limit, 2);
  for (let i = 0; i < 3; i++) (await scheduler.acquire("r", CAP)).release(tooMany);
  assert.is(scheduler.limit, 1, "never below 1");
  const seen: number[] = [];
  for (let i = 0; i < 40; i++) {
    (await scheduler.acquire("r", CAP)).release(ok);
    seen.push(scheduler.limit);
  }
  assert.ok(
    seen.every((v, i) => i === 0 || (v >= (seen[i - 1] ?? 0) && v - (seen[i - 1] ?? 0) <= 1)),
    `additive: one step at a time, ${seen.join(",")}`,
  );
  assert.is(seen.at(-1), 8, "back to the maximum");
});

test("a lowered limit holds requests back until one is released", async () => {
  const scheduler = new Scheduler({ concurrency: 4, clock: fakeClock() });
  const burst = await Promise.all(Array.from({ length: 4 }, () => scheduler.acquire("r", CAP)));
  burst[0]?.release(tooMany); // limit 2, 3 still in flight
  let admitted = false;
  void scheduler.acquire("r", CAP).then(() => {
    admitted = true;
  });
  await settle();
  assert.is(admitted, false);
  burst[1]?.release(ok);
  await settle();
  assert.is(admitted, false, "3 → 2 in flight: still at the limit");
  burst[2]?.release(ok);
  await settle();
  assert.is(admitted, true);
});

test("an aborted wait leaves the queue", async () => {
  const scheduler = new Scheduler({ concurrency: 1, clock: fakeClock() });
  const held = await scheduler.acquire("r", CAP);
  const abort = new AbortController();
  const waiting = scheduler.acquire("r", CAP, abort.signal);
  abort.abort(new Error("closed"));
  const outcome = await waiting.then(
    () => "admitted",
    (error: Error) => error.message,
  );
  assert.is(outcome, "closed");
  held.release(ok);
  (await scheduler.acquire("r", CAP)).release(ok);
  assert.is(scheduler.maxInFlight, 1);
});

test.run();
