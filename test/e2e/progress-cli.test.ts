// sync's progress flags through the real CLI (stderr is a pipe here): --log-format json writes one JSON
// object per event per line, --quiet writes nothing but warnings, and plain lines are the default.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { tempDbPath } from "../helpers/duckdb.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "generated/support_incremental");
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_header", name: "X-Api-Key", value: "k" } });
});
test.after(async () => api.close());

const sync = (...flags: string[]) =>
  runCli(["sync", DIR, "--destination", `duckdb:${tempDbPath()}`, "--base-url", api.url, ...flags], { env: { API_KEY: "k" } });

test("--log-format json: every stderr line a JSON event, from started to the run's summary", async () => {
  const result = await sync("--log-format", "json");
  assert.is(result.code, 0, result.stderr);
  const events = result.stderr
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { event: string; pages?: number });
  assert.equal(
    events.map((e) => e.event),
    ["started", "total", "page", "page", "page", "committing", "finished", "summary"],
  );
  assert.is(events[1]?.pages, 3);
});

test("--quiet: nothing on stderr for a clean run; the default: plain lines and the summary table", async () => {
  const quiet = await sync("--quiet");
  assert.is(quiet.code, 0, quiet.stderr);
  assert.is(quiet.stderr, "");
  const plain = await sync();
  // (page lines come at most once a second: how many depends on the machine's speed)
  assert.match(
    plain.stderr,
    /^tickets: started\n(tickets: \d+ pages, .*\n)*tickets: committing 250 records\ntickets: done, 3 pages, 250 records \(250 inserted/,
  );
  assert.match(plain.stderr, /^resource {2}pages {2}records/m);
  const bad = await sync("--log-format", "yaml");
  assert.is(bad.code, 2);
  assert.match(bad.stderr, 'error: --log-format expects text or json, got "yaml"');
});

test.run();
