import { test } from "uvu";
import * as assert from "uvu/assert";
import { detectDataSelector } from "../../../runtime/detect/data-selector.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";

const row = { id: 1 };

const cases: [name: string, body: unknown, path: string][] = [
  ["a top-level list", [row], "$"],
  ["an empty top-level list", [], "$"],
  ["a string", "text", "$"],
  ["null", null, "$"],
  ["an object without lists", { id: 1, name: "x" }, "$"],
  ["dlt's flaw: a scalar list in meta before the records", { meta: { tags: ["a"] }, products: [row] }, "products"],
  ["a record-list name beats an unnamed list", { included: [row], data: [row] }, "data"],
  ["names are case-insensitive", { Items: [row] }, "Items"],
  ["a leading underscore is ignored in names (Front)", { _links: {}, _results: [row] }, "_results"],
  ["OData `value`", { "@odata.context": "x", value: [row] }, "value"],
  ["`hits` and `list` are record names", { total: 1, hits: [row] }, "hits"],
  ["a named list of objects beats a named list of scalars", { values: [1, 2], results: [row] }, "results"],
  ["a named empty list beats an unnamed list of objects", { data: [], included: [row] }, "data"],
  ["an unnamed list of objects beats a named list of scalars", { values: ["a"], users: [row] }, "users"],
  ["the shallower of two named lists", { x: { data: [row] }, items: [row] }, "items"],
  ["a deeper named list beats a shallower unnamed one", { users: [row], result: { data: [row] } }, "result.data"],
  ["the shallowest unnamed list of objects", { a: { b: { orders: [row] } }, customers: [row] }, "customers"],
  ["document order breaks ties", { orders: [row], customers: [row] }, "orders"],
  ["lists in envelopes rank last", { meta: { warnings: [row] }, result: { users: [row] } }, "result.users"],
  ["errors rank last", { errors: [row], people: [row] }, "people"],
  ["HAL `_embedded.items`", { _embedded: { items: [row] }, _links: { next: { href: "/x" } } }, "_embedded.items"],
  ["three levels deep is found", { a: { b: { items: [row] } } }, "a.b.items"],
  ["four levels deep is not", { a: { b: { c: { items: [row] } } } }, "$"],
  ["lists inside lists are not entered", { rows: [[1, 2]], other: [{ data: [row] }] }, "other"],
  ["only a scalar list", { tags: ["a", "b"] }, "tags"],
  ["an odd key is bracket-quoted", { "many-results": [row] }, "['many-results']"],
  ["a dotted key is bracket-quoted", { "@odata.value": [row] }, "['@odata.value']"],
  ["a nested odd key", { "x-y": { "it's": [row] } }, "['x-y']['it\\'s']"],
];

for (const [name, body, path] of cases) {
  test(`data selector: ${name} → ${path}`, () => {
    const found = detectDataSelector(body);
    assert.is(found.path, path);
    assert.ok(found.reason.length > 0);
    if (path !== "$") assert.ok(Array.isArray(getPath(body, found.path)), "the path resolves to a list");
  });
}

test("reasons are short sentences naming the path", () => {
  assert.is(detectDataSelector({ data: [row] }).reason, "the only list of objects, at `data`");
  assert.match(detectDataSelector({ meta: { tags: ["a"] }, products: [row] }).reason, /at `products` \(also found `meta.tags`\)/);
  assert.match(detectDataSelector({ id: 1 }).reason, /whole object is one record/);
  assert.match(detectDataSelector([1]).reason, /the response is a list/);
  assert.match(detectDataSelector(7).reason, /number, not an object/);
});

test.run();
