// Walking operations: merged path/operation parameters with refs resolved; the success response.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { operations, successResponse } from "../../../../generator/openapi/spec/index.ts";
import { doc, loadFiles, specError } from "./support.ts";

test("path-level and operation-level parameters merge by (in, name); the operation's win; refs resolved", () => {
  const spec = loadFiles({
    "openapi.yaml": doc(
      {
        "/t/{id}": {
          parameters: [
            { name: "id", in: "path", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer" } },
          ],
          get: { parameters: [{ $ref: "#/components/parameters/Limit" }, { name: "limit", in: "header" }], responses: {} },
          post: { responses: {} },
          "x-other": { get: 1 },
        },
      },
      { components: { parameters: { Limit: { name: "limit", in: "query", required: true, schema: { type: "integer", maximum: 5 } } } } },
    ),
  });
  const ops = operations(spec);
  assert.equal(
    ops.map((o) => `${o.method} ${o.path} ${o.pointer}`),
    ["get /t/{id} /paths/~1t~1{id}/get", "post /t/{id} /paths/~1t~1{id}/post"],
  );
  const get = ops[0]!;
  assert.equal(
    get.parameters.map((p) => `${p.in}:${p.name}:${p.required}`),
    ["path:id:true", "query:limit:true", "header:limit:false"],
  );
  assert.equal(get.parameters[1]!.schema, { type: "integer", maximum: 5 });
  assert.equal(
    ops[1]!.parameters.map((p) => p.name),
    ["id", "limit"],
  );
});

test("a parameter without name or location is a SpecError at its pointer", () => {
  const spec = loadFiles({ "openapi.yaml": doc({ "/t": { get: { parameters: [{ in: "query" }], responses: {} } } }) });
  const error = specError(() => operations(spec));
  assert.is(error.pointer, "/paths/~1t/get/parameters/0");
  assert.match(error.message, /expected a parameter with a string "name"/);
});

const json = (schema: object) => ({ content: { "application/json; charset=utf-8": { schema } } });
const responses: [string, object, string | undefined, unknown][] = [
  [
    "200 before 201 and 2XX",
    { "201": json({ type: "string" }), "2XX": json({ type: "number" }), "200": json({ type: "integer" }), default: json({}) },
    "200",
    { type: "integer" },
  ],
  ["201 when there is no 200", { "404": json({}), "201": json({ type: "string" }) }, "201", { type: "string" }],
  ["2XX as a last resort", { "2XX": json({ type: "number" }) }, "2XX", { type: "number" }],
  ["no success response", { "404": json({}) }, undefined, undefined],
  ["a vendor JSON type", { "200": { content: { "application/vnd.api+json": { schema: { type: "object" } } } } }, "200", { type: "object" }],
  ["no JSON content", { "200": { content: { "text/csv": { schema: { type: "string" } } } } }, "200", undefined],
];

for (const [name, map, status, schema] of responses) {
  test(`successResponse: ${name}`, () => {
    const spec = loadFiles({ "openapi.yaml": doc({ "/t": { get: { responses: map } } }) });
    const response = successResponse(spec, operations(spec)[0]!);
    assert.is(response?.status, status);
    assert.equal(response?.schema, schema);
  });
}

test("successResponse resolves response and header refs", () => {
  const spec = loadFiles({
    "openapi.yaml": doc(
      { "/t": { get: { responses: { "200": { $ref: "#/components/responses/List" } } } } },
      {
        components: {
          responses: { List: { description: "ok", headers: { Link: { $ref: "#/components/headers/Link" } }, ...json({ type: "array" }) } },
          headers: { Link: { schema: { type: "string" } } },
        },
      },
    ),
  });
  const response = successResponse(spec, operations(spec)[0]!);
  assert.equal(response?.headers, { Link: { schema: { type: "string" } } });
  assert.equal(response?.schema, { type: "array" });
});

test.run();
