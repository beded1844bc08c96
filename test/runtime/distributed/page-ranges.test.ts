// Page-range partitions (`--pages-per-partition`): which roots may be split and why not, the ranges cut
// from a first page's total (pure), and — against the throwaway Postgres and the mock API — a split run
// fetching every page once (plus the planner's first page), every key once, and its records reconciled
// against the total when the list shrinks or grows while the run goes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ConnectorSpec, ResourceSpec } from "../../../runtime/connector.ts";
import { applyPartition } from "../../../runtime/distributed/apply-partition.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { finalizeRun } from "../../../runtime/distributed/finalize.ts";
import { cutPageRanges, rangeSpec, reconcilePageRanges, type RangeSpec } from "../../../runtime/distributed/page-ranges.ts";
import type { RunPlan } from "../../../runtime/distributed/partition.ts";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { planRun } from "../../../runtime/sync/plan.ts";
import { formatRun } from "../../../generator/cli/runs.ts";
import { PAGING, seed, variant } from "../../e2e/variants.ts";
import { DISTRIBUTED_API_KEY, clientOptions, partitionContext, planOn } from "../../helpers/distributed.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { windowed } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";

const root = (connector: ConnectorSpec) => planRun(connector, new Set(connector.resources.map((r) => r.name))).roots[0]!;
const seedRoot = seed.resources[0] as ResourceSpec;
const withTable = (table: Partial<ResourceSpec["table"]>): ConnectorSpec => ({ ...seed, resources: [{ ...seedRoot, table: { ...seedRoot.table, ...table } }] });
const offset = rangeSpec(root(seed)) as Extract<RangeSpec, { type: "offset" }>;
const pageNumber = rangeSpec(root(variant({ endpoint: PAGING.page_number }))) as RangeSpec;

test("only a merge on a primary key, paged by offset or page_number with a total and not incremental, can be split", () => {
  assert.is(typeof offset, "object");
  assert.is(typeof pageNumber, "object");
  const why = (connector: ConnectorSpec) => rangeSpec(root(connector));
  assert.match(String(why(withTable({ writeDisposition: "append" }))), "only a merge on a primary key");
  assert.match(String(why(windowed)), "it is split by its incremental windows already");
  const { window: _window, ...incremental } = (windowed.resources[0] as ResourceSpec).endpoint.incremental!;
  assert.match(String(why({ ...seed, resources: [{ ...seedRoot, endpoint: { ...seedRoot.endpoint, incremental } }] })), "it is incremental");
  assert.match(String(why(variant({ endpoint: PAGING.cursor }))), "its cursor paginator cannot be cut by position");
  assert.match(String(why(variant({ endpoint: { paginator: { ...(seedRoot.endpoint.paginator as RangeSpec), totalPath: null } } }))), "no total_path");
  assert.match(String(why(withTable({ merge: { strategy: "delete-insert", missing: "delete" } }))), "missing-row reconciliation");
  assert.match(String(why(withTable({ merge: { strategy: "scd2" } as NonNullable<ResourceSpec["table"]["merge"]> }))), "scd2");
});

test("offsets: ranges of N pages from the first offset, the last one open, the total exact", () => {
  const cut = cutPageRanges("tickets", offset, { total: 1000, records: 100 }, 3);
  assert.equal(
    cut.bounds.map((b) => [b.index, b.count, b.start, b.end]),
    [
      [0, 4, 0, 300],
      [1, 4, 300, 600],
      [2, 4, 600, 900],
      [3, 4, 900, null],
    ],
  );
  assert.equal(cut.plan, { resource: "tickets", paginator: "offset", pagesPerPartition: 3, total: 1000, expected: { min: 1000, max: 1000 } });
  // maximum_offset bounds the plan and stays the last range's end; an empty list is one range.
  const capped = cutPageRanges("tickets", { ...offset, maximumOffset: 550 }, { total: 1000, records: 100 }, 4);
  assert.equal(
    capped.bounds.map((b) => [b.start, b.end]),
    [
      [0, 400],
      [400, 550],
    ],
  );
  assert.equal(capped.plan.expected, { min: 550, max: 550 });
  assert.equal(
    cutPageRanges("tickets", offset, { total: 0, records: 0 }, 3).bounds.map((b) => [b.start, b.end]),
    [[0, null]],
  );
});

