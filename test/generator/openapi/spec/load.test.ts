// Loading specs: versions, JSON/YAML, YAML integer keys, and every kind of bad input as a SpecError
// saying what, where (file + JSON pointer) and what was found.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../../runtime/errors.ts";
import { operations, successResponse } from "../../../../generator/openapi/spec/index.ts";
import { doc, loadFiles, specError, type Files } from "./support.ts";

const yaml31 = `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /pets:
    get:
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: object } }
`;

const loads: [string, Files, string | undefined, "3.0" | "3.1"][] = [
  ["3.0 as JSON", { "openapi.json": doc() }, "openapi.json", "3.0"],
  ["3.1 as YAML", { "openapi.yaml": yaml31 }, undefined, "3.1"],
  ["3.0.0 without a patch-level surprise", { "openapi.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n" }, undefined, "3.0"],
  ["JSON content in a .yaml file", { "openapi.yaml": JSON.stringify(doc({}, { openapi: "3.1.1" })) }, undefined, "3.1"],
];

for (const [name, files, root, version] of loads) {
  test(`loads ${name}`, () => {
    const spec = loadFiles(files, root);
    assert.is(spec.version, version);
    assert.is(spec.source, root ?? "openapi.yaml");
  });
}

test("unquoted YAML status codes become string keys", () => {
  const spec = loadFiles({ "openapi.yaml": yaml31 });
  const [op] = operations(spec);
  assert.ok(op);
  assert.equal(Object.keys(op.operation.responses as object), ["200"]);
  assert.is(successResponse(spec, op)?.status, "200");
});

const failures: [string, Files, RegExp, string][] = [
  [
    "Swagger 2.0",
    { "openapi.yaml": "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n" },
    /Swagger "2\.0" \(OpenAPI 2\.0\) is not supported: convert it .*swagger2openapi/,
    "/swagger",
  ],
  [
    "a document without openapi",
    { "openapi.yaml": "title: hello\nitems: [1, 2]\n" },
    /not an OpenAPI document: no "openapi" version key, found an object with keys "title", "items"/,
    "",
  ],
  ["a YAML list", { "openapi.yaml": "- 1\n- 2\n" }, /not an OpenAPI document: expected an object .* found an array of 2/, ""],
  [
    "an unsupported version",
    { "openapi.yaml": "openapi: 4.0.0\npaths: {}\n" },
    /unsupported OpenAPI version "4\.0\.0": expected "3\.0\.x" or "3\.1\.x"/,
    "/openapi",
  ],
  ["a numeric version", { "openapi.yaml": "openapi: 3.0\npaths: {}\n" }, /unsupported OpenAPI version 3/, "/openapi"],
  [
    "missing paths",
    { "openapi.yaml": "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n" },
    /expected a "paths" object, found nothing|found undefined/,
    "/paths",
  ],
  ["paths as a list", { "openapi.yaml": "openapi: 3.1.0\npaths: [1]\n" }, /expected a "paths" object, found an array of 1/, "/paths"],
  ["a YAML syntax error", { "openapi.yaml": "openapi: 3.1.0\npaths:\n  /x: {get: [\n" }, /not valid YAML: .*\(line \d+, column \d+\)/, ""],
  ["duplicate YAML keys", { "openapi.yaml": "openapi: 3.1.0\nopenapi: 3.0.0\npaths: {}\n" }, /not valid YAML: duplicated mapping key \(line 2, column 1\)/, ""],
  ["a JSON syntax error", { "openapi.json": '{\n  "openapi": "3.0.0",\n  "paths": {,}\n}' }, /not valid JSON: .*\(line 3, column \d+\)/, ""],
  ["a missing file", {}, /cannot read the file: no such file/, ""],
];

for (const [name, files, message, pointer] of failures) {
  test(`refuses ${name} with a SpecError (exit 2)`, () => {
    const root = Object.keys(files)[0] ?? "openapi.yaml";
    const error = specError(() => loadFiles(files, root));
    assert.ok(error instanceof ConfigError, "a ConfigError, so the CLI exits 2");
    assert.is(error.exitCode, 2);
    assert.match(error.message, message);
    assert.match(error.message, new RegExp(`^invalid OpenAPI spec ${root}`));
    assert.is(error.pointer, pointer);
    assert.is(error.file, root);
  });
}

test.run();
