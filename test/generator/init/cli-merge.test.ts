// `gen-connector init` over an existing config, as a user runs it from their project (gen-connector in
// node_modules): edits survive a re-run, new endpoints come only with --include, --force overwrites,
// unsafe merges are refused, and `$schema` resolves from the project.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../../helpers/cli.ts";
import { envelope, get, type Json } from "./support.ts";

const ticketId = { name: "ticket_id", in: "path", required: true, schema: { type: "string" } };
const V1 = {
  "/tickets": get(envelope({})),
  "/tickets/{ticket_id}/comments": get(envelope({}), [ticketId]),
  "/users": get(envelope({})),
  "/stats": get({ type: "object", properties: { open: { type: "integer" } } }),
};
const V2 = { ...V1, "/tags": get(envelope({})) };

function specText(paths: object, title = "Help Desk"): string {
  return JSON.stringify({ openapi: "3.0.3", info: { title, version: "1" }, servers: [{ url: "https://api.example.com" }], paths });
}

/** A throwaway project with gen-connector installed (node_modules/gen-connector → this repo) and the v1 spec. */
function userProject() {
  const dir = mkdtempSync(join(tmpdir(), "gc-init-merge-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "gen-connector"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "name": "user-project", "type": "module" }\n');
  writeFileSync(join(dir, "openapi.json"), specText(V1));
  const bin = join(dir, "node_modules/gen-connector/bin/gen-connector.js");
  return { dir, run: (args: string[]) => runCli(args, { cwd: dir, bin }), read: (file: string) => readFileSync(join(dir, file), "utf8") };
}

/** Rename the connector and a resource, edit a paginator, remove a resource, add one by hand. */
function edit(config: Json): Json {
  config.name = "helpdesk";
  const tickets = config.resources.find((r: Json) => r.name === "tickets");
  tickets.name = "issues";
  tickets.endpoint.paginator = { type: "offset", limit: 25 };
  const comments = config.resources.find((r: Json) => r.name === "comments");
  comments.endpoint.path = "/tickets/{resources.issues.id}/comments";
  config.resources = config.resources.filter((r: Json) => r.name !== "users");
  config.resources.push({ name: "stats", endpoint: { path: "/stats", data_selector: "$", paginator: "single_page" } });
  return config;
}

test("re-running init keeps every edit and says so; a new operation is added only with --include; --force overwrites", async () => {
  const p = userProject();
  const first = await p.run(["init", "openapi.json", "--out", "configs/helpdesk.json"]);
  assert.is(first.code, 0, first.stderr);
  const derived = JSON.parse(p.read("configs/helpdesk.json"));
  assert.is(derived.$schema, "../node_modules/gen-connector/generated/config.schema.json");
  assert.ok(existsSync(resolve(p.dir, "configs", derived.$schema)), "the $schema resolves from the project");
  assert.equal(
    derived.resources.map((r: Json) => r.name),
    ["tickets", "comments", "users"],
  );

  const mine = `${JSON.stringify(edit(derived), null, 2)}\n`;
  writeFileSync(join(p.dir, "configs/helpdesk.json"), mine);
  const again = await p.run(["init", "openapi.json", "--out", "configs/helpdesk.json"]);
  assert.is(again.code, 0, again.stderr);
  assert.is(p.read("configs/helpdesk.json"), mine, "the file is left exactly as the user wrote it");
  assert.match(again.stderr, "configs/helpdesk.json exists: merged with the spec, your edits kept (--force would overwrite them)\n  nothing added\n");
  assert.match(again.stderr, '  kept name "helpdesk"; init derives "help_desk"\n');
  assert.match(again.stderr, "  kept issues (GET /tickets); init names it tickets\n");
  assert.match(again.stderr, '  kept issues.endpoint.paginator {"type":"offset","limit":25}; init derives {"type":"single_page"}\n');
  assert.match(
    again.stderr,
    /not added: list endpoints in the spec but not in configs\/helpdesk\.json \(new, or removed by you\); --include adds them:\n {4}users \(GET \/users\)\n/,
  );
  assert.match(again.stderr, /configs\/helpdesk\.json is up to date\n$/);
  const generated = await p.run(["configs/helpdesk.json", "--out", "gen"]);
  assert.is(generated.code, 0, generated.stderr);

  writeFileSync(join(p.dir, "openapi.json"), specText(V2));
  const listed = await p.run(["init", "openapi.json", "--out", "configs/helpdesk.json"]);
  assert.is(listed.code, 0, listed.stderr);
  assert.is(p.read("configs/helpdesk.json"), mine);
  assert.match(listed.stderr, /\n {4}tags \(GET \/tags\)\n {4}users \(GET \/users\)\n/);
  const added = await p.run(["init", "openapi.json", "--out", "configs/helpdesk.json", "--include", "/tags"]);
  assert.is(added.code, 0, added.stderr);
  assert.match(added.stderr, "  + tags (GET /tags)\n");
  const merged = JSON.parse(p.read("configs/helpdesk.json"));
  assert.equal(merged.resources.slice(0, -1), JSON.parse(mine).resources);
  assert.equal(
    merged.resources.map((r: Json) => r.name),
    ["issues", "comments", "stats", "tags"],
  );
  assert.is(merged.name, "helpdesk");

  const forced = await p.run(["init", "openapi.json", "--out", "configs/helpdesk.json", "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, 'configs/helpdesk.json: replaced by the derived config (--force); what changed:\n  ~ name: "helpdesk" → "help_desk"\n');
  assert.match(forced.stderr, '  - issues ("/tickets")\n');
  const fresh = await p.run(["init", "openapi.json", "--out", "configs/fresh.json"]);
  assert.is(fresh.code, 0, fresh.stderr);
  assert.is(p.read("configs/helpdesk.json"), p.read("configs/fresh.json"));
});

test("a YAML config: the yaml-language-server line is written and kept; a rewrite that would drop # comments is refused", async () => {
  const p = userProject();
  const first = await p.run(["init", "openapi.json", "--out", "helpdesk.yaml"]);
  assert.is(first.code, 0, first.stderr);
  const text = p.read("helpdesk.yaml");
  assert.ok(text.startsWith("# yaml-language-server: $schema=./node_modules/gen-connector/generated/config.schema.json\n"), text);
  assert.ok(existsSync(join(p.dir, "node_modules/gen-connector/generated/config.schema.json")));
  assert.not.match(text, /^\$schema:/m);

  const mine = text.replace("name: help_desk", "name: helpdesk");
  writeFileSync(join(p.dir, "helpdesk.yaml"), mine);
  writeFileSync(join(p.dir, "openapi.json"), specText(V2));
  const added = await p.run(["init", "openapi.json", "--out", "helpdesk.yaml", "--include", "/tags"]);
  assert.is(added.code, 0, added.stderr);
  const merged = p.read("helpdesk.yaml");
  assert.ok(merged.startsWith("# yaml-language-server: $schema=./node_modules/gen-connector/generated/config.schema.json\n"), merged);
  assert.match(merged, /^name: helpdesk$/m);
  assert.match(merged, /^ {2}- \$comment: "Added by a re-run of gen-connector init; GET \/tags/m);

  const commented = merged.replace("name: helpdesk", "name: helpdesk # our name for it");
  writeFileSync(join(p.dir, "helpdesk.yaml"), commented.replace(/\n {2}- \$comment: "Added by a re-run[\s\S]*$/, "\n"));
  const before = p.read("helpdesk.yaml");
  const refused = await p.run(["init", "openapi.json", "--out", "helpdesk.yaml", "--include", "/tags"]);
  assert.is(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /error: helpdesk\.yaml was left unchanged: it has # comments \(line \d+\) that rewriting the YAML would drop/);
  assert.match(refused.stderr, '  + tags (GET /tags)\nAdd these under resources: by hand to keep your comments:\n  - $comment: "Added by a re-run');
  assert.is(p.read("helpdesk.yaml"), before);
  const unchanged = await p.run(["init", "openapi.json", "--out", "helpdesk.yaml"]);
  assert.is(unchanged.code, 0, unchanged.stderr);
  assert.is(p.read("helpdesk.yaml"), before, "nothing to add: the commented file is left as it is");
});

test("a config that does not parse, comes from another spec, or would not validate merged is left unchanged (exit 2) unless --force", async () => {
  const p = userProject();
  writeFileSync(join(p.dir, "broken.json"), '{ "name": "x", ');
  const broken = await p.run(["init", "openapi.json", "--out", "broken.json"]);
  assert.is(broken.code, 2, broken.stderr);
  assert.match(broken.stderr, /error: broken\.json was left unchanged: it does not parse \(not valid JSON: .*\); fix it and re-run\nWhat --force would change/);
  assert.is(p.read("broken.json"), '{ "name": "x", ');
  const forced = await p.run(["init", "openapi.json", "--out", "broken.json", "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(JSON.parse(p.read("broken.json")).name, "help_desk");

  writeFileSync(join(p.dir, "other.json"), specText({ "/things": get(envelope({})) }, "Other"));
  const other = await p.run(["init", "other.json", "--out", "broken.json"]);
  assert.is(other.code, 2, other.stderr);
  assert.match(other.stderr, 'error: broken.json was left unchanged: it was derived from openapi.json (its "openapi"), not other.json');
  assert.match(other.stderr, '  ~ name: "help_desk" → "other"\n  + things ("/things")\n');
  assert.is(JSON.parse(p.read("broken.json")).name, "help_desk");

  const config = JSON.parse(p.read("broken.json"));
  config.resources[0].table_name = "tags"; // the user's tickets load into a table the new /tags resource would need
  writeFileSync(join(p.dir, "broken.json"), JSON.stringify(config));
  writeFileSync(join(p.dir, "openapi.json"), specText(V2));
  const clash = await p.run(["init", "openapi.json", "--out", "broken.json", "--include", "/tags"]);
  assert.is(clash.code, 2, clash.stderr);
  assert.match(
    clash.stderr,
    'error: broken.json was left unchanged: the merged config would not validate\n  - resources[3].table_name: table "tags" is already used by resources[0]\n',
  );
  assert.equal(JSON.parse(p.read("broken.json")), config);
});

test("run from outside the project (npx, a global install): $schema points where a local install puts it, with a note", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-init-global-"));
  writeFileSync(join(dir, "package.json"), "{}\n");
  writeFileSync(join(dir, "openapi.json"), specText(V1));
  const result = await runCli(["init", "openapi.json", "--out", "connectors/helpdesk.json"], { cwd: dir });
  assert.is(result.code, 0, result.stderr);
  const config = JSON.parse(readFileSync(join(dir, "connectors/helpdesk.json"), "utf8"));
  assert.is(config.$schema, "../node_modules/gen-connector/generated/config.schema.json");
  assert.match(
    result.stderr,
    "note: $schema: ../node_modules/gen-connector/generated/config.schema.json does not exist yet: `npm install --save-dev gen-connector` in . provides it",
  );
});

test.run();
