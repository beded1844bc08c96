// Conformance, research §4.1 (config validation): the configs dlt rejects are rejected here too, each
// problem reported with its JSON path and a message saying what was expected and what was found.
//
// Not applicable (Python-only), skipped:
// - 3 (instance form): an empty `APIKeyAuth()` object; configs here are JSON. The dict forms are below.
// - 23, 25, 27: auth/paginator instances, requests `AuthBase` objects, `register_auth`/`register_paginator`
//   (custom classes). An unregistered type string is covered (it is just an unknown type).
// - 30 (Incremental objects in params), 35 (callable actions, "N actions give N+1 hooks": requests hooks).
// - 73: `rest_api()` reading its config from dlt config providers; the JSON equivalent (an empty config) is below.
// Deliberate differences, asserted as such:
// - 3: secrets are `{"$secret": name}` references resolved at run time; a missing one fails the run before
//   any request (e2e-requests.test.ts), while an auth without its secret field is a config error here.
// - 26: literal secrets are refused outright (dlt masks them as `s*****t`); the value is never echoed.
// - 35: an unknown action string is an error (dlt silently ignores it, research §6).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../runtime/errors.ts";
import { issuesOf, modelOf, type Config } from "./support.ts";

const client = { base_url: "https://api.example.com" };
const plain = { name: "posts", endpoint: { path: "posts", data_selector: "$", paginator: "single_page" } };

/** A config with `resources` and the client extended by `extra`. */
function config(resources: unknown[], extra: Record<string, unknown> = {}): Config {
  return { name: "conformance", client: { ...client, ...extra }, resources };
}

const SECRET_REF = 'expected a secret reference {"$secret": "<name>"} (a literal secret would be written into generated code)';
const SHORTHANDS = ["single_page", "json_link", "header_link", "header_cursor", "cursor", "page_number", "auto"];

