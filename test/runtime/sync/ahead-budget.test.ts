// The records a backfill's windows may hold between them (ahead-budget.ts): windows fetched ahead wait
// past the limit, the head never does, and a failed run's waiters go on.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AheadBudget } from "../../../runtime/sync/ahead-budget.ts";

/** Whether `promise` settles within a few turns of the event loop. */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test("a window ahead waits once the records held would pass the limit; the head's commit gives room", async () => {
  const budget = new AheadBudget(100);
  await budget.reserve(0, 60); // the head
  await budget.reserve(1, 40); // ahead, fits
  const waiting = budget.reserve(2, 10); // ahead: 110 > 100
  assert.is(await settles(waiting), false, "waits past the limit");
  budget.release(60); // the head's records went into its load
  assert.is(await settles(waiting), true, "room given back");
  assert.is(budget.held, 50);
});

test("the head never waits, however much is held; a window becoming the head goes on", async () => {
  const budget = new AheadBudget(10);
  await budget.reserve(1, 8); // ahead
  assert.is(await settles(budget.reserve(0, 500)), true, "the head takes what it needs");
  const second = budget.reserve(1, 5);
  assert.is(await settles(second), false);
  budget.advance(1); // window 0 committed: window 1 is the head now
  assert.is(await settles(second), true);
  assert.is(budget.held, 513);
});

test("with nothing held a page larger than the limit goes; closing lets every waiter go", async () => {
  const budget = new AheadBudget(10);
  assert.is(await settles(budget.reserve(3, 50)), true, "alone, an oversized page goes");
  const a = budget.reserve(4, 1);
  const b = budget.reserve(5, 1);
  assert.is(await settles(Promise.race([a, b])), false);
  budget.close();
  assert.is(await settles(Promise.all([a, b])), true);
  assert.is(await settles(budget.reserve(6, 100)), true, "after close nothing waits");
});

test.run();
