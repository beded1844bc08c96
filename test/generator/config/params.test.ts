// Run parameters in the config grammar: `$param` objects and `{params.x}` placeholders accepted in
// every position and collected into one typed table; malformed ones refused with their paths.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { loadModel } from "../../../generator/input/from-text.ts";

const base = {
  name: "accounts",
  client: { base_url: "https://{params.subdomain}.example.com", headers: { "X-Account": { $param: "account" } } },
  resources: [
    {
      name: "items",
      endpoint: {
        path: "/{params.version}/items",
        method: "POST",
        params: { team: { $param: "team", default: "support" }, q: "team:{params.team}" },
        headers: { "X-Team": "{params.team}" },
        json: { limit: { $param: "limit", default: 50 }, nested: [{ flag: { $param: "archived", type: "boolean" } }] },
        incremental: { cursor_path: "updated_at", initial_value: { $param: "since", default: "2024-01-01" } },
      },
    },
  ],
};

function issuesOf(config: unknown): string[] {
  try {
    loadModel(JSON.stringify(config), "test.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  assert.unreachable("config was accepted");
  return [];
}

function withEndpoint(endpoint: Record<string, unknown>): unknown {
  return { ...base, resources: [{ name: "items", endpoint: { ...base.resources[0]!.endpoint, ...endpoint } }] };
}

test("every position declares its parameter; types come from defaults; sorted by name", () => {
  const model = loadModel(JSON.stringify(base), "test.json");
  assert.equal(model.client.params, [
    { name: "account", type: "string" },
    { name: "archived", type: "boolean" },
    { name: "limit", type: "number", default: 50 },
    { name: "since", type: "string", default: "2024-01-01" },
    { name: "subdomain", type: "string" },
    { name: "team", type: "string", default: "support" },
    { name: "version", type: "string" },
  ]);
  const [items] = model.resources;
  assert.is(model.client.baseUrl, "https://{params.subdomain}.example.com");
  assert.equal(model.client.headers, { "X-Account": "{params.account}" });
  assert.is(items?.endpoint.path, "/{params.version}/items");
  assert.equal(items?.endpoint.params, { team: "{params.team}", q: "team:{params.team}" });
  assert.equal(items?.endpoint.json, { limit: "{params.limit}", nested: [{ flag: "{params.archived}" }] });
  assert.is(items?.endpoint.incremental?.initialParam, "since");
  assert.is(items?.endpoint.incremental?.initialValue, "2024-01-01");
});

test("a connector without parameters declares none", () => {
  const model = loadModel(JSON.stringify({ ...base, client: { base_url: "https://api.example.com" }, resources: ["items"] }), "test.json");
  assert.is(model.client.params, undefined);
});

test("top-level params give a placeholder its default and type", () => {
  const model = loadModel(JSON.stringify({ ...base, params: { subdomain: { default: "acme" }, version: { type: "string" } } }), "test.json");
  assert.equal(
    model.client.params?.filter((p) => p.name === "subdomain" || p.name === "version"),
    [
      { name: "subdomain", type: "string", default: "acme" },
      { name: "version", type: "string" },
    ],
  );
});

test("malformed references are refused with their paths", () => {
  const issues = issuesOf(withEndpoint({ path: { $param: "bad name" }, json: { a: { $param: "x", extra: 1 } } }));
  assert.ok(
    issues.some((i) => i.startsWith("resources[0].endpoint.path")),
    issues.join("\n"),
  );
  const json = issuesOf(withEndpoint({ json: { a: { $param: "x", extra: 1 } } }));
  assert.ok(
    json.some((i) => i.startsWith("resources[0].endpoint.json.a: malformed parameter reference")),
    json.join("\n"),
  );
  const inParams = issuesOf(withEndpoint({ params: { a: { $param: 5 } } }));
  assert.ok(inParams.includes("resources[0].endpoint.params.a.$param: expected a string, got 5"), inParams.join("\n"));
  const placeholder = issuesOf(withEndpoint({ path: "/{params.a.b}" }));
  assert.ok(
    placeholder.some((i) => i.startsWith("resources[0].endpoint.path: invalid placeholder {params.a.b}")),
    placeholder.join("\n"),
  );
});

test("declarations that disagree, and a default of another type, are refused", () => {
  const clash = issuesOf(withEndpoint({ headers: { "X-Team": { $param: "team", default: "billing" } } }));
  assert.ok(
    clash.some((i) => /parameter "team" is declared differently/.test(i)),
    clash.join("\n"),
  );
  const typed = issuesOf(withEndpoint({ json: { limit: { $param: "limit", type: "number", default: "fifty" } } }));
  assert.ok(
    typed.some((i) => i.startsWith('resources[0].endpoint.json.limit: parameter "limit" is a number but its default "fifty" is not')),
    typed.join("\n"),
  );
});

test("a base URL takes placeholders only where a URL can hold them", () => {
  assert.ok(issuesOf({ ...base, client: { base_url: "not a url/{params.x}" } }).some((i) => i.startsWith("client.base_url")));
  assert.ok(issuesOf({ ...base, client: { base_url: "https://{other.x}.example.com" } }).some((i) => i.startsWith("client.base_url")));
  const whole = loadModel(JSON.stringify({ ...base, client: { base_url: { $param: "api_url", default: "https://api.example.com" } } }), "test.json");
  assert.is(whole.client.baseUrl, "{params.api_url}");
});

test.run();
