// Config text: YAML and JSON read into the same config, syntax errors located by line and column.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadModel } from "../../../generator/input/from-text.ts";
import { ConfigError } from "../../../runtime/errors.ts";

const JSON_CONFIG = {
  name: "customer_support",
  client: { base_url: "https://api.example.com", auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } },
  resource_defaults: { primary_key: "id", write_disposition: "merge" },
  resources: [
    {
      name: "tickets",
      endpoint: {
        path: "/v1/resource",
        data_selector: "data",
        paginator: { type: "offset", limit: 100 },
        params: { since: "{incremental.start_value}" },
        incremental: { cursor_path: "updated_at", initial_value: "2024-01-01" },
      },
    },
  ],
};

const YAML_CONFIG = `
name: customer_support
client:
  base_url: https://api.example.com
  auth: {type: api_key, name: api_key, api_key: {$secret: api_key}, location: query}
resource_defaults:
  primary_key: id
  write_disposition: merge
resources:
  - name: tickets
    endpoint:
      path: /v1/resource
      data_selector: data
      paginator: {type: offset, limit: 100}
      params: {since: "{incremental.start_value}"}
      incremental:
        cursor_path: updated_at
        initial_value: 2024-01-01   # a date-looking scalar stays the text it is (YAML 1.2 core schema)
`;

function configError(text: string, source: string): ConfigError {
  try {
    loadModel(text, source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

test("a YAML config builds the same model as its JSON twin; 2024-01-01 stays a string", () => {
  const fromYaml = loadModel(YAML_CONFIG, "support.yaml");
  const fromJson = loadModel(JSON.stringify(JSON_CONFIG), "support.json");
  assert.equal({ ...fromYaml, source: "" }, { ...fromJson, source: "" });
  assert.ok(JSON.stringify(fromYaml).includes('"initialValue":"2024-01-01"'));
});

test("YAML syntax errors and duplicate keys name the file, the problem, the line and the column", () => {
  const broken = configError("name: x\nclient:\n  base_url: [unclosed\n", "broken.yml");
  assert.match(broken.message, /^invalid config broken\.yml: 1 problem/);
  assert.match(broken.issues[0]?.message ?? "", /^not valid YAML: .+ \(line \d+, column \d+\)$/);
  const duplicate = configError("name: a\nname: b\n", "dup.yaml");
  assert.match(duplicate.issues[0]?.message ?? "", /not valid YAML: duplicated mapping key \(line 2, column 1\)/);
});

test("JSON syntax errors say where: line and column when the parser gives a position, on one line always", () => {
  const trailing = configError('{\n  "name": "x",\n}', "trailing.json");
  assert.match(trailing.issues[0]?.message ?? "", /^not valid JSON: .+ at position 17 \(line 3, column 1\)$/);
  const token = configError('{\n"a": tru\n}', "token.json");
  assert.match(token.issues[0]?.message ?? "", /^not valid JSON: Unexpected token/);
  assert.not.match(token.issues[0]?.message ?? "", /\n/);
});

test.run();
