// Work units: one per window or one for the whole sequence, their load ids, their root sequence, commit order.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ResourceSpec } from "../../../runtime/connector.ts";
import type { CursorWindow } from "../../../runtime/incremental/windows.ts";
import type { ResourceRun } from "../../../runtime/sync/resource-run.ts";
import type { UnitNode } from "../../../runtime/sync/sequences.ts";
import { childrenFirst, rootSequence, unitLoadId, workUnits } from "../../../runtime/sync/units.ts";
import { cutWindows } from "../../../runtime/sync/windows.ts";
import { windowed, windowIncremental } from "../../helpers/windowed.ts";

const windows: CursorWindow[] = cutWindows(windowIncremental, windowIncremental.window!, null, 0);
const resource: ResourceSpec = windowed.resources[0]!;
const runOf = (r: ResourceSpec) => ({ planned: { resource: r, load: true, parentKey: [], children: [] }, cursors: null }) as unknown as ResourceRun;

test("five windows of an hour from initial_value to end_value; a stored cursor resumes (less lookback)", () => {
  assert.equal(
    windows.map((w) => [w.start, w.end]),
    ["00", "01", "02", "03", "04"].map((h, i) => [`2024-01-01T${h}:00:00Z`, `2024-01-01T0${i + 1}:00:00Z`]),
  );
  const resumed = cutWindows({ ...windowIncremental, window: { step: 3600, lookback: 600 } }, { step: 3600, lookback: 600 }, "2024-01-01T03:00:00Z", 0);
  assert.equal(resumed[0]?.start, "2024-01-01T02:50:00Z");
});

test("a unit per window, or one for the whole sequence; a window's load id carries its number", () => {
  assert.equal(workUnits(null), [{ index: 0, count: 1, window: null }]);
  const units = workUnits(windows);
  assert.equal(
    units.map((u) => [u.index, u.count]),
    [0, 1, 2, 3, 4].map((i) => [i, 5]),
  );
  assert.is(unitLoadId("L", units[2]!), "L-w000002");
  assert.is(unitLoadId("L", workUnits(null)[0]!), "L");
});

test("a window's root sequence: its bounds as request values, open at the end but for the last window", () => {
  const units = workUnits(windows);
  const first = rootSequence(runOf(resource), units[0]!);
  assert.equal([first.incremental?.window_start, first.incremental?.window_end], ["2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"]);
  assert.is(first.tracker?.filter({ id: 1, created_at: "2024-01-01T01:00:00Z" }), "skip", "the next window's start belongs to the next window");
  const last = rootSequence(runOf({ ...resource, endpoint: { ...resource.endpoint, incremental: { ...windowIncremental, rangeEnd: "closed" } } }), units[4]!);
  assert.is(last.tracker?.filter({ id: 1, created_at: "2024-01-01T05:00:00Z" }), "keep", "the last window keeps the spec's closed end");
});

test("commit order: children before their parents", () => {
  const node = (name: string, children: UnitNode[] = []): UnitNode => ({ run: { name } as unknown as ResourceRun, sink: null, children, cut: null });
  const tree = node("a", [node("b", [node("c")]), node("d")]);
  assert.equal(
    [...childrenFirst(tree)].map((n) => n.run.name),
    ["c", "b", "d", "a"],
  );
});

test.run();
