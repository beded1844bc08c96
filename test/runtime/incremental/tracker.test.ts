import { test } from "uvu";
import * as assert from "uvu/assert";
import { RecordValidationError } from "../../../runtime/errors.ts";
import { type CursorValue, IncrementalError } from "../../../runtime/incremental/cursor.ts";
import type { IncrementalState } from "../../../runtime/incremental/state.ts";
import { type FilterResult, IncrementalTracker } from "../../../runtime/incremental/tracker.ts";
import type { IncrementalSpec } from "../../../runtime/connector.ts";
import { incrementalSpec } from "../../helpers/incremental-spec.ts";

type Row = Record<string, unknown>;

/** An IncrementalSpec with dlt's defaults on `updated_at`. */
const inc = incrementalSpec;

/** Records `{id, updated_at}` from `[id, cursor]` pairs. */
function rows(...pairs: [number, unknown][]): Row[] {
  return pairs.map(([id, updated_at]) => ({ id, updated_at }));
}

/** Filters like the sync loop: stops at the first "stop"; returns kept ids and the id that stopped paging. */
function run(tracker: IncrementalTracker, records: readonly Row[]): { kept: unknown[]; stoppedAt: unknown } {
  const kept: unknown[] = [];
  for (const record of records) {
    const result: FilterResult = tracker.filter(record);
    if (result === "stop") return { kept, stoppedAt: record["id"] };
    if (result === "keep") kept.push(record["id"]);
  }
  return { kept, stoppedAt: null };
}

function state(lastValue: CursorValue | null, ids: number[], initialValue: CursorValue | null = null): IncrementalState {
  return { lastValue, boundaryKeys: ids.map((id) => `[${id}]`), initialValue };
}

interface Case {
  readonly name: string;
  readonly spec: Partial<IncrementalSpec>;
  readonly stored?: IncrementalState;
  readonly records: Row[];
  readonly kept: unknown[];
  readonly stoppedAt?: unknown;
  readonly start?: CursorValue | null;
  readonly next: IncrementalState | null;
}

