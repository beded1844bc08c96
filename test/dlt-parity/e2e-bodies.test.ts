// Conformance, research §4.2/§4.3 (request bodies): JSON and form bodies on the wire, placeholders in
// them, and the paginators that write their position into the JSON body (*_body_path), against the mock.
//
// Deliberate differences, asserted as such:
// - 41: a body (json, data or a body path) needs method POST, checked when the config is loaded (dlt sends
//   `json: {}` even with GET; fetch cannot send a GET body).
// - 57: json together with data is a config error (dlt raises at request time).
// - 88: a malformed body path (`a..b`) fails before the first request (dlt: at update time).
// Failing, moved to /tmp/conformance-failures.md: 56 "a list of pairs → form-encoded with repeated keys".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tempDbPath, query } from "../helpers/duckdb.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { connectorOf, failure, issuesOf, pagesOf, rows, script, syncTo, type Config, type Scripted } from "./support.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 25 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [], pagination: "offset", records: 25 });
  api.requests.length = 0;
});

function config(endpoint: Record<string, unknown>): Config {
  return { name: "conformance", client: { base_url: api.url }, resources: [{ name: "items", endpoint: { path: "/p", data_selector: "data", ...endpoint } }] };
}

const bodies = () => api.requests.map((r) => JSON.parse(r.body) as unknown);

test("§4.2 41: a JSON body (or a body path) with method GET is a config error", () => {
  assert.equal(issuesOf(config({ json: {} })), ['resources[0].endpoint.method: a request body (json) needs method "POST"']);
  assert.equal(issuesOf(config({ paginator: { type: "cursor", cursor_body_path: "cursor" } })), [
    'resources[0].endpoint.method: a request body (cursor_body_path) needs method "POST"',
  ]);
});

test("§4.2 57: json and data together is a config error", () => {
  assert.equal(issuesOf(config({ method: "POST", json: { a: 1 }, data: { b: "2" } })), [
    "resources[0].endpoint.data: cannot use both json and data: a request has one body",
  ]);
});

test("§4.2 43 / §4.3 91: a POST search paged by a cursor in the JSON body returns every id once", async () => {
  api.setOptions({ pagination: "cursor" });
  const db = tempDbPath();
  const cfg = config({
    path: "/v1/resource",
    method: "POST",
    json: { limit: 10 },
    paginator: { type: "cursor", cursor_path: "next_cursor", cursor_body_path: "cursor" },
  });
  await syncTo(connectorOf(cfg), db);
  assert.equal(await query(db, "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS first, max(id) AS last FROM conformance.items"), [
    { n: 25, ids: 25, first: 1, last: 25 },
  ]);
  const sent = bodies() as Record<string, unknown>[];
  assert.equal([sent.length, sent[0], Object.keys(sent[1] ?? {}).sort()], [3, { limit: 10 }, ["cursor", "limit"]]);
  assert.ok(api.requests.every((r) => Object.keys(r.query).length === 0));
});

// §4.2 56: form bodies; each case is one request to a scripted endpoint.
const FORMS: readonly { data: unknown; body: string; contentType: string | undefined }[] = [
  { data: { q: "a b", status: "open" }, body: "q=a+b&status=open", contentType: "application/x-www-form-urlencoded" },
  { data: {}, body: "", contentType: undefined },
  { data: "raw text=1", body: "raw text=1", contentType: undefined },
  { data: undefined, body: "", contentType: undefined },
];

for (const { data, body, contentType } of FORMS) {
  test(`§4.2 56: data ${JSON.stringify(data) ?? "absent"} → body ${JSON.stringify(body)}, content-type ${contentType ?? "none"}`, async () => {
    script(api, [{ when: { path: "/p" }, body: { data: rows(1) } }]);
    await pagesOf(config({ method: "POST", paginator: "single_page", ...(data === undefined ? {} : { data }) }));
    assert.equal([api.requests[0]?.method, api.requests[0]?.body, api.requests[0]?.headers["content-type"]], ["POST", body, contentType]);
  });
}

test("§4.2 58: placeholders in a child's form and raw bodies, and incremental placeholders in data", async () => {
  api.setOptions({ records: 2 });
  script(api, [{ when: { path: "/p" }, body: { data: rows(1) } }]);
  const cfg: Config = {
    name: "conformance",
    client: { base_url: api.url },
    resources: [
      { name: "tickets", endpoint: { path: "/v1/resource", data_selector: "data", paginator: "single_page" } },
      {
        name: "form",
        endpoint: { path: "/p", method: "POST", data_selector: "data", paginator: "single_page", data: { ticket: "{resources.tickets.id}", literal: "{{x}}" } },
      },
      {
        name: "raw",
        endpoint: {
          path: "/p",
          method: "POST",
          data_selector: "data",
          paginator: "single_page",
          data: "id={resources.tickets.id}&by={resources.tickets.customer_id}",
        },
      },
      {
        name: "since",
        endpoint: {
          path: "/p",
          method: "POST",
          data_selector: "data",
          paginator: "single_page",
          data: { since: "{incremental.start_value}" },
          incremental: { cursor_path: "id", initial_value: 0 },
        },
      },
    ],
  };
  await syncTo(connectorOf(cfg), tempDbPath());
  const sent = api.requests.filter((r) => r.path === "/p").map((r) => r.body);
  assert.equal(sent, ["ticket=1&literal=%7Bx%7D", "ticket=2&literal=%7Bx%7D", "id=1&by=cust_1", "id=2&by=cust_2", "since=0"]);
});