const CASES: readonly { scenario: string; config: Config; issues: string[] }[] = [
  { scenario: "1: client without resources", config: { name: "x", client }, issues: ["resources: required: expected an array, got nothing"] },
  { scenario: "2: resources without client", config: { name: "x", resources: [plain] }, issues: ["client: required: expected an object, got nothing"] },
  {
    scenario: "73: an empty config names every required field at once",
    config: {},
    issues: [
      "name: required: expected a string, got nothing",
      "client: required: expected an object, got nothing",
      "resources: required: expected an array, got nothing",
    ],
  },
  { scenario: "3: api_key auth without its secret", config: config([plain], { auth: { type: "api_key" } }), issues: [`client.auth.api_key: ${SECRET_REF}`] },
  {
    scenario: "3: api_key auth with location header but no secret",
    config: config([plain], { auth: { type: "api_key", location: "header" } }),
    issues: [`client.auth.api_key: ${SECRET_REF}`],
  },
  { scenario: "4: unknown key in client", config: config([plain], { invalid_key: 1 }), issues: ["client.invalid_key: unknown key"] },
  {
    scenario: "6: params at resource level instead of under endpoint",
    config: config([{ ...plain, params: { page: 1 } }]),
    issues: ["resources[0].params: unknown key"],
  },
  {
    scenario: "7: a resolve param naming a misspelled parent",
    config: config([
      { name: "issues", endpoint: { path: "issues", data_selector: "$", paginator: "single_page" } },
      { name: "comments", endpoint: { path: "issues/{n}/comments", params: { n: { type: "resolve", resource: "issuess", field: "id" } } } },
    ]),
    issues: ['resources[1].endpoint: resource "comments" refers to a parent resource "issuess" that does not exist'],
  },
  {
    scenario: "8: path placeholders without params name the path",
    config: config([{ name: "issues", endpoint: "{org}/{repo}/issues/" }]),
    issues: [
      'resources[0].endpoint.path: the path "{org}/{repo}/issues/" requires a param named "org", but it was not found in endpoint.params',
      'resources[0].endpoint.path: the path "{org}/{repo}/issues/" requires a param named "repo", but it was not found in endpoint.params',
    ],
  },
  {
    scenario: "1.7: methods other than GET and POST",
    config: config([{ name: "posts", endpoint: { path: "posts", method: "PUT" } }]),
    issues: ['resources[0].endpoint.method: expected one of "GET", "POST", got "PUT"'],
  },
  {
    scenario: "1.4: resource names are unique",
    config: config(["posts", "posts"]),
    issues: [
      'resources[1].name: resource name "posts" is already used by resources[0]',
      'resources[1].table_name: table "posts" is already used by resources[0]',
    ],
  },
  {
    scenario: "30: a legacy param dict with an unknown type is rejected at the param",
    config: config([{ name: "posts", endpoint: { path: "posts", params: { since: { type: "no_incremental", cursor_path: "updated_at" } } } }]),
    issues: ['resources[0].endpoint.params.since: expected a string, got an object with keys "type", "cursor_path"'],
  },
  {
    scenario: "30: end_value without initial_value",
    config: config([{ name: "posts", endpoint: { path: "posts", incremental: { cursor_path: "updated_at", end_value: "2024-02-01" } } }]),
    issues: ["resources[0].endpoint.incremental.end_value: end_value was specified without initial_value"],
  },
  {
    scenario: "32: a resolve param not bound in the path",
    config: config([
      { name: "posts", endpoint: "posts" },
      { name: "comments", endpoint: { path: "comments", params: { post_id: { type: "resolve", resource: "posts", field: "id" } } } },
    ]),
    issues: [
      'resources[1].endpoint.params.post_id: resolve param "post_id" is not bound in path "comments"; to use a parent field in the query write "{resources.posts.id}"',
    ],
  },
  {
    scenario: "1.13: a malformed resources placeholder",
    config: config([
      { name: "posts", endpoint: "posts" },
      { name: "comments", endpoint: "posts/{resources.posts}/comments" },
    ]),
    issues: ["resources[1].endpoint.path: invalid placeholder {resources.posts}: expected format {resources.<resource>.<field>}"],
  },
  {
    scenario: "1.13: an expression with an unknown scope in params",
    config: config([
      { name: "posts", endpoint: "posts" },
      { name: "comments", endpoint: { path: "comments", params: { post: "{unknown.posts.id}" } } },
    ]),
    issues: [
      "resources[1].endpoint.params.post: placeholder {unknown.posts.id} in params is not valid: valid expressions start with one of: resources, incremental, params",
    ],
  },
  {
    scenario: "1.12: incremental placeholders without endpoint.incremental",
    config: config([{ name: "posts", endpoint: { path: "posts", params: { since: "{incremental.start_value}" } } }]),
    issues: ["resources[0].endpoint.params.since: placeholder {incremental.start_value} needs endpoint.incremental"],
  },
  {
    scenario: "1.13: include_from_parent on a resource without a parent",
    config: config([{ name: "posts", endpoint: "posts", include_from_parent: ["id"] }]),
    issues: ['resources[0].include_from_parent: resource "posts" has include_from_parent but does not depend on another resource'],
  },
  {
    scenario: "34: two different parents",
    config: config([
      { name: "users", endpoint: "users" },
      { name: "posts", endpoint: "posts" },
      { name: "user_details", endpoint: "users/{resources.users.id}/posts/{resources.posts.id}" },
    ]),
    issues: ['resources[2].endpoint: multiple parent resources for resource "user_details": "users", "posts"'],
  },
  {
    scenario: "34: a cycle",
    config: config([
      { name: "chicken", endpoint: "chickens/{resources.egg.id}" },
      { name: "egg", endpoint: "eggs/{resources.chicken.id}" },
    ]),
    issues: ["resources[0].endpoint: resources form a cycle: chicken → egg → chicken"],
  },
  {
    scenario: "35: an action of the wrong type lists the known actions",
    config: config([{ name: "posts", endpoint: { path: "posts", response_actions: [{ status_code: 404, action: 42 }] } }]),
    issues: ['resources[0].endpoint.response_actions[0].action: expected one of "ignore", "retry", "fail", got 42'],
  },
  {
    scenario: "35: an unknown action string is an error, not a silent no-op",
    config: config([{ name: "posts", endpoint: { path: "posts", response_actions: [{ status_code: 404, action: "skip" }] } }]),
    issues: ['resources[0].endpoint.response_actions[0].action: expected one of "ignore", "retry", "fail", got "skip"'],
  },
  {
    scenario: "88: an empty paginator param name",
    config: config([{ name: "posts", endpoint: { path: "posts", paginator: { type: "offset", limit: 10, offset_param: "" } } }]),
    issues: ['resources[0].endpoint.paginator.offset_param: expected a non-empty string, got ""'],
  },
  {
    scenario: "89: an offset paginator that could never stop",
    config: config([{ name: "posts", endpoint: { path: "posts", paginator: { type: "offset", limit: 10, total_path: null, stop_after_empty_page: false } } }]),
    issues: ["resources[0].endpoint.paginator: offset paginator can never stop: set total_path, maximum_offset, has_more_path or stop_after_empty_page"],
  },
  {
    scenario: "90: a page_number paginator that could never stop",
    config: config([{ name: "posts", endpoint: { path: "posts", paginator: { type: "page_number", total_path: null, stop_after_empty_page: false } } }]),
    issues: ["resources[0].endpoint.paginator: page_number paginator can never stop: set total_path, maximum_page, has_more_path or stop_after_empty_page"],
  },
];

for (const { scenario, config: bad, issues } of CASES) {
  test(`§4.1 ${scenario}`, () => {
    assert.equal(issuesOf(bad), issues);
  });
}

/** The one issue of `bad`, which must sit at `path` and list every name in `known` before what was found. */
function listsKnown(bad: Config, path: string, known: readonly string[], found: string): void {
  const [issue, ...more] = issuesOf(bad);
  assert.equal(more, []);
  assert.ok(issue?.startsWith(`${path}: expected one of `), issue);
  assert.ok(issue?.endsWith(`, got ${found}`), issue);
  for (const name of known) assert.ok(issue?.includes(JSON.stringify(name)), `${name} missing from: ${issue}`);
}