const cases: Case[] = [
  {
    name: "max, first run without initial value: everything, last value = the max, keys of its records",
    spec: {},
    records: rows([1, 5], [2, 9], [3, 7], [4, 9]),
    kept: [1, 2, 3, 4],
    start: null,
    next: state(9, [2, 4]),
  },
  {
    name: "max, closed start at the initial value",
    spec: { initialValue: 10 },
    records: rows([1, 5], [2, 10], [3, 15]),
    kept: [2, 3],
    start: 10,
    next: state(15, [3], 10),
  },
  {
    name: "max, open start drops records equal to the start",
    spec: { initialValue: 10, rangeStart: "open" },
    records: rows([1, 5], [2, 10], [3, 15]),
    kept: [3],
    next: state(15, [3], 10),
  },
  {
    name: "min: start is the upper bound, last value the min",
    spec: { initialValue: 10, lastValueFunc: "min" },
    records: rows([1, 5], [2, 10], [3, 15], [4, 3]),
    kept: [1, 2, 4],
    next: state(3, [4], 10),
  },
  {
    name: "max, open end: values at the end are out; stateless",
    spec: { initialValue: 0, endValue: 10 },
    stored: state(8, [1]),
    records: rows([1, 0], [2, 5], [3, 10], [4, 11]),
    kept: [1, 2],
    start: 0,
    next: null,
  },
  {
    name: "max, closed end: values at the end are in",
    spec: { initialValue: 0, endValue: 10, rangeEnd: "closed" },
    records: rows([1, 0], [2, 5], [3, 10], [4, 11]),
    kept: [1, 2, 3],
    next: null,
  },
  {
    name: "min with an end: the end is below the start",
    spec: { initialValue: 10, endValue: 2, lastValueFunc: "min" },
    records: rows([1, 11], [2, 10], [3, 5], [4, 2], [5, 1]),
    kept: [2, 3],
    next: null,
  },
  {
    name: "stored state: start at its last value, records equal to it and already loaded are skipped",
    spec: { initialValue: 0 },
    stored: state(20, [7]),
    records: rows([6, 19], [7, 20], [8, 20], [9, 21]),
    kept: [8, 9],
    start: 20,
    next: state(21, [9], 0),
  },
  {
    name: "lag on numbers re-reads a window and disables boundary dedup",
    spec: { lag: 10 },
    stored: state(100, [3]),
    records: rows([1, 85], [2, 90], [3, 100], [4, 95]),
    kept: [2, 3, 4],
    start: 90,
    next: null, // nothing beyond the stored last value; key 3 is already in it
  },
  {
    name: "lag never moves the start behind the initial value",
    spec: { lag: 50, initialValue: 80 },
    stored: state(100, [3]),
    records: rows([1, 79], [2, 80], [3, 101]),
    kept: [2, 3],
    start: 80,
    next: state(101, [3], 80),
  },
  {
    name: "lag never moves the last value backwards",
    spec: { lag: 10 },
    stored: state(100, [3]),
    records: rows([1, 92], [2, 95]),
    kept: [1, 2],
    next: null,
  },
  {
    name: "lag with min moves the start up",
    spec: { lag: 10, lastValueFunc: "min" },
    stored: state(100, [3]),
    records: rows([1, 111], [2, 110], [3, 99]),
    kept: [2, 3],
    start: 110,
    next: state(99, [3]),
  },
  {
    name: "lag on date-times is in seconds",
    spec: { lag: 3600 },
    stored: state("2024-05-01T12:00:00Z", [1]),
    records: rows([1, "2024-05-01T10:59:59Z"], [2, "2024-05-01T11:00:00Z"], [3, "2024-05-01T13:00:00+01:00"]),
    kept: [2, 3],
    start: "2024-05-01T11:00:00Z",
    next: state("2024-05-01T12:00:00Z", [1, 3]), // 13:00+01:00 is the stored instant: one more key at it
  },
  {
    name: "lag on dates is in days",
    spec: { lag: 2 },
    stored: state("2024-05-10", [1]),
    records: rows([1, "2024-05-07"], [2, "2024-05-08"], [3, "2024-05-11"]),
    kept: [2, 3],
    start: "2024-05-08",
    next: state("2024-05-11", [3]),
  },
  {
    name: "a stored cursor in the future: no records, no error, state unchanged",
    spec: { initialValue: "2024-01-01T00:00:00Z" },
    stored: state("2999-01-01T00:00:00Z", [1]),
    records: rows([1, "2024-06-01T00:00:00Z"], [2, "2025-01-01T00:00:00Z"]),
    kept: [],
    next: null,
  },
  {
    name: "date-times compare by instant across offsets and naive values (UTC)",
    spec: { initialValue: "2024-01-01T12:00:00+02:00" },
    records: rows([1, "2024-01-01T09:59:59Z"], [2, "2024-01-01T10:00:00"], [3, "2024-01-01 11:00:00.5"], [4, "2024-01-01T12:30:00+01:00"]),
    kept: [2, 3, 4],
    next: state("2024-01-01T12:30:00+01:00", [4], "2024-01-01T12:00:00+02:00"),
  },
  {
    name: "dates compare as dates",
    spec: { initialValue: "2024-01-31" },
    records: rows([1, "2024-01-30"], [2, "2024-01-31"], [3, "2024-02-01"]),
    kept: [2, 3],
    next: state("2024-02-01", [3], "2024-01-31"),
  },
  {
    name: "numbers compare numerically, not as text",
    spec: { initialValue: 9 },
    records: rows([1, 10], [2, 100], [3, 8.5]),
    kept: [1, 2],
    next: state(100, [2], 9),
  },
  {
    name: "unsorted records: the last value is the max seen",
    spec: {},
    records: rows([1, 3], [2, 30], [3, 10], [4, 30], [5, 1]),
    kept: [1, 2, 3, 4, 5],
    next: state(30, [2, 4]),
  },
  {
    name: "missing and null cursors included under include; they do not move the cursor",
    spec: { onCursorValueMissing: "include" },
    records: [{ id: 1 }, { id: 2, updated_at: null }, { id: 3, updated_at: 4 }],
    kept: [1, 2, 3],
    next: state(4, [3]),
  },
  {
    name: "missing and null cursors dropped under exclude",
    spec: { onCursorValueMissing: "exclude" },
    records: [{ id: 1 }, { id: 2, updated_at: null }, { id: 3, updated_at: 4 }],
    kept: [3],
    next: state(4, [3]),
  },
  {
    name: "row_order asc with max: the first record at the end stops paging",
    spec: { initialValue: 0, endValue: 10, rowOrder: "asc" },
    records: rows([1, 1], [2, 5], [3, 10], [4, 2]),
    kept: [1, 2],
    stoppedAt: 3,
    next: null,
  },
  {
    name: "row_order desc with max: the first record below the start stops paging",
    spec: { rowOrder: "desc" },
    stored: state(5, [1]),
    records: rows([4, 9], [3, 7], [2, 5], [1, 5], [0, 3], [9, 8]),
    kept: [4, 3, 2],
    stoppedAt: 0,
    next: state(9, [4]),
  },
  {
    name: "row_order asc with min: the first record above the start stops paging",
    spec: { initialValue: 10, lastValueFunc: "min", rowOrder: "asc" },
    records: rows([1, 1], [2, 10], [3, 12], [4, 5]),
    kept: [1, 2],
    stoppedAt: 3,
    next: state(1, [1], 10),
  },
  {
    name: "row_order asc with max but no end: nothing stops paging",
    spec: { rowOrder: "asc" },
    records: rows([1, 1], [2, 5000]),
    kept: [1, 2],
    next: state(5000, [2]),
  },
  {
    name: "a JSONPath cursor inside the record",
    spec: { cursorPath: "$.meta['updated at']", initialValue: 2 },
    records: [
      { id: 1, meta: { "updated at": 1 } },
      { id: 2, meta: { "updated at": 3 } },
    ],
    kept: [2],
    next: state(3, [2], 2),
  },
];

