// Planning a distributed run (pure): partitions per tree and per window, refusals of what cannot be
// split, which tables are staged, the plan as JSON (bigint cursors included), and the pure helpers the commit relies on.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ConnectorSpec, ResourceSpec } from "../../../runtime/connector.ts";
import { mergeParentStates } from "../../../runtime/distributed/child-state.ts";
import { connectorSpecHash, generatedCodeHash } from "../../../runtime/distributed/connector-hash.ts";
import { fromJsonCursor, toJsonCursor, type WindowBounds } from "../../../runtime/distributed/partition.ts";
import { planPartitions } from "../../../runtime/distributed/plan-partitions.ts";
import { prefixEnd } from "../../../runtime/distributed/window-prefix.ts";
import { ConfigError } from "../../../runtime/errors.ts";
import { seed } from "../../e2e/variants.ts";
import { windowed, windowIncremental } from "../../helpers/windowed.ts";

const input = { runId: "run-1", dataset: "ds", codeHash: "sha256:x", storedCursors: new Map(), nowMs: Date.UTC(2026, 0, 1) };
const windowedRoot = windowed.resources[0] as ResourceSpec;

/** The windowed connector with its root's table changed (and its window dropped when `window` is false). */
const withTable = (table: Partial<ResourceSpec["table"]>, window = true): ConnectorSpec => ({
  ...windowed,
  resources: [
    { ...windowedRoot, table: { ...windowedRoot.table, ...table }, endpoint: { ...windowedRoot.endpoint, incremental: window ? windowIncremental : null } },
  ],
});

test("a resource without a window is one partition; a windowed root one per window, keys in window order", () => {
  const tree = planPartitions(seed, input);
  assert.equal(
    tree.partitions.map((p) => [p.resource, p.key, p.kind, p.bounds]),
    [["customer_support_data", "all", "tree", null]],
  );
  const windows = planPartitions(windowed, input);
  assert.equal(
    windows.partitions.map((p) => p.key),
    ["w000000", "w000001", "w000002", "w000003", "w000004"],
  );
  assert.equal(windows.partitions[2]?.bounds, { index: 2, count: 5, start: "2024-01-01T02:00:00Z", end: "2024-01-01T03:00:00Z" });
  assert.equal(
    { runId: windows.runId, codeHash: windows.codeHash, dataset: windows.dataset, version: windows.version },
    {
      runId: "run-1",
      codeHash: "sha256:x",
      dataset: "ds",
      version: 1,
    },
  );
  assert.equal(JSON.parse(JSON.stringify(windows)), windows, "the plan is plain JSON");
});

test("a stored cursor starts the windows there", () => {
  const plan = planPartitions(windowed, { ...input, storedCursors: new Map([[windowedRoot.name, "2024-01-01T03:00:00Z"]]) });
  assert.equal(
    plan.partitions.map((p) => [p.key, p.bounds?.start, p.bounds?.count]),
    [
      ["w000000", "2024-01-01T03:00:00Z", 2],
      ["w000001", "2024-01-01T04:00:00Z", 2],
    ],
  );
});

test("scd2 on a windowed root is refused with the resource's path; on a whole tree it is one partition", () => {
  const refused = (c: ConnectorSpec) => {
    try {
      planPartitions(c, input);
      return "";
    } catch (error) {
      assert.instance(error, ConfigError);
      return (error as Error).message;
    }
  };
  const scd2 = { merge: { strategy: "scd2" } } as Partial<ResourceSpec["table"]>;
  assert.match(refused(withTable(scd2)), "resources.customer_support_data.write_disposition: a distributed run commits customer_support_data's windows");
  assert.match(refused(withTable(scd2)), "scd2 versions need cursor order");
  assert.is(planPartitions(withTable(scd2, false), input).partitions.length, 1);
});

test("a replace table in a windowed tree is staged, on a whole tree not; a full refresh stages every table", () => {
  const replace = planPartitions(withTable({ writeDisposition: "replace" }), input);
  assert.equal(
    { partitions: replace.partitions.length, staged: replace.staged, fullRefresh: replace.fullRefresh },
    {
      partitions: 5,
      staged: ["customer_support_data"],
      fullRefresh: undefined,
    },
  );
  assert.is(planPartitions(withTable({ writeDisposition: "replace" }, false), input).staged, undefined);
  assert.is(planPartitions(windowed, input).staged, undefined, "merge is not staged");
  const full = planPartitions(seed, { ...input, fullRefresh: true });
  assert.equal({ staged: full.staged, fullRefresh: full.fullRefresh }, { staged: ["customer_support_data"], fullRefresh: true });
});

test("cursor values travel as JSON, an integer beyond 2^53 as { bigint }", () => {
  assert.equal(toJsonCursor(2n ** 64n), { bigint: "18446744073709551616" });
  assert.is(fromJsonCursor(toJsonCursor(2n ** 64n)), 2n ** 64n);
  assert.is(fromJsonCursor(toJsonCursor("2024-01-01")), "2024-01-01");
});

test("the contiguous prefix of committed windows ends before the first missing one", () => {
  const w = (index: number): WindowBounds => ({ index, count: 6, start: index, end: index + 1 });
  assert.is(prefixEnd([]), null);
  assert.is(prefixEnd([w(1), w(2)]), null);
  assert.equal(prefixEnd([w(2), w(0), w(1), w(4)]), w(2));
  assert.equal(prefixEnd([0, 1, 2, 3, 4, 5].map(w)), w(5));
});

test("a child's per-parent cursors merge over the stored row: each parent keeps the furthest cursor", () => {
  const state = (lastValue: string) => ({ lastValue, boundaryKeys: [], initialValue: null });
  const next = { key: "k", value: { parents: { a: state("2024-02"), b: state("2024-01") } } };
  const stored = { parents: { b: state("2024-03"), c: state("2024-01") } };
  assert.equal(mergeParentStates(windowIncremental, next, stored).value, { parents: { a: state("2024-02"), b: state("2024-03"), c: state("2024-01") } });
  assert.equal(mergeParentStates({ ...windowIncremental, lastValueFunc: "min" }, next, stored).value, {
    parents: { a: state("2024-02"), b: state("2024-01"), c: state("2024-01") },
  });
});

test("the code hash changes with the connector's data and the generated files, not with their order", () => {
  assert.is(connectorSpecHash(windowed), connectorSpecHash({ ...windowed }));
  assert.not.equal(connectorSpecHash(windowed), connectorSpecHash(seed));
  const files = [
    { path: "a.ts", content: "x" },
    { path: "b.ts", content: "y" },
  ];
  assert.is(generatedCodeHash(files), generatedCodeHash([...files].reverse()));
  assert.not.equal(
    generatedCodeHash(files),
    generatedCodeHash([
      { path: "a.ts", content: "x" },
      { path: "b.ts", content: "z" },
    ]),
  );
  assert.match(generatedCodeHash(files), /^sha256:[0-9a-f]{64}$/);
});

test.run();
