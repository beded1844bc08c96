// Regression tests for gaps the conformance walk found: dlt #1414 (a total only on the first page),
// an auth object without `type` (bearer), the `json_response` alias, the legacy incremental param.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { modelOf, pagesOf, rows, script, type Config } from "./support.ts";

let api: MockApi;
test.before(async () => {
  api = await startMockApi({ records: 25 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [] });
  api.requests.length = 0;
});

const client = { base_url: "https://api.example.com" };
const plain = { name: "posts", endpoint: { path: "posts", data_selector: "$", paginator: "single_page" } };

test("F1 dlt #1414: a total present only on the first page still pages to the end", async () => {
  script(api, [
    { when: { path: "/p", query: { offset: "10" } }, body: { data: rows(10, 11) } },
    { when: { path: "/p", query: { offset: "20" } }, body: { data: rows(5, 21) } },
    { when: { path: "/p" }, body: { data: rows(10), total: 25 } },
  ]);
  const pages = await pagesOf({
    name: "c",
    client: { base_url: api.url },
    resources: [{ name: "items", endpoint: { path: "/p", data_selector: "data", paginator: { type: "offset", limit: 10 } } }],
  });
  assert.equal(
    pages.map((p) => p.length),
    [10, 10, 5],
  );
});

test("F2 §4.1 9/24: an auth dict without `type` is bearer", () => {
  const model = modelOf({ name: "c", client: { ...client, auth: { token: { $secret: "token" } } }, resources: [plain] });
  assert.equal(model.client.auth, { type: "bearer", token: { $secret: "token" } });
});

test("F3 §4.1 28: the deprecated paginator name json_response is an alias of json_link", () => {
  const model = modelOf({
    name: "c",
    client: { ...client, paginator: "json_response" },
    resources: [{ name: "posts", endpoint: { path: "posts", data_selector: "$" } }],
  });
  assert.equal(model.resources[0]?.endpoint.paginator, { type: "json_link", nextUrlPath: "next" });
});

test("F4 §4.1 9/30, §4.2 48/50: the legacy incremental param dict builds (as endpoint.incremental with start_param)", () => {
  const cfg: Config = {
    name: "c",
    client,
    resources: [
      {
        name: "posts",
        endpoint: {
          path: "posts",
          data_selector: "$",
          paginator: "single_page",
          params: { since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-01" } },
        },
      },
    ],
  };
  const endpoint = modelOf(cfg).resources[0]?.endpoint;
  assert.equal(
    [endpoint?.incremental?.cursorPath, endpoint?.incremental?.startParam, endpoint?.incremental?.initialValue],
    ["updated_at", "since", "2024-01-01"],
  );
});

test.run();
