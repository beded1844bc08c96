// Config validation: every problem reported at once, with its path, expectation and found value.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { loadModel } from "../../../generator/input/from-text.ts";

const seed = {
  name: "customer_support",
  client: {
    base_url: "https://api.example.com",
    auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" },
  },
  resource_defaults: { primary_key: "id", write_disposition: "merge" },
  resources: [{ name: "customer_support_data", endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 100 } } }],
};

function issuesOf(config: unknown): string[] {
  try {
    loadModel(JSON.stringify(config), "test.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  assert.unreachable("config was accepted");
  return [];
}

test("the seed config builds with dlt and seed defaults applied", () => {
  const model = loadModel(JSON.stringify(seed), "seed.json");
  const [resource] = model.resources;
  assert.equal(model.client.retry, { maxRetries: 3, backoffFactor: 2, statusCodes: [429, 500, 502, 503, 504], maxDelay: 300 });
  assert.is(model.client.timeout, 60);
  assert.equal(model.client.auth, { type: "api_key", name: "api_key", location: "query", apiKey: { $secret: "api_key" } });
  assert.equal(resource?.primaryKey, ["id"]);
  assert.is(resource?.table.writeDisposition, "merge");
  assert.equal(resource?.endpoint.paginator, {
    type: "offset",
    limit: 100,
    offset: 0,
    offsetParam: "offset",
    limitParam: "limit",
    totalPath: "total",
    maximumOffset: null,
    stopAfterEmptyPage: true,
    hasMorePath: null,
  });
});

test("several problems are all reported, each with path, expectation and found value", () => {
  const bad = structuredClone(seed) as Record<string, any>; // any: the test pokes arbitrary bad values in
  bad.client.base_url = "ftp://example.com";
  bad.client.timeout = -1;
  bad.resources[0].endpoint.paginator.limit = "abc";
  bad.resources.push({ name: "x", endpoint: { path: "/x", paginator: { type: "nope" }, data_selector: "$" } });
  bad.resources.push(7);
  const issues = issuesOf(bad);
  assert.equal(issues, [
    'client.base_url: expected an http(s) URL, optionally with {params.<name>} placeholders in its host, port or path, got "ftp://example.com"',
    "client.timeout: expected a number > 0, got -1",
    'resources[0].endpoint.paginator.limit: expected a positive integer, got "abc"',
    'resources[1].endpoint.paginator.type: expected one of "offset", "page_number", "cursor", "json_link", "header_link", "header_cursor", "single_page", "auto", "custom", got "nope"',
    "resources[2]: expected a string or an object, got 7",
  ]);
});

test("unknown keys are reported at their path", () => {
  const issues = issuesOf({ ...seed, client: { ...seed.client, sesion: {} }, extra: 1 });
  assert.equal(issues, ["client.sesion: unknown key", "extra: unknown key"]);
});

test("keys not executed yet are rejected, not ignored", () => {
  const resource = { ...seed.resources[0]!, file_format: "csv", nested_hints: {} };
  const issues = issuesOf({ ...seed, resources: [resource] });
  assert.equal(issues.length, 2);
  for (const issue of issues) assert.match(issue, /not supported yet: (file_format|nested_hints)/);
});

test("schema_contract: a mode or {tables, columns, data_type} per resource or in resource_defaults (replaced wholesale), carried into the table", () => {
  const base = seed.resources[0]!;
  const config = {
    ...seed,
    resource_defaults: { ...seed.resource_defaults, schema_contract: { columns: "freeze", data_type: "evolve" } },
    resources: [base, { ...base, name: "frozen", schema_contract: "freeze" }, { ...base, name: "partial", schema_contract: { tables: "discard_row" } }],
  };
  const model = loadModel(JSON.stringify(config), "contract.json");
  assert.equal(
    model.resources.map((r) => r.table.contract),
    [
      { tables: "evolve", columns: "freeze", dataType: "evolve" },
      { tables: "freeze", columns: "freeze", dataType: "freeze" },
      // The resource's object replaces the defaults' (dlt): unset entities take DEFAULT_CONTRACT's modes.
      { tables: "discard_row", columns: "evolve", dataType: "freeze" },
    ],
  );
  assert.not.ok("contract" in loadModel(JSON.stringify(seed), "seed.json").resources[0]!.table);
  const modes = '"evolve", "freeze", "discard_row", "discard_value"';
  for (const [bad, issue] of [
    ["melt", `resources[0].schema_contract: expected one of ${modes}, got "melt"`],
    [{ tables: "nope" }, `resources[0].schema_contract.tables: expected one of ${modes}, got "nope"`],
    [{ data_type: 1 }, `resources[0].schema_contract.data_type: expected one of ${modes}, got 1`],
    [{ colums: "freeze" }, "resources[0].schema_contract.colums: unknown key"],
  ] as const) {
    assert.equal(issuesOf({ ...seed, resources: [{ ...base, schema_contract: bad }] }), [issue]);
  }
  assert.equal(issuesOf({ ...seed, resource_defaults: { schema_contract: "thaw" } }), [
    `resource_defaults.schema_contract: expected one of ${modes}, got "thaw"`,
  ]);
});

test("max_table_nesting: a non-negative integer per resource or in resource_defaults (the resource's wins), carried into the table", () => {
  const base = seed.resources[0]!;
  const config = {
    ...seed,
    resource_defaults: { ...seed.resource_defaults, max_table_nesting: 2 },
    resources: [base, { ...base, name: "flat", max_table_nesting: 0 }],
  };
  const model = loadModel(JSON.stringify(config), "nesting.json");
  assert.equal(
    model.resources.map((r) => r.table.maxTableNesting),
    [2, 0],
  );
  assert.not.ok("maxTableNesting" in loadModel(JSON.stringify(seed), "seed.json").resources[0]!.table);
  for (const bad of [-1, 1.5, "2"]) {
    assert.equal(issuesOf({ ...seed, resources: [{ ...base, max_table_nesting: bad }] }), [
      `resources[0].max_table_nesting: expected an integer >= 0, got ${JSON.stringify(bad)}`,
    ]);
  }
});

test("dlt forms parsed but not executed yet: resource hints (skip and scd2 are executed)", () => {
  const issues = issuesOf({
    name: "x",
    client: { base_url: "http://h", paginator: "auto" },
    resources: [
      { name: "a", write_disposition: "skip", endpoint: { data_selector: "$" } },
      { name: "b", write_disposition: { disposition: "merge", strategy: "scd2" }, endpoint: { paginator: { type: "auto" }, data_selector: "$" } },
      { name: "c", endpoint: { data_selector: "$" }, nested_hints: {} },
    ],
  });
  assert.equal(issues.length, 1, issues.join("\n"));
  assert.match(issues[0] ?? "", /^resources\[2\]\.nested_hints: not supported yet: /);
  const hints = issuesOf({ ...seed, resources: [{ ...seed.resources[0]!, nested_hints: {}, references: [] }] });
  assert.equal(hints.length, 2);
  for (const issue of hints) assert.match(issue, /^resources\[0\]\.(nested_hints|references): not supported yet: /);
});

test("response actions: string status codes and unknown actions are config errors, not no-ops", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.resources[0].endpoint.response_actions = [
    { status_code: "404", action: "ignore" },
    { status_code: 404, action: "skip" },
    { content: "busy", action: "retry" },
  ];
  assert.equal(issuesOf(config), [
    'resources[0].endpoint.response_actions[0].status_code: expected an integer status code (a string never matches), got "404"',
    'resources[0].endpoint.response_actions[1].action: expected one of "ignore", "retry", "fail", got "skip"',
  ]);
  config.resources[0].endpoint.response_actions = [
    { status_code: 404, action: "ignore" },
    { content: "busy", action: "retry" },
  ];
  assert.equal(loadModel(JSON.stringify(config), "r.json").resources[0]?.endpoint.responseActions, [
    { statusCode: 404, content: null, action: "ignore" },
    { statusCode: null, content: "busy", action: "retry" },
  ]);
});

test("oauth2_client_credentials resolves with dlt's defaults; the client secret must be a secret reference", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.client.auth = {
    type: "oauth2_client_credentials",
    access_token_url: "https://auth.example.com/token",
    client_id: "app-1",
    client_secret: { $secret: "client_secret" },
  };
  assert.equal(loadModel(JSON.stringify(config), "o.json").client.auth, {
    type: "oauth2_client_credentials",
    accessTokenUrl: "https://auth.example.com/token",
    clientId: "app-1",
    clientSecret: { $secret: "client_secret" },
    accessTokenRequestData: {},
    defaultTokenExpiration: 3600,
  });
  config.client.auth.client_secret = "plain";
  assert.match(issuesOf(config)[0]!, /^client\.auth\.client_secret: expected a secret reference/);
});

