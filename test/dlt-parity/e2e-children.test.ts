// Conformance, research §4.2 (end to end, parents and children): every way of binding a parent field,
// response actions on child requests, parallel children and processing steps, against the mock API
// (tickets at /v1/resource, their comments at /v1/resource/<id>/comments, 3 per ticket).
//
// Not applicable (Python-only), skipped:
// - 67, 68, 69: callable response actions (hooks mutating the requests Response).
// - 99 (§4.3, related): a hook rewriting a 503 into a 204.
// Processing steps (71) use the declarative filter/map forms; yield_map needs a `$hook`, whose function
// the test supplies as the generated connector would import it from the user's module.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { makeRecord, startMockApi, type MockApi, type RecordedRequest } from "../mock-api/server.ts";
import { connectorOf, failure, syncTo, type Config, type Hooks } from "./support.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 5 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [], pagination: "offset", auth: undefined, records: 5, mutate: undefined });
  api.requests.length = 0;
});

const TICKETS = { name: "tickets", primary_key: "id", endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 100 } } };
const COMMENTS_PAGING = { data_selector: "data", paginator: { type: "offset", limit: 2 } };

function config(resources: unknown[]): Config {
  return { name: "conformance", client: { base_url: api.url }, resources: [TICKETS, ...resources] };
}

async function count(db: string, table: string): Promise<number> {
  const [row] = await query(db, `SELECT count(*) AS n FROM conformance."${table}"`);
  return Number(row?.n);
}

/** Counts the tables named `table` in the dataset (0: nothing was ever loaded into it). */
const NO_TABLE = (table: string) => `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'conformance' AND table_name = '${table}'`;

const childRequests = () => api.requests.filter((r) => r.nth > 1);

// §4.2 36/40: every way of binding the parent id gives one request sequence per parent, carrying the id.
const BINDINGS: readonly { form: string; child: Record<string, unknown>; rows: number; bound: (r: RecordedRequest) => unknown }[] = [
  {
    form: "resolve in the path",
    child: { path: "/v1/resource/{ticket}/comments", params: { ticket: { type: "resolve", resource: "tickets", field: "id" } }, ...COMMENTS_PAGING },
    rows: 15,
    bound: (r) => /^\/v1\/resource\/(\d+)\/comments$/.exec(r.path)?.[1],
  },
  {
    form: "a placeholder in the path",
    child: { path: "/v1/resource/{resources.tickets.id}/comments", ...COMMENTS_PAGING },
    rows: 15,
    bound: (r) => /^\/v1\/resource\/(\d+)\/comments$/.exec(r.path)?.[1],
  },
  {
    form: "a query param",
    child: { path: "/v1/resource", params: { ticket_id: "{resources.tickets.id}" }, data_selector: "data", paginator: "single_page" },
    rows: 25,
    bound: (r) => r.query.ticket_id,
  },
  {
    form: "a JSON body over POST (the type is kept)",
    child: { path: "/v1/resource", method: "POST", json: { ticket_id: "{resources.tickets.id}" }, data_selector: "data", paginator: "single_page" },
    rows: 25,
    bound: (r) => (JSON.parse(r.body) as { ticket_id: unknown }).ticket_id,
  },
  {
    form: "a request header",
    child: { path: "/v1/resource", headers: { "X-Ticket-Id": "{resources.tickets.id}" }, data_selector: "data", paginator: "single_page" },
    rows: 25,
    bound: (r) => r.headers["x-ticket-id"],
  },
];

for (const { form, child, rows, bound } of BINDINGS) {
  test(`§4.2 36: the parent id bound through ${form}: one sequence per parent, every child row loaded`, async () => {
    const db = tempDbPath();
    await syncTo(connectorOf(config([{ name: "child", endpoint: child }])), db);
    assert.equal([await count(db, "tickets"), await count(db, "child")], [5, rows]);
    const ids = [...new Set(childRequests().map(bound))];
    const json = form.includes("JSON");
    assert.equal(ids, json ? [1, 2, 3, 4, 5] : ["1", "2", "3", "4", "5"]);
  });
}

test("§4.2 39: child requests carry static params, incremental params and the paginator's, never the resolved path param", async () => {
  await syncTo(
    connectorOf(
      config([
        {
          name: "comments",
          endpoint: {
            path: "/v1/resource/{ticket}/comments",
            params: { ticket: { type: "resolve", resource: "tickets", field: "id" }, lang: "en" },
            incremental: { cursor_path: "ticket_id", initial_value: 0, start_param: "since" },
            ...COMMENTS_PAGING,
          },
        },
      ]),
    ),
    tempDbPath(),
  );
  const first = childRequests().filter((r) => r.path === "/v1/resource/1/comments");
  assert.equal(
    first.map((r) => r.query),
    [
      { lang: "en", since: "0", offset: "0", limit: "2" },
      { lang: "en", since: "0", offset: "2", limit: "2" },
    ],
  );
  assert.ok(childRequests().every((r) => !("ticket" in r.query)));
});

