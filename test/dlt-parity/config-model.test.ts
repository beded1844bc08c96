// Conformance, research §4.1 (construction): what a valid config becomes — expansion, resource_defaults
// merging, paginator precedence, single-entity endpoints, dlt's defaults for paginators, auth and retries.
//
// Not applicable (Python-only), skipped:
// - 9 (part): custom paginator/auth instances, a callable table_name, Incremental objects in params, a
//   DltResource parent; and the bearer dict without `type` (see /tmp/conformance-failures.md).
// - 14: object identity of paginator/Incremental/callable values kept by the merge (no objects in JSON).
// - 18: DltResource objects in `resources`.
// - 21/22 (env sections): dlt's SOURCES__REST_API__… config providers. Secrets here are `$secret`
//   references resolved from the environment at run time (rest-client.test.ts).
// - 23, 25, 27: auth/paginator instances and registration.
// - 81/103 (env part): RUNTIME__REQUEST_TIMEOUT & co.; the same settings live in client.timeout/client.retry.
// Deliberate difference, asserted as such:
// - 20: a single-entity path keeps a client-level paginator (dlt replaces it with single_page, #2586).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { validateConfig } from "../../generator/config/load.ts";
import { buildModel } from "../../generator/model/build.ts";
import type { ResourceModel } from "../../generator/model/model.ts";
import type { EndpointSpec, PaginatorSpec } from "../../runtime/connector.ts";
import { modelOf, only, type Config } from "./support.ts";

const client = { base_url: "https://api.example.com" };

function config(resources: unknown[], extra: Record<string, unknown> = {}): Config {
  return { name: "conformance", client, resources, ...extra };
}

