// What openapi-typescript cannot type on its own, made typeable, one hostile spec per case: `$ref`s
// into allOf/oneOf/anyOf members, properties of properties, array items and additionalProperties;
// `~0`/`~1` escapes, percent-encoding and names holding `%`; refs outside `components` (into a
// vendor extension, into another path's parameters and responses); discriminator mappings into
// another schema's members, by bare name, to nothing, and implicit ones over escaped names; a ref to
// what is no schema; schemas of the wrong shape. Each types.ts compiles under a plain `tsc --strict
// --module nodenext --moduleResolution nodenext` with a type-level check file that says its types
// are the spec's, and each fallback is a warning with its JSON pointer.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { generateConnector, type Generated } from "../../../../generator/generate.ts";
import { config, listing, modelOf, openapi, ref } from "../../connector-support.ts";
import { plainTscErrors } from "../../plain-tsc.ts";

const test = suite("openapi: types.ts where openapi-typescript cannot type the spec as written");

const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", required, properties });
const inner = (pointer: string) => ({ $ref: `#/components/schemas/${pointer}` });
const items = listing({ type: "array", items: ref("R") });

interface Case {
  readonly name: string;
  /** Components besides R. */
  readonly schemas: Record<string, unknown>;
  /** R's properties besides `id`. */
  readonly record: Record<string, unknown>;
  /** Paths besides `/items`, which lists R. */
  readonly paths?: Record<string, unknown>;
  /** Top-level keys besides the usual. */
  readonly extra?: Record<string, unknown>;
  /** Type-level checks (S is `components["schemas"]`, R its record). */
  readonly check: string;
  readonly warnings?: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: "an allOf member and properties of properties",
    schemas: {
      Base: {
        allOf: [
          object({ id: { type: "string" }, service: object({ summary: object({ text: { type: "string" } }, ["text"]) }) }, ["id"]),
          object({ kind: { type: "string" } }),
        ],
      },
    },
    record: { base: inner("Base/allOf/0"), summary: inner("Base/allOf/0/properties/service/properties/summary"), kind: inner("Base/allOf/1/properties/kind") },
    check: `export const base: R["base"] = { id: "b", service: { summary: { text: "t" } } };
// @ts-expect-error an allOf member keeps its property types
export const baseBad: R["base"] = { id: 1 };
export const hoisted: S["Base/allOf/0"] = { id: "b" };
// @ts-expect-error the hoisted member keeps its required properties
export const hoistedBad: S["Base/allOf/0"] = { service: {} };
export const summary: R["summary"] = { text: "t" };
// @ts-expect-error a property of a property keeps its type
export const summaryBad: R["summary"] = { text: 1 };
export const kind: R["kind"] = "k";`,
  },
  {
    name: "oneOf and anyOf members",
    schemas: {
      Choice: { oneOf: [object({ a: { type: "string" } }, ["a"]), object({ b: { type: "integer" } }, ["b"])] },
      Either: { anyOf: [object({ c: { type: "boolean" } }), object({ d: { type: "number" } })] },
    },
    record: { choice: inner("Choice/oneOf/1"), either: inner("Either/anyOf/0/properties/c") },
    check: `export const choice: R["choice"] = { b: 1 };
// @ts-expect-error a oneOf member is that member, not the union
export const choiceBad: R["choice"] = { a: "a" };
export const either: R["either"] = true;
// @ts-expect-error an anyOf member's property keeps its type
export const eitherBad: R["either"] = "yes";`,
  },
  {
    name: "array items and additionalProperties",
    schemas: {
      List: { type: "array", items: object({ x: { type: "string" } }, ["x"]) },
      Holder: object({
        list: { type: "array", items: object({ y: { type: "number" } }, ["y"]) },
        map: { type: "object", additionalProperties: object({ v: { type: "string" } }, ["v"]) },
      }),
      Dict: { type: "object", additionalProperties: object({ w: { type: "integer" } }, ["w"]) },
    },
    record: {
      item: inner("List/items"),
      y: inner("Holder/properties/list/items/properties/y"),
      entry: inner("Holder/properties/map/additionalProperties"),
      dictEntry: inner("Dict/additionalProperties"),
    },
    check: `export const item: R["item"] = { x: "x" };
// @ts-expect-error array items keep their type
export const itemBad: R["item"] = { x: 1 };
export const y: R["y"] = 1.5;
// @ts-expect-error items of a property keep their property types
export const yBad: R["y"] = "1";
export const entry: R["entry"] = { v: "v" };
// @ts-expect-error additionalProperties keep their type
export const entryBad: R["entry"] = { v: 1 };
export const dictEntry: R["dictEntry"] = { w: 1 };
// @ts-expect-error a component's additionalProperties keep their type
export const dictEntryBad: R["dictEntry"] = {};
export const hoisted: S["Holder/properties/map/additionalProperties"] = { v: "v" };`,
  },
  {
    name: "~0/~1 escapes and percent-encoding",
    schemas: {
      "a/b": object({ "c~d": object({ e: { type: "string" } }, ["e"]), "f/g": { type: "integer" } }),
      "My Thing": object({ "x y": { type: "boolean" } }),
    },
    record: {
      cd: inner("a~1b/properties/c~0d"),
      fg: inner("a~1b/properties/f~1g"),
      xy: inner("My%20Thing/properties/x%20y"),
      // `%7E1` is `~1` percent-encoded: the whole component `a/b`.
      whole: inner("a%7E1b"),
    },
    check: `export const cd: R["cd"] = { e: "e" };
// @ts-expect-error ~0 and ~1 escapes reach the right property
export const cdBad: R["cd"] = { e: 1 };
export const fg: R["fg"] = 1;
export const xy: R["xy"] = true;
// @ts-expect-error percent-encoding reaches the right property
export const xyBad: R["xy"] = "true";
export const whole: R["whole"] = { "c~d": { e: "e" }, "f/g": 1 };
// @ts-expect-error a whole component behind an encoded escape is that component
export const wholeBad: R["whole"] = { "f/g": "1" };
export const hoisted: S["a/b/properties/c~d"] = { e: "e" };`,
  },
  {
    name: "names holding a % that starts no percent-escape",
    schemas: { "100%": object({ "stats%": object({ "p%": { type: "number" } }, ["p%"]) }, ["stats%"]) },
    record: { pct: inner("100%25"), stats: inner("100%25/properties/stats%25") },
    paths: { "/items": { get: { ...(items["get"] as object), parameters: [{ name: "min%", in: "query", schema: { type: "integer" } }] } } },
    check: `export const pct: R["pct"] = { "stats%": { "p%": 1 } };
// @ts-expect-error names with % keep their types
export const pctBad: R["pct"] = { "stats%": { "p%": "1" } };
export const stats: S["100%/properties/stats%"] = { "p%": 2 };
export const min: NonNullable<paths["/items"]["get"]["parameters"]["query"]>["min%"] = 1;`,
  },
  {
    name: "a ref outside components (a vendor extension)",
    schemas: {},
    record: { foo: { $ref: "#/x-defs/Foo" } },
    extra: { "x-defs": { Foo: object({ z: { type: "string" } }, ["z"]) } },
    check: `export const foo: R["foo"] = { z: "z" };
// @ts-expect-error a schema outside components keeps its type
export const fooBad: R["foo"] = {};`,
  },
  {
    name: "a parameter and a response reused from another path (a bundler's output)",
    schemas: {},
    record: {},
    paths: {
      "/items": { get: { ...(items["get"] as object), parameters: [{ name: "q", in: "query", schema: { type: "string" } }] } },
      "/other": { get: { parameters: [{ $ref: "#/paths/~1items/get/parameters/0" }], responses: { "200": { $ref: "#/paths/~1items/get/responses/200" } } } },
    },
    check: `export const query: NonNullable<paths["/other"]["get"]["parameters"]["query"]> = { q: "x" };
// @ts-expect-error a parameter reused from another path keeps its type
export const queryBad: NonNullable<paths["/other"]["get"]["parameters"]["query"]> = { q: 1 };
export const rows: OtherResponse = [{ id: 1 }];
// @ts-expect-error a response reused from another path keeps its type
export const rowsBad: OtherResponse = [{ id: "1" }];`,
  },
  {
    name: "a discriminator mapping into another schema's oneOf members",
    schemas: {
      Animal: {
        oneOf: [
          object({ kind: { type: "string" }, meow: { type: "boolean" } }, ["kind"]),
          object({ kind: { type: "string" }, bark: { type: "boolean" } }, ["kind"]),
        ],
      },
      Pet: {
        oneOf: [inner("Animal/oneOf/0"), inner("Animal/oneOf/1")],
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Animal/oneOf/0", dog: "#/components/schemas/Animal/oneOf/1" } },
      },
    },
    record: { pet: ref("Pet") },
    check: `export const pet: S["Pet"] = { kind: "cat", meow: true };
export const dog: R["pet"] = { kind: "dog", bark: true };
// @ts-expect-error the mapping tags each member
export const petBad: S["Pet"] = { kind: "cat", meow: 1 };
// @ts-expect-error the tags are the mapping's
export const petTag: S["Pet"] = { kind: "Animal~1oneOf~10" };`,
  },
  {
    name: "a discriminator mapping by bare name and to nothing",
    schemas: {
      Cat: object({ kind: { type: "string" }, purr: { type: "boolean" } }, ["kind"]),
      Ghostly: { oneOf: [ref("Cat")], discriminator: { propertyName: "kind", mapping: { cat: "Cat", ghost: "#/components/schemas/Ghost" } } },
    },
    record: { ghost: ref("Ghostly") },
    check: `export const ghost: S["Ghostly"] = { kind: "cat", purr: true };
// @ts-expect-error a mapping by bare name tags the schema it names
export const ghostTag: S["Ghostly"] = { kind: "Cat" };`,
    warnings: ['#/components/schemas/Ghostly/discriminator/mapping/ghost: "#/components/schemas/Ghost" points at nothing; types.ts leaves that tag out'],
  },
  {
    name: "implicit discriminator tags over names the refs escape",
    schemas: {
      "ns/Tiger": object({ kind: { type: "string" }, stripes: { type: "integer" } }, ["kind"]),
      "Big Cat": object({ kind: { type: "string" }, roar: { type: "boolean" } }, ["kind"]),
      Feline: { oneOf: [{ $ref: "#/components/schemas/ns~1Tiger" }, { $ref: "#/components/schemas/Big%20Cat" }], discriminator: { propertyName: "kind" } },
    },
    record: { feline: ref("Feline") },
    check: `export const tiger: S["Feline"] = { kind: "ns/Tiger", stripes: 3 };
export const bigCat: R["feline"] = { kind: "Big Cat", roar: true };
// @ts-expect-error an implicit tag is the component's name, not its escaped ref
export const felineTag: S["Feline"] = { kind: "ns~1Tiger" };`,
  },
  {
    name: "schemas openapi-typescript cannot read (not objects, compositions and property maps of the wrong type)",
    schemas: {},
    record: {
      text: "string",
      nothing: null,
      composed: { allOf: { type: "string" } },
      members: { allOf: ["x", { type: "string" }] },
      list: { type: "array", items: "string" },
      map: { type: "object", properties: ["x"] },
    },
    check: `export const text: R["text"] = 123;
export const nothing: R["nothing"] = { any: "thing" };
export const members: R["members"] = "s";
export const list: R["list"] = [1, "2"];
// @ts-expect-error the schema around them keeps its types
export const idBad: R["id"] = "1";`,
    warnings: [
      "#/components/schemas/R/properties/composed/allOf: not a list of schemas (an object); types.ts leaves it out",
      "#/components/schemas/R/properties/list/items: not a schema (a string); types.ts types it unknown",
      "#/components/schemas/R/properties/map/properties: not a map of schemas (an array); types.ts leaves it out",
      "#/components/schemas/R/properties/members/allOf/0: not a schema (a string); types.ts types it unknown",
      "#/components/schemas/R/properties/nothing: not a schema (null); types.ts types it unknown",
      "#/components/schemas/R/properties/text: not a schema (a string); types.ts types it unknown",
    ],
  },
  {
    name: "a ref to what is no schema (a required list)",
    schemas: { Base: object({ id: { type: "string" } }, ["id"]) },
    record: { required: inner("Base/required") },
    check: `export const required: R["required"] = ["anything", 1];`,
    warnings: [
      '#/components/schemas/R/properties/required: $ref "#/components/schemas/Base/required" points at no schema (an array); types.ts types it unknown',
    ],
  },
];

