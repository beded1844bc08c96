// The server itself: address, record shape, recorded requests, routing, POST paging, live settings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { everyNthId, makeRecord, startMockApi, type TicketRecord } from "./server.ts";

async function page(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function rows(body: Record<string, unknown>): TicketRecord[] {
  return body["data"] as TicketRecord[];
}

test("listens on an ephemeral loopback port", async () => {
  const one = await startMockApi();
  const two = await startMockApi();
  try {
    assert.match(one.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.is.not(one.url, two.url);
  } finally {
    await one.close();
    await two.close();
  }
});

test("records: deterministic shape", () => {
  const record = makeRecord(0);
  assert.equal(record, {
    id: 1,
    customer_id: "cust_1",
    subject: "Cannot log in #1",
    status: "open",
    priority: 1,
    created_at: "2024-01-01T00:00:00.000Z",
    tags: ["billing", "mobile"],
    requester: { name: "Customer 1", email: "cust_1@example.com" },
    version: 1,
  });
  assert.is(makeRecord(97).customer_id, "cust_1");
  assert.is(makeRecord(96).customer_id, "cust_97");
  assert.equal(new Set([0, 1, 2].map((i) => makeRecord(i).status)), new Set(["open", "pending", "solved"]));
  assert.ok(Date.parse(makeRecord(99_999).created_at) > Date.parse(makeRecord(99_998).created_at));
  assert.equal(makeRecord(41), makeRecord(41));
  const changed = makeRecord(41, 2);
  assert.is(changed.version, 2);
  assert.is.not(changed.subject, makeRecord(41).subject);
  assert.is.not(changed.status, makeRecord(41).status);
  assert.is(changed.created_at, makeRecord(41).created_at);
});

test("everyNthId picks a fraction of the ids", () => {
  assert.equal(everyNthId(50, 10), [10, 20, 30, 40, 50]);
  assert.is(everyNthId(1000, 10).length, 100);
});

test("defaults: 1000 records, offset pagination", async () => {
  const api = await startMockApi();
  try {
    const { status, body } = await page(`${api.url}/v1/resource?offset=900`);
    assert.is(status, 200);
    assert.is(body["total"], 1000);
    assert.is(rows(body).length, 100);
    assert.is(rows(body)[99]?.id, 1000);
  } finally {
    await api.close();
  }
});

test("requests are recorded: method, path, query, lower-case headers, body", async () => {
  const api = await startMockApi({ records: 10 });
  try {
    await fetch(`${api.url}/v1/resource?offset=0&limit=5`, { headers: { "X-Trace": "abc" } });
    await fetch(`${api.url}/v1/resource`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ offset: 5 }),
    });
    assert.is(api.requests.length, 2);
    const [get, post] = api.requests;
    assert.is(get?.nth, 1);
    assert.is(get?.method, "GET");
    assert.is(get?.path, "/v1/resource");
    assert.equal(get?.query, { offset: "0", limit: "5" });
    assert.is(get?.headers["x-trace"], "abc");
    assert.is(get?.body, "");
    assert.is(post?.nth, 2);
    assert.is(post?.method, "POST");
    assert.equal(post?.query, {});
    assert.is(post?.body, '{"offset":5}');
    assert.ok((post?.time ?? 0) >= (get?.time ?? Infinity));
  } finally {
    await api.close();
  }
});

test("POST carries paging fields in a JSON body (offset and cursor)", async () => {
  const api = await startMockApi({ records: 30 });
  try {
    const offset = await page(`${api.url}/v1/resource`, { method: "POST", body: JSON.stringify({ offset: 20, limit: 5 }) });
    assert.equal(
      rows(offset.body).map((r) => r.id),
      [21, 22, 23, 24, 25],
    );
    api.setOptions({ pagination: "cursor" });
    const first = await page(`${api.url}/v1/resource`, { method: "POST", body: JSON.stringify({ limit: 10 }) });
    const cursor = first.body["next_cursor"];
    assert.type(cursor, "string");
    const second = await page(`${api.url}/v1/resource`, { method: "POST", body: JSON.stringify({ limit: 10, cursor }) });
    assert.is(rows(second.body)[0]?.id, 11);
    const bad = await page(`${api.url}/v1/resource`, { method: "POST", body: "[1,2" });
    assert.is(bad.status, 400);
  } finally {
    await api.close();
  }
});

