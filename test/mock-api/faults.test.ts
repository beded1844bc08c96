// Scripted faults: matching (nth, path, query), counting (times), and each kind on the wire.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { FaultQueue, faultMatches, rateLimited, serverErrors } from "./faults.ts";
import { startMockApi } from "./server.ts";

const resource = (url: string, query = ""): string => `${url}/v1/resource${query}`;

test("faultMatches: nth, path, query", () => {
  const target = { nth: 3, path: "/v1/resource", params: { offset: "200", limit: "100" } };
  assert.ok(faultMatches(undefined, target));
  assert.ok(faultMatches({}, target));
  assert.ok(faultMatches({ nth: 3 }, target));
  assert.ok(faultMatches({ nth: 2 }, target), "nth matches from the nth request on");
  assert.not.ok(faultMatches({ nth: 4 }, target));
  assert.not.ok(faultMatches({ path: "/other" }, target));
  assert.ok(faultMatches({ query: { offset: "200" } }, target));
  assert.not.ok(faultMatches({ query: { offset: "100" } }, target));
  assert.not.ok(faultMatches({ query: { cursor: "x" } }, target));
});

test("FaultQueue: first matching live fault wins; times counts down", () => {
  const queue = new FaultQueue([serverErrors(2, { when: { query: { offset: "100" } } }), { response: "empty" }]);
  const at = (nth: number, offset: string) => ({ nth, path: "/v1/resource", params: { offset } });
  assert.is(queue.pending(), 3);
  assert.equal(queue.take(at(1, "100")), { status: 500 });
  assert.is(queue.take(at(2, "0")), "empty");
  assert.is(queue.take(at(3, "0")), undefined);
  assert.equal(queue.take(at(4, "100")), { status: 500 });
  assert.is(queue.take(at(5, "100")), undefined);
  assert.is(queue.pending(), 0);
});

test("rateLimited: 429 with Retry-After, then normal service", async () => {
  const api = await startMockApi({ records: 10, faults: [rateLimited(2, { times: 2 })] });
  try {
    for (let i = 0; i < 2; i++) {
      const limited = await fetch(resource(api.url));
      assert.is(limited.status, 429);
      assert.is(limited.headers.get("retry-after"), "2");
      assert.equal(await limited.json(), { error: "rate_limited" });
    }
    assert.is((await fetch(resource(api.url))).status, 200);
    assert.is(api.pendingFaults(), 0);
  } finally {
    await api.close();
  }
});

test("serverErrors: N times on a matching page only; setOptions replaces the script", async () => {
  const api = await startMockApi({ records: 300, faults: [serverErrors(3, { when: { query: { offset: "200" } } })] });
  try {
    assert.is((await fetch(resource(api.url, "?offset=100"))).status, 200);
    for (let i = 0; i < 3; i++) {
      const failed = await fetch(resource(api.url, "?offset=200"));
      assert.is(failed.status, 500);
      assert.equal(await failed.json(), { error: "Internal Server Error" });
    }
    assert.is((await fetch(resource(api.url, "?offset=200"))).status, 200);
    api.setOptions({ faults: [serverErrors(1, { status: 503 })] });
    assert.is((await fetch(resource(api.url))).status, 503);
    assert.is((await fetch(resource(api.url))).status, 200);
  } finally {
    await api.close();
  }
});

test("custom status fault with headers and body; nth counts every request", async () => {
  const fault = { status: 418, headers: { "content-type": "text/plain", "x-why": "teapot" }, body: "short and stout" };
  const api = await startMockApi({ records: 10, faults: [{ when: { nth: 2 }, response: fault }] });
  try {
    assert.is((await fetch(resource(api.url))).status, 200);
    const teapot = await fetch(resource(api.url));
    assert.is(teapot.status, 418);
    assert.is(teapot.headers.get("x-why"), "teapot");
    assert.is(teapot.headers.get("content-type"), "text/plain");
    assert.is(await teapot.text(), "short and stout");
    assert.is((await fetch(resource(api.url))).status, 200);
  } finally {
    await api.close();
  }
});

