// Placeholder binding: percent-encoding, typed JSON values, escapes, missing fields.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DataSelectorError } from "../../../runtime/errors.ts";
import { bindEndpoint } from "../../../runtime/interpolate/bind.ts";
import { parseTemplate, TemplateSyntaxError } from "../../../runtime/interpolate/template.ts";
import type { EndpointSpec } from "../../../runtime/connector.ts";

const base: EndpointSpec = {
  path: "/x",
  method: "GET",
  params: {},
  headers: {},
  paginator: { type: "single_page" },
  dataSelector: "$",
  auth: null,
  responseActions: [],
  incremental: null,
};
const parent = { id: 42, slug: "a/b?c#d", org: { name: "Acme Co" }, tags: ["x"], dot: "..", empty: "" };
const bind = (endpoint: Partial<EndpointSpec>) => bindEndpoint({ ...base, ...endpoint }, { resources: { p: parent } }, "child");

test("path values are percent-encoded; nested fields by path", () => {
  assert.is(bind({ path: "/orgs/{resources.p.org.name}/items/{resources.p.slug}" }).path, "/orgs/Acme%20Co/items/a%2Fb%3Fc%23d");
});

test("`.`, `..` and empty values are refused in paths", () => {
  assert.throws(
    () => bind({ path: "/a/{resources.p.dot}" }),
    (e: Error) => e instanceof DataSelectorError && /"\.\.", which cannot be placed in a URL path/.test(e.message),
  );
  assert.throws(() => bind({ path: "/a/{resources.p.empty}/b" }), /cannot be placed in a URL path/);
});

test("params and headers become strings; a JSON value that is one placeholder keeps its type", () => {
  const bound = bind({
    params: { id: "{resources.p.id}", q: "id={resources.p.id}" },
    headers: { "X-Org": "{resources.p.org.name}" },
    json: { id: "{resources.p.id}", tags: "{resources.p.tags}", text: "n{resources.p.id}" },
  });
  assert.equal(bound.params, { id: 42, q: "id=42" });
  assert.equal(bound.headers, { "X-Org": "Acme Co" });
  assert.equal(bound.json, { id: 42, tags: ["x"], text: "n42" });
});

test("exact numbers (ids beyond 2^53 parse as bigints) are placed as their digits, never rounded", () => {
  const big = bindEndpoint(
    { ...base, path: "/a/{resources.p.id}/b", params: { q: "id={resources.p.id}" } },
    { resources: { p: { id: 9007199254740993n } } },
    "child",
  );
  assert.is(big.path, "/a/9007199254740993/b");
  assert.equal(big.params, { q: "id=9007199254740993" });
});

test("{{ and }} are literal braces", () => {
  assert.is(bind({ path: "/a/{{literal}}/{resources.p.id}" }).path, "/a/{literal}/42");
  assert.equal(bind({ json: { query: "{{ items(id: {resources.p.id}) }}" } }).json, { query: "{ items(id: 42) }" });
});

test("a missing parent field names the field and the parent's fields", () => {
  assert.throws(
    () => bind({ path: "/a/{resources.p.nope}" }),
    /child: the parent record of p has no field `nope` for \{resources\.p\.nope\}; its fields: id, slug, org, tags, dot, empty/,
  );
});

test("stray braces are syntax errors", () => {
  assert.throws(
    () => parseTemplate("/a/{id"),
    (e: Error) => e instanceof TemplateSyntaxError,
  );
  assert.throws(
    () => parseTemplate("/a/}"),
    (e: Error) => e instanceof TemplateSyntaxError,
  );
  assert.equal(parseTemplate("a{{b}}c{x}"), ["a{b}c", { expr: "x" }]);
});

test.run();
