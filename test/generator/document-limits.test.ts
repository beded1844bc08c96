// Limits on config and spec documents: nesting depth and YAML alias expansion ("billion laughs"),
// through the parsers that use them (spec text and config text), each a typed error with a pointer.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../runtime/errors.ts";
import { parseConfigText } from "../../generator/config/load.ts";
import { checkDocumentLimits, DocumentLimitError, MAX_DOCUMENT_DEPTH } from "../../generator/document-limits.ts";
import { SpecError } from "../../generator/openapi/spec/errors.ts";
import { parseSpecText } from "../../generator/openapi/spec/read.ts";
import { billionLaughs } from "../helpers/billion-laughs.ts";
import { rejection } from "../helpers/rejection.ts";

/** `{"a": {"a": … {} …}}` nested `levels` deep, as text (JSON.stringify itself recurses). */
function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;
}

const thrown = async (f: () => unknown) => rejection(Promise.resolve().then(f));

test("a billion-laughs YAML spec is refused at once, naming where the expansion passes the limit", async () => {
  const error = await thrown(() => parseSpecText(billionLaughs("openapi: 3.1.0\npaths: {}\n"), "laughs.yaml"));
  assert.instance(error, SpecError);
  assert.is(
    error.message,
    'invalid OpenAPI spec laughs.yaml at /x-lol/a5: YAML aliases expand the document to 12,345,679,014 nodes from the 24 it is written with, more than the limit of 1,000,000 or twice its own size (a "billion laughs" document?)',
  );
});

test("a billion-laughs YAML config is a ConfigError (exit 2) with the path", async () => {
  const error = await thrown(() => parseConfigText(billionLaughs("name: x\n"), "connector.yaml"));
  assert.instance(error, ConfigError);
  assert.is((error as ConfigError).exitCode, 2);
  assert.match(
    error.message,
    'invalid config connector.yaml: 1 problem\n  - ["x-lol"].a5: YAML aliases expand the document to 12,345,679,013 nodes from the 23 it is written with',
  );
});

test("an alias to a node that contains it (an infinite document) is refused", async () => {
  const error = await thrown(() => parseSpecText("openapi: 3.1.0\npaths:\n  /x: &loop\n    get: { x-again: *loop }\n", "loop.yaml"));
  assert.is(
    error.message,
    "invalid OpenAPI spec loop.yaml at /paths/~1x/get/x-again: a YAML alias refers to a node that contains it (the document would be infinite)",
  );
});

test("aliases that expand moderately (shared parameter blocks) pass; so does a big document without aliases", () => {
  const shared =
    "openapi: 3.1.0\nx-common: &common { in: query, schema: { type: integer } }\npaths:\n" +
    Array.from({ length: 200 }, (_, i) => `  /p${i}: { get: { parameters: [ { <<: *common, name: a }, *common ] } }\n`).join("");
  assert.ok(parseSpecText(shared, "shared.yaml"));
  checkDocumentLimits({ items: Array.from({ length: 300_000 }, (_, i) => ({ id: i, tags: ["a", "b"] })) });
});

test(`nesting: ${MAX_DOCUMENT_DEPTH} levels pass, one more is refused with the pointer (shortened) and the limit`, async () => {
  checkDocumentLimits(JSON.parse(nestedJson(MAX_DOCUMENT_DEPTH)));
  const error = await thrown(() => checkDocumentLimits(JSON.parse(nestedJson(MAX_DOCUMENT_DEPTH + 1))));
  assert.instance(error, DocumentLimitError);
  assert.is(error.message, `at ${"/a".repeat(16)}/…: objects and arrays nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
});

test("a JSON spec nested 50,000 deep is a SpecError, not a stack overflow; a YAML one is refused by the parser", async () => {
  const json = await thrown(() => parseSpecText(nestedJson(50_000), "deep.json"));
  assert.instance(json, SpecError);
  assert.match(json.message, `: objects and arrays nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
  const yaml = await thrown(() => parseSpecText(`x: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`, "deep.yaml"));
  assert.instance(yaml, SpecError);
  assert.match(yaml.message, `invalid OpenAPI spec deep.yaml: not valid YAML: nesting exceeded maxDepth (${MAX_DOCUMENT_DEPTH}) (line 1, column`);
});

test("a JSON config nested 50,000 deep is a ConfigError", async () => {
  const error = await thrown(() => parseConfigText(`{"name": "x", "client": {"headers": ${nestedJson(50_000)}}}`, "deep.json"));
  assert.instance(error, ConfigError);
  assert.match(error.message, `client.headers.a.a.a.a.a.a.a.a.a.a.a.a.a.a["…"]: objects and arrays nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
});

test.run();