test("path-matched faults leave other paths alone", async () => {
  const api = await startMockApi({ faults: [{ when: { path: "/v1/other" }, response: { status: 500 } }] });
  try {
    assert.is((await fetch(resource(api.url))).status, 200);
    assert.is((await fetch(`${api.url}/v1/other`)).status, 500);
    assert.is((await fetch(`${api.url}/v1/other`)).status, 404);
  } finally {
    await api.close();
  }
});

test("reset: headers arrive, the body is cut off by a destroyed socket", async () => {
  const api = await startMockApi({ records: 100, faults: [{ response: "reset" }] });
  try {
    const response = await fetch(resource(api.url));
    assert.is(response.status, 200);
    let failed = false;
    try {
      await response.text();
    } catch {
      failed = true;
    }
    assert.ok(failed, "reading the body fails");
    assert.is((await fetch(resource(api.url))).status, 200);
  } finally {
    await api.close();
  }
});

test("stall: never answers; close() still finishes promptly", async () => {
  const api = await startMockApi({ records: 10, faults: [{ response: "stall", times: 2 }] });
  const started = Date.now();
  const timedOut = await fetch(resource(api.url), { signal: AbortSignal.timeout(200) }).then(
    () => "answered",
    (error: unknown) => (error instanceof Error ? error.name : "?"),
  );
  assert.is(timedOut, "TimeoutError");
  assert.ok(Date.now() - started >= 190);
  const pending = fetch(resource(api.url)).then(
    () => "answered",
    () => "failed",
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closing = Date.now();
  await api.close();
  assert.ok(Date.now() - closing < 1000);
  assert.is(await pending, "failed");
  assert.is(api.requests.length, 2);
});

test("truncated: a 200 whose JSON is cut in half", async () => {
  const api = await startMockApi({ records: 50, faults: [{ response: "truncated" }] });
  try {
    const response = await fetch(resource(api.url));
    assert.is(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    const text = await response.text();
    assert.ok(text.length > 100);
    assert.throws(() => JSON.parse(text));
    const full = await (await fetch(resource(api.url))).text();
    assert.ok(full.startsWith(text));
    assert.is(text.length, Math.floor(full.length / 2));
  } finally {
    await api.close();
  }
});

test("html: a 200 text/html login page", async () => {
  const api = await startMockApi({ faults: [{ response: "html" }] });
  try {
    const response = await fetch(resource(api.url));
    assert.is(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await response.text(), /<form/);
  } finally {
    await api.close();
  }
});

test("empty: a 200 with an empty body", async () => {
  const api = await startMockApi({ faults: [{ response: "empty" }] });
  try {
    const response = await fetch(resource(api.url));
    assert.is(response.status, 200);
    assert.is(response.headers.get("content-length"), "0");
    assert.is(await response.text(), "");
  } finally {
    await api.close();
  }
});

test("faults fire before auth and are recorded like any request", async () => {
  const api = await startMockApi({ auth: { type: "bearer", token: "t" }, faults: [serverErrors(1)] });
  try {
    assert.is((await fetch(resource(api.url))).status, 500);
    assert.is((await fetch(resource(api.url))).status, 401);
    assert.is(api.requests.length, 2);
  } finally {
    await api.close();
  }
});

test("echo: the status, and a body written from the request as received (raw URL, lower-case headers)", async () => {
  const echo = (r: { method: string; url: string; headers: Readonly<Record<string, string>> }) => JSON.stringify([r.method, r.url, r.headers["x-api-key"]]);
  const api = await startMockApi({ records: 10, faults: [{ response: { status: 401, echo } }] });
  try {
    const echoed = await fetch(resource(api.url, "?api_key=a%2Fb+c"), { headers: { "X-Api-Key": "k/1" } });
    assert.is(echoed.status, 401);
    assert.is(echoed.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(await echoed.json(), ["GET", "/v1/resource?api_key=a%2Fb+c", "k/1"]);
    assert.is((await fetch(resource(api.url))).status, 200);
  } finally {
    await api.close();
  }
});

test.run();