test("§4.2 42/72: placeholders in a nested JSON body keep their type; escaped braces become single braces", async () => {
  await syncTo(
    connectorOf(
      config([
        {
          name: "search",
          endpoint: {
            path: "/v1/resource",
            method: "POST",
            json: {
              filter: { ticket: "{resources.tickets.id}", ids: ["{resources.tickets.id}", 0], label: "t-{resources.tickets.id}" },
              query: "{{ viewer {{ login }} }}",
            },
            data_selector: "data",
            paginator: "single_page",
          },
        },
      ]),
    ),
    tempDbPath(),
  );
  assert.equal(JSON.parse(childRequests()[1]?.body ?? "null"), { filter: { ticket: 2, ids: [2, 0], label: "t-2" }, query: "{ viewer { login } }" });
});

test("§4.2 33: a parent field missing from the parent record fails the run naming the field", async () => {
  const error = await failure(
    syncTo(
      connectorOf(config([{ name: "comments", endpoint: { path: "/v1/resource/{resources.tickets.ticket_no}/comments", ...COMMENTS_PAGING } }])),
      tempDbPath(),
    ),
  );
  assert.match(
    error.message,
    "comments: the parent record of tickets has no field `ticket_no` for {resources.tickets.ticket_no}; its fields: id, customer_id, subject",
  );
});

test("§4.2 60: a parallelized child loads the same rows, with include_from_parent values of its own parent", async () => {
  const db = tempDbPath();
  await syncTo(
    connectorOf(
      config([
        {
          name: "comments",
          parallelized: true,
          include_from_parent: ["id", "subject"],
          endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", ...COMMENTS_PAGING },
        },
      ]),
    ),
    db,
  );
  const [row] = await query(
    db,
    "SELECT count(*) AS n, bool_and(_tickets_id = ticket_id) AS own_parent, count(DISTINCT _tickets_subject) AS subjects FROM conformance.comments",
  );
  assert.equal(row, { n: 15, own_parent: true, subjects: 5 });
  const [three] = await query(db, "SELECT DISTINCT _tickets_subject AS subject FROM conformance.comments WHERE ticket_id = 3");
  assert.is(three?.subject, makeRecord(2).subject);
});

test("§4.2 60: a parallelized child with incremental keeps only records from initial_value on", async () => {
  const db = tempDbPath();
  await syncTo(
    connectorOf(
      config([
        {
          name: "comments",
          parallelized: true,
          endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", incremental: { cursor_path: "ticket_id", initial_value: 3 }, ...COMMENTS_PAGING },
        },
      ]),
    ),
    db,
  );
  assert.equal(await query(db, "SELECT count(*) AS n, min(ticket_id) AS low FROM conformance.comments"), [{ n: 9, low: 3 }]);
});

const commentsOf = (ticket: number) => `/v1/resource/${ticket}/comments`;

test("§4.2 61: an ignored 404 ends only that parent's sequence; the run succeeds", async () => {
  api.setOptions({ faults: [2, 3, 4, 5].map((t) => ({ when: { path: commentsOf(t) }, times: 10, response: { status: 404 } })) });
  const db = tempDbPath();
  const summary = await syncTo(
    connectorOf(
      config([
        {
          name: "comments",
          endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", response_actions: [{ status_code: 404, action: "ignore" }], ...COMMENTS_PAGING },
        },
      ]),
    ),
    db,
  );
  assert.equal(await query(db, "SELECT DISTINCT ticket_id FROM conformance.comments"), [{ ticket_id: 1 }]);
  assert.is(summary.resources.find((r) => r.resource === "comments")?.ignored, 4);
});

