// What init writes is checked as `gen-connector <config>` would check it (grammar, then the model against the spec):
// a resource that fails is dropped with a warning naming the problem; a problem outside the resources is an error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { configProblems, validated } from "../../../generator/init/validate.ts";
import { listing, memoryLoader, openapi } from "../connector-support.ts";

const record = { type: "object", properties: { id: { type: "integer" } }, required: ["id"] };
const spec = memoryLoader({ "spec.json": openapi({ "/tickets": listing({ type: "array", items: record }) }) })("spec.json");
const client = { base_url: "https://api.test", paginator: "single_page" };
const tickets = { name: "tickets", endpoint: { path: "/tickets" } };
const missing = { name: "missing", endpoint: { path: "/nowhere" } };

test("a config that generates has no problems", () => {
  assert.equal(configProblems({ name: "t", openapi: "spec.json", client, resources: [tickets] }, spec, "configs/t.json"), []);
});

test("a resource the model rejects (no operation in the spec) is a problem located at that resource", () => {
  const problems = configProblems({ name: "t", openapi: "spec.json", client, resources: [tickets, missing] }, spec, "configs/t.json");
  assert.equal(
    problems.map((p) => p.path),
    ["resources[1].endpoint.path"],
  );
});

test("validated drops the resources that fail, with a warning each, and keeps the rest", () => {
  const result = validated({ name: "t", openapi: "spec.json", client, resources: [missing, tickets] }, spec, "configs/t.json");
  assert.equal(result.config.resources, [tickets]);
  assert.is(result.warnings.length, 1);
  assert.match(result.warnings[0]!, /^missing: dropped, the config would not validate: resources\[0\]/);
});

test("a problem outside the resources is thrown, not hidden", () => {
  assert.throws(
    () => validated({ name: "t", openapi: "spec.json", client: { base_url: 5 }, resources: [tickets] }, spec, "configs/t.json"),
    (error: unknown) => error instanceof ConfigError,
  );
});

test.run();