/** The model of one resource by name. */
function resource(cfg: Config, name: string): ResourceModel {
  const found = modelOf(cfg).resources.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no resource ${name}`);
  return found;
}

const BEARER = { type: "bearer", token: { $secret: "token" } };

const VALID: readonly { scenario: string; config: Config; expect: (model: ReturnType<typeof modelOf>) => unknown; is: unknown }[] = [
  {
    scenario: "the resolve form",
    config: config([
      { name: "issues", endpoint: "issues" },
      { name: "comments", endpoint: { path: "issues/{issue}/comments", params: { issue: { type: "resolve", resource: "issues", field: "number" } } } },
    ]),
    expect: (m) => m.resources.map((r) => [r.name, r.endpoint.path, r.parent?.resource ?? null]),
    is: [
      ["issues", "issues", null],
      ["comments", "issues/{resources.issues.number}/comments", "issues"],
    ],
  },
  {
    scenario: "the placeholder form",
    config: config([
      { name: "issues", endpoint: "issues" },
      { name: "comments", endpoint: "issues/{resources.issues.number}/comments" },
    ]),
    expect: (m) => m.resources.map((r) => [r.name, r.endpoint.path, r.parent?.resource ?? null]),
    is: [
      ["issues", "issues", null],
      ["comments", "issues/{resources.issues.number}/comments", "issues"],
    ],
  },
  {
    scenario: "static path params combined with resolve",
    config: config([
      { name: "issues", endpoint: "issues" },
      {
        name: "comments",
        endpoint: {
          path: "{org}/issues/{issue}/comments",
          params: { org: "dlt-hub", issue: { type: "resolve", resource: "issues", field: "number" }, per_page: 50 },
        },
      },
    ]),
    expect: (m) => [m.resources[1]?.endpoint.path, m.resources[1]?.endpoint.params],
    is: ["dlt-hub/issues/{resources.issues.number}/comments", { per_page: 50 }],
  },
  {
    scenario: "an endpoint given as a string",
    config: config([{ name: "posts", endpoint: "blog/posts" }]),
    expect: (m) => m.resources[0]?.endpoint.path,
    is: "blog/posts",
  },
  {
    scenario: "a paginator given as a string",
    config: config([{ name: "posts", endpoint: { path: "posts", paginator: "json_link" } }]),
    expect: (m) => m.resources[0]?.endpoint.paginator.type,
    is: "json_link",
  },
  {
    scenario: "bearer auth with its type",
    config: config(["posts"], { client: { ...client, auth: BEARER } }),
    expect: (m) => m.client.auth,
    is: { type: "bearer", token: { $secret: "token" } },
  },
  {
    scenario: "header_link with http_basic",
    config: config(["posts"], {
      client: { ...client, paginator: "header_link", auth: { type: "http_basic", username: "user", password: { $secret: "password" } } },
    }),
    expect: (m) => [m.resources[0]?.endpoint.paginator, m.client.auth],
    is: [
      { type: "header_link", linksNextKey: "next" },
      { type: "http_basic", username: "user", password: { $secret: "password" } },
    ],
  },
  {
    scenario: "endpoint incremental with start and end params",
    config: config([
      {
        name: "posts",
        endpoint: {
          path: "posts",
          incremental: { cursor_path: "updated_at", initial_value: "2024-01-01", end_value: "2024-02-01", start_param: "since", end_param: "until" },
        },
      },
    ]),
    expect: (m) =>
      only(m.resources[0]?.endpoint.incremental, {
        cursorPath: "updated_at",
        initialValue: "2024-01-01",
        endValue: "2024-02-01",
        startParam: "since",
        endParam: "until",
      }),
    is: { cursorPath: "updated_at", initialValue: "2024-01-01", endValue: "2024-02-01", startParam: "since", endParam: "until" },
  },
  {
    scenario: "client headers, and a resource with only a name",
    config: config([{ name: "posts" }], { client: { ...client, headers: { "X-Version": "2" } } }),
    expect: (m) => [m.client.headers, m.resources[0]?.endpoint.path],
    is: [{ "X-Version": "2" }, "posts"],
  },
  {
    scenario: "endpoint-level auth",
    config: config([{ name: "posts", endpoint: { path: "posts", auth: BEARER } }]),
    expect: (m) => [m.client.auth, m.resources[0]?.endpoint.auth],
    is: [null, { type: "bearer", token: { $secret: "token" } }],
  },
];

for (const { scenario, config: cfg, expect, is } of VALID) {
  test(`§4.1 9: builds: ${scenario}`, () => {
    assert.equal(expect(modelOf(cfg)), is);
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

test("§4.1 10: building never mutates the input config, and resources never share merged values", () => {
  const input = deepFreeze(
    config(["a", { name: "b", endpoint: { path: "b", params: { own: 1 }, json: { x: 1 } } }], {
      resource_defaults: { endpoint: { method: "POST", params: { shared: 1 }, json: { y: 2 } }, columns: { id: { data_type: "bigint" } } },
    }),
  );
  const before = JSON.stringify(input);
  const model = buildModel(validateConfig(input, "frozen.json"), "frozen.json"); // frozen: a mutation would throw
  assert.is(JSON.stringify(input), before);
  assert.equal(
    model.resources.map((r) => [r.name, r.endpoint.params, r.endpoint.json]),
    [
      ["a", { shared: 1 }, { y: 2 }],
      ["b", { shared: 1, own: 1 }, { y: 2, x: 1 }],
    ],
  );
});

test("§4.1 11: expansion — a string is name and path, a string endpoint is the path, no path means the name", () => {
  const model = modelOf(
    config(["posts", { name: "users", endpoint: "people" }, { name: "items" }, { name: "things", endpoint: { params: { a: 1 } } }], {
      resource_defaults: { endpoint: { path: "never/used" } },
    }),
  );
  assert.equal(
    model.resources.map((r) => [r.name, r.endpoint.path]),
    [
      ["posts", "posts"],
      ["users", "people"],
      ["items", "items"],
      ["things", "things"],
    ],
  );
});

test("§4.1 12: defaults merge — columns per column, params and json key-wise with the resource winning", () => {
  const cfg = config(
    [
      {
        name: "posts",
        columns: { id: { nullable: false }, title: { data_type: "text" } },
        endpoint: { path: "posts", method: "POST", params: { sort: "desc" }, json: { size: 20 } },
      },
      { name: "users", endpoint: { path: "users", method: "POST" } },
    ],
    {
      resource_defaults: {
        columns: { id: { data_type: "bigint" }, created_at: { data_type: "timestamp" } },
        endpoint: { params: { per_page: 50, sort: "asc" }, json: { filter: "open", size: 10 } },
      },
    },
  );
  const posts = resource(cfg, "posts");
  assert.equal(
    posts.fields.map((f) => [f.key, f.dataType, f.nullable]),
    [
      ["id", "bigint", false],
      ["created_at", "timestamp", true],
      ["title", "text", true],
    ],
  );
  assert.equal(posts.endpoint.params, { per_page: 50, sort: "desc" });
  assert.equal(posts.endpoint.json, { filter: "open", size: 20 });
  const users = resource(cfg, "users");
  assert.equal(
    [users.endpoint.params, users.endpoint.json],
    [
      { per_page: 50, sort: "asc" },
      { filter: "open", size: 10 },
    ],
  );
  assert.equal(
    users.fields.map((f) => [f.key, f.dataType]),
    [
      ["id", "bigint"],
      ["created_at", "timestamp"],
    ],
  );
});

test("§4.1 13: the resource's paginator, incremental, headers, selector, auth, actions and disposition replace the defaults wholesale", () => {
  const posts = resource(
    config(
      [
        {
          name: "posts",
          write_disposition: "append",
          endpoint: {
            path: "posts",
            paginator: { type: "offset", limit: 10 },
            headers: { "X-B": "3" },
            data_selector: "items",
            auth: { type: "http_basic", username: "u", password: { $secret: "password" } },
            response_actions: [{ status_code: 422, action: "ignore" }],
            incremental: { cursor_path: "id" },
          },
        },
      ],
      {
        resource_defaults: {
          write_disposition: "merge",
          primary_key: "id",
          selected: false,
          endpoint: {
            paginator: { type: "offset", limit: 50, total_path: null, maximum_offset: 500 },
            headers: { "X-A": "1", "X-B": "2" },
            data_selector: "data",
            auth: BEARER,
            response_actions: [{ status_code: 404, action: "ignore" }],
            incremental: { cursor_path: "updated_at", initial_value: "2024-01-01", lag: 60 },
          },
        },
      },
    ),
    "posts",
  );
  const paginator = posts.endpoint.paginator as Extract<PaginatorSpec, { type: "offset" }>;
  assert.equal(only(paginator, { limit: 10, totalPath: "total", maximumOffset: null }), { limit: 10, totalPath: "total", maximumOffset: null });
  assert.equal(posts.endpoint.headers, { "X-B": "3" });
  assert.is(posts.endpoint.dataSelector, "items");
  assert.is(posts.endpoint.auth?.type, "http_basic");
  assert.equal(posts.endpoint.responseActions, [{ statusCode: 422, content: null, action: "ignore" }]);
  assert.equal(only(posts.endpoint.incremental, { cursorPath: "id", initialValue: null, lag: null }), { cursorPath: "id", initialValue: null, lag: null });
  assert.is(posts.table.writeDisposition, "append");
  // keys only in the defaults are inherited
  assert.equal([posts.selected, posts.primaryKey], [false, ["id"]]);
});

test("§4.1 15: an explicit null data_selector in the resource overrides the default (detection)", () => {
  const posts = resource(
    config([{ name: "posts", endpoint: { path: "posts", data_selector: null } }], { resource_defaults: { endpoint: { data_selector: "data" } } }),
    "posts",
  );
  assert.is(posts.endpoint.dataSelector, null);
});

test("§4.1 16: a single-entity path gets single_page and `$`, even when they are explicitly null; a sub-collection does not", () => {
  const model = modelOf(
    config([
      { name: "user", endpoint: { path: "user/{id}", params: { id: 7 }, paginator: null, data_selector: null } },
      { name: "messages", endpoint: { path: "user/{id}/messages", params: { id: 7 } } },
    ]),
  );
  assert.equal(
    model.resources.map((r) => [r.endpoint.path, r.endpoint.paginator.type, r.endpoint.dataSelector]),
    [
      ["user/7", "single_page", "$"],
      ["user/7/messages", "auto", null],
    ],
  );
});

test("§4.1 17: resource hints pass to the table unchanged (names normalized)", () => {
  const posts = resource(
    config([
      {
        name: "posts",
        table_name: "Blog Posts",
        write_disposition: "replace",
        primary_key: ["id", "lang"],
        columns: [
          { name: "id", data_type: "bigint" },
          { name: "lang", data_type: "text" },
          { name: "body", description: "the text" },
        ],
        selected: false,
      },
    ]),
    "posts",
  );
  assert.equal(posts.table, {
    name: "blog_posts",
    writeDisposition: "replace",
    primaryKey: ["id", "lang"],
    columns: [
      { name: "id", dataType: "bigint", nullable: false },
      { name: "lang", dataType: "text", nullable: false },
    ],
  });
  assert.is(posts.selected, false);
  assert.equal(
    posts.fields.map((f) => [f.key, f.description]),
    [
      ["id", null],
      ["lang", null],
      ["body", "the text"],
    ],
  );
});

// §4.1 19: the paginator precedence matrix — endpoint > resource_defaults > client > detection.
const CLIENT = { type: "header_link" };
const DEFAULTS = { type: "json_link", next_url_path: "paging.next" };
const ENDPOINT = { type: "cursor", cursor_path: "paging.cursor" };
const NULL = null;
const WHO: Readonly<Record<string, string>> = { header_link: "client", json_link: "defaults", cursor: "endpoint", auto: "detect", single_page: "single_page" };

type Slot = typeof CLIENT | typeof DEFAULTS | typeof ENDPOINT | null | undefined;

function paginatorFrom(path: string, params: Record<string, unknown>, c: Slot, d: Slot, e: Slot): string {
  const endpoint: Record<string, unknown> = { path, params };
  if (e !== undefined) endpoint.paginator = e;
  const cfg: Config = {
    name: "conformance",
    client: c === undefined ? client : { ...client, paginator: c },
    resources: [{ name: "r", endpoint }],
    ...(d === undefined ? {} : { resource_defaults: { endpoint: { paginator: d } } }),
  };
  const type = modelOf(cfg).resources[0]?.endpoint.paginator.type ?? "";
  return WHO[type] ?? type;
}

const MATRIX: readonly [Slot, Slot, Slot, string][] = [
  [undefined, undefined, undefined, "detect"],
  [CLIENT, undefined, undefined, "client"],
  [undefined, DEFAULTS, undefined, "defaults"],
  [undefined, undefined, ENDPOINT, "endpoint"],
  [CLIENT, DEFAULTS, undefined, "defaults"],
  [CLIENT, undefined, ENDPOINT, "endpoint"],
  [undefined, DEFAULTS, ENDPOINT, "endpoint"],
  [CLIENT, DEFAULTS, ENDPOINT, "endpoint"],
  [undefined, undefined, NULL, "detect"],
  [CLIENT, undefined, NULL, "client"],
  [undefined, DEFAULTS, NULL, "detect"],
  [CLIENT, DEFAULTS, NULL, "client"],
];

const label = (slot: Slot) => (slot === undefined ? "-" : slot === null ? "null" : WHO[slot.type]);

for (const [c, d, e, winner] of MATRIX) {
  test(`§4.1 19: paginator precedence client=${label(c)} defaults=${label(d)} endpoint=${label(e)} → ${winner}`, () => {
    assert.is(paginatorFrom("posts", {}, c, d, e), winner);
  });
}

// §4.1 20: the single-entity precedence matrix (path `users/{id}`).
const SINGLE: readonly [Slot, Slot, Slot, string, string][] = [
  [undefined, undefined, undefined, "single_page", "as dlt"],
  [CLIENT, undefined, undefined, "client", "dlt: single_page (#2586), here the client's paginator is respected"],
  [undefined, DEFAULTS, undefined, "defaults", "as dlt"],
  [undefined, undefined, ENDPOINT, "endpoint", "as dlt"],
  [undefined, undefined, NULL, "single_page", "as dlt"],
  [CLIENT, undefined, NULL, "client", "dlt: single_page (#2586), here the client's paginator is respected"],
  [undefined, DEFAULTS, NULL, "single_page", "as dlt"],
];

for (const [c, d, e, winner, note] of SINGLE) {
  test(`§4.1 20: single entity client=${label(c)} defaults=${label(d)} endpoint=${label(e)} → ${winner} (${note})`, () => {
    assert.is(paginatorFrom("users/{id}", { id: 1 }, c, d, e), winner);
  });
}

test("§4.1 20: a single-entity path selects `$` unless a data_selector is given", () => {
  const model = modelOf(
    config([
      { name: "a", endpoint: { path: "users/{id}", params: { id: 1 } } },
      { name: "b", endpoint: { path: "users/{id}", params: { id: 2 }, data_selector: "user" } },
    ]),
  );
  assert.equal(
    model.resources.map((r) => r.endpoint.dataSelector),
    ["$", "user"],
  );
});

test("§4.3 94 / §1.8: which paths are single-entity (the last segment holds a placeholder)", () => {
  const paths = ["user/{id}", "items/{id}.json", "x/{id}_data", "{id}", "trips?filter[route]={id}", "users/{id}/details", "/{user id}", "users/{id}/#section"];
  const model = modelOf(config(paths.map((path, i) => ({ name: `r${i}`, endpoint: { path, params: { id: 1, "user id": 2 } } }))));
  assert.equal(
    model.resources.map((r) => [r.endpoint.path, r.endpoint.paginator.type]),
    [
      ["user/1", "single_page"],
      ["items/1.json", "single_page"],
      ["x/1_data", "single_page"],
      ["1", "single_page"],
      ["trips?filter[route]=1", "single_page"],
      ["users/1/details", "auto"],
      ["/2", "auto"],
      ["users/1/#section", "auto"],
    ],
  );
});

test("§4.1 21: auth defaults — api_key goes in the Authorization header; `param` means the query; OAuth2 tokens live 3600 s", () => {
  const auth = (a: Record<string, unknown>) => modelOf(config(["posts"], { client: { ...client, auth: a } })).client.auth;
  assert.equal(auth({ type: "api_key", api_key: { $secret: "api_key" } }), {
    type: "api_key",
    name: "Authorization",
    location: "header",
    apiKey: { $secret: "api_key" },
  });
  assert.equal(auth({ type: "api_key", name: "key", location: "param", api_key: { $secret: "api_key" } }), {
    type: "api_key",
    name: "key",
    location: "query",
    apiKey: { $secret: "api_key" },
  });
  assert.equal(auth({ type: "api_key", name: "session", location: "cookie", api_key: { $secret: "api_key" } }), {
    type: "api_key",
    name: "session",
    location: "cookie",
    apiKey: { $secret: "api_key" },
  });
  assert.equal(
    auth({
      type: "oauth2_client_credentials",
      access_token_url: "https://auth.example.com/token",
      client_id: { $secret: "client_id" },
      client_secret: { $secret: "client_secret" },
    }),
    {
      type: "oauth2_client_credentials",
      accessTokenUrl: "https://auth.example.com/token",
      clientId: { $secret: "client_id" },
      clientSecret: { $secret: "client_secret" },
      accessTokenRequestData: {},
      defaultTokenExpiration: 3600,
    },
  );
});

// §4.1 28/29: every shorthand builds, and paginator dicts take dlt's defaults for what they leave out.
const PAGINATORS: readonly [unknown, Partial<PaginatorSpec> & { type: string }][] = [
  ["single_page", { type: "single_page" }],
  ["json_link", { type: "json_link", nextUrlPath: "next" }],
  [
    { type: "json_link", next_url_path: "paging.next" },
    { type: "json_link", nextUrlPath: "paging.next" },
  ],
  ["header_link", { type: "header_link", linksNextKey: "next" }],
  ["header_cursor", { type: "header_cursor", cursorKey: "next", cursorParam: "cursor" }],
  [
    { type: "header_cursor", cursor_key: "X-Next-Cursor" },
    { type: "header_cursor", cursorKey: "X-Next-Cursor", cursorParam: "cursor" },
  ],
  ["cursor", { type: "cursor", cursorPath: "cursors.next", cursorParam: "cursor", stopAfterEmptyPage: false, hasMorePath: null }],
  [
    { type: "offset", limit: 42 },
    {
      type: "offset",
      limit: 42,
      offset: 0,
      offsetParam: "offset",
      limitParam: "limit",
      totalPath: "total",
      maximumOffset: null,
      stopAfterEmptyPage: true,
      hasMorePath: null,
    },
  ],
  [
    { type: "offset", limit: 10, total_path: null },
    { type: "offset", totalPath: null, stopAfterEmptyPage: true },
  ],
  [
    "page_number",
    { type: "page_number", basePage: 0, page: 0, pageParam: "page", totalPath: "total", maximumPage: null, stopAfterEmptyPage: true, hasMorePath: null },
  ],
  [
    { type: "page_number", base_page: 1, page: 10, total_path: "response.pages" },
    { type: "page_number", basePage: 1, page: 10, pageParam: "page", totalPath: "response.pages" },
  ],
  [
    { type: "page_number", base_page: 1 },
    { type: "page_number", basePage: 1, page: 1 },
  ],
  ["auto", { type: "auto" } as Partial<PaginatorSpec> & { type: string }],
];

for (const [paginator, expected] of PAGINATORS) {
  test(`§4.1 29: paginator ${JSON.stringify(paginator)} → dlt's defaults`, () => {
    const actual: EndpointSpec["paginator"] | undefined = modelOf(config([{ name: "r", endpoint: { path: "r", paginator } }])).resources[0]?.endpoint.paginator;
    assert.equal(only(actual as Record<string, unknown> | undefined, expected), expected);
  });
}

