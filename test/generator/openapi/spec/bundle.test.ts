// Bundling local file refs into one document; remote, broken and recursive refs as SpecErrors.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { deref, loadSpec, resolveRef } from "../../../../generator/openapi/spec/index.ts";
import { doc, loadFiles, specError } from "./support.ts";

const listOf = (ref: string) => ({
  get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: ref } } } } } } },
});
const itemsRef = (spec: ReturnType<typeof loadFiles>, path = "/t") =>
  ((spec.document.paths[path] as any).get.responses["200"].content["application/json"].schema.items as { $ref: string }).$ref; // any: digging into parsed JSON

test("an external component is hoisted into components under its own name, with its own refs", () => {
  const spec = loadFiles({
    "openapi.yaml": doc({ "/t": listOf("./components.yaml#/components/schemas/Ticket") }),
    "components.yaml":
      "components:\n  schemas:\n    Ticket:\n      type: object\n      properties:\n        tags: { type: array, items: { $ref: '#/components/schemas/Tag' } }\n    Tag: { type: string }\n",
  });
  assert.is(itemsRef(spec), "#/components/schemas/Ticket");
  const ticket = resolveRef(spec, "#/components/schemas/Ticket") as any; // any: parsed JSON
  assert.equal(ticket.properties.tags.items, { $ref: "#/components/schemas/Tag" });
  assert.equal(resolveRef(spec, "#/components/schemas/Tag"), { type: "string" });
  assert.equal(spec.files, ["openapi.yaml", "components.yaml"]);
});

test("a name already used by the root gets a suffix; a root component that only points there keeps the name", () => {
  const spec = loadFiles({
    "openapi.yaml": doc(
      { "/t": listOf("./other.yaml#/components/schemas/Ticket"), "/u": listOf("#/components/schemas/User") },
      { components: { schemas: { Ticket: { type: "object", description: "root" }, User: { $ref: "./other.yaml#/components/schemas/User" } } } },
    ),
    "other.yaml": { components: { schemas: { Ticket: { type: "object", description: "other" }, User: { type: "object", description: "user" } } } },
  });
  assert.is(itemsRef(spec), "#/components/schemas/Ticket_2");
  assert.is((resolveRef(spec, "#/components/schemas/Ticket") as any).description, "root"); // any: parsed JSON
  assert.is((resolveRef(spec, "#/components/schemas/Ticket_2") as any).description, "other"); // any: parsed JSON
  assert.equal(resolveRef(spec, "#/components/schemas/User"), { type: "object", description: "user" });
  assert.is(itemsRef(spec, "/u"), "#/components/schemas/User");
});

test("a whole-file ref is inlined; refs back into the root stay local; cycles through components end", () => {
  const spec = loadFiles({
    "openapi.yaml": doc({ "/t": listOf("./schemas/pet.yaml") }, { components: { schemas: { Owner: { type: "object" } } } }),
    "schemas/pet.yaml":
      "type: object\nproperties:\n  owner: { $ref: '../openapi.yaml#/components/schemas/Owner' }\n  parent: { $ref: './tree.yaml#/components/schemas/Node' }\n",
    "schemas/tree.yaml": "components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        child: { $ref: '#/components/schemas/Node' }\n",
  });
  const items = (spec.document.paths["/t"] as any).get.responses["200"].content["application/json"].schema.items; // any: parsed JSON
  assert.equal(items.properties.owner, { $ref: "#/components/schemas/Owner" });
  assert.equal(items.properties.parent, { $ref: "#/components/schemas/Node" });
  assert.equal((resolveRef(spec, "#/components/schemas/Node") as any).properties.child, { $ref: "#/components/schemas/Node" }); // any: parsed JSON
});

test("deref follows chains and reports a loop; resolveRef names the missing pointer", () => {
  const spec = loadFiles({
    "openapi.yaml": doc(
      {},
      {
        components: {
          schemas: {
            A: { $ref: "#/components/schemas/B" },
            B: { type: "integer" },
            L: { $ref: "#/components/schemas/M" },
            M: { $ref: "#/components/schemas/L" },
          },
        },
      },
    ),
  });
  assert.equal(deref(spec, { $ref: "#/components/schemas/A" }), { type: "integer" });
  assert.match(specError(() => deref(spec, { $ref: "#/components/schemas/L" })).message, /refers to itself/);
  const missing = specError(() => resolveRef(spec, "#/components/schemas/Nope"));
  assert.is(missing.pointer, "/components/schemas/Nope");
});

test("example values are data: a literal $ref inside one is not followed", () => {
  const spec = loadFiles({
    "openapi.yaml": doc(
      {},
      { components: { schemas: { A: { type: "object", example: { $ref: "#/nowhere" }, properties: { example: { type: "string" } } } } } },
    ),
  });
  assert.equal((resolveRef(spec, "#/components/schemas/A") as any).example, { $ref: "#/nowhere" }); // any: parsed JSON
});