for (const order of [
  [404, 422],
  [422, 404],
]) {
  test(`§4.2 62: ignore actions for ${order.join(" and ")} work in that order`, async () => {
    api.setOptions({
      faults: [
        { when: { path: commentsOf(2) }, response: { status: 404 } },
        { when: { path: commentsOf(3) }, response: { status: 422 } },
      ],
    });
    const db = tempDbPath();
    const actions = order.map((status) => ({ status_code: status, action: "ignore" }));
    await syncTo(
      connectorOf(
        config([{ name: "comments", endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", response_actions: actions, ...COMMENTS_PAGING } }]),
      ),
      db,
    );
    assert.equal(await query(db, "SELECT DISTINCT ticket_id FROM conformance.comments ORDER BY 1"), [{ ticket_id: 1 }, { ticket_id: 4 }, { ticket_id: 5 }]);
  });
}

test("§4.2 63: ignoring by a body substring drops those responses (and ends their sequences)", async () => {
  const db = tempDbPath();
  const summary = await syncTo(
    connectorOf(
      config([
        {
          name: "comments",
          endpoint: {
            path: "/v1/resource/{resources.tickets.id}/comments",
            response_actions: [{ content: "Reply 1 to ticket", action: "ignore" }],
            ...COMMENTS_PAGING,
          },
        },
      ]),
    ),
    db,
  );
  const comments = summary.resources.find((r) => r.resource === "comments");
  assert.equal([comments?.records, comments?.ignored], [0, 5]);
  assert.equal(await query(db, NO_TABLE("comments")), [{ n: 0 }]); // nothing loaded, so no table either
});

test("§4.2 65: a 404 without response actions fails the run naming the status", async () => {
  api.setOptions({ faults: [{ when: { path: commentsOf(2) }, response: { status: 404 } }] });
  const error = await failure(
    syncTo(connectorOf(config([{ name: "comments", endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", ...COMMENTS_PAGING } }])), tempDbPath()),
  );
  assert.match(
    error.message,
    /^comments: GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\/2\/comments\?offset=0&limit=2 failed with HTTP 404 Not Found, not retried/,
  );
});

test("§4.2 66: actions that do not match a 422 leave it an error", async () => {
  api.setOptions({ faults: [{ when: { path: commentsOf(2) }, response: { status: 422 } }] });
  const connector = connectorOf(
    config([
      {
        name: "comments",
        endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", response_actions: [{ status_code: 404, action: "ignore" }], ...COMMENTS_PAGING },
      },
    ]),
  );
  const error = await failure(syncTo(connector, tempDbPath()));
  assert.match(error.message, /HTTP 422 Unprocessable Entity, not retried/);
});

// §4.2 71: processing steps, in list order, before loading; a parent's filter reduces child calls.
const tagRows = (record: Record<string, unknown>): Record<string, unknown>[] => {
  const tags = Array.isArray(record.tags) ? record.tags : [];
  return tags.map((tag) => ({ id: `${String(record.id)}-${String(tag)}`, ticket_id: record.id, tag, status: record.status }));
};
const HOOKS: Hooks = { tagRows };
const YIELD = { yield_map: { $hook: "./hooks.ts#tagRows" } };
const OPEN = { filter: { field: "status", op: "eq", value: "open" } };

const STEPS: readonly { name: string; steps: unknown[]; sql: string; expected: Record<string, unknown>[] }[] = [
  {
    name: "a filter keeps one record",
    steps: [{ filter: { field: "id", op: "eq", value: 3 } }],
    sql: "SELECT id FROM conformance.tickets",
    expected: [{ id: 3 }],
  },
  {
    name: "a map drops, renames and sets fields",
    steps: [{ map: { drop: ["tags", "requester"], rename: { customer_id: "customer" }, set: { anonymised: true } } }],
    sql: "SELECT count(*) AS n, bool_and(anonymised) AS all_set, count(customer) AS customers FROM conformance.tickets",
    expected: [{ n: 5, all_set: true, customers: 5 }],
  },
  { name: "map then filter", steps: [{ map: { set: { status: "archived" } } }, OPEN], sql: NO_TABLE("tickets"), expected: [{ n: 0 }] },
  {
    name: "filter then map",
    steps: [OPEN, { map: { set: { status: "archived" } } }],
    sql: "SELECT id, status FROM conformance.tickets ORDER BY id",
    expected: [
      { id: 1, status: "archived" },
      { id: 4, status: "archived" },
    ],
  },
  { name: "yield_map fans out", steps: [YIELD], sql: "SELECT count(*) AS n FROM conformance.tickets", expected: [{ n: 10 }] },
  { name: "filter then yield_map", steps: [OPEN, YIELD], sql: "SELECT count(*) AS n FROM conformance.tickets", expected: [{ n: 4 }] },
  {
    name: "yield_map then filter",
    steps: [YIELD, { filter: { field: "tag", op: "eq", value: "billing" } }],
    sql: "SELECT id FROM conformance.tickets ORDER BY id",
    expected: [{ id: "1-billing" }, { id: "4-billing" }],
  },
];

for (const { name, steps, sql, expected } of STEPS) {
  test(`§4.2 71: processing steps — ${name}`, async () => {
    const db = tempDbPath();
    await syncTo(connectorOf({ name: "conformance", client: { base_url: api.url }, resources: [{ ...TICKETS, processing_steps: steps }] }, HOOKS), db);
    assert.equal(await query(db, sql), expected);
  });
}

test("§4.2 71: a parent filter limits child calls; a child filter can use include_from_parent fields", async () => {
  const db = tempDbPath();
  await syncTo(
    connectorOf({
      name: "conformance",
      client: { base_url: api.url },
      resources: [
        { ...TICKETS, processing_steps: [{ filter: { field: "id", op: "in", value: [1, 2] } }] },
        {
          name: "comments",
          include_from_parent: ["subject"],
          processing_steps: [{ filter: { field: "_tickets_subject", op: "eq", value: makeRecord(1).subject } }],
          endpoint: { path: "/v1/resource/{resources.tickets.id}/comments", ...COMMENTS_PAGING },
        },
      ],
    }),
    db,
  );
  assert.equal([...new Set(childRequests().map((r) => r.path))], [commentsOf(1), commentsOf(2)]);
  assert.equal(await query(db, "SELECT DISTINCT ticket_id FROM conformance.comments"), [{ ticket_id: 2 }]);
});

test.run();
