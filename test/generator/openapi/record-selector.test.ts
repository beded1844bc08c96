// The record schema: the 2xx JSON response under the data_selector (through $ref, allOf, nested
// keys, wildcards), or under the selector the spec implies when the config has none.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { config, filesOf, listing, modelOf, openapi, problems, ref } from "../connector-support.ts";

const test = suite("openapi: response → record");

const Ticket = { type: "object", required: ["id"], properties: { id: { type: "integer" }, subject: { type: "string" } } };
const page = (key = "data") => ({ type: "object", properties: { [key]: { type: "array", items: ref("Ticket") }, total: { type: "integer" } } });

function record(
  schema: unknown,
  endpoint: Record<string, unknown> = {},
  extraPaths: Record<string, unknown> = {},
): { selector: string | null; schema: unknown } {
  const spec = openapi(
    { "/t": listing(schema), ...extraPaths },
    { Ticket, Page: page(), Wrapped: { allOf: [ref("Page"), { properties: { meta: { type: "object" } } }] } },
  );
  const [resource] = modelOf(config([{ name: "t", endpoint: { path: "/t", ...endpoint } }]), spec).resources;
  return { selector: resource!.endpoint.dataSelector, schema: resource!.openapi!.schema };
}

test("data_selector walks the response schema to the array's items", () => {
  assert.equal(record(page(), { data_selector: "data" }), { selector: "data", schema: ref("Ticket") });
  assert.equal(record(ref("Page"), { data_selector: "$.data" }), { selector: "$.data", schema: ref("Ticket") });
  assert.equal(record(ref("Wrapped"), { data_selector: "data[*]" }), { selector: "data[*]", schema: ref("Ticket") }, "through allOf and $ref");
  assert.equal(
    record(
      { type: "object", properties: { result: { type: "object", properties: { items: { type: "array", items: ref("Ticket") } } } } },
      { data_selector: "result.items" },
    ).schema,
    ref("Ticket"),
  );
  assert.equal(record({ type: "array", items: ref("Ticket") }, { data_selector: "$" }).schema, ref("Ticket"));
  assert.equal(record(ref("Ticket"), { data_selector: "$" }).schema, ref("Ticket"), "an object response is one record");
});

test("without data_selector the spec implies one, and the client uses it", () => {
  assert.equal(record({ type: "array", items: ref("Ticket") }).selector, "$");
  assert.equal(record(ref("Page")).selector, "data", "the only list");
  assert.equal(record(page("results")).selector, "results");
  assert.equal(
    record({ type: "object", properties: { items: { type: "array", items: {} }, links: { type: "array", items: {} } } }).selector,
    "items",
    "the list with a record-list name",
  );
  assert.equal(record(page("it's data")).selector, "['it\\'s data']", "a quoted key");
  assert.equal(record(ref("Ticket")).selector, "$", "no list: one record");
  const files = filesOf(config([{ name: "t", endpoint: { path: "/t" } }]), openapi({ "/t": listing(page()) }, { Ticket }));
  assert.match(files["client.ts"]!, 'dataSelector: "data",');
});

test("selector problems are config errors naming the resource, the operation and what the schema has", () => {
  const spec = openapi(
    {
      "/t": listing(page()),
      "/s": listing({ type: "array", items: { type: "string" } }),
      "/m": listing({ type: "object", properties: { a: { type: "array" }, b: { type: "array" } } }),
    },
    { Ticket },
  );
  assert.equal(problems(config([{ name: "t", endpoint: { path: "/t", data_selector: "items" } }]), spec), [
    'resources[0].endpoint.data_selector: resource "t" (GET /t): data_selector "items": the response schema has no property "items" (it has data, total) (spec operation GET /t, response 200)',
  ]);
  assert.equal(problems(config([{ name: "s", endpoint: { path: "/s" } }]), spec), [
    'resources[0].endpoint.data_selector: resource "s" (GET /s): its records are string values in the spec, not objects (spec operation GET /s, response 200, data_selector "$")',
  ]);
  assert.equal(problems(config([{ name: "m", endpoint: { path: "/m" } }]), spec), [
    'resources[0].endpoint.data_selector: resource "m" (GET /m): the response has several lists (a, b): set data_selector to the one holding the records (spec operation GET /m, response 200)',
  ]);
  assert.match(problems(config([{ name: "t", endpoint: { path: "/t", data_selector: "data[?(@.x)]" } }]), spec)[0]!, "filters are not supported");
});

test("the response: 200 before other 2xx, JSON media types only", () => {
  const spec = openapi(
    {
      "/a": {
        get: {
          responses: {
            "201": {
              description: "",
              content: { "application/json": { schema: { type: "array", items: { type: "object", properties: { b: { type: "string" } } } } } },
            },
            "200": { description: "", content: { "application/vnd.api+json": { schema: { type: "array", items: ref("Ticket") } } } },
          },
        },
      },
      "/csv": { get: { responses: { "200": { description: "", content: { "text/csv": { schema: { type: "string" } } } } } } },
      "/none": { get: { responses: { "404": { description: "" } } } },
    },
    { Ticket },
  );
  const [a] = modelOf(config([{ name: "a", endpoint: { path: "/a" } }]), spec).resources;
  assert.equal(a!.openapi!.operation, { path: "/a", method: "GET", status: "200", mediaType: "application/vnd.api+json" });
  assert.equal(
    problems(
      config([
        { name: "c", endpoint: { path: "/csv" } },
        { name: "n", endpoint: { path: "/none" } },
      ]),
      spec,
    ),
    [
      'resources[0].endpoint: resource "c" (GET /csv): the spec operation GET /csv has no JSON schema for its 200 response',
      'resources[1].endpoint: resource "n" (GET /none): the spec operation GET /none has no 2xx response',
    ],
  );
});

test("openapi_mode needs openapi", () => {
  assert.throws(
    () => modelOf(JSON.stringify({ ...JSON.parse(config([{ name: "t", endpoint: { path: "/t" } }])), openapi: undefined, openapi_mode: "strict" }), {}),
    /openapi_mode: openapi_mode needs openapi/,
  );
});

test.run();
