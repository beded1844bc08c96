// Retry behaviour of HttpClient against a real local server; waits are recorded by a fake clock.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { HttpError } from "../../../runtime/errors.ts";
import { get, makeClient, rejection } from "./make-client.ts";
import { json, startServer, type TestServer } from "./server.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

const PAGE = { data: [{ id: 1 }] };

test("429 with Retry-After: 3, then 200: one retry after exactly 3000 ms", async () => {
  server.script(json(429, { error: "slow down" }, { "retry-after": "3" }), json(200, PAGE));
  const { client, clock, events } = makeClient();
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.equal(clock.sleeps, [3000]);
  assert.is(server.received.length, 2);
  assert.is(client.requests, 2);
  assert.is(client.retries, 1);
  assert.is(events[0]?.reason, "HTTP 429 Too Many Requests");
  assert.is(events[0]?.url, `${server.origin}/items`);
});

test("429 without Retry-After but with RateLimit-Reset waits for the reset, not the backoff", async () => {
  server.script(json(429, {}, { "ratelimit-remaining": "0", "ratelimit-reset": "17" }), json(200, PAGE));
  const { client, clock } = makeClient();
  await client.send(get(`${server.origin}/items`));
  assert.equal(clock.sleeps, [17000]);
});

test("429 whose X-RateLimit-Reset is a day away fails fast, naming the header", async () => {
  const { client, clock } = makeClient();
  const reset = String(Math.floor(clock.nowMs / 1000) + 86_400);
  server.script(json(429, {}, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }));
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.instance(error, HttpError);
  assert.match((error as Error).message, `X-RateLimit-Reset: ${reset} asks to wait 86400 s, above the max_delay cap of 300 s`);
  assert.equal(clock.sleeps, []);
});

test("429 with an HTTP-date Retry-After waits until that date", async () => {
  const { client, clock } = makeClient();
  server.script(json(429, {}, { "retry-after": new Date(clock.nowMs + 42_000).toUTCString() }), json(200, PAGE));
  await client.send(get(`${server.origin}/items`));
  assert.equal(clock.sleeps, [42000]);
});

test("Retry-After: 0 and junk fall back to exponential backoff", async () => {
  server.script(json(503, {}, { "retry-after": "0" }), json(503, {}, { "retry-after": "later" }), json(200, PAGE));
  const { client, clock } = makeClient();
  await client.send(get(`${server.origin}/items`));
  assert.equal(clock.sleeps, [2000, 4000]);
});

test("Retry-After above max_delay fails fast naming the requested wait and the cap", async () => {
  server.script(json(429, {}, { "retry-after": "86400" }), json(200, PAGE));
  const { client, clock } = makeClient();
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is((error as HttpError).status, 429);
  assert.match(error.message, "86400 s");
  assert.match(error.message, "300 s");
  assert.match(error.message, "items: GET");
  assert.equal(clock.sleeps, []);
  assert.is(server.received.length, 1);
});

test("500 ×3 then 200: 4 requests, waits 2 s, 4 s, 8 s", async () => {
  server.script(json(500, {}), json(500, {}), json(500, {}), json(200, PAGE));
  const { client, clock } = makeClient();
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.is(server.received.length, 4);
  assert.equal(clock.sleeps, [2000, 4000, 8000]);
});

test("500 ×4: HttpError after 4 attempts naming resource, method, URL and status", async () => {
  server.script(json(500, { error: "boom" }));
  const { client } = makeClient();
  const error = await rejection(client.send(get(`${server.origin}/items?page=3`)));
  assert.instance(error, HttpError);
  assert.is(server.received.length, 4);
  assert.is((error as HttpError).context.attempts, 4);
  assert.match(error.message, `items: GET ${server.origin}/items?page=3 failed with HTTP 500`);
  assert.match(error.message, "after 4 attempts");
  assert.match(error.message, '{"error":"boom"}');
});

test("non-retryable 4xx: exactly one request, body preview in the error", async () => {
  for (const status of [400, 401, 403, 404, 422]) {
    server.script(json(status, { message: `bad ${status}` }));
    const { client, clock } = makeClient();
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.instance(error, HttpError, String(status));
    assert.is(server.received.length, 1, String(status));
    assert.equal(clock.sleeps, []);
    assert.match(error.message, `HTTP ${status}`);
    assert.match(error.message, "not retried (1 attempt)");
    assert.match(error.message, `bad ${status}`);
  }
});

test("HttpError body preview is capped at 500 characters", async () => {
  server.script(json(400, { message: "x".repeat(5000) }));
  const { client } = makeClient();
  const error = (await rejection(client.send(get(`${server.origin}/items`)))) as HttpError;
  assert.ok(error.bodyPreview.length <= 501, `preview length ${error.bodyPreview.length}`);
  assert.ok(error.bodyPreview.endsWith("…"));
});

test.run();
