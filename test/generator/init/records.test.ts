// Which GETs are list endpoints, where their records are, their keys, names and required inputs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { envelope, get, initOf, item, paginatorOf, q, resource, resources } from "./support.ts";

const arrayOf = (items: object) => ({ type: "array", items });
const selectors: [string, object, string | undefined][] = [
  ["a bare array", arrayOf(item), "$"],
  ["data", envelope({}), "data"],
  ["results next to other arrays", { type: "object", properties: { tags: arrayOf(item), results: arrayOf(item) } }, "results"],
  ["an array named after the path", { type: "object", properties: { type: { type: "string" }, things: arrayOf(item) } }, "things"],
  [
    "a nested envelope",
    { type: "object", properties: { response: { type: "object", properties: { items: arrayOf(item), count: { type: "integer" } } } } },
    "response.items",
  ],
  [
    "records under an allOf",
    { allOf: [{ $ref: "#/components/schemas/Page" }, { type: "object", properties: { results: arrayOf({ $ref: "#/components/schemas/Thing" }) } }] },
    "results",
  ],
  ["an odd property name (quoted JSONPath)", { type: "object", properties: { "it'ems.x": arrayOf(item) } }, "['it\\'ems.x']"],
  ["an entity (it has an id)", { type: "object", properties: { id: { type: "string" }, data: arrayOf(item) } }, undefined],
  ["an array of strings", arrayOf({ type: "string" }), undefined],
  ["a scalar", { type: "string" }, undefined],
  ["several unnamed arrays (an entity)", { type: "object", properties: { available: arrayOf(item), pending: arrayOf(item) } }, undefined],
];

for (const [name, schema, selector] of selectors) {
  test(`records: ${name}`, () => {
    const components = { schemas: { Page: { type: "object", properties: { total: { type: "integer" } } }, Thing: item } };
    const run = () => initOf({ "/things": get(schema), "/other": get(arrayOf(item)) }, { components });
    const r = resources(run()).find((x) => x.name === "things");
    assert.is(r?.endpoint.data_selector, selector);
  });
}

test("a single-entity path is not a list even when its object holds records", () => {
  const result = initOf({ "/things/{id}": get(envelope({})), "/things": get(arrayOf(item)) });
  assert.equal(
    resources(result).map((r) => r.endpoint.path),
    ["/things"],
  );
});

test("several unnamed arrays are reported, not guessed", () => {
  const result = initOf({ "/balance": get({ type: "object", properties: { available: arrayOf(item), pending: arrayOf(item) } }), "/x": get(arrayOf(item)) });
  assert.match(result.warnings.join("\n"), /\/balance: not treated as a list: several arrays of objects \(available, pending\)/);
});

const keys: [string, object, object][] = [
  ["a required id → merge", item, { primary_key: "id", write_disposition: "merge" }],
  ["an optional integer id → merge", { type: "object", properties: { id: { type: "integer" } } }, { primary_key: "id", write_disposition: "merge" }],
  ["Asana's gid → merge", { type: "object", properties: { gid: { type: "string" } } }, { primary_key: "gid", write_disposition: "merge" }],
  ["no id → append", { type: "object", properties: { name: { type: "string" } } }, { write_disposition: "append" }],
  ["an object-typed id is no key → append", { type: "object", properties: { id: { type: "object" } } }, { write_disposition: "append" }],
];

for (const [name, items, expected] of keys) {
  test(`primary key: ${name}`, () => {
    const r = resource(initOf({ "/things": get(arrayOf(items)) }), "things");
    assert.equal({ primary_key: r.primary_key, write_disposition: r.write_disposition }, { primary_key: undefined, ...expected });
    assert.match(r.$comment, /GET \/things; the response is an array; /);
  });
}

test("names: the last path word, widened on collisions, deterministic and sorted by path", () => {
  const result = initOf({
    "/v1/tickets/{ticket_id}/comments": get(arrayOf(item)),
    "/v1/posts/{post_id}/comments": get(arrayOf(item)),
    "/v1/tickets": get(arrayOf(item)),
    "/v1/posts": get(arrayOf(item)),
    "/v2/tickets": get(arrayOf(item)),
    "/api/v1/Weird Name!": get(arrayOf(item)),
  });
  assert.equal(
    resources(result).map((r) => r.name),
    ["weird_name", "posts", "posts_comments", "v1_tickets", "tickets_comments", "v2_tickets"],
  );
});

