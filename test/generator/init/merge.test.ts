// mergeConfig: re-running init over an edited config keeps every edit and adds only what is asked for.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { initConfig, mergeConfig } from "../../../generator/init/index.ts";
import { doc, loadFiles } from "../openapi/spec/support.ts";
import { envelope, get, type Json } from "./support.ts";

const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const V1 = {
  "/tickets": get(envelope({})),
  "/tickets/{ticket_id}/comments": get(envelope({}), [path("ticket_id")]),
  "/users": get(envelope({})),
  "/stats": get({ type: "object", properties: { open: { type: "integer" } } }),
};
const V2 = { ...V1, "/tags": get(envelope({})) };

function specOf(paths: object) {
  return loadFiles({ "openapi.json": doc(paths, { servers: [{ url: "https://api.example.com" }] }) }, "openapi.json");
}

/** The merged config's resources, read freely. */
const resourcesOf = (config: Json): Json[] => config.resources; // Json: tests read it freely

function derive(paths: object, include: string[] = []): Json {
  return initConfig(specOf(paths), { openapi: "openapi.json", out: "t.json", include, schema: "./schema.json" }).config as Json;
}

/** What a user does to the config init wrote: rename, edit, add a resource by hand, remove one. */
function edited(): Json {
  const config = structuredClone(derive(V1));
  config.name = "helpdesk";
  const tickets = config.resources.find((r: Json) => r.name === "tickets");
  tickets.name = "issues";
  tickets.endpoint.paginator = { type: "offset", limit: 25 };
  const comments = config.resources.find((r: Json) => r.name === "comments");
  comments.endpoint.path = comments.endpoint.path.replace("{resources.tickets.", "{resources.issues.");
  comments.columns = { body: { data_type: "text" } };
  config.resources = config.resources.filter((r: Json) => r.name !== "users");
  config.resources.push({ name: "stats", endpoint: { path: "/stats", data_selector: "$", paginator: "single_page" } });
  return config;
}

test("a re-run on the same spec keeps every edit, changes nothing, and says what it kept", () => {
  const mine = edited();
  const result = mergeConfig(specOf(V1), mine, derive(V1), { addMissing: false });
  assert.equal(result.config, mine);
  assert.equal(result.changes, []);
  assert.equal(result.kept, [
    'kept name "helpdesk"; init derives "t"',
    "kept issues (GET /tickets); init names it tickets",
    'kept issues.endpoint.paginator {"type":"offset","limit":25}; init derives {"type":"single_page"}',
    'kept comments.columns {"body":{"data_type":"text"}}; init derives (none)',
  ]);
  assert.equal(result.notAdded, ["users (GET /users)"]);
  assert.equal(result.warnings, []);
});

test("a new operation in the spec is listed, and added (alone) only when --include chose it", () => {
  const mine = edited();
  const listed = mergeConfig(specOf(V2), mine, derive(V2), { addMissing: false });
  assert.equal(listed.config, mine);
  assert.equal(listed.notAdded, ["tags (GET /tags)", "users (GET /users)"]);
  const added = mergeConfig(specOf(V2), mine, derive(V2, ["/tags"]), { addMissing: true });
  assert.equal(added.changes, ["+ tags (GET /tags)"]);
  assert.equal(resourcesOf(added.config).slice(0, -1), mine.resources);
  const tags = resourcesOf(added.config).at(-1) as Json;
  assert.is(tags.name, "tags");
  assert.match(tags.$comment, /^Added by a re-run of gen-connector init; GET \/tags/);
  assert.equal(tags.endpoint.path, "/tags");
});

test("an endpoint gone from the spec keeps its resource, with a warning", () => {
  const mine = edited();
  const { "/users": _users, "/stats": _stats, ...v3 } = V1;
  const result = mergeConfig(specOf(v3), mine, derive(v3), { addMissing: false });
  assert.equal(result.config, mine);
  assert.equal(result.warnings, ["stats (GET /stats): not in the spec (gone from it, or added by hand): kept as it is"]);
});

test("a new child of a renamed parent names the parent as the user does; a taken name gets a suffix", () => {
  const { "/tickets/{ticket_id}/comments": _comments, ...v0 } = V1;
  const mine = structuredClone(derive(v0));
  mine.resources[0].name = "issues"; // tickets, renamed
  mine.resources.push({ name: "comments", endpoint: { path: "/stats", data_selector: "$" } });
  const result = mergeConfig(specOf(V1), mine, derive(V1, ["/tickets/*/comments"]), { addMissing: true });
  assert.equal(result.changes, ["+ comments_2 (GET /tickets/{ticket_id}/comments): comments is taken"]);
  const added = resourcesOf(result.config).at(-1) as Json;
  assert.is(added.name, "comments_2");
  assert.is(added.endpoint.path, "/tickets/{resources.issues.id}/comments");
  assert.ok(result.kept.includes("kept issues.selected (none); init derives false"), result.kept.join("\n"));
});

test("a new grandchild: the user's parent gets the include_from_parent it needs, the grandparent's new name in the path", () => {
  const id = (name: string) => path(name);
  const tree = { "/projects": get(envelope({})), "/projects/{project_id}/tasks": get(envelope({}), [id("project_id")]) };
  const mine = structuredClone(derive(tree));
  mine.resources[0].name = "proj";
  mine.resources[1].endpoint.path = "/projects/{resources.proj.id}/tasks";
  delete mine.resources[1].include_from_parent;
  const grown = { ...tree, "/projects/{project_id}/tasks/{task_id}/comments": get(envelope({}), [id("project_id"), id("task_id")]) };
  const result = mergeConfig(specOf(grown), mine, derive(grown, ["/projects/*/tasks/*/comments"]), { addMissing: true });
  assert.equal(result.changes, [
    '~ tasks: include_from_parent + ["id"] (the new comments needs it)',
    "+ comments (GET /projects/{project_id}/tasks/{task_id}/comments)",
  ]);
  assert.equal(resourcesOf(result.config)[1]!.include_from_parent, ["id"]);
  assert.is((resourcesOf(result.config).at(-1) as Json).endpoint.path, "/projects/{resources.tasks._proj_id}/tasks/{resources.tasks.id}/comments");
});

test("--name replaces the name; $schema is added to a config without one, never replaced", () => {
  const mine = edited();
  delete mine.$schema;
  const result = mergeConfig(specOf(V1), mine, derive(V1), { addMissing: false, name: "desk", schema: "./s.json" });
  assert.is(result.config.name, "desk");
  assert.is(Object.keys(result.config)[0], "$schema");
  assert.is(result.config.$schema, "./s.json");
  assert.equal(result.changes, ['~ name "helpdesk" → "desk" (--name)', '+ $schema "./s.json"']);
  const kept = mergeConfig(specOf(V1), { ...mine, $schema: "mine.json" }, derive(V1), { addMissing: false, schema: "./s.json" });
  assert.is(kept.config.$schema, "mine.json");
});

test("string resources and string endpoints are matched by their path", () => {
  const mine = { name: "t", client: { base_url: "https://api.example.com" }, resources: ["tickets", { name: "people", endpoint: "/users" }] };
  const result = mergeConfig(specOf(V1), mine, derive(V1), { addMissing: false });
  assert.equal(result.config, mine);
  assert.equal(result.notAdded, ["comments (GET /tickets/{ticket_id}/comments)"]);
  assert.ok(result.kept.includes("kept people (GET /users); init names it users"));
});

test.run();
