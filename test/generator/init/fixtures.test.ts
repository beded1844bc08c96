// The project's own OpenAPI fixtures: the mock API's spec gives a config that behaves like the seed
// (plus the comments child); the hostile spec gives a config the grammar accepts and that generates.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateFromModel } from "../../../generator/generate.ts";
import { modelFromConfig } from "../../../generator/model/from-config.ts";
import { initConfig } from "../../../generator/init/index.ts";
import { loadSpec } from "../../../generator/openapi/spec/index.ts";
import { ROOT } from "../../helpers/cli.ts";
import type { Json } from "./support.ts";

const OUT = "configs/init_fixture.json";
const load = (name: string) => loadSpec(join(ROOT, "configs/openapi", name), { display: (p) => p.slice(ROOT.length) });

test("customer_support.yaml: the seed's behaviour (offset 100, data, id, merge, api_key in query) plus the comments child", () => {
  const spec = load("customer_support.yaml");
  assert.equal(spec.files, ["configs/openapi/customer_support.yaml", "configs/openapi/components.yaml"]);
  const { config, warnings } = initConfig(spec, { openapi: "openapi/customer_support.yaml", out: OUT });
  assert.equal(warnings, []);
  const model = modelFromConfig(config, OUT, () => spec);
  const seed = modelFromConfig(JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")), "configs/customer_support.json");
  assert.is(model.name, "customer_support");
  const { apiKey: _a, ...auth } = model.client.auth as Json;
  const { apiKey: _b, ...seedAuth } = seed.client.auth as Json;
  assert.equal(auth, seedAuth, "api_key in the query, named api_key");
  assert.equal((model.client.auth as Json).apiKey, { $secret: "customer_support_api_key" });
  assert.is(model.client.baseUrl, seed.client.baseUrl);
  const [tickets, comments] = model.resources;
  const [seedTickets] = seed.resources;
  assert.ok(tickets && comments && seedTickets);
  for (const key of ["path", "method", "params", "headers", "paginator", "dataSelector", "auth", "responseActions", "incremental"] as const) {
    assert.equal(tickets.endpoint[key], seedTickets.endpoint[key], `endpoint.${key}`);
  }
  assert.equal(tickets.primaryKey, seedTickets.primaryKey);
  assert.is(tickets.table.writeDisposition, seedTickets.table.writeDisposition);
  assert.is(comments.endpoint.path, "/v1/resource/{resources.resource.id}/comments");
  assert.equal(comments.endpoint.paginator, tickets.endpoint.paginator, "offset, limit 100 (the declared maximum)");
  assert.is(comments.parent?.resource, "resource");
  assert.equal(comments.primaryKey, ["id"]);
  assert.ok(model.openapi !== null, "the config names the spec");
});

test("hostile.yaml: every resource validates and generates; hostile strings stay data", () => {
  const spec = load("hostile.yaml");
  const { config } = initConfig(spec, { openapi: "openapi/hostile.yaml", out: OUT });
  const resources = config.resources as Json[];
  assert.equal(
    resources.map((r) => r.name),
    ["enums", "end", "tickets", "notes"],
  );
  const odd = resources[1]!;
  assert.is(odd.endpoint.path, "/odd/'quoted'/\"double\"/`tick`/$dollar/*/end");
  assert.is(odd.endpoint.data_selector, "['it\\'ems \"x\" */']");
  assert.equal(resources[2]!.endpoint.headers, { "X-Trace-*/": "trace ${{id}} */ `x`" }, "a default with braces is escaped, not a placeholder");
  assert.equal(((config.client as Json).auth as Json).name, "X-Api-Key */ ${x}");
  assert.match(String(config.name), /^[a-z][a-z0-9_]*$/);
  const files = generateFromModel(
    modelFromConfig(config, OUT, () => spec),
    { source: OUT },
  );
  assert.ok(files.length >= 4);
  // Spec text reaches comments only with their terminator defused.
  for (const file of files) assert.not.match(file.content, /(?<!\\)\*\/ (require\(|alert\(1\))/, file.path);
});

test.run();
