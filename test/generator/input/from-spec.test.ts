// A spec given where a config is expected: told apart by content (an `openapi: 3.x` or `swagger` key, a config's
// own `openapi` names a file), then modelled through init like a config naming that spec.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { looksLikeSpec, modelFromSpec } from "../../../generator/input/from-spec.ts";
import { listing, memoryLoader, openapi } from "../connector-support.ts";

test("an OpenAPI or Swagger document looks like a spec, in JSON or YAML", () => {
  assert.ok(looksLikeSpec('{ "openapi": "3.1.0", "paths": {} }'));
  assert.ok(looksLikeSpec('{"swagger": "2.0"}'));
  assert.ok(looksLikeSpec("# an API\nopenapi: 3.0.3\npaths: {}\n"));
  assert.ok(looksLikeSpec("'openapi': '3.1.0'\n"));
  assert.ok(looksLikeSpec("swagger: '2.0'\n"));
});

test("a config naming its spec in `openapi` does not look like one", () => {
  assert.not.ok(looksLikeSpec('{ "name": "x", "openapi": "specs/api.yaml", "resources": [] }'));
  assert.not.ok(looksLikeSpec("name: x\nopenapi: ./openapi.yaml\nresources: []\n"));
  assert.not.ok(looksLikeSpec("name: x\nclient:\n  openapi: 3\n"));
});

test("modelFromSpec models the config init derives, with the spec as its openapi", () => {
  const record = { type: "object", properties: { id: { type: "integer" } }, required: ["id"] };
  const document = openapi(
    { "/tickets": listing({ type: "array", items: record }) },
    {},
    { info: { title: "Tickets", version: "1" }, servers: [{ url: "https://api.test/v1" }] },
  );
  const spec = memoryLoader({ "apis/openapi.json": document })("apis/openapi.json");
  const model = modelFromSpec(spec, "apis/openapi.json");
  assert.equal(
    model.resources.map((r) => r.name),
    ["tickets"],
  );
  assert.is(model.name, "tickets");
  assert.is(model.client.baseUrl, "https://api.test/v1");
  assert.is(model.openapi?.spec, spec);
  assert.is(model.resources[0]?.openapi?.operation.path, "/tickets");
});

test.run();