test("§4.1 24: an unknown auth type lists the four valid types", () => {
  listsKnown(
    config([plain], { auth: { type: "oauth1", token: { $secret: "token" } } }),
    "client.auth.type",
    ["api_key", "bearer", "http_basic", "oauth2_client_credentials"],
    '"oauth1"',
  );
});

test("§4.1 27: an unregistered paginator type lists the known ones", () => {
  const known = ["offset", "page_number", "cursor", "json_link", "header_link", "header_cursor", "single_page", "auto"];
  listsKnown(
    config([{ name: "posts", endpoint: { path: "posts", paginator: { type: "my_paginator" } } }]),
    "resources[0].endpoint.paginator.type",
    known,
    '"my_paginator"',
  );
});

test("§4.1 5: client.paginator that is not a paginator name lists the shorthands", () => {
  listsKnown(config([plain], { paginator: "invalid_paginator" }), "client.paginator", SHORTHANDS, '"invalid_paginator"');
});

test("§4.1 28: the offset shorthand is refused (it needs its limit)", () => {
  listsKnown(
    config([{ name: "posts", endpoint: { path: "posts", data_selector: "$", paginator: "offset" } }]),
    "resources[0].endpoint.paginator",
    SHORTHANDS,
    '"offset"',
  );
});

test("§4.1 all problems of one config are reported together", () => {
  const issues = issuesOf(
    config(
      [
        { ...plain, params: {} },
        { name: "b", endpoint: { path: "b", method: "PUT" } },
      ],
      { invalid_key: 1, paginator: "offset" },
    ),
  );
  assert.equal(
    issues.map((i) => i.slice(0, i.indexOf(":"))),
    ["client.paginator", "client.invalid_key", "resources[0].params", "resources[1].endpoint.method"],
  );
  assert.equal(issues.slice(1), [
    "client.invalid_key: unknown key",
    "resources[0].params: unknown key",
    'resources[1].endpoint.method: expected one of "GET", "POST", got "PUT"',
  ]);
});

const LITERAL = "sk_live_Sup3rSecret";
const LITERAL_SECRETS: readonly { field: string; auth: Record<string, unknown> }[] = [
  { field: "token", auth: { type: "bearer", token: LITERAL } },
  { field: "api_key", auth: { type: "api_key", api_key: LITERAL } },
  { field: "password", auth: { type: "http_basic", username: "user", password: LITERAL } },
  {
    field: "client_secret",
    auth: { type: "oauth2_client_credentials", access_token_url: "https://auth.example.com/token", client_id: "id", client_secret: LITERAL },
  },
];

for (const { field, auth } of LITERAL_SECRETS) {
  test(`§4.1 26: a literal ${field} is refused and never printed`, () => {
    try {
      modelOf(config([plain], { auth }));
      assert.unreachable("a literal secret was accepted");
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      assert.equal(
        error.issues.map((i) => `${i.path}: ${i.message}`),
        [`client.auth.${field}: ${SECRET_REF}, got "***" (masked)`],
      );
      assert.not.match(error.message, LITERAL);
      assert.not.match(error.message, LITERAL.slice(1, -1)); // not even dlt's s*****t-style partial form
    }
  });
}

test("§4.1 17: resource hints not executed yet answer 'not supported yet' instead of being ignored", () => {
  const issues = issuesOf(config([{ ...plain, file_format: "csv", schema_contract: "freeze", table_format: "delta", max_table_nesting: 0 }]));
  assert.equal(issues.length, 2);
  for (const [issue, key] of issues.map((i, n) => [i, ["table_format", "file_format"][n]] as const)) {
    assert.ok(issue.startsWith(`resources[0].${key}: not supported yet: ${key}`), issue);
  }
});

test("§4.1 17: schema_contract passes to the resource's table (a mode for every entity, or per entity)", () => {
  const model = modelOf(
    config([
      { ...plain, schema_contract: "discard_value" },
      { ...plain, name: "other", schema_contract: { data_type: "evolve" } },
    ]),
  );
  assert.equal(model.resources[0]?.table.contract, { tables: "discard_value", columns: "discard_value", dataType: "discard_value" });
  assert.equal(model.resources[1]?.table.contract, { tables: "evolve", columns: "evolve", dataType: "evolve" });
  assert.equal(issuesOf(config([{ ...plain, schema_contract: "frozen" }])), [
    'resources[0].schema_contract: expected one of "evolve", "freeze", "discard_row", "discard_value", got "frozen"',
  ]);
});

test("§4.1 17: max_table_nesting passes to the resource's table unchanged", () => {
  const model = modelOf(config([{ ...plain, max_table_nesting: 0 }]));
  assert.is(model.resources[0]?.table.maxTableNesting, 0);
});

test.run();
