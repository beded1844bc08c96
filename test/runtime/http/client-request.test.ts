// What HttpClient puts on the wire and what it hands back.
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bearerAuth } from "../../../runtime/auth/bearer.ts";
import { apiKeyAuth } from "../../../runtime/auth/api-key.ts";
import { get, makeClient } from "./make-client.ts";
import { json, startServer, type TestServer } from "./server.ts";
import { ROOT } from "../../helpers/cli.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

test("GET sends Accept and User-Agent defaults and no body", async () => {
  server.script(json(200, { ok: true }, { "x-total": "7" }));
  const { client } = makeClient();
  const page = await client.send(get(`${server.origin}/items?a=1&b=x%20y`));
  const [seen] = server.received;
  assert.is(seen?.method, "GET");
  assert.is(seen?.url, "/items?a=1&b=x%20y");
  assert.is(seen?.headers["accept"], "application/json");
  assert.is(seen?.headers["user-agent"], "gen-connector");
  assert.is(seen?.headers["content-type"], undefined);
  assert.is(seen?.body, "");
  assert.is(page.status, 200);
  assert.is(page.headers.get("X-Total"), "7");
  assert.instance(page.headers, Headers);
});

test("a page's headers are copied into a standard Headers only when read: a sync whose paginator reads none never loads Node's fetch (~50 ms of start-up)", () => {
  // A fresh process: this one has loaded undici already.
  const child = spawnSync(process.execPath, ["--import", "tsx", "test/helpers/headers-child.ts"], { cwd: ROOT, encoding: "utf8" });
  assert.is(child.status, 0, child.stderr);
  assert.equal(JSON.parse(child.stdout), {
    body: { data: [1] },
    undiciBeforeHeaders: false,
    total: "7",
    standard: true,
    same: true,
    undiciAfter: true,
  });
});

test("caller headers win over the defaults, case-insensitively", async () => {
  server.script(json(200, {}));
  const { client } = makeClient();
  await client.send(get(`${server.origin}/items`, { accept: "application/vnd.api+json", "USER-AGENT": "mine/1.0" }));
  const [seen] = server.received;
  assert.is(seen?.headers["accept"], "application/vnd.api+json");
  assert.is(seen?.headers["user-agent"], "mine/1.0");
});

test("POST sends the JSON body with Content-Type application/json", async () => {
  server.script(json(200, { data: [] }));
  const { client } = makeClient();
  const body = { query: { since: "2024-01-01" }, page: 2 };
  await client.send({ method: "POST", url: new URL(`${server.origin}/search`), headers: {}, json: body });
  const [seen] = server.received;
  assert.is(seen?.method, "POST");
  assert.is(seen?.headers["content-type"], "application/json");
  assert.equal(JSON.parse(seen?.body ?? ""), body);
});

test("the response URL is the request URL without auth; auth is applied on every attempt", async () => {
  server.script(json(500, {}), json(200, { data: [] }));
  const auth = apiKeyAuth("api_key", "query", "k-123");
  const { client } = makeClient({ auth });
  const request = get(`${server.origin}/items?page=2`);
  const page = await client.send(request);
  assert.is(page.url.href, `${server.origin}/items?page=2`);
  assert.equal(
    server.received.map((r) => r.url),
    ["/items?page=2&api_key=k-123", "/items?page=2&api_key=k-123"],
  );
  assert.is(request.url.href, `${server.origin}/items?page=2`, "the caller's request is not mutated");
});

test("auth replaces a same-named header set by the caller", async () => {
  server.script(json(200, {}));
  const { client } = makeClient({ auth: bearerAuth("tok") });
  await client.send(get(`${server.origin}/items`, { authorization: "Bearer stale" }));
  assert.is(server.received[0]?.headers["authorization"], "Bearer tok");
});

test("counters count attempts and retries across sends", async () => {
  server.script(json(503, {}), json(200, {}));
  const { client } = makeClient();
  await client.send(get(`${server.origin}/a`));
  await client.send(get(`${server.origin}/b`));
  assert.is(client.requests, 3);
  assert.is(client.retries, 1);
});

test.run();
