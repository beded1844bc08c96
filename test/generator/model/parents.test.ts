// Parent/child configuration errors, with dlt-quality messages, all reported together.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadModel } from "../../../generator/input/from-text.ts";
import { ConfigError } from "../../../runtime/errors.ts";

const client = { base_url: "http://h", paginator: "single_page" };
const ep = (path: string, more: Record<string, unknown> = {}) => ({ path, data_selector: "$", ...more });

function issuesOf(resources: unknown[]): string[] {
  try {
    loadModel(JSON.stringify({ name: "p", client, resources }), "p.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

test("a valid chain runs parents first, whatever the config order", () => {
  const model = loadModel(
    JSON.stringify({
      name: "p",
      client,
      resources: [
        { name: "meetings", endpoint: ep("/locations/{resources.details.id}/meetings") },
        { name: "details", endpoint: ep("/locations/{resources.locations.id}") },
        { name: "locations", endpoint: ep("/locations") },
      ],
    }),
    "p.json",
  );
  assert.equal(
    model.resources.map((r) => [r.name, r.parent?.resource ?? null]),
    [
      ["locations", null],
      ["details", "locations"],
      ["meetings", "details"],
    ],
  );
});

test("static path params are bound at generation; resolve params become parent references", () => {
  const model = loadModel(
    JSON.stringify({
      name: "p",
      client,
      resources: [
        { name: "orgs", endpoint: ep("/orgs") },
        {
          name: "repos",
          endpoint: ep("/{version}/orgs/{org}/repos", { params: { version: "v 2", org: { type: "resolve", resource: "orgs", field: "login" }, per_page: 50 } }),
        },
      ],
    }),
    "p.json",
  );
  const repos = model.resources[1]!;
  assert.is(repos.endpoint.path, "/v%202/orgs/{resources.orgs.login}/repos");
  assert.equal(repos.endpoint.params, { per_page: 50 });
  assert.equal(repos.parent, { resource: "orgs", includeFromParent: [] });
});

test("every parent/child problem is reported with its path", () => {
  assert.equal(
    issuesOf([
      { name: "a", endpoint: ep("/a/{id}") },
      { name: "b", endpoint: ep("/b/{resources.nope.id}") },
      { name: "c", endpoint: ep("/c/{resources.a.id}", { params: { q: "{resources.b.x}" } }) },
      { name: "d", endpoint: ep("/d/{unknown.a.id}"), include_from_parent: ["id"] },
      {
        name: "e",
        endpoint: ep("/e/{x}", { params: { x: { type: "resolve", resource: "a", field: "id" }, y: { type: "resolve", resource: "a", field: "id" } } }),
      },
      { name: "f", endpoint: ep("/f/{resources.g.id}") },
      { name: "g", endpoint: ep("/g/{resources.f.id}") },
      { name: "h", endpoint: ep("/h/{resources.h.id") },
    ]),
    [
      'resources[0].endpoint.path: the path "/a/{id}" requires a param named "id", but it was not found in endpoint.params',
      'resources[2].endpoint: multiple parent resources for resource "c": "a", "b"',
      "resources[3].endpoint.path: placeholder {unknown.a.id} in path is not valid: valid expressions start with one of: resources, incremental, params",
      'resources[3].include_from_parent: resource "d" has include_from_parent but does not depend on another resource',
      'resources[4].endpoint.params.y: resolve param "y" is not bound in path "/e/{x}"; to use a parent field in the query write "{resources.a.id}"',
      'resources[7].endpoint.path: unbalanced "{" at position 3 (write "{{" for a literal brace), got "/h/{resources.h.id"',
      'resources[1].endpoint: resource "b" refers to a parent resource "nope" that does not exist',
      "resources[5].endpoint: resources form a cycle: f → g → f",
    ],
  );
});

test("incremental placeholders need endpoint.incremental and a known value name", () => {
  assert.equal(
    issuesOf([
      { name: "a", endpoint: ep("/a", { params: { since: "{incremental.start_value}" } }) },
      { name: "b", endpoint: ep("/b", { params: { since: "{incremental.start}" }, incremental: { cursor_path: "updated_at", end_value: 5 } }) },
    ]),
    [
      "resources[0].endpoint.params.since: placeholder {incremental.start_value} needs endpoint.incremental",
      "resources[1].endpoint.params.since: invalid placeholder {incremental.start}: expected one of {incremental.start_value}, {incremental.end_value}, {incremental.initial_value}, {incremental.last_value}, {incremental.window_start}, {incremental.window_end}",
      "resources[1].endpoint.incremental.end_value: end_value was specified without initial_value",
    ],
  );
});

test.run();
