// endpoint.incremental.window and rate_limit in a config: what resolves, and the refusals with their paths.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadModel } from "../../../generator/input/from-text.ts";
import { ConfigError } from "../../../runtime/errors.ts";

const client = { base_url: "http://h", paginator: "single_page" };

function load(incremental: Record<string, unknown>, more: Record<string, unknown> = {}) {
  const config = { name: "w", client: { ...client, ...more }, resources: [{ name: "a", endpoint: { path: "/a", data_selector: "$", incremental } }] };
  return loadModel(JSON.stringify(config), "w.json");
}

function issuesOf(incremental: Record<string, unknown>, more: Record<string, unknown> = {}): string[] {
  try {
    load(incremental, more);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const at = "resources[0].endpoint.incremental.window";

test("a date window: ISO durations in seconds; a number window: numbers", () => {
  const dates = load({ cursor_path: "t", initial_value: "2024-01-01T00:00:00Z", window: { step: "P1D", lookback: "PT1H" } });
  assert.equal(dates.resources[0]?.endpoint.incremental?.window, { step: 86_400, lookback: 3600 });
  const numbers = load({ cursor_path: "n", initial_value: 0, end_value: 1000, window: { step: 100 } });
  assert.equal(numbers.resources[0]?.endpoint.incremental?.window, { step: 100, lookback: 0 });
});

test("refused windows, each with its path", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ cursor_path: "t", window: { step: "P1D" } }, `${at}: a window needs initial_value: where the first run starts`],
    [{ cursor_path: "t", initial_value: "abc", window: { step: "P1D" } }, `${at}: a window needs a date or number cursor; initial_value "abc" is neither`],
    [{ cursor_path: "t", initial_value: "2024-01-01", window: { step: 5 } }, `${at}.step: expected an ISO-8601 duration such as P1D (the cursor is a date)`],
    [
      { cursor_path: "t", initial_value: "2024-01-01", window: { step: "P1M" } },
      `${at}.step: expected an ISO-8601 duration such as P1D, PT1H or P1DT12H, got "P1M" (years and months vary in length: use days, e.g. P30D)`,
    ],
    [{ cursor_path: "n", initial_value: 0, window: { step: 10 } }, `${at}: a window over a number cursor needs end_value ("now" is a time)`],
    [
      { cursor_path: "n", initial_value: 0, end_value: 1_000_000, window: { step: 1 } },
      `${at}: incremental cursor "n": window step 1 cuts 0 (number) … 1000000 (number) into more than 100000 windows; use a larger step`,
    ],
  ];
  for (const [incremental, issue] of cases) assert.equal(issuesOf(incremental), [issue], JSON.stringify(incremental));
  assert.ok(issuesOf({ cursor_path: "t", initial_value: "2024-01-01", window: { step: 0 } })[0]?.startsWith(`${at}.step`));
});

test("rate_limit: resolved on the client; a budget of 0 is refused with its path", () => {
  const model = load({ cursor_path: "n" }, { rate_limit: { requests: 100, per_seconds: 60 }, concurrency: 8 });
  assert.equal([model.client.rateLimit, model.client.concurrency], [{ requests: 100, perSeconds: 60 }, 8]);
  const issues = issuesOf({ cursor_path: "n" }, { rate_limit: { requests: 0, per_seconds: 60 } });
  assert.ok(
    issues.some((i) => i.startsWith("client.rate_limit.requests")),
    issues.join("\n"),
  );
});

test.run();
