// Parent/child endpoints: every path variable bound from a parent record, or the endpoint skipped.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { get, initOf, resource, resources } from "./support.ts";

const listOf = (props: object) => get({ type: "array", items: { type: "object", properties: props } });
const id = { id: { type: "string" } };

test("one path variable: the parent's id fills it", () => {
  const result = initOf({ "/tickets": listOf(id), "/tickets/{ticket_id}/comments": listOf(id) });
  const comments = resource(result, "comments");
  assert.is(comments.endpoint.path, "/tickets/{resources.tickets.id}/comments");
  assert.match(comments.$comment, /child of tickets: \{ticket_id\} is the `id` of a tickets record \(\/tickets\)/);
});

const fields: [string, string, object, string][] = [
  ["Stripe's {customer} under /customers is the parent's key", "/customers/{customer}/sources", id, "id"],
  ["{company_id} under /companies is the key, not a company_id field", "/companies/{company_id}/notes", { ...id, company_id: { type: "string" } }, "id"],
  ["{project_gid} under /projects is the gid key", "/projects/{project_gid}/tasks", { gid: { type: "string" } }, "gid"],
  ["a field named like the variable", "/things/{slug}/parts", { ...id, slug: { type: "string" } }, "slug"],
];

for (const [name, child, props, field] of fields) {
  test(`parent field: ${name}`, () => {
    const parentPath = child.slice(0, child.indexOf("/{"));
    const result = initOf({ [parentPath]: listOf(props), [child]: listOf(id) });
    const r = resources(result).find((x) => x.endpoint.path.includes("{resources."));
    assert.ok(r, result.warnings.join("\n"));
    assert.ok(r.endpoint.path.includes(`.${field}}`), r.endpoint.path);
  });
}

test("two path variables: the earlier one passes down through the parent's include_from_parent", () => {
  const result = initOf({
    "/teams": listOf(id),
    "/teams/{team_id}/members": listOf(id),
    "/teams/{team_id}/members/{member_id}/roles": listOf(id),
  });
  assert.is(resource(result, "members").endpoint.path, "/teams/{resources.teams.id}/members");
  assert.equal(resource(result, "members").include_from_parent, ["id"]);
  assert.is(resource(result, "roles").endpoint.path, "/teams/{resources.members._teams_id}/members/{resources.members.id}/roles");
  assert.match(resource(result, "roles").$comment, /earlier path variables come from members's include_from_parent/);
});

test("no list endpoint at the prefix: the list of the same collection elsewhere is the parent", () => {
  const result = initOf({
    "/users/{user_gid}/teams": get({ type: "array", items: { type: "object", properties: { gid: { type: "string" } } } }, [
      { name: "org", in: "query", required: true, schema: { type: "string" } },
    ]),
    "/workspaces": listOf({ gid: { type: "string" } }),
    "/workspaces/{workspace_gid}/teams": listOf({ gid: { type: "string" } }),
    "/users": listOf({ gid: { type: "string" } }),
    "/teams/{team_gid}/projects": listOf({ gid: { type: "string" } }),
    "/issuing/transactions": listOf(id),
    "/tax/transactions/{transaction}/lines": listOf(id),
  });
  // The parent that runs without filling anything in wins; an unrelated collection is no parent.
  assert.is(resource(result, "projects").endpoint.path, "/teams/{resources.workspaces_teams.gid}/projects");
  assert.ok(!resources(result).some((r) => r.name === "lines"));
  assert.match(
    result.warnings.join("\n"),
    /\/tax\/transactions\/\{transaction\}\/lines: no list endpoint at \/tax\/transactions provides \{transaction\}: skipped/,
  );
});

test("no parent, or no field to fill the variable: warned and skipped, never guessed", () => {
  const result = initOf({
    "/orphans/{orphan_id}/items": listOf(id),
    "/boxes": listOf({ name: { type: "string" } }),
    "/boxes/{box_id}/items": listOf(id),
    "/boxes/{box_id}/items/{item_id}/parts": listOf(id),
    "/plain": listOf(id),
  });
  assert.equal(
    resources(result).map((r) => r.name),
    ["boxes", "plain"],
  );
  const warnings = result.warnings.join("\n");
  assert.match(warnings, /\/orphans\/\{orphan_id\}\/items: no list endpoint at \/orphans provides \{orphan_id\}: skipped/);
  assert.match(warnings, /\/boxes\/\{box_id\}\/items: no field of \/boxes's records provides \{box_id\} \(fields: name\): skipped/);
  assert.match(warnings, /\/boxes\/\{box_id\}\/items\/\{item_id\}\/parts: its parent \/boxes\/\{box_id\}\/items was skipped: skipped too/);
});

test.run();