function specOf(c: Case): Record<string, unknown> {
  const schemas = { ...c.schemas, R: object({ id: { type: "integer" }, ...c.record }, ["id"]) };
  return openapi({ "/items": items, ...c.paths }, schemas, { openapi: "3.0.3", ...c.extra });
}

function configOf(c: Case): string {
  return config(Object.keys({ "/items": items, ...c.paths }).map((path) => ({ name: path.slice(1), primary_key: "id", endpoint: { path } })));
}

const header = `import type { components, paths, ItemsResponse } from "./types.js";
type S = components["schemas"];
type R = S["R"];
export const record: R = { id: 1 };
export const response: ItemsResponse = [record];
export type Paths = paths;
`;

const generated = new Map<string, Generated | Error>();
let errors = new Map<string, string[]>();

test.before(() => {
  for (const c of CASES) {
    try {
      generated.set(c.name, generateConnector(modelOf(configOf(c), specOf(c)), { source: "t.json" }));
    } catch (error) {
      generated.set(c.name, error as Error);
    }
  }
  const compiled = CASES.filter((c) => !(generated.get(c.name) instanceof Error));
  const sets = compiled.map((c) => {
    const types = (generated.get(c.name) as Generated).files.find((f) => f.path === "types.ts")!.content;
    const otherImport = c.paths?.["/other"] === undefined ? "" : `import type { OtherResponse } from "./types.js";\n`;
    return { "types.ts": types, "check.ts": `${otherImport}${header}${c.check}\n` };
  });
  const all = plainTscErrors(sets);
  // plainTscErrors names each set's directory in its lines; one program, so errors are split by set.
  errors = new Map(compiled.map((c, i) => [c.name, all.filter((line) => line.startsWith(`set${i}/`))]));
});

for (const c of CASES) {
  test(`${c.name}: generates, compiles under plain strict tsc with its type checks, and warns where it falls back`, () => {
    const result = generated.get(c.name);
    if (result === undefined || result instanceof Error) assert.unreachable(`generation failed: ${result?.message ?? "not run"}`);
    else {
      assert.equal(errors.get(c.name), []);
      assert.equal(
        result.warnings.filter((w) => w.includes("types.ts")),
        c.warnings ?? [],
      );
    }
  });
}

test("generating twice from one loaded spec gives the same files (typing the spec does not change it)", () => {
  for (const c of CASES.filter((x) => x.name.includes("discriminator"))) {
    const model = modelOf(configOf(c), specOf(c));
    const first = generateConnector(model, { source: "t.json" });
    assert.equal(generateConnector(model, { source: "t.json" }).files, first.files, c.name);
  }
});

test.run();