test("pointer escapes survive bundling: ~0, ~1 and percent-encoding", () => {
  const components = { schemas: { "a/b~c": { type: "object" }, "50%": { type: "object" } } };
  const spec = loadFiles({ "openapi.yaml": doc({ "/t": listOf("#/components/schemas/a~1b~0c"), "/u": listOf("#/components/schemas/50%25") }, { components }) });
  assert.equal(deref(spec, { $ref: itemsRef(spec) }), { type: "object" });
  assert.equal(deref(spec, { $ref: itemsRef(spec, "/u") }), { type: "object" });
  assert.is(itemsRef(spec, "/u"), "#/components/schemas/50%25");
});

test("a __proto__ property name stays an own property (YAML and JSON)", () => {
  for (const [name, text] of [
    ["openapi.yaml", "openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        __proto__: { type: string }\n"],
    ["openapi.json", '{"openapi":"3.1.0","paths":{},"components":{"schemas":{"A":{"properties":{"__proto__":{"type":"string"}}}}}}'],
  ] as const) {
    const spec = loadFiles({ [name]: text }, name);
    const props = (resolveRef(spec, "#/components/schemas/A") as { properties: object }).properties;
    assert.equal(Object.keys(props), ["__proto__"], name);
    assert.is(Object.getPrototypeOf(props), Object.prototype, name);
  }
});

const bad: [string, Record<string, string | object>, RegExp, string, string][] = [
  [
    "a broken local ref",
    { "openapi.yaml": doc({ "/t": listOf("#/components/schemas/Nope") }) },
    /broken \$ref "#\/components\/schemas\/Nope": openapi\.yaml has nothing at \/components\/schemas\/Nope/,
    "openapi.yaml",
    "/paths/~1t/get/responses/200/content/application~1json/schema/items",
  ],
  [
    "a broken ref in another file",
    {
      "openapi.yaml": doc({ "/t": listOf("./c.yaml#/components/schemas/T") }),
      "c.yaml": "components:\n  schemas:\n    T: { $ref: '#/components/schemas/Gone' }\n",
    },
    /broken \$ref "#\/components\/schemas\/Gone": c\.yaml has nothing/,
    "c.yaml",
    "/components/schemas/T",
  ],
  ["a missing referenced file", { "openapi.yaml": doc({ "/t": listOf("./missing.yaml#/X") }) }, /missing\.yaml.*no such file/, "missing.yaml", ""],
  [
    "a remote ref",
    { "openapi.yaml": doc({ "/t": listOf("https://example.com/schemas.yaml#/Pet") }) },
    /remote \$ref "https:\/\/example\.com\/schemas\.yaml#\/Pet" refused: only local files are read/,
    "openapi.yaml",
    "/paths/~1t/get/responses/200/content/application~1json/schema/items",
  ],
  [
    "a protocol-relative ref",
    { "openapi.yaml": doc({ "/t": listOf("//example.com/x.yaml") }) },
    /remote \$ref/,
    "openapi.yaml",
    "/paths/~1t/get/responses/200/content/application~1json/schema/items",
  ],
  [
    "an anchor ref",
    { "openapi.yaml": doc({ "/t": listOf("#Pet") }) },
    /"Pet" is not a JSON pointer/,
    "openapi.yaml",
    "/paths/~1t/get/responses/200/content/application~1json/schema/items",
  ],
  [
    "a recursive whole-file ref",
    { "openapi.yaml": doc({ "/t": listOf("./loop.yaml") }), "loop.yaml": "type: object\nproperties:\n  self: { $ref: './loop.yaml' }\n" },
    /is recursive and not under components/,
    "loop.yaml",
    "/properties/self",
  ],
];

for (const [name, files, message, file, pointer] of bad) {
  test(`refuses ${name}, naming the ref and where it is used`, () => {
    const error = specError(() => loadFiles(files));
    assert.match(error.message, message);
    assert.is(error.file, file);
    assert.is(error.pointer, pointer);
  });
}

test("loadSpec reads relative refs from disk next to the root file", () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-spec-"));
  mkdirSync(join(dir, "parts"));
  writeFileSync(
    join(dir, "api.yaml"),
    `openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths:\n  /t:\n    get:\n      responses:\n        200:\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "./parts/t.yaml#/components/schemas/T" }\n`,
  );
  writeFileSync(join(dir, "parts", "t.yaml"), "components:\n  schemas:\n    T: { type: array, items: { type: object } }\n");
  const spec = loadSpec(join(dir, "api.yaml"), { display: (p) => p.slice(dir.length + 1) });
  assert.equal(resolveRef(spec, "#/components/schemas/T"), { type: "array", items: { type: "object" } });
  assert.equal(spec.files, ["api.yaml", "parts/t.yaml"]);
});

test.run();
