// Hostile specs and configs through the CLI (`gen-connector <spec>` and `gen-connector init <spec>`):
// a schema nested 50,000 deep and a billion-laughs YAML are exit 2 with the JSON pointer and the
// limit, never an internal error; a schema nested as deep as the limit allows still generates.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../../helpers/cli.ts";
import { billionLaughs } from "../../helpers/billion-laughs.ts";

const dir = mkdtempSync(join(tmpdir(), "gc-hostile-spec-"));

/** A spec whose one list endpoint returns items of schema X, an object nested `levels` objects deep. */
function deepSpec(levels: number): string {
  const nested = `${'{"type":"object","properties":{"id":{"type":"integer"},"child":'.repeat(levels)}{"type":"integer"}${"}}".repeat(levels)}`;
  const spec = {
    openapi: "3.1.0",
    info: { title: "Deep", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    paths: {
      "/items": {
        get: {
          operationId: "listItems",
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/X" } } } } },
          },
        },
      },
    },
    components: { schemas: { X: "@" } },
  };
  return JSON.stringify(spec).replace('"@"', nested);
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const DEEP_MESSAGE = `deep.json at /components/schemas/X${"/properties/child".repeat(6)}/properties/…: objects and arrays nested more than 256 levels deep`;

test("gen-connector <spec nested 50,000 deep>: exit 2 naming the pointer and the depth", async () => {
  const result = await runCli([file("deep.json", deepSpec(50_000)), "--out", join(dir, "out")]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, DEEP_MESSAGE);
  assert.not.match(result.stderr, /internal error|RangeError/);
});

test("gen-connector init <spec nested 50,000 deep>: exit 2 naming the pointer and the depth", async () => {
  const result = await runCli(["init", file("deep.json", deepSpec(50_000)), "--out", join(dir, "deep-config.json")]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, DEEP_MESSAGE);
  assert.not.match(result.stderr, /internal error|RangeError/);
});

test("gen-connector init <billion-laughs YAML>: exit 2 at once, naming where the aliases blow up", async () => {
  const result = await runCli([
    "init",
    file("laughs.yaml", billionLaughs("openapi: 3.1.0\ninfo: {title: L, version: '1'}\npaths: {}\n")),
    "--out",
    join(dir, "l.json"),
  ]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /laughs\.yaml at \/x-lol\/a5: YAML aliases expand the document to 12,345,679,\d+ nodes from the \d+ it is written with/);
});

test("gen-connector <billion-laughs YAML config>: exit 2", async () => {
  const result = await runCli([file("laughs-config.yaml", billionLaughs("name: laughs\n")), "--out", join(dir, "out")]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /laughs-config\.yaml: 1 problem\n {2}- \["x-lol"\]\.a5: YAML aliases expand the document/);
});

test("a schema nested 118 objects deep (248 levels of JSON, just within the limit) generates and inits", async () => {
  const spec = file("deep-ok.json", deepSpec(118));
  const generated = await runCli([spec, "--out", join(dir, "deep-ok")]);
  assert.is(generated.code, 0, generated.stderr);
  const init = await runCli(["init", spec, "--out", join(dir, "deep-ok-config.json")]);
  assert.is(init.code, 0, init.stderr);
});

test.run();
