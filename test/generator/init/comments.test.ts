// `$comment` notes: stripped by the config loader at any depth, allowed by the JSON Schema; and the
// change report a re-run of init prints.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { configJsonSchema } from "../../../generator/config/json-schema.ts";
import { validateConfig } from "../../../generator/config/load.ts";
import { configDiff } from "../../../generator/init/index.ts";

const config = {
  $comment: "top",
  name: "c",
  client: { $comment: "client", base_url: "https://api.example.com", auth: { $comment: "auth", type: "bearer", token: { $secret: "t" } } },
  resources: [{ $comment: "r", name: "r", endpoint: { path: "/r", paginator: { $comment: "p", type: "offset", limit: 5 } }, primary_key: "id" }],
};

test("$comment strings are stripped at any depth before validation", () => {
  const valid = validateConfig(config, "c.json");
  assert.not.ok("$comment" in valid);
  assert.equal(valid.resources[0], { name: "r", endpoint: { path: "/r", paginator: { type: "offset", limit: 5 } }, primary_key: "id" });
});

test("a $comment inside a request body, params or headers is data for the API and kept", () => {
  const body = { $comment: "the API's own field", query: { $comment: "nested" } };
  const valid = validateConfig(
    {
      name: "c",
      client: { base_url: "https://api.example.com" },
      resources: [{ name: "r", endpoint: { path: "/r", method: "POST", json: body, params: { $comment: "p" }, paginator: { type: "single_page" } } }],
    },
    "c.json",
  );
  const endpoint = (valid.resources[0] as { endpoint: { json: unknown; params: unknown } }).endpoint;
  assert.equal(endpoint.json, body);
  assert.equal(endpoint.params, { $comment: "p" });
});

test("a non-string $comment is still an unknown key", () => {
  try {
    validateConfig({ ...config, $comment: { nested: true } }, "c.json");
    assert.unreachable();
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.issues.map((i) => `${i.path}: ${i.message}`),
      ["$comment: unknown key"],
    );
  }
});

test("__proto__ keys are still reported after stripping comments", () => {
  const input = JSON.parse('{"name":"c","client":{"base_url":"https://a.example","__proto__":{"x":1}},"resources":["r"]}');
  assert.throws(() => validateConfig(input, "c.json"), /the key __proto__ is not allowed/);
});

test("the JSON Schema allows a $comment string on every object with properties", () => {
  const schema = JSON.parse(configJsonSchema());
  assert.equal(schema.properties.$comment.type, "string");
  let objects = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, any>; // any: walking JSON Schema
    if (n.type === "object" && n.properties !== undefined) {
      objects++;
      assert.equal(n.properties.$comment?.type, "string", JSON.stringify(Object.keys(n.properties)));
    }
    Object.values(n).forEach(walk);
  };
  walk(schema);
  assert.ok(objects > 10);
});

test("configDiff: added, removed and changed resources, and the client", () => {
  const before = {
    client: { base_url: "https://a.example" },
    resources: [
      { $comment: "old words", name: "same", endpoint: { path: "/same", paginator: { $comment: "x", type: "single_page" } } },
      {
        name: "changed",
        endpoint: { path: "/c", data_selector: "data", paginator: { type: "offset", limit: 10 } },
        primary_key: "id",
        write_disposition: "merge",
      },
      { name: "gone", endpoint: { path: "/gone" } },
    ],
  };
  const after = {
    client: { base_url: "https://b.example" },
    resources: [
      { $comment: "new words", name: "same", endpoint: { path: "/same", paginator: { $comment: "y", type: "single_page" } } },
      { name: "changed", endpoint: { path: "/c", data_selector: "results", paginator: { type: "offset", limit: 20 } }, write_disposition: "append" },
      { name: "new", endpoint: { path: "/new" } },
    ],
  };
  assert.equal(configDiff(before, after), [
    '+ new ("/new")',
    '- gone ("/gone")',
    '~ changed: paginator {"type":"offset","limit":10} → {"type":"offset","limit":20}',
    '~ changed: data_selector "data" → "results"',
    '~ changed: primary_key "id" → (none)',
    '~ changed: write_disposition "merge" → "append"',
    '~ client: {"base_url":"https://a.example"} → {"base_url":"https://b.example"}',
  ]);
  assert.equal(configDiff(after, after), []);
  assert.equal(configDiff({ ...after, name: "mine" }, { ...after, name: "derived" }), ['~ name: "mine" → "derived"']);
});

test.run();