test("page numbers: ranges from the first page; the records expected are estimated from the first page's size", () => {
  const cut = cutPageRanges("tickets", pageNumber, { total: 7, records: 20 }, 3);
  assert.equal(
    cut.bounds.map((b) => [b.start, b.end]),
    [
      [1, 4],
      [4, 7],
      [7, null],
    ],
  );
  assert.equal(cut.plan.expected, { min: 121, max: 140 });
});

test("reconciliation: nothing to say when the records match; a line naming the gap when fewer or more came", () => {
  const plan: Pick<RunPlan, "pageRanges"> = {
    pageRanges: [{ resource: "tickets", paginator: "offset", pagesPerPartition: 3, total: 1000, expected: { min: 1000, max: 1000 } }],
  };
  const markers = (...records: number[]) => records.map((n, i) => ({ resource: "tickets", partition: `p00000${i}`, records: n }));
  assert.equal(reconcilePageRanges(plan, [...markers(300, 300, 300, 100), { resource: "comments", partition: "p000000.b000000", records: 7 }]), []);
  const fewer = reconcilePageRanges(plan, markers(300, 300, 300, 50));
  assert.equal(fewer.length, 1);
  assert.match(fewer[0] ?? "", "tickets: its page ranges fetched 950 records, the API announced 1000 when the run was planned");
  assert.match(fewer[0] ?? "", "up to 50 may have been skipped");
  assert.match(reconcilePageRanges(plan, markers(300, 300, 300, 120))[0] ?? "", "fetched 1020 records, 20 more than the 1000");
});

let api: MockApi;
test.before(async () => {
  api = await startMockApi({ records: 1000 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ records: 1000, pagination: "offset", mutate: undefined, faults: [] });
  api.requests.length = 0;
});

const pgTest = await pgTests(test);

pgTest("a split run fetches each page once (and the planner's first page), commits every key once, one marker and load per range", async () => {
  const url = (await freshDatabase()) as string;
  const notes: string[] = [];
  const run = await runPartitionsLocally(seed, {
    destination: url,
    client: clientOptions(api.url),
    concurrency: 4,
    pagesPerPartition: 3,
    onNote: (line, level) => notes.push(`${level}: ${line}`),
  });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.equal(
    run.plan.partitions.map((p) => [p.key, p.kind, p.bounds]),
    [
      ["p000000", "pages", { index: 0, count: 4, start: 0, end: 300 }],
      ["p000001", "pages", { index: 1, count: 4, start: 300, end: 600 }],
      ["p000002", "pages", { index: 2, count: 4, start: 600, end: 900 }],
      ["p000003", "pages", { index: 3, count: 4, start: 900, end: null }],
    ],
  );
  assert.equal(notes.length, 1);
  assert.match(notes[0] ?? "", "warning: customer_support_data: split into 4 page ranges of 3 pages (the first page announced 1000 records)");
  const offsets = api.requests.map((r) => Number(r.query.offset)).sort((a, b) => a - b);
  assert.equal(offsets, [0, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900], "the planner's first page, then every page once");
  assert.equal({ status: run.summary.status, warnings: run.summary.warnings }, { status: "completed", warnings: [] });
  await withClient(url, async (c) => {
    const rows = await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data");
    assert.equal(rows.rows[0], { n: 1000, ids: 1000 });
    const markers = await c.query("SELECT partition, kind, records::int FROM customer_support._gc_partitions ORDER BY partition");
    assert.equal(
      markers.rows,
      [300, 300, 300, 100].map((records, i) => ({ partition: `p00000${i}`, kind: "pages", records })),
    );
    const loads = await c.query("SELECT load_id, records::int FROM customer_support._gc_loads WHERE status = 'completed' ORDER BY load_id");
    assert.equal(
      loads.rows,
      [300, 300, 300, 100].map((records, i) => ({ load_id: `${run.plan.runId}-p00000${i}`, records })),
    );
    const stored = await c.query("SELECT CAST(plan AS text) AS plan FROM customer_support._gc_runs");
    assert.not.match(String(stored.rows[0]?.plan), DISTRIBUTED_API_KEY);
  });
});