test("unknown paths are 404, other methods 405", async () => {
  const api = await startMockApi();
  try {
    const missing = await page(`${api.url}/v1/nope`);
    assert.is(missing.status, 404);
    assert.equal(missing.body, { error: "not_found" });
    assert.is((await page(`${api.url}/v1/resource`, { method: "DELETE" })).status, 405);
  } finally {
    await api.close();
  }
});

test("setOptions: changed raises versions; more records appear; mutate transforms", async () => {
  const api = await startMockApi({ records: 100 });
  try {
    const before = rows((await page(`${api.url}/v1/resource`)).body);
    api.setOptions({ changed: { ids: everyNthId(100, 10), version: 2 } });
    const after = rows((await page(`${api.url}/v1/resource`)).body);
    const differing = after.filter((record, i) => JSON.stringify(record) !== JSON.stringify(before[i]));
    assert.equal(
      differing.map((r) => r.id),
      everyNthId(100, 10),
    );
    assert.ok(differing.every((r) => r.version === 2 && r.subject.endsWith("(update 2)")));

    api.setOptions({ records: 110 });
    const grown = await page(`${api.url}/v1/resource?offset=100`);
    assert.is(grown.body["total"], 110);
    assert.equal(
      rows(grown.body).map((r) => r.id),
      [101, 102, 103, 104, 105, 106, 107, 108, 109, 110],
    );

    api.setOptions({ mutate: (record) => ({ ...record, priority: 9 }) });
    assert.ok(rows((await page(`${api.url}/v1/resource`)).body).every((r) => r.priority === 9));
    api.setOptions({ mutate: undefined });
    assert.is(rows((await page(`${api.url}/v1/resource`)).body)[0]?.priority, 1);
  } finally {
    await api.close();
  }
});

test("changed can be given at start", async () => {
  const api = await startMockApi({ records: 5, changed: { ids: [3], version: 4 } });
  try {
    assert.equal(
      rows((await page(`${api.url}/v1/resource`)).body).map((r) => r.version),
      [1, 1, 4, 1, 1],
    );
  } finally {
    await api.close();
  }
});

test("bad settings are rejected", async () => {
  let error: unknown;
  try {
    await startMockApi({ records: -1 });
  } catch (caught) {
    error = caught;
  }
  assert.instance(error, RangeError);
});

test("pageDelayMs delays pages", async () => {
  const api = await startMockApi({ records: 5, pageDelayMs: 60 });
  try {
    const started = Date.now();
    await page(`${api.url}/v1/resource`);
    assert.ok(Date.now() - started >= 55);
  } finally {
    await api.close();
  }
});

test("close is idempotent and closes keep-alive connections", async () => {
  const api = await startMockApi();
  await (await fetch(`${api.url}/v1/resource`)).text();
  await Promise.all([api.close(), api.close()]);
  let failed = false;
  try {
    await fetch(`${api.url}/v1/resource`);
  } catch {
    failed = true;
  }
  assert.ok(failed);
});

test("connections are kept alive", async () => {
  const api = await startMockApi({ records: 500 });
  try {
    for (let offset = 0; offset < 500; offset += 100) await (await fetch(`${api.url}/v1/resource?offset=${offset}`)).text();
    assert.ok(api.requests.every((r) => r.headers["connection"] !== "close"));
    const response = await fetch(`${api.url}/v1/resource`);
    await response.text();
    assert.match(response.headers.get("keep-alive") ?? "", /timeout=/);
  } finally {
    await api.close();
  }
});

test.run();
