// generated/openapi_hostile (from configs/openapi/hostile.yaml: quotes, backticks, `*/`, `${}`,
// newlines and regex slashes in names, enums, paths, descriptions): nothing from the spec became
// code, importing it has no side effect, and property names and enum values round-trip exactly.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { generate } from "./pipeline.ts";
import { readSpec } from "../../generator/cli/read-spec.ts";
import { createSelector } from "../../runtime/select/records.ts";
import { writeConnector } from "./connector-support.ts";

const test = suite("openapi: hostile spec connector");
const root = new URL("../../", import.meta.url);
const dir = new URL("generated/openapi_hostile/", root);
const STATES = ['a"b', "c'd", "`e`", "${f}", "*/", "line\nbreak", "\\", "/^x$/"];
const ALLOWED = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
]);

test("every generated file is declarations only: no spec text escaped a string or a comment", () => {
  for (const file of readdirSync(dir)) {
    const source = ts.createSourceFile(file, readFileSync(new URL(file, dir), "utf8"), ts.ScriptTarget.ES2022, true);
    const odd = source.statements.filter((s) => !ALLOWED.has(s.kind)).map((s) => s.getText().slice(0, 80));
    assert.equal(odd, [], file);
  }
});

test("importing the connector runs nothing from the spec; names and paths arrive as data", async () => {
  const index = (await import("../../generated/openapi_hostile/index.ts")) as typeof import("../../generated/openapi_hostile/index.ts");
  const client = (await import("../../generated/openapi_hostile/client.ts")) as typeof import("../../generated/openapi_hostile/client.ts");
  assert.equal(
    index.connector.resources.map((r) => r.name),
    ["tickets", "notes", "odd", "enums"],
  );
  assert.is(client.endpoints.odd.path, "/odd/'quoted'/\"double\"/`tick`/$dollar/*/end");
  const select = createSelector(client.endpoints.odd.dataSelector);
  assert.equal(select({ 'it\'ems "x" */': [{ id: 1 }], _links: {} }), [{ id: 1 }], "the implied quoted selector selects the spec's key");
});

test("hostile property names and enum values round-trip through the record schemas", async () => {
  const schema = (await import("../../generated/openapi_hostile/schema.ts")) as unknown as Record<string, z.ZodType>;
  const ticket = { id: 1, 'subject "quoted"': "x */ `y` ${z}", status: "close ${x}", "weird-key.with.dots": "w", "": "empty" };
  assert.equal(schema["ticketsSchema"]!.parse(ticket), ticket);
  for (const state of STATES) assert.equal(schema["enumsSchema"]!.parse({ id: 7, state, class: "c", default: 1 }), { id: 7, state, class: "c", default: 1 });
  assert.equal(schema["notesSchema"]!.parse({ id: "n", "text */ ${x}": "t" }), { id: "n", "text */ ${x}": "t" });
  assert.equal(JSON.stringify(schema["oddSchema"]!.parse({ id: 1 })), '{"id":1}', "an absent `constructor` is absent");
});

test("strict mode: the hostile enum is closed and accepts exactly its values", async () => {
  const source = "configs/openapi_hostile.json";
  const text = JSON.stringify({ ...JSON.parse(readFileSync(new URL(source, root), "utf8")), openapi_mode: "strict" });
  const files = Object.fromEntries(generate(text, { source, loadSpec: readSpec }).map((f) => [f.path, f.content]));
  const out = writeConnector("hostile-strict", files);
  try {
    const schema = (await import(pathToFileURL(join(out, "schema.ts")).href)) as Record<string, z.ZodType>;
    for (const state of STATES) assert.ok(schema["enumsSchema"]!.safeParse({ id: 1, state }).success, JSON.stringify(state));
    for (const other of ["ab", "*\\/", "line break", "${g}"]) assert.not.ok(schema["enumsSchema"]!.safeParse({ id: 1, state: other }).success, other);
    assert.ok(schema["ticketsSchema"]!.safeParse({ id: 1, status: "pend`ing`" }).success);
    assert.not.ok(schema["ticketsSchema"]!.safeParse({ id: 1, status: "pending" }).success);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