test("paginator precedence: endpoint, then client, then detection; single-entity paths get single_page and $", () => {
  const model = loadModel(
    JSON.stringify({
      name: "x",
      client: { base_url: "http://h" },
      resources: [
        { name: "a", endpoint: { path: "/a" } },
        { name: "b", endpoint: { path: "/b", paginator: "auto", data_selector: "items" } },
        { name: "c", endpoint: { path: "/c/{resources.a.id}" } },
        { name: "d", endpoint: { path: "/d/{resources.a.id}/more" } },
      ],
    }),
    "x.json",
  );
  assert.equal(
    model.resources.map((r) => [r.name, r.endpoint.paginator.type, r.endpoint.dataSelector]),
    [
      ["a", "auto", null],
      ["b", "auto", "items"],
      ["c", "single_page", "$"],
      ["d", "auto", null],
    ],
  );
  const withClient = loadModel(
    JSON.stringify({
      name: "y",
      client: { base_url: "http://h", paginator: "json_link" },
      resources: [{ name: "a", endpoint: { path: "/a/{id}", params: { id: 1 }, paginator: "auto" } }],
    }),
    "y.json",
  );
  assert.is(withClient.resources[0]?.endpoint.paginator.type, "json_link");
});

test("bodies: json and data together, a body on GET, a param and a body path for one value", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.resources[0].endpoint.json = { q: 1 };
  config.resources[0].endpoint.data = { q: "1" };
  config.resources[0].endpoint.paginator = { type: "offset", limit: 10, offset_param: "skip", offset_body_path: "page.offset" };
  assert.equal(issuesOf(config), [
    "resources[0].endpoint.data: cannot use both json and data: a request has one body",
    'resources[0].endpoint.method: a request body (json, data, offset_body_path) needs method "POST"',
    "resources[0].endpoint.paginator: either 'offset_param' or 'offset_body_path' must be provided, not both",
  ]);
});

