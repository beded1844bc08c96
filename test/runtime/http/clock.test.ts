// The system clock's sleep: it resolves after its time, rejects with the signal's reason when aborted,
// and leaves no listener behind on a signal it was given (a resource's signal lives through every
// retry of the run: 11 leftover listeners made Node print MaxListenersExceededWarning mid-progress).
import { getEventListeners } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { systemClock } from "../../../runtime/http/clock.ts";

test("50 sleeps on one signal leave no abort listener on it and no warning", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const controller = new AbortController();
    for (let i = 0; i < 50; i++) await systemClock.sleep(0, controller.signal);
    assert.is(getEventListeners(controller.signal, "abort").length, 0);
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    assert.equal(
      warnings.map((w) => w.name),
      [],
    );
  } finally {
    process.off("warning", onWarning);
  }
});

test("an abort during a sleep rejects with the signal's reason and removes the listener", async () => {
  const controller = new AbortController();
  const sleeping = systemClock.sleep(60_000, controller.signal);
  controller.abort(new Error("run cancelled"));
  const error = await sleeping.then(
    () => null,
    (e: unknown) => e,
  );
  assert.instance(error, Error);
  assert.is((error as Error).message, "run cancelled");
  assert.is(getEventListeners(controller.signal, "abort").length, 0);
});

test("an already aborted signal rejects at once", async () => {
  const controller = new AbortController();
  controller.abort(new Error("gone"));
  const error = await systemClock.sleep(60_000, controller.signal).then(
    () => null,
    (e: unknown) => e,
  );
  assert.is((error as Error).message, "gone");
});

test.run();