test("§4.1 30/31: incremental lag and convert are kept; unset keys take dlt's defaults", () => {
  const posts = resource(
    config([
      {
        name: "posts",
        endpoint: {
          path: "posts",
          incremental: { cursor_path: "updated_at", initial_value: "2024-01-01T00:00:00Z", lag: 3600, convert: "iso_to_epoch_seconds", start_param: "since" },
        },
      },
    ]),
    "posts",
  );
  assert.equal(
    posts.endpoint.incremental &&
      only(posts.endpoint.incremental, {
        lag: 3600,
        convert: "iso_to_epoch_seconds",
        lastValueFunc: "max",
        rangeStart: "closed",
        rangeEnd: "open",
        onCursorValueMissing: "raise",
        endValue: null,
        endParam: null,
        rowOrder: null,
      }),
    {
      lag: 3600,
      convert: "iso_to_epoch_seconds",
      lastValueFunc: "max",
      rangeStart: "closed",
      rangeEnd: "open",
      onCursorValueMissing: "raise",
      endValue: null,
      endParam: null,
      rowOrder: null,
    },
  );
});

test("§4.1 32: static path params are bound into the path and leave the query; a resolve placeholder stays", () => {
  const model = modelOf(
    config([
      { name: "orgs", endpoint: "orgs" },
      {
        name: "repos",
        endpoint: {
          path: "orgs/{org}/repos/{repo}/issues",
          params: { org: "dlt hub", repo: { type: "resolve", resource: "orgs", field: "repo" }, state: "open" },
        },
      },
    ]),
  );
  assert.equal(
    [model.resources[1]?.endpoint.path, model.resources[1]?.endpoint.params],
    ["orgs/dlt%20hub/repos/{resources.orgs.repo}/issues", { state: "open" }],
  );
});