test("a literal secret is refused and never echoed", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.client.auth.api_key = "sk_live_SENTINEL_1234";
  const issues = issuesOf(config);
  assert.is(issues.length, 1);
  assert.match(issues[0]!, /^client\.auth\.api_key: expected a secret reference/);
  assert.not.match(issues.join("\n"), /SENTINEL/);
});

test("semantic problems: merge without key, unbound path params, duplicate names, no paginator, no selector", () => {
  const issues = issuesOf({
    name: "x",
    client: { base_url: "http://h" },
    resources: [
      { name: "a", write_disposition: "merge", endpoint: { path: "/a/{id}", data_selector: "$", paginator: "single_page" } },
      { name: "a", endpoint: { path: "/b" } },
    ],
  });
  assert.equal(issues, [
    'resources[0].endpoint.path: the path "/a/{id}" requires a param named "id", but it was not found in endpoint.params',
    'resources[0].write_disposition: write_disposition "merge" needs a primary_key',
    'resources[1].name: resource name "a" is already used by resources[0]',
    'resources[1].table_name: table "a" is already used by resources[0]',
  ]);
});

test("an offset paginator that could never stop is refused", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.resources[0].endpoint.paginator = { type: "offset", limit: 10, total_path: null, stop_after_empty_page: false };
  assert.equal(issuesOf(config), [
    "resources[0].endpoint.paginator: offset paginator can never stop: set total_path, maximum_offset, has_more_path or stop_after_empty_page",
  ]);
});

test("resource_defaults merge like dlt: params one level, headers replaced, columns per column", () => {
  const model = loadModel(
    JSON.stringify({
      name: "m",
      client: { base_url: "http://h", paginator: "single_page" },
      resource_defaults: {
        endpoint: { params: { a: 1, b: 2 }, headers: { X: "d" }, data_selector: "data" },
        columns: { id: { data_type: "bigint" }, name: { data_type: "text" } },
        primary_key: "id",
      },
      resources: ["plain", { name: "own", endpoint: { params: { b: 3 }, headers: { Y: "r" } }, columns: { id: { nullable: true } } }],
    }),
    "m.json",
  );
  const [plain, own] = model.resources;
  assert.is(plain?.endpoint.path, "plain");
  assert.equal(plain?.endpoint.params, { a: 1, b: 2 });
  assert.equal(own?.endpoint.params, { a: 1, b: 3 });
  assert.equal(own?.endpoint.headers, { Y: "r" });
  assert.equal(
    own?.fields.map((f) => [f.key, f.dataType, f.nullable]),
    [
      ["id", "bigint", false],
      ["name", "text", true],
    ],
  );
});

test("invalid JSON names the file and the position", () => {
  try {
    loadModel('{ "name": ', "broken.json");
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, /invalid config broken\.json: 1 problem\n {2}- \(root\): not valid JSON: /);
  }
});

test("a primary key without a data_type is required but typed by the data (string or number)", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.resources[0].columns = { name: { nullable: false } };
  const [resource] = loadModel(JSON.stringify(config), "k.json").resources;
  assert.equal(
    resource?.fields.map((f) => [f.key, f.dataType, f.nullable]),
    [
      ["name", null, false],
      ["id", null, false],
    ],
  );
  assert.equal(resource?.table.columns, []);
});

test("columns that collide after normalization name both keys", () => {
  const config = structuredClone(seed) as Record<string, any>; // any: see above
  config.resources[0].columns = { userId: { data_type: "text" }, user_id: { data_type: "text" } };
  assert.equal(issuesOf(config), ['resources[0].columns.user_id: column "userId" and this one both become "user_id" after normalization']);
});

test.run();