pgTest("a page_number root is cut by page; a root that cannot be split stays whole and is named", async () => {
  api.setOptions({ pagination: "page_number" });
  const url = (await freshDatabase()) as string;
  const notes: string[] = [];
  const run = await runPartitionsLocally(variant({ endpoint: PAGING.page_number }), {
    destination: url,
    client: clientOptions(api.url),
    pagesPerPartition: 4,
    onNote: (line) => notes.push(line),
  });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.equal(
    run.plan.partitions.map((p) => [p.key, p.bounds?.start, p.bounds?.end]),
    [
      ["p000000", 1, 5],
      ["p000001", 5, 9],
      ["p000002", 9, null],
    ],
  );
  assert.equal(run.plan.pageRanges?.[0]?.expected, { min: 901, max: 1000 });
  assert.equal(run.summary.warnings, []);
  const pages = api.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b);
  assert.equal(pages, [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  const appended = withTable({ writeDisposition: "append" });
  api.setOptions({ pagination: "offset" });
  const whole = await runPartitionsLocally(appended, {
    destination: url,
    dataset: "appended",
    client: clientOptions(api.url),
    pagesPerPartition: 4,
    onNote: (line) => notes.push(line),
  });
  assert.equal(
    whole.plan.partitions.map((p) => p.key),
    ["all"],
  );
  assert.match(notes.at(-1) ?? "", "customer_support_data: stays one partition, not split into page ranges: only a merge on a primary key");
});

pgTest(
  "the list shrinks while the run goes: the run completes and says how many records may have been skipped; it grows: the open last range fetches the new ones",
  async () => {
    const url = (await freshDatabase()) as string;
    const plan = await planOn(url, seed, { client: clientOptions(api.url), pagesPerPartition: 3 });
    const ctx = partitionContext(url, api.url, seed);
    for (const p of plan.partitions.slice(0, 3)) assert.is((await applyPartition(plan, p, ctx)).status, "committed");
    api.setOptions({ records: 950 });
    assert.is((await applyPartition(plan, plan.partitions[3]!, ctx)).status, "committed");
    const destination = await openPostgres(url, { datasetLock: "none" });
    try {
      const summary = await finalizeRun(destination, plan);
      assert.is(summary.status, "completed");
      assert.equal(summary.warnings.length, 1);
      assert.match(summary.warnings[0] ?? "", "fetched 950 records, the API announced 1000 when the run was planned");
    } finally {
      await destination.close();
    }
    const progress = { runId: plan.runId, status: "completed" as const, plannedAt: plan.plannedAt, finishedAt: null, error: null, plan, markers: [] };
    assert.match(formatRun({ ...progress, warnings: ["tickets: fewer"] }, { every: false }), "\n  warning: tickets: fewer");

    const grown = await planOn(url, seed, { dataset: "grown", client: clientOptions(api.url), pagesPerPartition: 5 });
    api.setOptions({ records: 1030 });
    const late = grown.partitions.at(-1)!;
    assert.is((await applyPartition(grown, late, ctx)).status, "committed");
    await withClient(url, async (c) => {
      const rows = await c.query("SELECT count(*)::int AS n FROM grown.customer_support_data");
      assert.equal(rows.rows[0], { n: 530 }, "offsets 500 to the API's new end");
    });
  },
);

test.run();