test("§4.1 34: two children may share a parent, a child may take several fields, chains run parents first", () => {
  const model = modelOf(
    config([
      { name: "meetings", endpoint: "locations/{resources.location_details.id}/meetings" },
      { name: "location_details", endpoint: "locations/{resources.locations.id}/{resources.locations.slug}" },
      { name: "location_photos", endpoint: "locations/{resources.locations.id}/photos" },
      { name: "locations", endpoint: "locations" },
    ]),
  );
  assert.equal(
    model.resources.map((r) => [r.name, r.parent?.resource ?? null]),
    [
      ["locations", null],
      ["location_details", "locations"],
      ["meetings", "location_details"],
      ["location_photos", "locations"],
    ],
  );
});

test("§4.3 97/103: retry, timeout and input limit defaults, and the values a config sets", () => {
  assert.equal(modelOf(config(["posts"])).client, {
    baseUrl: "https://api.example.com",
    headers: {},
    auth: null,
    retry: { maxRetries: 3, backoffFactor: 2, statusCodes: [429, 500, 502, 503, 504], maxDelay: 300 },
    timeout: 60,
    maxResponseBytes: 32 * 1024 * 1024,
    maxJsonDepth: 128,
  });
  const limits = { max_response_bytes: 1024, max_json_depth: 16 };
  const set = modelOf(
    config(["posts"], { client: { ...client, timeout: 42, ...limits, retry: { max_retries: 4, backoff_factor: 1, status_codes: [503], max_delay: 10 } } }),
  ).client;
  assert.equal([set.timeout, set.retry], [42, { maxRetries: 4, backoffFactor: 1, statusCodes: [503], maxDelay: 10 }]);
  assert.equal([set.maxResponseBytes, set.maxJsonDepth], [1024, 16]);
});

test.run();
