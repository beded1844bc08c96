// Transport and body faults: resets, stalls, bad bodies, redirects, refused connections.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { HttpError, NetworkError, ResponseBodyError } from "../../../runtime/errors.ts";
import type { HttpClientOptions } from "../../../runtime/http/client.ts";
import { causeMessages, get, makeClient as makeDefaultClient, rejection, TRANSPORTS } from "./make-client.ts";
import { closedPort, json, resetMidBody, stall, startServer, text, type TestServer } from "./server.ts";

const PAGE = { data: [{ id: 1 }, { id: 2 }] };
const ONE_RETRY = { maxRetries: 1, backoffFactor: 1, statusCodes: [500], maxDelay: 10 };

for (const [transport, fetchImpl] of TRANSPORTS) {
  const test = suite(`faults over ${transport}`);
  let server: TestServer;
  test.before(async () => {
    server = await startServer();
  });
  test.after(() => server.close());
  const makeClient = (overrides: Partial<HttpClientOptions> = {}) =>
    makeDefaultClient(fetchImpl === undefined ? overrides : { fetch: fetchImpl, ...overrides });

  test("connection reset mid-body is retried and the partial body is never returned", async () => {
    server.script(resetMidBody, json(200, PAGE));
    // node-fetch v2 never notices a short content-length body: only the timeout ends that attempt.
    const { client, clock, events } = makeClient({ timeoutSeconds: 0.3 });
    const page = await client.send(get(`${server.origin}/items`));
    assert.equal(page.body, PAGE);
    assert.is(server.received.length, 2);
    assert.equal(clock.sleeps, [2000]);
    assert.match(events[0]?.reason ?? "", fetchImpl === undefined ? "timed out" : "network error: terminated");
  });

  test("a stalled server times out each attempt, then NetworkError names the timeout", async () => {
    server.script(stall);
    const { client } = makeClient({ timeoutSeconds: 0.2, retry: ONE_RETRY });
    const started = Date.now();
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.ok(Date.now() - started < 3000, "bounded wall time");
    assert.instance(error, NetworkError);
    assert.is(server.received.length, 2);
    assert.match(error.message, `items: GET ${server.origin}/items failed after 2 attempts: timed out after 0.2 s`);
  });

  test("a body that stalls after the headers is bounded by the same timeout", async () => {
    server.script((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"data":');
    });
    const { client } = makeClient({ timeoutSeconds: 0.2, retry: { ...ONE_RETRY, maxRetries: 0 } });
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.instance(error, NetworkError);
    assert.match(error.message, "timed out after 0.2 s");
  });

  test("truncated JSON is retried, then ResponseBodyError with content type, size and preview", async () => {
    const truncated = JSON.stringify(PAGE).slice(0, 15);
    server.script(text(200, "application/json", truncated));
    const { client } = makeClient();
    const error = await rejection(client.send(get(`${server.origin}/items?page=3`)));
    assert.instance(error, ResponseBodyError);
    assert.is(server.received.length, 4);
    assert.match(error.message, `items: GET ${server.origin}/items?page=3 returned an unusable body after 4 attempts`);
    assert.match(error.message, "invalid JSON: unexpected end at byte 15");
    assert.match(error.message, "content-type application/json, 15 bytes");
    assert.match(error.message, `body starts: ${truncated}`);
  });

  test("JSON problems are described without quoting the body", async () => {
    const cases: [body: string, problem: string][] = [
      ['{"a": 1', "invalid JSON: unexpected end at byte 7"],
      ['{"a": "unterminated', "invalid JSON: unexpected end at byte 19"],
      ['{"a": x}', "invalid JSON: syntax error"],
    ];
    for (const [body, problem] of cases) {
      server.script(text(200, "application/json", body));
      const { client } = makeClient({ retry: { ...ONE_RETRY, maxRetries: 0 } });
      const error = await rejection(client.send(get(`${server.origin}/items`)));
      assert.match(error.message, `unusable body after 1 attempt: ${problem}; content-type`, body);
    }
  });

  test("truncated then complete JSON: the retry's page is returned", async () => {
    server.script(text(200, "application/json", '{"data": [1,'), json(200, PAGE));
    const { client } = makeClient();
    assert.equal((await client.send(get(`${server.origin}/items`))).body, PAGE);
  });

  test("bad 2xx bodies name the content type (HTML login page, empty body)", async () => {
    const cases: [contentType: string, body: string, expected: string][] = [
      ["text/html; charset=utf-8", "<html><body>Please log in</body></html>", "not JSON: invalid JSON"],
      ["application/json", "", "empty body; content-type application/json, 0 bytes"],
    ];
    for (const [contentType, body, expected] of cases) {
      server.script(text(200, contentType, body));
      const { client } = makeClient({ retry: ONE_RETRY });
      const error = await rejection(client.send(get(`${server.origin}/items`)));
      assert.instance(error, ResponseBodyError, contentType);
      assert.match(error.message, expected);
      assert.match(error.message, `content-type ${contentType}`);
      if (body !== "") assert.match(error.message, "body starts: <html><body>Please log in");
    }
  });

  test("the body preview of a bad 2xx is capped at 200 characters", async () => {
    server.script(text(200, "text/html", `<html>${"y".repeat(3000)}</html>`));
    const { client } = makeClient({ retry: { ...ONE_RETRY, maxRetries: 0 } });
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    const preview = error.message.split("body starts: ")[1] ?? "";
    assert.is(preview.length, 201);
  });

  test("redirects are not followed; the error names only the target origin", async () => {
    server.script(json(302, {}, { location: "https://elsewhere.example:8443/steal?token=abc123xyz" }));
    const { client } = makeClient();
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.instance(error, HttpError);
    assert.is(server.received.length, 1);
    assert.match(error.message, "HTTP 302");
    assert.match(error.message, "redirect to https://elsewhere.example:8443 not followed");
    assert.not.match(error.message, "steal");
    assert.not.match(error.message, "abc123xyz");
  });

  test("connection refused is retried, then NetworkError with a redacted cause", async () => {
    const port = await closedPort();
    const { client, clock } = makeClient();
    const error = await rejection(client.send(get(`http://127.0.0.1:${port}/items`)));
    assert.instance(error, NetworkError);
    assert.is(client.requests, 4);
    assert.equal(clock.sleeps, [2000, 4000, 8000]);
    assert.match(error.message, "ECONNREFUSED");
    assert.instance(error.cause, Error);
    assert.match(causeMessages(error).join(" / "), "ECONNREFUSED");
  });

  test("204 No Content is a page with a null body", async () => {
    server.script((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { client } = makeClient();
    const page = await client.send(get(`${server.origin}/items`));
    assert.is(page.status, 204);
    assert.is(page.body, null);
  });

  test.run();
}
