// Response actions (ignore / retry / fail) against a real local server; waits recorded by a fake clock.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bearerAuth } from "../../../runtime/auth/bearer.ts";
import { HttpError } from "../../../runtime/errors.ts";
import { matchResponseAction } from "../../../runtime/http/response-actions.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { ResponseActionSpec } from "../../../runtime/connector.ts";
import { get, makeClient, rejection } from "./make-client.ts";
import { json, startServer, text, type TestServer } from "./server.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

const PAGE = { data: [{ id: 1 }] };
const act = (statusCode: number | null, content: string | null, action: ResponseActionSpec["action"]): ResponseActionSpec => ({ statusCode, content, action });

test("404 + ignore: resolves ignored with a null body, counted, one request", async () => {
  server.script(json(404, { error: "no such parent" }));
  const { client, clock } = makeClient({ responseActions: [act(404, null, "ignore")] });
  const page = await client.send(get(`${server.origin}/items`));
  assert.is(page.ignored, true);
  assert.is(page.body, null);
  assert.is(page.status, 404);
  assert.is(page.url.href, `${server.origin}/items`);
  assert.is(client.ignored, 1);
  assert.is(client.requests, 1);
  assert.equal(clock.sleeps, []);
});

test("204 and a 200 with an empty body are ignored without parsing", async () => {
  server.script(
    (_req, res) => {
      res.writeHead(204);
      res.end();
    },
    text(200, "application/json", ""),
  );
  const { client } = makeClient({ responseActions: [act(204, null, "ignore"), act(200, null, "ignore")] });
  const first = await client.send(get(`${server.origin}/items`));
  const second = await client.send(get(`${server.origin}/items`));
  assert.equal([first.status, first.ignored, first.body], [204, true, null]);
  assert.equal([second.status, second.ignored, second.body], [200, true, null]);
  assert.is(client.ignored, 2);
});

test("a non-JSON body matched by content is ignored, not a body error", async () => {
  server.script(text(200, "text/html", "<html><body>Not found here</body></html>"));
  const { client } = makeClient({ responseActions: [act(null, "Not found", "ignore")] });
  const page = await client.send(get(`${server.origin}/items`));
  assert.is(page.ignored, true);
});

test("an ignored 503 or 429 is not retried", async () => {
  for (const status of [503, 429]) {
    server.script(json(status, { error: "down" }, { "retry-after": "5" }), json(200, PAGE));
    const { client, clock } = makeClient({ responseActions: [act(status, null, "ignore")] });
    const page = await client.send(get(`${server.origin}/items`));
    assert.is(page.ignored, true, String(status));
    assert.is(server.received.length, 1, String(status));
    assert.equal(clock.sleeps, []);
    assert.is(client.retries, 0);
  }
});

test("retry: a 200 whose body says rate limit is retried with backoff, then succeeds (dlt #1786)", async () => {
  server.script(json(200, { error: "rate limit exceeded" }), json(200, PAGE));
  const { client, clock, events } = makeClient({ responseActions: [act(200, "rate limit", "retry")] });
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.is(page.ignored, undefined);
  assert.is(server.received.length, 2);
  assert.equal(clock.sleeps, [2000]);
  assert.is(client.retries, 1);
  assert.is(events[0]?.reason, "HTTP 200 OK matched a retry response action");
});

test("retry honours Retry-After and is evaluated on every attempt", async () => {
  server.script(json(500, {}), json(200, { error: "rate limit" }, { "retry-after": "7" }), json(200, PAGE));
  const { client, clock } = makeClient({ responseActions: [act(200, "rate limit", "retry")] });
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.equal(clock.sleeps, [2000, 7000]);
});

test("retry exhausted: HttpError says the response matched a retry action", async () => {
  server.script(json(200, { error: "rate limit" }));
  const { client } = makeClient({ responseActions: [act(200, "rate limit", "retry")] });
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is((error as HttpError).retryable, true);
  assert.is(server.received.length, 4);
  assert.match(error.message, "failed with HTTP 200 OK, retries exhausted after 4 attempts");
  assert.match(error.message, 'matched response action #1 (status_code 200, content "rate limit") → retry');
  assert.match(error.message, '{"error":"rate limit"}');
});

test("fail: an HttpError at once naming the action, even for a retryable status", async () => {
  for (const [status, body] of [
    [200, { notice: "under maintenance" }],
    [503, { notice: "maintenance" }],
  ] as const) {
    server.script(json(status, body), json(200, PAGE));
    const { client, clock } = makeClient({ responseActions: [act(null, "maintenance", "fail")] });
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.instance(error, HttpError);
    assert.is(server.received.length, 1);
    assert.equal(clock.sleeps, []);
    assert.match(error.message, `items: GET ${server.origin}/items failed with HTTP ${status}`);
    assert.match(error.message, "not retried (1 attempt)");
    assert.match(error.message, 'matched response action #1 (content "maintenance") → fail');
  }
});

test("content-only matching: any status whose body contains it; other bodies behave as usual", async () => {
  server.script(json(500, { error: "quota" }), json(200, { note: "quota" }), json(400, { error: "bad" }));
  const { client } = makeClient({ responseActions: [act(null, "quota", "ignore")] });
  assert.is((await client.send(get(`${server.origin}/items`))).ignored, true);
  assert.is((await client.send(get(`${server.origin}/items`))).ignored, true);
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is((error as HttpError).status, 400);
  assert.is(client.ignored, 2);
});

test("status-only matching: only that status; an unmatched 500 is still retried", async () => {
  server.script(json(422, { error: "x" }), json(500, {}), json(200, PAGE));
  const { client, clock } = makeClient({ responseActions: [act(422, null, "ignore")] });
  assert.is((await client.send(get(`${server.origin}/items`))).ignored, true);
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, PAGE);
  assert.equal(clock.sleeps, [2000]);
});

test("the first matching action wins", async () => {
  server.script(json(404, {}), json(200, PAGE));
  const { client } = makeClient({ responseActions: [act(404, null, "ignore"), act(null, null, "fail")] });
  assert.is((await client.send(get(`${server.origin}/items`))).ignored, true);
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.match(error.message, "response action #2 (any response) → fail");
});

test("a fail action's message masks credentials the body echoes", async () => {
  const redactor = new Redactor();
  redactor.add("tok-SECRET-1");
  server.script((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "denied", sent: req.headers.authorization }));
  });
  const { client } = makeClient({ redactor, auth: bearerAuth("tok-SECRET-1"), responseActions: [act(200, "denied", "fail")] });
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.match(error.message, "Bearer ***");
  assert.not.match(error.message, "tok-SECRET-1");
});

test("matchResponseAction: status compared exactly, content as a substring, null matches anything", () => {
  const actions = [act(404, "gone", "ignore"), act(500, null, "retry"), act(null, "oops", "fail")];
  assert.is(matchResponseAction(actions, 404, "it is gone")?.index, 0);
  assert.is(matchResponseAction(actions, 404, "missing"), undefined);
  assert.is(matchResponseAction(actions, 500, "")?.index, 1);
  assert.is(matchResponseAction(actions, 200, "oops!")?.index, 2);
  assert.is(matchResponseAction([], 200, ""), undefined);
});

test.run();
