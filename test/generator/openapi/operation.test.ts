// A resource finds its spec operation by path and method: placeholders of either kind match, a
// server path prefix and the base URL's path line up, and a miss names the closest spec paths.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { config, listing, modelOf, openapi, problems, ref } from "../connector-support.ts";

const test = suite("openapi: resource → operation");

const item = { type: "object", properties: { id: { type: "string" } } };
const list = { type: "array", items: ref("Item") };
const spec = openapi(
  {
    "/v1/tickets": listing(list),
    "/v1/tickets/{ticket_id}/comments": listing(list),
    "/v1/users/{user_id}": listing(item),
    "/v1/users/me": listing({ ...item, description: "me" }),
    "/v1/files/{name}.json": listing(item),
    "/v1/search": { post: listing(list).get },
  },
  { Item: item },
);

function operationOf(resource: Record<string, unknown>, base = "https://api.example.com", doc: unknown = spec): string {
  const text = JSON.stringify({ ...JSON.parse(config([resource])), client: { base_url: base, paginator: "single_page" } });
  const bound = modelOf(text, doc).resources.find((r) => r.name === resource.name)?.openapi;
  return bound === null || bound === undefined ? "(none)" : `${bound.operation.method} ${bound.operation.path}`;
}

test("a literal path matches exactly", () => {
  assert.is(operationOf({ name: "t", endpoint: { path: "/v1/tickets", data_selector: "$" } }), "GET /v1/tickets");
});

test("a parent placeholder matches a spec path parameter", () => {
  const text = config([
    { name: "t", endpoint: { path: "/v1/tickets", data_selector: "$" } },
    { name: "c", endpoint: { path: "/v1/tickets/{resources.t.id}/comments" } },
  ]);
  assert.is(modelOf(text, spec).resources[1]?.openapi?.operation.path, "/v1/tickets/{ticket_id}/comments");
});

test("a static param bound into the path matches a spec parameter; a literal segment is preferred", () => {
  assert.is(operationOf({ name: "u", endpoint: { path: "/v1/users/{uid}", params: { uid: 42 } } }), "GET /v1/users/{user_id}");
  assert.is(operationOf({ name: "u", endpoint: { path: "/v1/users/me" } }), "GET /v1/users/me");
  assert.is(operationOf({ name: "f", endpoint: { path: "/v1/files/report.json" } }), "GET /v1/files/{name}.json");
});

test("the base URL's path and the server's path line up", () => {
  assert.is(operationOf({ name: "t", endpoint: { path: "tickets", data_selector: "$" } }, "https://api.example.com/v1"), "GET /v1/tickets");
  const prefixed = openapi(
    { "/tickets": listing(list) },
    { Item: item },
    { servers: [{ url: "https://{host}/v1", variables: { host: { default: "api.example.com" } } }] },
  );
  assert.is(operationOf({ name: "t", endpoint: { path: "/v1/tickets", data_selector: "$" } }, "https://api.example.com", prefixed), "GET /tickets");
  assert.is(operationOf({ name: "t", endpoint: { path: "/tickets", data_selector: "$" } }, "https://api.example.com/v1", prefixed), "GET /tickets");
});

test("the method must match", () => {
  assert.is(operationOf({ name: "s", endpoint: { path: "/v1/search", method: "POST", json: { q: "x" } } }), "POST /v1/search");
  assert.equal(problems(config([{ name: "s", endpoint: { path: "/v1/search" } }]), spec), [
    'resources[0].endpoint.path: resource "s" (GET /v1/search): spec.json path /v1/search has no GET operation (it has POST)',
  ]);
});

test("no matching operation: a config error naming the resource, its path and the closest spec paths", () => {
  const issues = problems(
    config([
      { name: "tix", endpoint: { path: "/v1/ticket" } },
      { name: "ok", endpoint: { path: "/v1/tickets", data_selector: "$" } },
    ]),
    spec,
  );
  assert.equal(issues, [
    'resources[0].endpoint.path: resource "tix" (GET /v1/ticket): no operation in spec.json matches GET /v1/ticket; closest spec paths: /v1/tickets, /v1/search, /v1/users/{user_id}',
  ]);
});

test("every resource's problem is reported at once", () => {
  const issues = problems(
    config([
      { name: "a", endpoint: { path: "/nope" } },
      { name: "b", endpoint: { path: "/v1/search" } },
    ]),
    spec,
  );
  assert.is(issues.length, 2);
  assert.match(issues[0]!, 'resource "a"');
  assert.match(issues[1]!, 'resource "b"');
});

test.run();