for (const c of cases) {
  test(c.name, () => {
    const tracker = new IncrementalTracker(inc(c.spec), ["id"], c.stored ?? null);
    if ("start" in c) assert.is(tracker.startValue, c.start);
    const { kept, stoppedAt } = run(tracker, c.records);
    assert.equal(kept, c.kept);
    assert.is(stoppedAt, c.stoppedAt ?? null);
    assert.equal(tracker.nextState(), c.next);
  });
}

test("boundary dedup across runs: records sharing the last cursor value load once, a late one loads", () => {
  const spec = inc({ initialValue: "2024-01-01T00:00:00Z" });
  const at = "2024-03-01T00:00:00Z";
  const first = new IncrementalTracker(spec, ["id"], null);
  assert.equal(run(first, rows([1, "2024-02-01T00:00:00Z"], [2, at], [3, at])).kept, [1, 2, 3]);
  const afterFirst = first.nextState();
  assert.equal(afterFirst, { lastValue: at, boundaryKeys: ["[2]", "[3]"], initialValue: "2024-01-01T00:00:00Z" });

  // The API's inclusive filter returns the boundary records again, plus one that arrived since.
  const second = new IncrementalTracker(spec, ["id"], afterFirst);
  assert.equal(run(second, rows([2, at], [3, at], [4, at])).kept, [4]);
  const afterSecond = second.nextState();
  assert.equal(afterSecond?.boundaryKeys, ["[2]", "[3]", "[4]"]);

  const third = new IncrementalTracker(spec, ["id"], afterSecond);
  assert.equal(run(third, rows([2, at], [3, at], [4, at])).kept, []);
  assert.is(third.nextState(), null); // nothing new: keep the stored state
});

test("boundary dedup without a primary key hashes the whole record, whatever its key order", () => {
  const spec = inc();
  const first = new IncrementalTracker(spec, [], null);
  run(first, [
    { a: 1, updated_at: 5 },
    { a: 2, updated_at: 5 },
  ]);
  const stored = first.nextState();
  assert.is(stored?.boundaryKeys.length, 2);
  assert.match(stored?.boundaryKeys[0] ?? "", /^sha256:[0-9a-f]{32}$/);
  const second = new IncrementalTracker(spec, [], stored);
  assert.is(second.filter({ updated_at: 5, a: 1 }), "skip");
  assert.is(second.filter({ updated_at: 5, a: 3 }), "keep");
});

test("composite primary keys make boundary keys from every column", () => {
  const tracker = new IncrementalTracker(inc(), ["org", "id"], null);
  tracker.filter({ org: "a", id: 1, updated_at: 1 });
  assert.equal(tracker.nextState()?.boundaryKeys, ['["a",1]']);
});

test("a missing or null cursor under raise names the path and the record's key", () => {
  const tracker = new IncrementalTracker(inc({ cursorPath: "meta.updated" }), ["id"], null);
  for (const [record, what] of [
    [{ id: 41 }, "missing"],
    [{ id: 42, meta: { updated: null } }, "null"],
  ] as const) {
    try {
      tracker.filter(record);
      assert.unreachable("expected an error");
    } catch (error) {
      assert.instance(error, RecordValidationError);
      const message = (error as Error).message;
      assert.match(message, `incremental cursor "meta.updated" is ${what}`);
      assert.match(message, `key [${record.id}]`);
    }
  }
});

test("a cursor of another type than the start is a RecordValidationError naming both values, the path and the key", () => {
  const tracker = new IncrementalTracker(inc({ initialValue: "2024-01-01" }), ["id"], null);
  try {
    tracker.filter({ id: 7, updated_at: 1704067200 });
    assert.unreachable("expected an error");
  } catch (error) {
    assert.instance(error, RecordValidationError);
    const message = (error as Error).message;
    for (const part of ['"updated_at"', "1704067200", '"2024-01-01"', "key [7]"]) assert.match(message, part);
  }
  assert.throws(
    () => tracker.filter({ id: 8, updated_at: { at: 1 } }),
    (e: unknown) => e instanceof RecordValidationError && /expected a string or a finite number/.test(e.message),
  );
});

