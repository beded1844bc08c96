// Real third-party specs (../shared/openapi/, never copied into the repo; skipped when absent): a
// connector for a handful of list resources of each is generated and must compile under strict tsc.
import { existsSync, rmSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { generate } from "./pipeline.ts";
import { readSpec } from "../../generator/cli/read-spec.ts";
import { typeCheck, writeConnector } from "./connector-support.ts";

const test = suite("openapi: real specs compile");
const SHARED = "../shared/openapi/";

interface RealSpec {
  readonly file: string;
  readonly config: Record<string, unknown>;
}

const bearer = (secret: string) => ({ type: "bearer", token: { $secret: secret } });

const SPECS: readonly RealSpec[] = [
  {
    file: "front.json",
    config: {
      name: "front",
      client: { base_url: "https://api2.frontapp.com", auth: bearer("front_token"), paginator: { type: "json_link", next_url_path: "_pagination.next" } },
      resource_defaults: { primary_key: "id", write_disposition: "merge", endpoint: { data_selector: "_results" } },
      resources: ["contacts", "conversations", "tags", "teammates", "inboxes"].map((name) => ({ name, endpoint: { path: `/${name}` } })),
    },
  },
  {
    file: "intercom.yaml",
    config: {
      name: "intercom",
      client: {
        base_url: "https://api.intercom.io",
        auth: bearer("intercom_token"),
        paginator: { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
      },
      resource_defaults: { primary_key: "id", write_disposition: "merge" },
      resources: [
        { name: "contacts", endpoint: { path: "/contacts", data_selector: "data" } },
        { name: "companies", endpoint: { path: "/companies", data_selector: "data" } },
        { name: "admins", endpoint: { path: "/admins", data_selector: "admins", paginator: "single_page" } },
        { name: "teams", endpoint: { path: "/teams", data_selector: "teams", paginator: "single_page" } },
        { name: "tags", endpoint: { path: "/tags", paginator: "single_page" } },
      ],
    },
  },
  {
    file: "asana.yaml",
    config: {
      name: "asana",
      client: {
        base_url: "https://app.asana.com/api/1.0",
        auth: bearer("asana_token"),
        paginator: { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
      },
      resource_defaults: { primary_key: "gid", write_disposition: "merge", endpoint: { data_selector: "data" } },
      resources: [
        { name: "workspaces", endpoint: { path: "/workspaces" } },
        { name: "users", endpoint: { path: "/users" } },
        { name: "projects", endpoint: { path: "/projects" } },
        { name: "workspace_tags", endpoint: { path: "/workspaces/{resources.workspaces.gid}/tags" } },
        { name: "workspace_teams", endpoint: { path: "/workspaces/{resources.workspaces.gid}/teams" } },
      ],
    },
  },
  {
    file: "stripe.yaml",
    config: {
      name: "stripe",
      client: {
        base_url: "https://api.stripe.com",
        auth: bearer("stripe_key"),
        paginator: { type: "cursor", cursor_path: "data[-1].id", cursor_param: "starting_after" },
      },
      resource_defaults: { primary_key: "id", write_disposition: "merge", endpoint: { data_selector: "data" } },
      resources: ["customers", "charges", "invoices", "subscriptions", "products"].map((name) => ({ name, endpoint: { path: `/v1/${name}` } })),
    },
  },
];

const present = SPECS.filter((s) => existsSync(SHARED + s.file));
const dirs: string[] = [];

test("the shared specs are used when present (absent ones are skipped)", () => {
  assert.ok(present.length <= SPECS.length);
});

for (const { file, config } of present) {
  test(`${file}: a connector for ${(config.resources as unknown[]).length} list resources generates`, () => {
    const source = `${SHARED}${config.name as string}.json`;
    const text = JSON.stringify({ ...config, openapi: file });
    const files = generate(text, { source, loadSpec: readSpec });
    assert.equal(
      files.map((f) => f.path),
      ["client.ts", "schema.ts", "loader.ts", "index.ts", "types.ts"],
    );
    const schema = files.find((f) => f.path === "schema.ts")!.content;
    for (const resource of config.resources as { name: string }[])
      assert.match(schema, `Record schema of resource ${resource.name}, from the OpenAPI response of GET`);
    dirs.push(writeConnector(`real-${config.name as string}`, Object.fromEntries(files.map((f) => [f.path, f.content]))));
  });
}

test("every generated connector compiles under the project's strict options", () => {
  try {
    assert.equal(typeCheck(dirs).errors, []);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
