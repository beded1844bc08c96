// `preview --record DIR` then `sync --replay DIR`: the same rows as a live sync, offline (the API gets no
// request, no secret is set); a recording that lacks a request names it; no secret reaches a recording.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, ROOT } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { echoLeaks, leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };
const ROWS = "SELECT id, customer_id, subject, status, priority, created_at, version FROM customer_support.customer_support_data ORDER BY id";

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => api.close());

const tempDir = () => mkdtempSync(join(tmpdir(), "gc-replay-"));

test("record, then replay a full sync offline: the rows of a live sync, zero requests to the API, no secret needed", async () => {
  const dir = tempDir();
  const recorded = await runCli(["preview", join(ROOT, "configs/customer_support.json"), "--base-url", api.url, "--record", join(dir, "fixtures")], {
    env,
    cwd: dir,
  });
  assert.is(recorded.code, 0, recorded.stderr);
  assert.match(recorded.stderr, /recorded 3 exchanges, secrets masked, in fixtures\/recording\.json/);
  const recording = readFileSync(join(dir, "fixtures/recording.json"), "utf8");
  assert.match(recording, /"url": "http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?offset=200&limit=100&api_key=\*\*\*"/);
  assert.equal(leaks(recording, SENTINEL_KEY), []);

  const live = tempDbPath();
  const synced = await runCli(["sync", "generated/customer_support", "--destination", `duckdb:${live}`, "--base-url", api.url], { env });
  assert.is(synced.code, 0, synced.stderr);

  const before = api.requests.length;
  const replayed = tempDbPath();
  const replay = await runCli(["sync", "generated/customer_support", "--destination", `duckdb:${replayed}`, "--replay", join(dir, "fixtures"), "--json"]);
  assert.is(replay.code, 0, replay.stderr);
  assert.is(api.requests.length, before, "the replay sent no request to the API");
  const summary = JSON.parse(replay.stdout) as { resources: { records: number; requests: number }[] };
  assert.equal(
    summary.resources.map((r) => [r.records, r.requests]),
    [[250, 3]],
  );
  const rows = await query(replayed, ROWS);
  assert.is(rows.length, 250);
  assert.equal(rows, await query(live, ROWS));
  assert.equal(await query(replayed, "SELECT count(*) AS n FROM customer_support.customer_support_data__tags"), [{ n: 500 }]);
});

test("a recording without a request the sync makes: the replay names the request it could not find, exit 1", async () => {
  const dir = tempDir();
  const recorded = await runCli(["preview", join(ROOT, "configs/customer_support.json"), "--base-url", api.url, "--record", dir], { env, cwd: dir });
  assert.is(recorded.code, 0, recorded.stderr);
  const recording = JSON.parse(readFileSync(join(dir, "recording.json"), "utf8")) as { exchanges: { request: { url: string } }[] };
  recording.exchanges = recording.exchanges.filter((e) => !e.request.url.includes("offset=100&"));
  writeFileSync(join(dir, "recording.json"), JSON.stringify(recording));
  const replay = await runCli(["sync", "generated/customer_support", "--destination", `duckdb:${tempDbPath()}`, "--replay", dir]);
  assert.is(replay.code, 1, replay.stderr);
  assert.match(
    replay.stderr,
    /error: replay: .*recording\.json has no recorded exchange for GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?offset=100&limit=100&api_key=\*\*\*; it records 2 distinct requests/,
  );
});

test("no secret in a recording: header credentials, echoed in bodies, in every encoding", async () => {
  const secret = "sk_live_SENTINEL/9f3a+Zq=";
  api.setOptions({
    auth: { type: "api_key_header", name: "X-Api-Key", value: secret },
    mutate: (r) => (r.id <= 2 ? { ...r, subject: `echo ${secret} ${encodeURIComponent(secret)} ${JSON.stringify(secret)}` } : r),
  });
  try {
    const dir = tempDir();
    const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as { $schema?: string; client: { auth: unknown } };
    delete config.$schema;
    config.client.auth = { type: "api_key", name: "X-Api-Key", location: "header", api_key: { $secret: "api_key" } };
    writeFileSync(join(dir, "header.json"), JSON.stringify(config));
    const result = await runCli(["preview", "header.json", "--base-url", api.url, "--record", "fixtures", "--max-pages", "1"], {
      env: { API_KEY: secret },
      cwd: dir,
    });
    assert.is(result.code, 0, result.stderr);
    const recording = readFileSync(join(dir, "fixtures/recording.json"), "utf8");
    assert.match(recording, /"x-api-key": "\*\*\*"/);
    assert.match(recording, /echo \*\*\* \*\*\* /);
    assert.equal(echoLeaks(recording + result.stdout + result.stderr, [secret]), []);
  } finally {
    api.setOptions({ auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY }, mutate: undefined });
  }
});

test.run();