test("the connector name comes from info.title unless --name; output is byte-for-byte deterministic", () => {
  const paths = { "/b": get(arrayOf(item)), "/a": get(envelope({ next: { type: "string", format: "uri" } }), [q("limit", { type: "integer", maximum: 9 })]) };
  const one = initOf(paths, { info: { title: "My  Support-API v2!", version: "1" } });
  assert.is(one.config.name, "my_support_api_v2");
  assert.is(initOf(paths, {}, { name: "custom" }).config.name, "custom");
  assert.is(JSON.stringify(initOf(paths, { info: { title: "My  Support-API v2!", version: "1" } }).config), JSON.stringify(one.config));
  assert.throws(() => initOf(paths, {}, { name: "Bad-Name" }), /--name expects snake_case/);
});

test("a required query param without a default is FILL_ME_IN and leaves the resource unselected; defaults are used", () => {
  const params = [
    q("query", { type: "string" }, { required: true }),
    q("kind", { type: "string", default: "open" }, { required: true }),
    q("x", { type: "string" }),
    { name: "X-Version", in: "header", required: true, schema: { type: "string", enum: ["2"] } },
  ];
  const r = resource(initOf({ "/search": get(envelope({}), params) }), "search");
  assert.equal(r.endpoint.params, { kind: "open", query: "FILL_ME_IN" });
  assert.equal(r.endpoint.headers, { "X-Version": "2" });
  assert.is(r.selected, false);
  assert.match(r.$comment, /unselected: required values are missing/);
});

test("a child of a parent that needs values filled in is unselected too", () => {
  const result = initOf({ "/things": get(arrayOf(item), [q("org", { type: "string" }, { required: true })]), "/things/{thing_id}/parts": get(arrayOf(item)) });
  assert.equal(
    resources(result).map((r) => [r.name, r.selected]),
    [
      ["things", false],
      ["parts", false],
    ],
  );
  assert.match(resource(result, "parts").$comment, /unselected: its parent things needs values filled in first/);
});

test("--include selects by path or name glob; a matched child brings its parent along, unselected", () => {
  const paths = {
    "/tickets": get(arrayOf(item)),
    "/tickets/{ticket_id}/comments": get(arrayOf(item)),
    "/users": get(arrayOf(item)),
    "/users/{id}/roles": get(arrayOf(item)),
  };
  assert.equal(
    resources(initOf(paths, {}, { include: ["/users*"] })).map((r) => r.name),
    ["users"],
  );
  assert.equal(
    resources(initOf(paths, {}, { include: ["/users/**"] })).map((r) => r.name),
    ["users", "roles"],
  );
  const child = resources(initOf(paths, {}, { include: ["comments"] }));
  assert.equal(
    child.map((r) => [r.name, r.selected]),
    [
      ["tickets", false],
      ["comments", undefined],
    ],
  );
  assert.throws(() => initOf(paths, {}, { include: ["nothing"] }), /no list endpoint matches --include nothing/);
  assert.throws(() => initOf({ "/x": get({ type: "string" }) }), /no list endpoints among its 1 GET operations/);
});

test("every resource and the paginator carry their evidence in $comment", () => {
  const r = resource(
    initOf({ "/things": get(envelope({ total: { type: "integer" } }), [q("offset", { type: "integer" }), q("limit", { type: "integer", maximum: 10 })]) }),
    "things",
  );
  assert.is(r.$comment, "GET /things; records at data: the only array of objects in the response; records have a required `id` property: merge on it");
  assert.is(r.endpoint.paginator.$comment, "numeric `offset` with `limit` query params; limit 10 (its maximum 10); the total count at total");
  assert.equal(paginatorOf(r), { type: "offset", limit: 10 });
});

test("a page size the description states is used when the schema declares no maximum; a declared maximum still wins", () => {
  const stripeLike = "A limit on the number of objects to be returned. Limit can range between 1 and 100, and the default is 10.";
  const sized = (limit: object, extra: object = {}) =>
    resource(initOf({ "/things": get(envelope({ total: { type: "integer" } }), [q("offset", { type: "integer" }), q("limit", limit, extra)]) }), "things");
  const described = sized({ type: "integer" }, { description: stripeLike });
  assert.equal(paginatorOf(described), { type: "offset", limit: 100 });
  assert.match(described.endpoint.paginator.$comment, /limit 100 \(its description: "between 1 and 100"\)/);
  assert.equal(paginatorOf(sized({ type: "integer", description: "Maximum of 250 items per page." })), { type: "offset", limit: 250 });
  assert.equal(paginatorOf(sized({ type: "integer", maximum: 50 }, { description: stripeLike })), { type: "offset", limit: 50 });
  // Numbers that are no bound are not taken for one.
  assert.equal(paginatorOf(sized({ type: "integer", default: 20 }, { description: "Items per page (see RFC 5988)." })), { type: "offset", limit: 20 });
});

test.run();
