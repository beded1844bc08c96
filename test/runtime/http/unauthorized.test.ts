// The Auth contract in HttpClient: async apply, and one retry on a 401 when onUnauthorized refreshed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Auth } from "../../../runtime/hooks.ts";
import { setHeader } from "../../../runtime/auth/headers.ts";
import { HttpError } from "../../../runtime/errors.ts";
import { get, makeClient, rejection } from "./make-client.ts";
import { json, startServer, type TestServer } from "./server.ts";

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

/** An async Auth sending `X-Gen: <n>`; onUnauthorized bumps n and answers `refreshes`. */
function countingAuth(refreshes: boolean): Auth & { calls: number } {
  let generation = 1;
  const auth = {
    calls: 0,
    apply: async (request: Parameters<Auth["apply"]>[0]) => setHeader(request, "X-Gen", String(generation)),
    onUnauthorized: async () => {
      auth.calls++;
      generation++;
      return refreshes;
    },
  };
  return auth;
}

test("onUnauthorized → true: the request is sent once more with the new credentials", async () => {
  server.script(json(401, {}), json(200, { ok: 1 }));
  const auth = countingAuth(true);
  const { client } = makeClient({ auth });
  const page = await client.send(get(`${server.origin}/items`));
  assert.equal(page.body, { ok: 1 });
  assert.equal(
    server.received.map((r) => r.headers["x-gen"]),
    ["1", "2"],
  );
  assert.equal([auth.calls, client.requests, client.retries], [1, 2, 0]);
});

test("onUnauthorized → false: the 401 stands after one request", async () => {
  server.script(json(401, { error: "no" }), json(200, {}));
  const auth = countingAuth(false);
  const { client } = makeClient({ auth });
  const error = await rejection(client.send(get(`${server.origin}/items`)));
  assert.instance(error, HttpError);
  assert.is(server.received.length, 1);
  assert.is(auth.calls, 1);
  assert.not.match(error.message, "refreshing");
});

test("the refresh retry is outside the retry budget: 500s after it still get every retry", async () => {
  server.script(json(401, {}), json(500, {}), json(500, {}), json(200, { ok: 1 }));
  const { client, clock } = makeClient({ auth: countingAuth(true), retry: { maxRetries: 2, backoffFactor: 1, statusCodes: [500], maxDelay: 60 } });
  await client.send(get(`${server.origin}/items`));
  assert.is(server.received.length, 4);
  assert.equal(clock.sleeps, [1000, 2000]);
});

test("a response action matching the 401 decides before any refresh", async () => {
  server.script(json(401, {}));
  const auth = countingAuth(true);
  const { client } = makeClient({ auth, responseActions: [{ statusCode: 401, content: null, action: "ignore" }] });
  const page = await client.send(get(`${server.origin}/items`));
  assert.is(page.ignored, true);
  assert.is(auth.calls, 0);
});

test.run();
