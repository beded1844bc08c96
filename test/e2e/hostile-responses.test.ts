// Hostile responses through the CLI: a page nested 100,000 deep, a gzip bomb, a page bigger than the
// configured limit. Each is exit 1 with a message naming the resource, method, redacted URL and the
// limit, never an internal error; and a page nested as deep as the limit allows still loads.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type Fault, type MockApi } from "../mock-api/server.ts";

const MIB = 1024 * 1024;
const env = { API_KEY: SENTINEL_KEY };
const QUERY_AUTH = { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } as const;
const dir = `tmp/hostile-responses-${process.pid}`;
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 10, auth: QUERY_AUTH });
  // The seed config with a 4 MiB response limit: the setting flows config → generated code → runtime.
  const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as { client: Record<string, unknown> };
  config.client.max_response_bytes = 4 * MIB;
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  writeFileSync(join(ROOT, `${dir}.json`), JSON.stringify(config));
  const result = await runCli([`${dir}.json`, "--out", dir]);
  assert.is(result.code, 0, result.stderr);
});
test.after(async () => {
  await api.close();
  rmSync(join(ROOT, dir), { recursive: true, force: true });
  rmSync(join(ROOT, `${dir}.json`), { force: true });
});

const sync = (db: string) => runCli(["sync", dir, "--destination", `duckdb:${db}`, "--base-url", api.url], { env });
const firstPage = (response: Fault["response"]): Fault[] => [{ when: { path: "/v1/resource" }, response }];
const where = () => `customer_support_data: GET ${api.url}/v1/resource?offset=0&limit=100&api_key=*** returned an unusable body after 1 attempt`;
/** A page of one record whose `extra` field is `[[…{"leaf": 1}…]]`, `levels` arrays deep: the leaf object is level 4 + levels. */
const deepPage = (levels: number) => `{"total": 1, "data": [{"id": 1, "customer_id": "c1", "extra": ${"[".repeat(levels)}{"leaf": 1}${"]".repeat(levels)}}]}`;

test("a page nested 100,000 deep: exit 1 naming resource, method, redacted URL and the depth limit", async () => {
  api.setOptions({ faults: firstPage({ status: 200, body: deepPage(100_000) }) });
  const result = await sync(tempDbPath());
  assert.is(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    `${where()}: arrays or objects nested more than 128 levels deep (at $.data[0].extra[0][0][0]…; raise client.max_json_depth in the config and regenerate to accept it)`,
  );
  assert.not.match(result.stderr, "internal error");
  assert.not.match(result.stderr, SENTINEL_KEY);
});

test("a record nested just within the limit loads: deeper than max_table_nesting becomes a JSON column", async () => {
  api.setOptions({ faults: firstPage({ status: 200, body: deepPage(124) }) });
  const db = tempDbPath();
  const result = await sync(db);
  assert.is(result.code, 0, result.stderr);
  const rows = await query(db, "SELECT id FROM customer_support.customer_support_data");
  assert.equal(rows, [{ id: 1 }]);
});

test("a gzip bomb (64 MiB from 70 KB) stops at the configured 4 MiB: exit 1 naming the limit and the setting", async () => {
  const members = [gzipSync('{"total": 1, "data": ['), ...Array.from({ length: 64 }, () => gzipSync(Buffer.alloc(MIB, " "))), gzipSync("]}")];
  api.setOptions({ faults: firstPage({ status: 200, headers: { "content-encoding": "gzip" }, body: Buffer.concat(members) }) });
  const result = await sync(tempDbPath());
  assert.is(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    `${where()}: the body passed the limit of ${4 * MIB} bytes once decoded (content-encoding gzip); stopped reading it (raise client.max_response_bytes in the config and regenerate to accept it)`,
  );
});

test("a plain page over the limit is refused from its content-length, before it is read", async () => {
  api.setOptions({ faults: firstPage({ status: 200, body: `{"total": 0, "data": []${" ".repeat(5 * MIB)}}` }) });
  const result = await sync(tempDbPath());
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, `${where()}: the body is ${5 * MIB + 24} bytes (content-length), more than the limit of ${4 * MIB} bytes`);
});

test.run();
