// `gen-connector preview` as a user runs it against the mock API: requests, decisions, records and
// inferred columns on stdout; no database file, no state; failures shown with the request that failed.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, ROOT } from "../helpers/cli.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { serverErrors, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };
const SEED = join(ROOT, "configs/customer_support.json");

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [] });
  api.requests.length = 0;
});

/** A config like the seed with `edit` applied, in a fresh folder (also the working directory the test runs in). */
function seedVariant(edit: (config: Record<string, any>) => void = () => {}): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "gc-preview-"));
  const config = JSON.parse(readFileSync(SEED, "utf8")) as Record<string, any>;
  delete config.$schema;
  edit(config);
  writeFileSync(join(dir, "seed.json"), JSON.stringify(config, null, 2));
  return { dir, config: join(dir, "seed.json") };
}

test("preview of a config prints requests, decisions, records and inferred columns, and creates no database", async () => {
  const { dir, config } = seedVariant();
  const result = await runCli(["preview", config, "--base-url", api.url, "--max-records", "150"], { env, cwd: dir });
  assert.is(result.code, 0, result.stderr);
  const out = result.stdout;
  assert.match(out, /^customer_support_data \(GET \/v1\/resource\)$/m);
  assert.match(out, /paginator: offset: limit=100.*\(configured\)/);
  assert.match(out, /1 {2}GET {2}http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?offset=0&limit=100&api_key=\*\*\* +200 .*100 records; next: offset=100/);
  assert.match(out, /2 {2}GET .*offset=100&limit=100&api_key=\*\*\* +200 .*100 records; stopped by --max-records/);
  assert.match(out, /records: 150 \(first 5 shown\)/);
  assert.match(out, /^ +1 +cust_1 +Cannot log in #1 +open /m);
  assert.match(out, /^ +created_at +timestamp +- +150\/150 +0/m);
  assert.match(out, /^ +id +bigint +bigint not null +150\/150/m);
  assert.match(out, /^ +tags +list .*nested table customer_support_data__tags/m);
  assert.equal(readdirSync(dir), ["seed.json"], "no database or state file");
  assert.equal(
    api.requests.slice(0, 2).map((r) => r.query.offset),
    ["0", "100"],
  );
  assert.equal(leaks(out + result.stderr, SENTINEL_KEY), []);
});

test("preview of a generated directory, --json: every record and the inferred columns", async () => {
  const result = await runCli(["preview", "generated/customer_support", "--base-url", api.url, "--max-pages", "1", "--json"], { env });
  assert.is(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as {
    resources: { resource: string; records: unknown[]; columns: { field: string; dataType: string | null; nested: string | null }[] }[];
  };
  const [only] = json.resources;
  assert.is(only?.resource, "customer_support_data");
  assert.is(only?.records.length, 100);
  assert.equal(
    only?.columns.map((c) => [c.field, c.dataType ?? c.nested]),
    [
      ["id", "bigint"],
      ["customer_id", "text"],
      ["subject", "text"],
      ["status", "text"],
      ["priority", "bigint"],
      ["created_at", "timestamp"],
      ["tags", "list"],
      ["requester", "object"],
      ["version", "bigint"],
    ],
  );
  assert.equal(leaks(result.stdout + result.stderr, SENTINEL_KEY), []);
});

test("an unreachable API: the failing request is shown, exit 1, nothing written", async () => {
  const { dir, config } = seedVariant((c) => (c.client.retry.max_retries = 0));
  const result = await runCli(["preview", config, "--base-url", "http://127.0.0.1:1"], { env, cwd: dir });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stdout, /1 {2}GET {2}http:\/\/127\.0\.0\.1:1\/v1\/resource\?offset=0&limit=100&api_key=\*\*\* +failed: .*ECONNREFUSED/);
  assert.match(result.stderr, /error: customer_support_data: GET http:\/\/127\.0\.0\.1:1\/v1\/resource\?offset=0&limit=100&api_key=\*\*\* .*ECONNREFUSED/);
  assert.equal(readdirSync(dir), ["seed.json"]);
  assert.equal(leaks(result.stdout + result.stderr, SENTINEL_KEY), []);
});

test("preview pages one request at a time: nothing past --max-pages is requested", async () => {
  const { dir, config } = seedVariant();
  const result = await runCli(["preview", config, "--base-url", api.url, "--max-pages", "1", "--max-records", "0"], { env, cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /1 {2}GET .*offset=0&limit=100&api_key=\*\*\* +200 .*100 records; stopped by --max-pages/, result.stdout);
  assert.equal(
    api.requests.map((r) => r.query.offset),
    ["0"],
  );
});

test("a failing API: status and the redacted body excerpt of the failing request, exit 1", async () => {
  api.setOptions({ faults: [serverErrors(1, { when: { query: { offset: "100" } } })] });
  const { dir, config } = seedVariant((c) => (c.client.retry.max_retries = 0));
  const result = await runCli(["preview", config, "--base-url", api.url, "--max-pages", "3", "--max-records", "0"], { env, cwd: dir });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stdout, /1 {2}GET .*offset=0&limit=100&api_key=\*\*\* +200 .*100 records; next: offset=100/);
  assert.match(result.stdout, /2 {2}GET .*offset=100&limit=100&api_key=\*\*\* +500 .*body: \{/);
  assert.match(result.stderr, /error: customer_support_data: GET .*offset=100&limit=100&api_key=\*\*\* failed with HTTP 500/);
  assert.equal(leaks(result.stdout + result.stderr, SENTINEL_KEY), []);
});

test.run();
