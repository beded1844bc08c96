// Input limits on responses: body size (decoded, enforced while streaming: big pages, gzip bombs) and
// JSON nesting depth, over both transports. Each refusal is a ResponseBodyError, not retried.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { gzipSync } from "node:zlib";
import { ResponseBodyError } from "../../../runtime/errors.ts";
import type { HttpClientOptions } from "../../../runtime/http/client.ts";
import { get, makeClient as makeDefaultClient, rejection, TRANSPORTS } from "./make-client.ts";
import { json, startServer, text, type Handler, type TestServer } from "./server.ts";

const MIB = 1024 * 1024;

/**
 * A gzip body inflating to `{"data": [` + `members` MiB of spaces + `]}` (valid JSON): concatenated gzip
 * members, each 1 MiB of spaces in about 1 KB, written as the socket drains. 64 members: 64 MiB
 * inflated from ~70 KB on the wire.
 */
function gzipBomb(members: number): Handler {
  const open = gzipSync('{"data": [');
  const spaces = gzipSync(Buffer.alloc(MIB, " "));
  const close = gzipSync("]}");
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.write(open);
    let sent = 0;
    const more = (): void => {
      while (sent < members && !res.destroyed) {
        sent++;
        if (!res.write(spaces)) return void res.once("drain", more);
      }
      if (!res.destroyed) res.end(close);
    };
    more();
  };
}

/** A chunked body (no content-length) of `size` bytes of valid JSON, `{"data": [` + spaces + `]}`. */
function chunkedPage(size: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"data": [');
    res.write(Buffer.alloc(size - 12, " "));
    res.end("]}");
  };
}

/** `[[[…1…]]]` nested `depth` levels deep inside `{"data": …}`. */
function nested(depth: number): string {
  return `{"data": ${"[".repeat(depth)}1${"]".repeat(depth)}}`;
}

for (const [transport, fetchImpl] of TRANSPORTS) {
  const test = suite(`input limits over ${transport}`);
  let server: TestServer;
  test.before(async () => {
    server = await startServer();
  });
  test.after(() => server.close());
  const makeClient = (overrides: Partial<HttpClientOptions> = {}) =>
    makeDefaultClient(fetchImpl === undefined ? overrides : { fetch: fetchImpl, ...overrides });

  test("a gzip bomb stops once its inflated bytes pass max_response_bytes, naming the limit and the setting", async () => {
    server.script(gzipBomb(64));
    const { client } = makeClient({ maxResponseBytes: MIB });
    const error = await rejection(client.send(get(`${server.origin}/items?page=1`)));
    assert.instance(error, ResponseBodyError);
    assert.is(
      error.message,
      `items: GET ${server.origin}/items?page=1 returned an unusable body after 1 attempt: the body passed the limit of ${MIB} bytes once decoded (content-encoding gzip); stopped reading it (raise client.max_response_bytes in the config and regenerate to accept it)`,
    );
    assert.is(server.received.length, 1, "a body over the limit is not retried");
  });

  test("a body whose content-length is over the limit is refused before it is read", async () => {
    const body = JSON.stringify({ data: ["x".repeat(2000)] });
    server.script(text(200, "application/json", body));
    const error = await rejection(makeClient({ maxResponseBytes: 1000 }).client.send(get(`${server.origin}/items`)));
    assert.instance(error, ResponseBodyError);
    assert.match(error.message, `the body is ${body.length} bytes (content-length), more than the limit of 1000 bytes`);
  });

  test("a chunked body is counted while it streams; one of exactly the limit is accepted", async () => {
    server.script(chunkedPage(MIB + 1), chunkedPage(MIB));
    const { client } = makeClient({ maxResponseBytes: MIB });
    const error = await rejection(client.send(get(`${server.origin}/items`)));
    assert.match(error.message, `the body passed the limit of ${MIB} bytes; stopped reading it`);
    const page = await client.send(get(`${server.origin}/items`));
    assert.equal(page.body, { data: [] });
  });

  test("a body nested 100,000 deep is refused with the depth limit and where it was passed", async () => {
    server.script(text(200, "application/json", nested(100_000)));
    const error = await rejection(makeClient().client.send(get(`${server.origin}/items`)));
    assert.instance(error, ResponseBodyError);
    assert.is(
      error.message,
      `items: GET ${server.origin}/items returned an unusable body after 1 attempt: arrays or objects nested more than 128 levels deep (at $.data[0][0][0][0][0]…; raise client.max_json_depth in the config and regenerate to accept it)`,
    );
    assert.is(server.received.length, 1);
  });

  test("max_json_depth counts the body's own object as level 1: exactly the limit passes", async () => {
    const body = { data: [{ id: 1, a: { b: 1 } }] };
    server.script(json(200, body));
    assert.equal((await makeClient({ maxJsonDepth: 4 }).client.send(get(`${server.origin}/items`))).body, body);
    const error = await rejection(makeClient({ maxJsonDepth: 3 }).client.send(get(`${server.origin}/items`)));
    assert.match(error.message, "nested more than 3 levels deep (at $.data[0].a;");
  });

  test.run();
}