test("a non-scalar cursor is refused even when there is no bound to compare with", () => {
  const tracker = new IncrementalTracker(inc(), ["id"], null);
  assert.throws(
    () => tracker.filter({ id: 1, updated_at: [1] }),
    (e: unknown) => e instanceof RecordValidationError,
  );
});

test('requestValues: converted, null when absent (never "None")', () => {
  const stateful = new IncrementalTracker(
    inc({ initialValue: "2024-01-01T00:00:00Z", convert: "iso_to_epoch_seconds" }),
    ["id"],
    state("2024-01-02T00:00:00Z", [1]),
  );
  assert.equal(stateful.requestValues(), { start_value: 1704153600, end_value: null, initial_value: 1704067200, last_value: 1704153600 });
  const windowed = new IncrementalTracker(
    inc({ initialValue: "2024-01-01T10:00:00Z", endValue: "2024-01-08T00:00:00Z", convert: "iso_to_date" }),
    ["id"],
    null,
  );
  assert.equal(windowed.requestValues(), { start_value: "2024-01-01", end_value: "2024-01-08", initial_value: "2024-01-01", last_value: "2024-01-01" });
  const bare = new IncrementalTracker(inc(), ["id"], null);
  assert.equal(bare.requestValues(), { start_value: null, end_value: null, initial_value: null, last_value: null });
  const epoch = new IncrementalTracker(inc({ initialValue: 1704067200, convert: "epoch_seconds_to_iso" }), ["id"], null);
  assert.is(epoch.requestValues().start_value, "2024-01-01T00:00:00Z");
});

test("state keeps raw cursor values; convert applies only to requests", () => {
  const tracker = new IncrementalTracker(inc({ convert: "iso_to_epoch_seconds" }), ["id"], null);
  tracker.filter({ id: 1, updated_at: "2024-01-01T00:00:00+02:00" });
  assert.is(tracker.nextState()?.lastValue, "2024-01-01T00:00:00+02:00");
});

test("a stateless range ignores the stored state and checks its bounds", () => {
  const tracker = new IncrementalTracker(inc({ initialValue: 0, endValue: 10 }), ["id"], state(50, [1]));
  assert.ok(tracker.stateless);
  assert.is(tracker.startValue, 0);
  assert.throws(
    () => new IncrementalTracker(inc({ endValue: 10 }), ["id"], null),
    (e: unknown) => e instanceof IncrementalError && /without an initial_value/.test(e.message),
  );
  assert.throws(
    () => new IncrementalTracker(inc({ initialValue: 11, endValue: 10 }), ["id"], null),
    (e: unknown) => e instanceof IncrementalError && /initial_value 11 .* is past end_value 10/.test(e.message),
  );
  assert.throws(
    () => new IncrementalTracker(inc({ initialValue: 1, endValue: 10, lastValueFunc: "min" }), ["id"], null),
    (e: unknown) => e instanceof IncrementalError,
  );
});

test("nothing kept and no stored state: no state to write", () => {
  const tracker = new IncrementalTracker(inc({ initialValue: 100 }), ["id"], null);
  run(tracker, rows([1, 1], [2, 2]));
  assert.is(tracker.nextState(), null);
  assert.is(tracker.stateless, false);
});

test("cursors beyond 2^53 (bigints from the exact parser) compare exactly, move the state, and dedup the boundary", () => {
  const big = 2n ** 53n;
  const spec = inc({ cursorPath: "seq", initialValue: 5 });
  const first = new IncrementalTracker(spec, ["id"], null);
  const records = [
    { id: 1, seq: big + 1n },
    { id: 2, seq: big + 3n },
    { id: 3, seq: big + 2n },
    { id: 4, seq: 3 },
  ];
  assert.equal(run(first, records).kept, [1, 2, 3]); // 3 is before the initial value 5
  const state = first.nextState();
  assert.equal(state, { lastValue: big + 3n, boundaryKeys: ["[2]"], initialValue: 5 });
  // Doubles cannot tell 2^53 + 3 from 2^53 + 4; the tracker must.
  const second = new IncrementalTracker(spec, ["id"], state);
  assert.is(second.startValue, big + 3n);
  assert.equal(
    run(second, [
      { id: 2, seq: big + 3n },
      { id: 5, seq: big + 4n },
    ]).kept,
    [5],
  );
  assert.equal(second.nextState()?.lastValue, big + 4n);
  // With a lag, the start moves back by whole units, still exactly.
  const lagged = new IncrementalTracker(inc({ cursorPath: "seq", lag: 2 }), ["id"], state);
  assert.is(lagged.startValue, big + 1n);
});

test.run();