test("§4.3 88: giving a paginator both its query param and its body path is a config error, for each kind", () => {
  const both = [
    { type: "offset", limit: 10, offset_param: "offset", offset_body_path: "offset" },
    { type: "offset", limit: 10, limit_param: "limit", limit_body_path: "limit" },
    { type: "page_number", page_param: "page", page_body_path: "page" },
    { type: "cursor", cursor_param: "cursor", cursor_body_path: "cursor" },
  ];
  assert.equal(
    both.map((paginator) => issuesOf(config({ method: "POST", paginator }))),
    [
      ["resources[0].endpoint.paginator: either 'offset_param' or 'offset_body_path' must be provided, not both"],
      ["resources[0].endpoint.paginator: either 'limit_param' or 'limit_body_path' must be provided, not both"],
      ["resources[0].endpoint.paginator: either 'page_param' or 'page_body_path' must be provided, not both"],
      ["resources[0].endpoint.paginator: either 'cursor_param' or 'cursor_body_path' must be provided, not both"],
    ],
  );
  assert.equal(issuesOf(config({ method: "POST", paginator: { type: "offset", limit: 10, offset_body_path: "" } })), [
    'resources[0].endpoint.paginator.offset_body_path: expected a non-empty string, got ""',
  ]);
});

test("§4.3 88: a body path with an empty key fails before the first request", async () => {
  const error = await failure(pagesOf(config({ method: "POST", paginator: { type: "offset", limit: 10, offset_body_path: "paging..offset" } })));
  assert.match(error.message, '"paging..offset" is not a dot path of non-empty keys');
  assert.is(api.requests.length, 0);
});

// §4.3 89/90/91: nested body paths, merged into the endpoint's own JSON body (the query string stays clean).
const NESTED: readonly { kind: string; paginator: Record<string, unknown>; pages: Scripted[]; expected: unknown[] }[] = [
  {
    kind: "89 offset and limit",
    paginator: { type: "offset", limit: 10, offset_body_path: "paging.offset", limit_body_path: "paging.limit" },
    pages: scripted({ data: rows(10), total: 20 }),
    expected: [
      { query: "x", paging: { size: 1, offset: 0, limit: 10 } },
      { query: "x", paging: { size: 1, offset: 10, limit: 10 } },
    ],
  },
  {
    kind: "90 page_number",
    paginator: { type: "page_number", base_page: 1, page_body_path: "paging.page", total_path: "pages" },
    pages: scripted({ data: rows(10), pages: 2 }),
    expected: [
      { query: "x", paging: { size: 1, page: 1 } },
      { query: "x", paging: { size: 1, page: 2 } },
    ],
  },
  {
    kind: "91 cursor (a number stays a number)",
    paginator: { type: "cursor", cursor_path: "next", cursor_body_path: "paging.after" },
    pages: [
      { when: { path: "/p", nth: 2 }, body: { data: rows(1), next: null } },
      { when: { path: "/p" }, body: { data: rows(10), next: 51 } },
    ],
    expected: [
      { query: "x", paging: { size: 1 } },
      { query: "x", paging: { size: 1, after: 51 } },
    ],
  },
];

function scripted(body: unknown): Scripted[] {
  return [{ when: { path: "/p" }, body }];
}

for (const { kind, paginator, pages, expected } of NESTED) {
  test(`§4.3 ${kind}: a nested body path merged into the JSON body`, async () => {
    script(api, pages);
    await pagesOf(config({ method: "POST", json: { query: "x", paging: { size: 1 } }, paginator }));
    assert.equal(bodies(), expected);
    assert.ok(api.requests.every((r) => Object.keys(r.query).length === 0));
  });
}

test("§4.3 89: offset and limit in the body page the mock API end to end", async () => {
  const pages = await pagesOf(
    config({ path: "/v1/resource", method: "POST", json: {}, paginator: { type: "offset", limit: 10, offset_body_path: "offset", limit_body_path: "limit" } }),
  );
  assert.equal([pages.map((p) => p.length), bodies()], [[10, 10, 5], [0, 10, 20].map((offset) => ({ offset, limit: 10 }))]);
});

test.run();
