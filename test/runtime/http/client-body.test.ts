// Request bodies on the wire: form (dlt's `data`) records and raw strings, JSON, and refused combinations.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import type { PageRequest } from "../../../runtime/http/request.ts";
import { createOffsetPaginator } from "../../../runtime/paginators/offset.ts";
import { makeClient, rejection } from "./make-client.ts";
import { json, startServer, type TestServer } from "./server.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

function post(path: string, body: Pick<PageRequest, "json" | "form">, headers: Record<string, string> = {}): PageRequest {
  return { method: "POST", url: new URL(`${server.origin}${path}`), headers, ...body };
}

test("a form record is sent URL-encoded with Content-Type application/x-www-form-urlencoded", async () => {
  server.script(json(200, { data: [] }));
  const { client } = makeClient();
  await client.send(post("/token", { form: { grant: "client credentials", name: "é&=+", empty: "" } }));
  const [seen] = server.received;
  assert.is(seen?.method, "POST");
  assert.is(seen?.body, "grant=client+credentials&name=%C3%A9%26%3D%2B&empty=");
  assert.is(seen?.headers["content-type"], "application/x-www-form-urlencoded");
  assert.is(seen?.headers["content-length"], String(Buffer.byteLength(seen?.body ?? "")));
});

test("a JSON body carrying an integer beyond 2^53 (a bigint id or cursor) sends its exact digits", async () => {
  server.script(json(200, { data: [] }));
  const { client } = makeClient();
  await client.send(post("/search", { json: { after: 2n ** 64n + 1n, page: { size: 100 } } }));
  const [seen] = server.received;
  assert.is(seen?.body, '{"after":18446744073709551617,"page":{"size":100}}');
  assert.is(seen?.headers["content-type"], "application/json");
});

test("a raw string is sent byte for byte with no Content-Type (cross-fetch and Node's fetch)", async () => {
  server.script(json(200, {}));
  const raw = "<q>ünïcode &amp; raw</q>\n";
  await makeClient().client.send(post("/raw", { form: raw }));
  await makeClient({ fetch: globalThis.fetch }).client.send(post("/raw", { form: raw }));
  assert.is(server.received.length, 2);
  for (const seen of server.received) {
    assert.is(seen.body, raw);
    assert.is(seen.headers["content-type"], undefined);
    assert.is(seen.headers["content-length"], String(Buffer.byteLength(raw)));
  }
});

test("an empty form record or empty string sends no body and no Content-Type", async () => {
  server.script(json(200, {}));
  const { client } = makeClient();
  await client.send(post("/a", { form: {} }));
  await client.send(post("/b", { form: "" }));
  for (const seen of server.received) {
    assert.is(seen.body, "");
    assert.is(seen.headers["content-type"], undefined);
  }
  assert.is(server.received.length, 2);
});

test("the caller's Content-Type wins over the form default", async () => {
  server.script(json(200, {}));
  const { client } = makeClient();
  await client.send(post("/x", { form: { a: "1" } }, { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }));
  assert.is(server.received[0]?.headers["content-type"], "application/x-www-form-urlencoded; charset=utf-8");
});

test("every retry resends the same form bytes", async () => {
  server.script(json(503, {}), json(200, {}));
  const { client } = makeClient();
  await client.send(post("/x", { form: { a: "1", b: "two words" } }));
  assert.equal(
    server.received.map((r) => r.body),
    ["a=1&b=two+words", "a=1&b=two+words"],
  );
});

test("json and form together → ConfigError before any request", async () => {
  server.script(json(200, {}));
  const { client } = makeClient();
  const error = await rejection(client.send(post("/x", { json: { a: 1 }, form: { a: "1" } })));
  assert.instance(error, ConfigError);
  assert.match(error.message, "cannot send both a JSON body (json) and a form body (data)");
  assert.is(server.received.length, 0);
  assert.is(client.requests, 0);
});

test("a body on GET → ConfigError before any request (fetch cannot send it); an empty form is fine", async () => {
  server.script(json(200, {}));
  const { client } = makeClient();
  const url = new URL(`${server.origin}/x`);
  const jsonError = await rejection(client.send({ method: "GET", url, headers: {}, json: {} }));
  assert.instance(jsonError, ConfigError);
  assert.match(jsonError.message, "GET cannot send a JSON body");
  const formError = await rejection(client.send({ method: "GET", url, headers: {}, form: "a=1" }));
  assert.match(formError.message, "GET cannot send a form body (data)");
  assert.is(server.received.length, 0);
  await client.send({ method: "GET", url, headers: {}, form: {} });
  assert.is(server.received[0]?.body, "");
});

test("offset and limit in the JSON body on the wire; the query stays as configured", async () => {
  server.script(json(200, { total: 3, data: [1, 2] }), json(200, { total: 3, data: [3] }));
  const { client } = makeClient();
  const paginator = createOffsetPaginator({
    type: "offset",
    limit: 2,
    offset: 0,
    offsetParam: "offset",
    limitParam: "limit",
    offsetBodyPath: "page.offset",
    limitBodyPath: "page.limit",
    totalPath: "total",
    maximumOffset: null,
    stopAfterEmptyPage: true,
    hasMorePath: null,
  });
  let request: PageRequest | undefined = paginator.first(post("/search?q=a", { json: { filter: "x" } }));
  while (request !== undefined) {
    const page = await client.send(request);
    request = paginator.next(request, page, (page.body as { data: unknown[] }).data);
  }
  assert.equal(
    server.received.map((r) => r.url),
    ["/search?q=a", "/search?q=a"],
  );
  assert.equal(
    server.received.map((r) => JSON.parse(r.body)),
    [
      { filter: "x", page: { offset: 0, limit: 2 } },
      { filter: "x", page: { offset: 2, limit: 2 } },
    ],
  );
  assert.ok(server.received.every((r) => r.headers["content-type"] === "application/json"));
});

test.run();
