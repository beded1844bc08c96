// `gen-connector init` as a user runs it: exit codes, the file, the report, a re-run (more in cli-merge.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../../helpers/cli.ts";

const SPEC = "configs/openapi/customer_support.yaml";

test("init writes a config that generates, reports on stderr; a re-run keeps edits, --force shows what it reverts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-init-"));
  const out = join(dir, "support.json");
  const first = await runCli(["init", SPEC, "--out", out]);
  assert.is(first.code, 0, first.stderr);
  assert.is(first.stdout, "");
  assert.match(first.stderr, "configs/openapi/customer_support.yaml (OpenAPI 3.1): 2 GET operations, 2 list endpoints\n");
  assert.match(first.stderr, "2 resources (1 children, 0 unselected); paginators: offset 2\n");
  assert.match(first.stderr, /wrote .*support\.json\n$/);
  const config = JSON.parse(readFileSync(out, "utf8"));
  assert.is(config.name, "customer_support");
  assert.is(config.openapi, relative(dir, join(ROOT, SPEC)));
  assert.equal(
    config.resources.map((r: { name: string }) => r.name),
    ["resource", "comments"],
  );

  const generated = await runCli([out, "--out", join(dir, "gen")]);
  assert.is(generated.code, 0, generated.stderr);

  config.resources[0].endpoint.paginator = { type: "single_page" };
  config.resources.push({ name: "extra", endpoint: { path: "/extra" } });
  writeFileSync(out, JSON.stringify(config));
  const again = await runCli(["init", SPEC, "--out", out, "--include", "/v1/resource"]);
  assert.is(again.code, 0, again.stderr);
  assert.equal(JSON.parse(readFileSync(out, "utf8")), config, "a re-run keeps the user's edits");
  assert.match(again.stderr, /exists: merged with the spec, your edits kept \(--force would overwrite them\)\n {2}nothing added\n/);
  assert.match(again.stderr, '  kept resource.endpoint.paginator {"type":"single_page"}; init derives {"type":"offset","limit":100}\n');
  assert.match(again.stderr, "warning: extra (GET /extra): not in the spec (gone from it, or added by hand): kept as it is\n");
  assert.match(again.stderr, /is up to date\n$/);
  const forced = await runCli(["init", SPEC, "--out", out, "--include", "/v1/resource", "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(
    forced.stderr,
    /changed:\n {2}- comments \("\/v1\/resource\/\{resources\.resource\.id\}\/comments"\)\n {2}- extra \("\/extra"\)\n {2}~ resource: paginator \{"type":"single_page"\} → \{"type":"offset","limit":100\}\n/,
  );
  const unchanged = await runCli(["init", SPEC, "--out", out, "--include", "/v1/resource", "--force"]);
  assert.match(unchanged.stderr, /changed:\n {2}no resource changes\n.* is up to date\n$/);
});

const failures: [string, string, RegExp][] = [
  [
    "swagger.yaml",
    "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n",
    /^error: invalid OpenAPI spec .*swagger\.yaml at \/swagger: Swagger "2\.0" \(OpenAPI 2\.0\) is not supported: convert it to OpenAPI 3 first/,
  ],
  ["broken.yaml", "openapi: 3.1.0\npaths:\n  /x: [\n", /^error: invalid OpenAPI spec .*broken\.yaml: not valid YAML: .*\(line \d+, column \d+\)/],
  ["ref.yaml", "openapi: 3.1.0\npaths:\n  /x:\n    $ref: '#/nowhere'\n", /^error: invalid OpenAPI spec .*ref\.yaml at \/paths\/~1x: broken \$ref "#\/nowhere"/],
  ["empty.yaml", "openapi: 3.1.0\npaths: {}\n", /^error: .*empty\.yaml: no list endpoints among its 0 GET operations; nothing to write/],
];

for (const [name, text, message] of failures) {
  test(`init ${name}: exit 2 with a clear message, nothing written`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "gc-init-bad-"));
    writeFileSync(join(dir, name), text);
    const result = await runCli(["init", join(dir, name), "--out", join(dir, "out.json")]);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.not.match(result.stderr, /internal error|at .*\.ts:\d+/);
  });
}

test("init usage errors exit 2", async () => {
  const none = await runCli(["init"]);
  assert.is(none.code, 2);
  assert.match(none.stderr, /init takes exactly one OpenAPI spec, got 0/);
  const missing = await runCli(["init", "no/such/spec.yaml"]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /no\/such\/spec\.yaml: cannot read the file: no such file/);
  const name = await runCli(["init", SPEC, "--name", "Bad Name", "--out", join(mkdtempSync(join(tmpdir(), "gc-init-")), "x.json")]);
  assert.is(name.code, 2);
  assert.match(name.stderr, /--name expects snake_case/);
});

test.run();
