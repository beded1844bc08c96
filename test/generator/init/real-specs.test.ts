// init on real third-party specs (../shared/openapi, never copied here; skipped when absent): the
// paginator each API documents, and a config that validates, builds and generates.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateFromModel } from "../../../generator/generate.ts";
import { modelFromConfig } from "../../../generator/model/from-config.ts";
import { initConfig, type InitResult } from "../../../generator/init/index.ts";
import { readSpec } from "../../../generator/cli/read-spec.ts";
import type { LoadedSpec } from "../../../generator/openapi/spec/index.ts";
import { ROOT } from "../../helpers/cli.ts";
import { paginatorOf, type Json } from "./support.ts";

const DIR = join(ROOT, "../shared/openapi");
const OUT = "configs/real_spec.json";

interface Expectation {
  readonly path: string;
  readonly paginator: Json;
  readonly selector: string;
  readonly key?: string;
  readonly params?: Json;
}

const SPECS: Record<string, { readonly lists: number; readonly expect: readonly Expectation[]; readonly warning?: RegExp }> = {
  "front.json": {
    lists: 84,
    expect: [
      { path: "/conversations", paginator: { type: "json_link", next_url_path: "_pagination.next" }, selector: "_results", key: "id", params: { limit: 100 } },
      {
        path: "/conversations/{resources.conversations.id}/messages",
        paginator: { type: "json_link", next_url_path: "_pagination.next" },
        selector: "_results",
        key: "id",
      },
      { path: "/teammates", paginator: { type: "single_page" }, selector: "_results", key: "id" },
    ],
    warning: /\/tags \(tags\): looks paged \(query param `limit`, query param `page_token`\)/,
  },
  "intercom.yaml": {
    lists: 40,
    expect: [
      {
        path: "/conversations",
        paginator: { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
        selector: "conversations",
        key: "id",
        params: { per_page: 150 },
      },
      {
        path: "/contacts",
        paginator: { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
        selector: "data",
        key: "id",
      },
      {
        path: "/companies/{resources.companies.id}/contacts",
        paginator: { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
        selector: "data",
        key: "id",
      },
      { path: "/ai/content_import_sources", paginator: { type: "json_link", next_url_path: "pages.next" }, selector: "data", key: "id" },
      { path: "/admins", paginator: { type: "single_page" }, selector: "admins", key: "id" },
    ],
    warning: /\/contacts \(contacts\): the response carries a cursor at pages\.next\.starting_after but the spec declares no query parameter/,
  },
  "asana.yaml": {
    lists: 74,
    expect: [
      {
        path: "/tasks",
        paginator: { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
        selector: "data",
        key: "gid",
        params: { limit: 100 },
      },
      {
        path: "/projects",
        paginator: { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
        selector: "data",
        key: "gid",
        params: { limit: 100 },
      },
      {
        path: "/projects/{resources.projects.gid}/sections",
        paginator: { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
        selector: "data",
        key: "gid",
      },
      {
        path: "/teams/{resources.workspaces_teams.gid}/projects",
        paginator: { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
        selector: "data",
        key: "gid",
      },
    ],
  },
  "stripe.yaml": {
    lists: 109,
    expect: [
      // `limit` declares no maximum; its description says "between 1 and 100" (the API's default is 10).
      {
        path: "/v1/customers",
        paginator: { type: "cursor", cursor_path: "data[-1].id", cursor_param: "starting_after", has_more_path: "has_more" },
        selector: "data",
        key: "id",
        params: { limit: 100 },
      },
      {
        path: "/v1/customers/search",
        paginator: { type: "cursor", cursor_path: "next_page", cursor_param: "page" },
        selector: "data",
        key: "id",
        params: { query: "FILL_ME_IN", limit: 100 },
      },
      {
        path: "/v1/customers/{resources.customers.id}/sources",
        paginator: { type: "cursor", cursor_path: "data[-1].id", cursor_param: "starting_after", has_more_path: "has_more" },
        selector: "data",
        key: "id",
      },
    ],
    warning: /\/v1\/customers\/search \(customers_search\): requires query param `query` with no default/,
  },
};

for (const [file, expected] of Object.entries(SPECS)) {
  const path = join(DIR, file);
  if (!existsSync(path)) {
    test.skip(`${file} (not in ../shared/openapi)`, () => {});
    continue;
  }
  let spec: LoadedSpec;
  let result: InitResult;
  test(`${file}: init finds the list endpoints and the documented paginators`, () => {
    spec = readSpec(path);
    result = initConfig(spec, { openapi: `../${spec.source}`, out: OUT });
    assert.match(result.report[0]!, new RegExp(`, ${expected.lists} list endpoints$`));
    const resources = result.config.resources as Json[];
    for (const e of expected.expect) {
      const r = resources.find((x) => x.endpoint.path === e.path);
      assert.ok(r, `no resource for ${e.path}`);
      assert.equal(paginatorOf(r), e.paginator, e.path);
      assert.is(r.endpoint.data_selector, e.selector, e.path);
      assert.is(r.primary_key, e.key, e.path);
      if (e.params !== undefined) assert.equal(r.endpoint.params, e.params, e.path);
    }
    if (expected.warning !== undefined) assert.match(result.warnings.join("\n"), expected.warning);
  });
  test(`${file}: the config validates, builds and generates`, () => {
    const files = generateFromModel(
      modelFromConfig(result.config, OUT, () => spec),
      { source: OUT },
    );
    assert.equal(files.map((f) => f.path).sort(), ["client.ts", "index.ts", "loader.ts", "schema.ts", "types.ts"]);
  });
}

test.run();
