// Auto-detection end to end: no paginator and no data_selector configured; the first response decides.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Detected } from "../../runtime/stream/auto-detect.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { startMockApi, type MockApi, type PaginationMode } from "../mock-api/server.ts";
import { variant } from "./variants.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "k" }, dotenv: {} };
const auto = variant({ endpoint: { paginator: { type: "auto" }, dataSelector: null } });

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_query", name: "api_key", value: "k" } });
});
test.after(async () => api.close());

const EXPECTED: readonly [PaginationMode, string, string, boolean][] = [
  ["offset", "offset", "data", true],
  ["page_number", "page_number", "data", true],
  ["cursor", "cursor", "data", true],
  ["json_link", "json_link", "data", true],
  ["header_link", "header_link", "$", true],
];

for (const [mode, paginator, selector, confident] of EXPECTED) {
  test(`${mode} envelope: detected as ${paginator} at \`${selector}\`, every record loaded once, reported once`, async () => {
    api.setOptions({ pagination: mode });
    const db = tempDbPath();
    const seen: Detected[] = [];
    const summary = await runSync(auto, {
      destination: `duckdb:${db}`,
      baseUrl: api.url,
      secrets,
      clock: fakeClock(),
      observer: { detected: (_r, d) => seen.push(d) },
    });
    assert.equal(
      seen.map((d) => [d.paginator.type, d.dataSelector, d.confident]),
      [[paginator, selector, confident]],
    );
    assert.equal(await query(db, "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM customer_support.customer_support_data"), [{ n: 250, ids: 250 }]);
    assert.is(summary.resources[0]?.pages, 3);
    const pinned = summary.resources[0]?.detected as { paginator: { type: string }; data_selector: string } | undefined;
    assert.equal([pinned?.paginator.type, pinned?.data_selector], [paginator, selector]);
  });
}

test("a single page of a round size is loaded but flagged as a guess", async () => {
  api.setOptions({ pagination: "single_page", records: 100 });
  const seen: Detected[] = [];
  await runSync(auto, {
    destination: `duckdb:${tempDbPath()}`,
    baseUrl: api.url,
    secrets,
    clock: fakeClock(),
    observer: { detected: (_r, d) => seen.push(d) },
  });
  assert.equal(
    seen.map((d) => [d.paginator.type, d.confident]),
    [["single_page", false]],
  );
  api.setOptions({ records: 250 });
});

test.run();
