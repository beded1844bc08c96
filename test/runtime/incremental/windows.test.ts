// Windows of an incremental range: the cut, where a run starts (stored cursor, lookback) and ends.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { IncrementalError } from "../../../runtime/incremental/cursor.ts";
import { parseDuration } from "../../../runtime/incremental/duration.ts";
import { incrementalSpec } from "../../helpers/incremental-spec.ts";
import { splitWindows, windowsEnd, windowsStart } from "../../../runtime/incremental/windows.ts";

const spec = incrementalSpec({ cursorPath: "t", initialValue: "2024-01-01T00:00:00Z" });

test("durations", () => {
  assert.equal(["P1D", "PT1H", "P1W", "PT30M", "P1DT12H", "PT0.5S"].map(parseDuration), [86_400, 3600, 604_800, 1800, 129_600, 0.5]);
  assert.ok(typeof parseDuration("1 day") === "object" && typeof parseDuration("P") === "object");
});

test("a range cut into steps; the last window ends at the end, in the cursor's own format", () => {
  const windows = splitWindows("2024-01-01T00:00:00Z", "2024-01-03T12:00:00Z", { step: 86_400, lookback: 0 }, "t");
  assert.equal(
    windows.map((w) => [w.start, w.end]),
    [
      ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"],
      ["2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"],
      ["2024-01-03T00:00:00Z", "2024-01-03T12:00:00Z"],
    ],
  );
  assert.equal(
    splitWindows(0, 25, { step: 10, lookback: 0 }, "n").map((w) => [w.start, w.end]),
    [
      [0, 10],
      [10, 20],
      [20, 25],
    ],
  );
  assert.equal(splitWindows(5, 5, { step: 10, lookback: 0 }, "n"), [], "an empty range has no window");
});

test("start: initial_value, else the stored cursor minus lookback, never before initial_value", () => {
  const window = { step: 86_400, lookback: 3600 };
  assert.is(windowsStart(spec, window, null), "2024-01-01T00:00:00Z");
  assert.is(windowsStart(spec, window, "2024-01-05T00:00:00Z"), "2024-01-04T23:00:00Z");
  assert.is(windowsStart(spec, window, "2024-01-01T00:30:00Z"), "2024-01-01T00:00:00Z");
});

test("end: end_value, else now written like the cursor; numbers need end_value", () => {
  assert.is(windowsEnd(spec, "2024-01-01T00:00:00Z", Date.UTC(2024, 4, 1, 8)), "2024-05-01T08:00:00Z");
  assert.is(windowsEnd({ ...spec, endValue: "2024-02-01T00:00:00Z" }, "2024-01-01T00:00:00Z", 0), "2024-02-01T00:00:00Z");
  assert.throws(
    () => windowsEnd({ ...spec, initialValue: 0 }, 0, 0),
    (e: unknown) => e instanceof IncrementalError,
  );
});

test("a date cursor takes whole-day steps only; a step making over 100,000 windows is refused", () => {
  assert.throws(() => splitWindows("2024-01-01", "2024-01-03", { step: 3600, lookback: 0 }, "d"), /whole days/);
  assert.throws(() => splitWindows(0, 200_001, { step: 2, lookback: 0 }, "n"), /more than 100000 windows/);
});

test.run();
