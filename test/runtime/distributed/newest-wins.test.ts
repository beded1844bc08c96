// Newest wins on equal cursors, against the throwaway Postgres and the mock API: two partitions return
// one key with one cursor value (an API whose cursor is coarser than its versions); the version extracted
// later stays whichever commits last, and the stored rows carry their extraction time.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPartition } from "../../../runtime/distributed/apply-partition.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import type { RunPlan } from "../../../runtime/distributed/partition.ts";
import { seed } from "../../e2e/variants.ts";
import { clientOptions, partitionContext, partitionOf, planOn } from "../../helpers/distributed.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";
import type { TicketRecord } from "../../mock-api/records.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());

const pgTest = await pgTests(test);

/** `plan` with a second partition over window 0's range: both windows return the same 60 keys with equal cursors. */
function twinWindows(plan: RunPlan): RunPlan {
  const first = partitionOf(plan, "w000000");
  if (first.kind !== "window") throw new Error("partition w000000 is not a window");
  return { ...plan, partitions: [first, { ...first, key: "w000001", bounds: { ...first.bounds, index: 1 } }] };
}

/**
 * Applies `early` and `late` so that `early` begins extracting first but commits last: its requests
 * wait until `late` has committed. Every record fetched carries the fetching partition's key as subject.
 */
async function extractEarlyCommitLate(url: string, plan: RunPlan, early: string, late: string, connector: ConnectorSpec = windowed) {
  let fetching = late;
  api.setOptions({ mutate: (r: TicketRecord) => ({ ...r, subject: `from ${fetching}` }) });
  let started: () => void = () => undefined;
  const earlyStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const gated: typeof fetch = async (input, init) => {
    started();
    await gate;
    return fetch(input, init);
  };
  const ctx = partitionContext(url, api.url, connector);
  const first = applyPartition(plan, partitionOf(plan, early), { ...ctx, client: { ...clientOptions(api.url), fetch: gated } });
  await earlyStarted; // `early` has taken its extraction time and sent its first request
  assert.is((await applyPartition(plan, partitionOf(plan, late), ctx)).status, "committed");
  fetching = early;
  release();
  assert.is((await first).status, "committed");
}

const subjects = (url: string) =>
  withClient(url, async (c) => (await c.query("SELECT subject, count(*)::int AS n FROM customer_support.customer_support_data GROUP BY subject")).rows);

pgTest("equal cursors: the version extracted later wins although the other partition commits after it", async () => {
  const url = (await freshDatabase()) as string;
  const plan = twinWindows(await planOn(url, windowed));
  await extractEarlyCommitLate(url, plan, "w000000", "w000001");
  assert.equal(await subjects(url), [{ subject: "from w000001", n: 60 }]);
  const stamps = await withClient(
    url,
    async (c) => (await c.query("SELECT count(DISTINCT _gc_extracted_at)::int AS n FROM customer_support.customer_support_data")).rows[0]?.n,
  );
  assert.is(stamps, 1, "every row stamped with its winning partition's extraction time");
});

pgTest("equal cursors, the two partitions' roles swapped: again the version extracted later wins, not the later commit", async () => {
  const url = (await freshDatabase()) as string;
  const plan = twinWindows(await planOn(url, windowed));
  await extractEarlyCommitLate(url, plan, "w000001", "w000000");
  assert.equal(await subjects(url), [{ subject: "from w000000", n: 60 }]);
});

pgTest("page ranges (no cursor): the version extracted later wins although the other range commits after it", async () => {
  const url = (await freshDatabase()) as string;
  const planned = await planOn(url, seed, { client: clientOptions(api.url), pagesPerPartition: 10 });
  const first = partitionOf(planned, "p000000");
  if (first.kind !== "pages") throw new Error("partition p000000 is not a page range");
  // Two ranges over the same pages: every key fetched by both.
  const plan = { ...planned, partitions: [first, { ...first, key: "p000001", bounds: { ...first.bounds, index: 1, count: 2 } }] };
  await extractEarlyCommitLate(url, plan, "p000000", "p000001", seed);
  assert.equal(await subjects(url), [{ subject: "from p000001", n: WINDOWED_RECORDS }]);
});

test.run();
